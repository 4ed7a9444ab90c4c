// Status and Result<T>: how errors travel inside graph/.
//
// Engine code never throws across its API. A function that can fail returns a Status, or a
// Result<T> that holds either a value or a non-OK Status. Only the edges (main() of a binary and
// the Thrift handlers) turn a Status into an exit code or an IDL exception.
//
// A message says what failed, on which input, and what to do about it, for example:
//   "signals.csv:17: kind 'phone' is unknown; declare it in the kinds config or fix the record".
//
// Thread safety: Status and Result are values; distinct objects may be used from any thread.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace ringgraph {

class Status {
 public:
  // The coarse class of an error; callers branch on it, humans read the message.
  enum class Code {
    kOk = 0,
    kInvalidArgument,     // bad input: a malformed record, an unknown kind, a bad flag
    kNotFound,            // an account, signal, cluster or file that does not exist
    kAlreadyExists,       // a create that would overwrite
    kCorruption,          // stored data that does not decode; the store needs repair or restore
    kIoError,             // the operating system refused: permissions, disk full, missing path
    kResourceExhausted,   // a limit was hit: the LMDB map cannot grow, too many readers
    kFailedPrecondition,  // the call is valid but not now: no clustering yet, store not open
    kInternal,            // a bug: an invariant broke
  };

  Status() = default;  // OK
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return {Code::kInvalidArgument, std::move(msg)};
  }
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status AlreadyExists(std::string msg) { return {Code::kAlreadyExists, std::move(msg)}; }
  static Status Corruption(std::string msg) { return {Code::kCorruption, std::move(msg)}; }
  static Status IoError(std::string msg) { return {Code::kIoError, std::move(msg)}; }
  static Status ResourceExhausted(std::string msg) {
    return {Code::kResourceExhausted, std::move(msg)};
  }
  static Status FailedPrecondition(std::string msg) {
    return {Code::kFailedPrecondition, std::move(msg)};
  }
  static Status Internal(std::string msg) { return {Code::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // "InvalidArgument: <message>", or "OK".
  std::string ToString() const;
  static std::string_view CodeName(Code code);

  // Returns a copy whose message is "<context>: <message>"; OK stays OK.
  Status WithContext(std::string_view context) const;

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Either a T or a non-OK Status.
template <typename T>
class Result {
 public:
  Result(T value) : storage_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : storage_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(storage_).ok() && "a Result cannot hold an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(storage_); }
  // REQUIRES: !ok() for a meaningful status; returns OK when a value is held.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(storage_); }

  // REQUIRES: ok()
  T& value() & { return std::get<T>(storage_); }
  const T& value() const& { return std::get<T>(storage_); }
  T&& value() && { return std::get<T>(std::move(storage_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> storage_;
};

}  // namespace ringgraph

// Returns early from the enclosing function when `expr` yields a non-OK Status.
#define RINGGRAPH_RETURN_IF_ERROR(expr)                    \
  do {                                                     \
    ::ringgraph::Status ringgraph_status_ = (expr);        \
    if (!ringgraph_status_.ok()) return ringgraph_status_; \
  } while (0)

#define RINGGRAPH_CONCAT_INNER_(a, b) a##b
#define RINGGRAPH_CONCAT_(a, b) RINGGRAPH_CONCAT_INNER_(a, b)
// Evaluates `rexpr` (a Result<T>); on error returns its Status, else moves the value into `lhs`.
#define RINGGRAPH_ASSIGN_OR_RETURN(lhs, rexpr) \
  RINGGRAPH_ASSIGN_OR_RETURN_IMPL_(RINGGRAPH_CONCAT_(ringgraph_result_, __LINE__), lhs, rexpr)
#define RINGGRAPH_ASSIGN_OR_RETURN_IMPL_(result, lhs, rexpr) \
  auto result = (rexpr);                                     \
  if (!result.ok()) return result.status();                  \
  lhs = std::move(result).value()
