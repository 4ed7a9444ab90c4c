// Analysts' labels: verdicts on accounts and clusters, kept in the same LMDB environment as
// the account store (opened with the other detection tables by DetectionStore). Detection reads
// them as feedback (graph/detection); ringd and ringctl write them. Named database:
//   labels           "account:NAME" or "cluster:ID" -> label (at, verdict size, verdict, note)
//
// Thread safety: as AccountStore — one writer at a time, reads from any thread.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "graph/common/status.h"
#include "graph/common/types.h"
#include "graph/store/account_store.h"

namespace ringgraph::store {

inline constexpr std::size_t kMaxLabelNoteBytes = 4096;

struct Label {
  std::string target;   // "account:NAME" or "cluster:ID"
  std::string verdict;  // "ring" or "benign"
  std::string note;
  UnixSeconds at = 0;
};

// The one check of analysts' labels, whoever sends them (ringd's label call, ringctl label):
// the verdict is "ring" or "benign", the note at most kMaxLabelNoteBytes, the target
// "cluster:<number>" or "account:<non-empty name>". It does not look in the store: whether the
// account exists is PutLabels' to say. The first bad label fails with kInvalidArgument, named
// "label" when there is one and "label N" (1-based) when there are several.
Status ValidateLabels(std::span<const Label> labels);

struct DetectionTables;  // store_tables.h
class DetectionStore;

// Owns nothing but references, to the account store and the DetectionStore's table handles.
class LabelStore {
 public:
  LabelStore(const LabelStore&) = delete;
  LabelStore& operator=(const LabelStore&) = delete;

  // Stores analysts' labels in one transaction. The labels are checked first (ValidateLabels),
  // and an "account:<name>" target must name an account in the store. The first bad label
  // refuses the whole call (kInvalidArgument, or kNotFound for an unknown account) with its
  // position, and nothing is stored. A label for a target that has one replaces it. With
  // `mark`, a stream consumer's position is stored in the same transaction as the labels.
  Status PutLabels(std::span<const Label> labels, const StreamMark* mark = nullptr);
  Status PutLabel(const Label& label, const StreamMark* mark = nullptr) {
    return PutLabels({&label, 1}, mark);
  }
  // The checks PutLabels makes, without writing: ValidateLabels, then that every
  // "account:<name>" target names an account in the store.
  Status CheckLabels(std::span<const Label> labels) const;
  Result<std::optional<Label>> GetLabel(const std::string& target) const;
  Status ForEachLabel(const std::function<Status(const Label&)>& fn) const;

 private:
  friend class DetectionStore;
  LabelStore(AccountStore& store, const DetectionTables& tables) : store_(store), tables_(tables) {}

  AccountStore& store_;
  const DetectionTables& tables_;
};

}  // namespace ringgraph::store
