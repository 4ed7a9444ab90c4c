// LMDB error translation and transaction helpers.
#include "graph/store/lmdb_env.h"

#include <cerrno>
#include <cstring>

namespace ringgraph::store {

Status LmdbStatus(int rc, std::string_view operation) {
  if (rc == MDB_SUCCESS) return Status::Ok();
  std::string what(operation);
  switch (rc) {
    case MDB_MAP_FULL:
      return Status::ResourceExhausted(what +
                                       ": the LMDB map is full; raise --max-map-mib or "
                                       "free disk space");
    case MDB_READERS_FULL:
      return Status::ResourceExhausted(what + ": too many concurrent readers");
    case MDB_TXN_FULL:
      return Status::ResourceExhausted(what +
                                       ": the transaction has too many dirty pages; use "
                                       "smaller batches");
    case MDB_MAP_RESIZED:
      return Status::FailedPrecondition(what + ": another process grew the map; retry");
    case MDB_NOTFOUND:
      return Status::NotFound(what + ": not found");
    case MDB_KEYEXIST:
      return Status::AlreadyExists(what + ": key exists");
    case MDB_CORRUPTED:
    case MDB_PAGE_NOTFOUND:
    case MDB_INVALID:
    case MDB_BAD_DBI:
      return Status::Corruption(what + ": " + mdb_strerror(rc) +
                                "; restore the store from a backup");
    case MDB_VERSION_MISMATCH:
      return Status::Corruption(what +
                                ": the data file was written by an incompatible LMDB "
                                "version");
    case ENOSPC:
    case EDQUOT:
      return Status::ResourceExhausted(what +
                                       ": the disk is full; free space and retry (the failed "
                                       "transaction committed nothing; earlier commits are kept)");
    case EACCES:
    case EPERM:
    case EROFS:
      return Status::IoError(what + ": permission denied (" + std::strerror(rc) +
                             "); check the data directory's owner and mode");
    case ENOENT:
      return Status::NotFound(what + ": no such directory; create it or check --data");
    case ENOMEM:
      return Status::ResourceExhausted(what + ": out of memory or address space for the map");
    default:
      if (rc > 0) return Status::IoError(what + ": " + std::strerror(rc));
      return Status::Internal(what + ": " + mdb_strerror(rc));
  }
}

Result<LmdbTxn> LmdbTxn::Begin(MDB_env* env, unsigned flags, std::string_view what) {
  MDB_txn* txn = nullptr;
  int rc = mdb_txn_begin(env, nullptr, flags, &txn);
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, what);
  return LmdbTxn(txn);
}

Status LmdbTxn::Commit(std::string_view what) {
  MDB_txn* txn = txn_;
  txn_ = nullptr;
  return LmdbStatus(mdb_txn_commit(txn), what);
}

Result<LmdbCursor> LmdbCursor::Open(MDB_txn* txn, MDB_dbi dbi) {
  MDB_cursor* cursor = nullptr;
  int rc = mdb_cursor_open(txn, dbi, &cursor);
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "open cursor");
  return LmdbCursor(cursor);
}

Status ScanEntries(MDB_txn* txn, MDB_dbi dbi, std::string_view operation,
                   const std::function<Status(const MDB_val&, const MDB_val&)>& fn) {
  RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor, LmdbCursor::Open(txn, dbi));
  MDB_val key, data;
  int rc = mdb_cursor_get(cursor.get(), &key, &data, MDB_FIRST);
  while (rc == MDB_SUCCESS) {
    RINGGRAPH_RETURN_IF_ERROR(fn(key, data));
    rc = mdb_cursor_get(cursor.get(), &key, &data, MDB_NEXT);
  }
  if (rc != MDB_NOTFOUND) return LmdbStatus(rc, operation);
  return Status::Ok();
}

}  // namespace ringgraph::store
