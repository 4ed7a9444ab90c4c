// The LMDB handles behind the stores' public headers, and the one door through which the stores
// of graph/store reach the account store's environment, writer lock and snapshots.
// Internal to graph/store: included only by its .cc files and its tests. Public headers name
// these types by forward declaration, so that nothing outside graph/store sees <lmdb.h>.
//
// Thread safety: the handles are written while a store opens and only read afterwards.
#pragma once

#include <lmdb.h>

#include <functional>
#include <shared_mutex>
#include <string>
#include <string_view>

#include "graph/common/status.h"
#include "graph/store/account_store.h"
#include "graph/store/detection_store.h"
#include "graph/store/lmdb_env.h"
#include "graph/store/store_layout.h"

namespace ringgraph::store {

// The account store's environment and named databases (account_store.h lists them).
struct AccountTables {
  MDB_env* env = nullptr;
  MDB_dbi meta = 0, account_ids = 0, account_names = 0, account_activity = 0, signal_ids = 0,
          signal_info = 0, account_signals = 0, signal_accounts = 0, shared_hashes = 0,
          shared_lookup = 0, account_days = 0, template_dictionary = 0, prompt_sketches = 0,
          staged_observations = 0;
  bool has_shared = true;     // false for a read-only store written before sharing existed
  bool has_days = true;       // false for a read-only store written before daily volumes
  bool has_templates = true;  // false for a read-only store written before learned templates
  bool has_staging = true;    // false for a read-only store written before staged ingest
};

// The named databases kept beside the account tables (detection_store.h lists them), opened
// together by DetectionStore::Open.
struct DetectionTables {
  // clustering_store.h
  MDB_dbi clusterings = 0, memberships = 0, clusters = 0, cluster_members = 0, cluster_history = 0;
  // label_store.h
  MDB_dbi labels = 0;
  // realtime_flag_store.h; added after the first release, so a read-only open of an older store
  // may have none.
  MDB_dbi realtime_flags = 0;
  bool has_realtime_flags = true;
  // watchlist_store.h; added after the first release too.
  MDB_dbi watchlist = 0;
  bool has_watchlist = true;
};

// What a write transaction's body sees: the transaction, and a way to fail with an LMDB code
// so that AccountStore::RunWriteTxn can tell a full map (grow and retry) from other failures.
struct WriteTxn {
  MDB_txn* txn = nullptr;
  int lmdb_code = 0;
  std::string where;
  Status Fail(int rc, std::string_view step) {
    lmdb_code = rc;
    return LmdbStatus(rc, where + ": " + std::string(step));
  }
};

// Stores stream consumer `mark` in the write transaction it is given, so that whatever that
// transaction commits and the mark become durable together.
inline Status PutStreamMark(WriteTxn& write, MDB_dbi meta, const StreamMark& mark) {
  const std::string name = std::string(layout::kMetaStreamMarkPrefix) + mark.consumer;
  MDB_val key{name.size(), const_cast<char*>(name.data())};
  MDB_val data{sizeof mark.sequence, const_cast<std::uint64_t*>(&mark.sequence)};
  const int rc = mdb_put(write.txn, meta, &key, &data, 0);
  return rc == MDB_SUCCESS ? Status::Ok() : write.Fail(rc, "write the stream mark");
}

// The private parts of AccountStore, StoreSnapshot and DetectionStore that the other stores of
// graph/store and the consistency check share: one friend instead of one per store.
class StoreAccess {
 public:
  static const AccountTables& Tables(const AccountStore& store) { return *store.tables_; }
  static const StoreOptions& Options(const AccountStore& store) { return store.options_; }
  // Held shared by every transaction, exclusively while the map is resized.
  static std::shared_mutex& MapMutex(const AccountStore& store) { return store.map_mutex_; }
  // AccountStore::RunWriteTxn: one durable write transaction, serialised with every writer,
  // retried after growing the map.
  static Status RunWriteTxn(AccountStore& store, const std::string& where,
                            const std::function<Status(WriteTxn&)>& body) {
    return store.RunWriteTxn(where, body);
  }
  static const DetectionTables& Tables(const DetectionStore& store) { return *store.tables_; }
  // The snapshot's read transaction. REQUIRES: used only while `snapshot` is alive.
  static MDB_txn* Txn(const StoreSnapshot& snapshot) { return snapshot.txn_->get(); }
};

}  // namespace ringgraph::store
