// Opens the detection tables together. See detection_store.h.
#include "graph/store/detection_store.h"

#include <mutex>
#include <shared_mutex>
#include <string>

#include "graph/store/store_tables.h"

namespace ringgraph::store {

DetectionStore::DetectionStore(AccountStore& store, std::unique_ptr<DetectionTables> tables)
    : tables_(std::move(tables)),
      realtime_flags_(store, *tables_),
      clusterings_(store, *tables_, realtime_flags_),
      labels_(store, *tables_),
      watchlist_(store, *tables_) {}

DetectionStore::~DetectionStore() = default;

Result<std::unique_ptr<DetectionStore>> DetectionStore::Open(AccountStore& store) {
  auto tables = std::make_unique<DetectionTables>();
  DetectionTables& t = *tables;
  const bool read_only = StoreAccess::Options(store).read_only;
  const std::string where = "open clusterings in '" + store.dir() + "'";
  struct Spec {
    const char* name;
    unsigned flags;
    MDB_dbi* dbi;
  };
  const Spec specs[] = {
      {"clusterings", MDB_INTEGERKEY, &t.clusterings},
      {"memberships", 0, &t.memberships},
      {"clusters", 0, &t.clusters},
      {"cluster_members", MDB_DUPSORT | MDB_DUPFIXED | MDB_INTEGERDUP, &t.cluster_members},
      {"cluster_history", 0, &t.cluster_history},
      {"labels", 0, &t.labels},
  };
  auto open_all = [&](MDB_txn* txn, unsigned create) -> Status {
    for (const Spec& spec : specs) {
      int rc = mdb_dbi_open(txn, spec.name, spec.flags | create, spec.dbi);
      if (rc != MDB_SUCCESS) return LmdbStatus(rc, where + ": database " + spec.name);
    }
    // Added after the first release: a read-only open of an older store has none, which reads
    // as no real-time flags.
    int rc = mdb_dbi_open(txn, "realtime_flags", MDB_INTEGERKEY | create, &t.realtime_flags);
    if (rc == MDB_NOTFOUND && create == 0) {
      t.has_realtime_flags = false;
    } else if (rc != MDB_SUCCESS) {
      return LmdbStatus(rc, where + ": database realtime_flags");
    }
    rc = mdb_dbi_open(txn, "watchlist", create, &t.watchlist);
    if (rc == MDB_NOTFOUND && create == 0) {
      t.has_watchlist = false;
    } else if (rc != MDB_SUCCESS) {
      return LmdbStatus(rc, where + ": database watchlist");
    }
    return Status::Ok();
  };
  if (read_only) {
    std::shared_lock<std::shared_mutex> lock(StoreAccess::MapMutex(store));
    RINGGRAPH_ASSIGN_OR_RETURN(LmdbTxn txn,
                               LmdbTxn::Begin(StoreAccess::Tables(store).env, MDB_RDONLY, where));
    Status s = open_all(txn.get(), 0);
    if (s.code() == Status::Code::kNotFound) {
      return Status::FailedPrecondition("no detection has run on '" + store.dir() +
                                        "' yet; run 'ringctl detect'");
    }
    RINGGRAPH_RETURN_IF_ERROR(s);
    RINGGRAPH_RETURN_IF_ERROR(txn.Commit(where));  // commit keeps the handles open
  } else {
    RINGGRAPH_RETURN_IF_ERROR(StoreAccess::RunWriteTxn(
        store, where, [&](WriteTxn& write) { return open_all(write.txn, MDB_CREATE); }));
  }
  return std::unique_ptr<DetectionStore>(new DetectionStore(store, std::move(tables)));
}

}  // namespace ringgraph::store
