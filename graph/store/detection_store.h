// The tables kept beside the account tables, in the same LMDB environment, under the same
// writer lock: what detection writes and what analysts and partners add. Each concern has its
// own store; this one opens their named databases together and owns them:
//   clusterings()     versions, memberships, clusters and their history (clustering_store.h)
//   labels()          analysts' labels (label_store.h)
//   realtime_flags()  accounts flagged between detection runs (realtime_flag_store.h)
//   watchlist()       partner labs' indicators (watchlist_store.h)
//
// Thread safety: as AccountStore — one writer at a time, reads from any thread.
#pragma once

#include <memory>

#include "graph/common/status.h"
#include "graph/store/account_store.h"
#include "graph/store/clustering_store.h"
#include "graph/store/label_store.h"
#include "graph/store/realtime_flag_store.h"
#include "graph/store/watchlist_store.h"

namespace ringgraph::store {

struct DetectionTables;  // store_tables.h
class StoreAccess;       // store_tables.h

class DetectionStore {
 public:
  // Opens (or, read-write, creates) the named databases in one transaction. Read-only, a store
  // on which no detection has run fails with FailedPrecondition.
  // REQUIRES: `store` outlives this object and is open read-write (or read-only for reads).
  static Result<std::unique_ptr<DetectionStore>> Open(AccountStore& store);
  ~DetectionStore();
  DetectionStore(const DetectionStore&) = delete;
  DetectionStore& operator=(const DetectionStore&) = delete;

  ClusteringStore& clusterings() { return clusterings_; }
  const ClusteringStore& clusterings() const { return clusterings_; }
  LabelStore& labels() { return labels_; }
  const LabelStore& labels() const { return labels_; }
  RealtimeFlagStore& realtime_flags() { return realtime_flags_; }
  const RealtimeFlagStore& realtime_flags() const { return realtime_flags_; }
  WatchlistStore& watchlist() { return watchlist_; }
  const WatchlistStore& watchlist() const { return watchlist_; }

 private:
  friend class StoreAccess;  // the table handles, for the consistency check
  DetectionStore(AccountStore& store, std::unique_ptr<DetectionTables> tables);

  std::unique_ptr<DetectionTables> tables_;  // before the stores, which refer to it
  RealtimeFlagStore realtime_flags_;
  ClusteringStore clusterings_;
  LabelStore labels_;
  WatchlistStore watchlist_;
};

}  // namespace ringgraph::store
