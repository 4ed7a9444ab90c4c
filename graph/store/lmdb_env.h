// Thin RAII wrappers over LMDB, and the one place where MDB_* codes become Status values.
//
// Thread safety: an LmdbEnv may be shared by threads. A transaction belongs to the thread that
// began it (the store opens the environment with MDB_NOTLS so read transactions are not tied to
// thread-local reader slots).
#pragma once

#include <lmdb.h>

#include <functional>
#include <string>
#include <string_view>

#include "graph/common/status.h"

namespace ringgraph::store {

// Converts an LMDB or errno return code into a Status; `operation` says what was being done,
// e.g. "commit ingest batch in /var/lib/ringgraph". rc == 0 gives OK.
Status LmdbStatus(int rc, std::string_view operation);

inline MDB_val ToVal(std::string_view bytes) {
  return MDB_val{bytes.size(), const_cast<char*>(bytes.data())};
}
inline MDB_val ToVal(const void* data, std::size_t size) {
  return MDB_val{size, const_cast<void*>(data)};
}
inline std::string_view ToView(const MDB_val& v) {
  return std::string_view(static_cast<const char*>(v.mv_data), v.mv_size);
}

// Owns one transaction; aborts it on destruction unless committed.
class LmdbTxn {
 public:
  LmdbTxn() = default;
  ~LmdbTxn() { Abort(); }
  LmdbTxn(LmdbTxn&& other) noexcept : txn_(other.txn_) { other.txn_ = nullptr; }
  LmdbTxn& operator=(LmdbTxn&& other) noexcept {
    if (this != &other) {
      Abort();
      txn_ = other.txn_;
      other.txn_ = nullptr;
    }
    return *this;
  }
  LmdbTxn(const LmdbTxn&) = delete;
  LmdbTxn& operator=(const LmdbTxn&) = delete;

  static Result<LmdbTxn> Begin(MDB_env* env, unsigned flags, std::string_view what);
  // Takes ownership of a transaction begun with mdb_txn_begin.
  static LmdbTxn Adopt(MDB_txn* txn) { return LmdbTxn(txn); }
  // Gives up ownership, e.g. to commit with a raw return code.
  MDB_txn* Release() {
    MDB_txn* txn = txn_;
    txn_ = nullptr;
    return txn;
  }
  Status Commit(std::string_view what);
  void Abort() {
    if (txn_ != nullptr) mdb_txn_abort(txn_);
    txn_ = nullptr;
  }
  MDB_txn* get() const { return txn_; }

 private:
  explicit LmdbTxn(MDB_txn* txn) : txn_(txn) {}
  MDB_txn* txn_ = nullptr;
};

// Calls fn(key, data) for every entry of `dbi` in key order, every duplicate of a DUPSORT
// database included, and stops at fn's first error. A failed read is reported as `operation`.
Status ScanEntries(MDB_txn* txn, MDB_dbi dbi, std::string_view operation,
                   const std::function<Status(const MDB_val&, const MDB_val&)>& fn);

// Owns one cursor; closes it on destruction. REQUIRES: destroyed before its transaction ends.
class LmdbCursor {
 public:
  LmdbCursor() = default;
  ~LmdbCursor() {
    if (cursor_ != nullptr) mdb_cursor_close(cursor_);
  }
  LmdbCursor(const LmdbCursor&) = delete;
  LmdbCursor& operator=(const LmdbCursor&) = delete;
  LmdbCursor(LmdbCursor&& other) noexcept : cursor_(other.cursor_) { other.cursor_ = nullptr; }

  static Result<LmdbCursor> Open(MDB_txn* txn, MDB_dbi dbi);
  MDB_cursor* get() const { return cursor_; }

 private:
  explicit LmdbCursor(MDB_cursor* cursor) : cursor_(cursor) {}
  MDB_cursor* cursor_ = nullptr;
};

}  // namespace ringgraph::store
