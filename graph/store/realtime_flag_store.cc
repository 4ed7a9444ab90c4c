// Real-time flags in LMDB. See realtime_flag_store.h.
#include "graph/store/realtime_flag_store.h"

#include <algorithm>
#include <cstring>

#include "graph/store/store_layout.h"
#include "graph/store/store_tables.h"

namespace ringgraph::store {
namespace {

using layout::RealtimeValue;

RealtimeFlag DecodeFlag(AccountId account, const MDB_val& d) {
  RealtimeValue value;
  std::memcpy(&value, d.mv_data, sizeof value);
  RealtimeFlag flag;
  flag.account = account;
  flag.cluster = value.cluster;
  flag.ring_score = value.score;
  flag.link_weight = value.link_weight;
  flag.based_on_version = value.based_on_version;
  flag.at = value.at;
  return flag;
}

}  // namespace

Status RealtimeFlagStore::PutRealtimeFlags(std::span<const RealtimeFlag> flags) {
  if (flags.empty()) return Status::Ok();
  return StoreAccess::RunWriteTxn(
      store_, "write real-time flags to '" + store_.dir() + "'", [&](WriteTxn& write) -> Status {
        for (const RealtimeFlag& flag : flags) {
          RealtimeValue value{flag.cluster, flag.ring_score, flag.link_weight,
                              flag.based_on_version, flag.at};
          AccountId account = flag.account;
          MDB_val k{sizeof account, &account}, d{sizeof value, &value};
          int rc = mdb_put(write.txn, tables_.realtime_flags, &k, &d, 0);
          if (rc != MDB_SUCCESS) return write.Fail(rc, "write real-time flag");
        }
        return Status::Ok();
      });
}

Status RealtimeFlagStore::ForEachRealtimeFlag(
    const std::function<Status(const RealtimeFlag&)>& fn) const {
  if (!tables_.has_realtime_flags) return Status::Ok();
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  return ScanEntries(StoreAccess::Txn(*snapshot), tables_.realtime_flags, "list real-time flags",
                     [&](const MDB_val& k, const MDB_val& d) -> Status {
                       if (d.mv_size != sizeof(RealtimeValue) || k.mv_size != sizeof(AccountId)) {
                         return Status::Corruption("bad real-time flag");
                       }
                       AccountId account;
                       std::memcpy(&account, k.mv_data, sizeof account);
                       return fn(DecodeFlag(account, d));
                     });
}

Status RealtimeFlagStore::Reconcile(WriteTxn& write, UnixSeconds snapshot_at) {
  RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor,
                             LmdbCursor::Open(write.txn, tables_.realtime_flags));
  MDB_val k, d;
  int rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_FIRST);
  while (rc == MDB_SUCCESS) {
    RealtimeValue value;
    std::memcpy(&value, d.mv_data, std::min(sizeof value, d.mv_size));
    if (d.mv_size != sizeof value || value.at < snapshot_at) {
      rc = mdb_cursor_del(cursor.get(), 0);
      if (rc != MDB_SUCCESS) return write.Fail(rc, "reconcile real-time flags");
      rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_GET_CURRENT);
      if (rc == EINVAL) rc = MDB_NOTFOUND;  // deleted the last entry
      continue;
    }
    rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_NEXT);
  }
  if (rc != MDB_NOTFOUND) return write.Fail(rc, "reconcile real-time flags");
  return Status::Ok();
}

Result<std::optional<RealtimeFlag>> RealtimeFlagStore::FlagOf(const StoreSnapshot& snapshot,
                                                              AccountId account) const {
  if (!tables_.has_realtime_flags) return std::optional<RealtimeFlag>();
  MDB_val k{sizeof account, &account}, d;
  int rc = mdb_get(StoreAccess::Txn(snapshot), tables_.realtime_flags, &k, &d);
  if (rc == MDB_NOTFOUND) return std::optional<RealtimeFlag>();
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "read real-time flag");
  if (d.mv_size != sizeof(RealtimeValue)) return Status::Corruption("bad real-time flag");
  return std::optional<RealtimeFlag>(DecodeFlag(account, d));
}

}  // namespace ringgraph::store
