// Real-time flags: accounts assigned to a flagged cluster between detection runs, when new
// evidence links them to a flagged ring (graph/detection/realtime_assigner.h). Kept in the same
// LMDB environment as the account store (opened with the other detection tables by
// DetectionStore). Named database:
//   realtime_flags   account -> real-time assignment to a flagged cluster (INTEGERKEY)
//
// Writing a clustering reconciles them (ClusteringStore::Write): flags made before that
// clustering's snapshot are deleted (the clustering saw their evidence), later ones are kept.
// A store written before real-time flags existed, opened read-only, has none.
//
// Thread safety: as AccountStore — one writer at a time, reads from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>

#include "graph/common/status.h"
#include "graph/common/types.h"
#include "graph/store/account_store.h"
#include "graph/store/clustering_store.h"

namespace ringgraph::store {

// An account assigned to a flagged cluster between detection runs.
struct RealtimeFlag {
  AccountId account = 0;
  ClusterId cluster = 0;
  float ring_score = 0;
  float link_weight = 0;  // the strongest link that tied the account to the cluster
  std::uint64_t based_on_version = 0;
  UnixSeconds at = 0;
};

struct DetectionTables;  // store_tables.h
struct WriteTxn;         // store_tables.h
class DetectionStore;

// Owns nothing but references, to the account store and the DetectionStore's table handles.
class RealtimeFlagStore {
 public:
  RealtimeFlagStore(const RealtimeFlagStore&) = delete;
  RealtimeFlagStore& operator=(const RealtimeFlagStore&) = delete;

  // Records real-time flags; an account's newer flag replaces its older one.
  Status PutRealtimeFlags(std::span<const RealtimeFlag> flags);
  Status ForEachRealtimeFlag(const std::function<Status(const RealtimeFlag&)>& fn) const;
  // The flag of `account` inside a snapshot the caller holds, if it has one.
  Result<std::optional<RealtimeFlag>> FlagOf(const StoreSnapshot& snapshot,
                                             AccountId account) const;

 private:
  friend class DetectionStore;
  friend class ClusteringStore;  // reconciles the flags in its write transaction
  RealtimeFlagStore(AccountStore& store, const DetectionTables& tables)
      : store_(store), tables_(tables) {}
  // Deletes the flags made before `snapshot_at`, in the clustering's transaction.
  Status Reconcile(WriteTxn& write, UnixSeconds snapshot_at);

  AccountStore& store_;
  const DetectionTables& tables_;
};

}  // namespace ringgraph::store
