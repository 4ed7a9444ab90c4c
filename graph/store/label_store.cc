// Analysts' labels in LMDB. See label_store.h.
#include "graph/store/label_store.h"

#include <cstring>

#include "graph/store/store_layout.h"
#include "graph/store/store_tables.h"

namespace ringgraph::store {
namespace {

using layout::LabelHead;

// How a label is named in errors: "label" alone, "label N" among several.
std::string LabelPosition(std::span<const Label> labels, std::size_t i) {
  return labels.size() == 1 ? std::string("label") : "label " + std::to_string(i + 1);
}
}  // namespace

Status ValidateLabels(std::span<const Label> labels) {
  auto where = [&](std::size_t i) { return LabelPosition(labels, i); };
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const Label& label = labels[i];
    if (label.verdict != "ring" && label.verdict != "benign") {
      return Status::InvalidArgument(where(i) + ": verdict '" + label.verdict +
                                     "' must be ring or benign");
    }
    if (label.note.size() > kMaxLabelNoteBytes) {
      return Status::InvalidArgument(where(i) + ": note is longer than " +
                                     std::to_string(kMaxLabelNoteBytes) + " bytes");
    }
    if (label.target.rfind("cluster:", 0) == 0) {
      const std::string id = label.target.substr(8);
      if (id.empty() || id.size() > 19 || id.find_first_not_of("0123456789") != std::string::npos) {
        return Status::InvalidArgument(where(i) +
                                       ": a cluster target is 'cluster:' followed by a number");
      }
    } else if (label.target.rfind("account:", 0) != 0 || label.target.size() == 8) {
      return Status::InvalidArgument(where(i) +
                                     ": the target must be 'account:NAME' or 'cluster:ID'");
    }
  }
  return Status::Ok();
}

Status LabelStore::CheckLabels(std::span<const Label> labels) const {
  RINGGRAPH_RETURN_IF_ERROR(ValidateLabels(labels));
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i].target.rfind("account:", 0) != 0) continue;
    const std::string_view name = std::string_view(labels[i].target).substr(8);
    RINGGRAPH_ASSIGN_OR_RETURN(std::optional<AccountId> id, snapshot->FindAccount(name));
    if (!id.has_value()) {
      return Status::NotFound(LabelPosition(labels, i) + ": account '" + std::string(name) +
                              "' is not in the store");
    }
  }
  return Status::Ok();
}

Status LabelStore::PutLabels(std::span<const Label> labels, const StreamMark* mark) {
  RINGGRAPH_RETURN_IF_ERROR(ValidateLabels(labels));
  auto where = [&](std::size_t i) { return LabelPosition(labels, i); };
  return StoreAccess::RunWriteTxn(
      store_, "store " + std::to_string(labels.size()) + " label(s)",
      [&](WriteTxn& write) -> Status {
        for (std::size_t i = 0; i < labels.size(); ++i) {
          const Label& label = labels[i];
          if (label.target.rfind("account:", 0) == 0) {
            MDB_val name = ToVal(std::string_view(label.target).substr(8)), id;
            int rc = mdb_get(write.txn, StoreAccess::Tables(store_).account_ids, &name, &id);
            if (rc == MDB_NOTFOUND) {
              return Status::NotFound(where(i) + ": account '" + label.target.substr(8) +
                                      "' is not in the store");
            }
            if (rc != MDB_SUCCESS) return write.Fail(rc, "look up labelled account");
          }
          std::string value(sizeof(LabelHead), '\0');
          LabelHead head{label.at, static_cast<std::uint32_t>(label.verdict.size())};
          std::memcpy(value.data(), &head, sizeof head);
          value += label.verdict;
          value += label.note;
          MDB_val k = ToVal(label.target), d = ToVal(value);
          int rc = mdb_put(write.txn, tables_.labels, &k, &d, 0);
          if (rc != MDB_SUCCESS) return write.Fail(rc, "write label");
        }
        if (mark == nullptr) return Status::Ok();
        return PutStreamMark(write, StoreAccess::Tables(store_).meta, *mark);
      });
}

namespace {
Result<Label> DecodeLabel(const MDB_val& k, const MDB_val& d) {
  if (d.mv_size < sizeof(LabelHead)) return Status::Corruption("bad label record");
  LabelHead head;
  std::memcpy(&head, d.mv_data, sizeof head);
  if (sizeof head + head.verdict_size > d.mv_size) return Status::Corruption("bad label record");
  const char* body = static_cast<const char*>(d.mv_data) + sizeof head;
  Label label;
  label.target = std::string(ToView(k));
  label.at = head.at;
  label.verdict.assign(body, head.verdict_size);
  label.note.assign(body + head.verdict_size, d.mv_size - sizeof head - head.verdict_size);
  return label;
}
}  // namespace

Result<std::optional<Label>> LabelStore::GetLabel(const std::string& target) const {
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  MDB_val k = ToVal(target), d;
  int rc = mdb_get(StoreAccess::Txn(*snapshot), tables_.labels, &k, &d);
  if (rc == MDB_NOTFOUND) return std::optional<Label>();
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "read label");
  RINGGRAPH_ASSIGN_OR_RETURN(Label label, DecodeLabel(k, d));
  return std::optional<Label>(std::move(label));
}

Status LabelStore::ForEachLabel(const std::function<Status(const Label&)>& fn) const {
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  return ScanEntries(StoreAccess::Txn(*snapshot), tables_.labels, "scan labels",
                     [&](const MDB_val& k, const MDB_val& d) -> Status {
                       RINGGRAPH_ASSIGN_OR_RETURN(Label label, DecodeLabel(k, d));
                       return fn(label);
                     });
}

}  // namespace ringgraph::store
