// The analyst console's sessions: a login with a client token makes one, named by a random
// session id that the browser keeps in an HttpOnly cookie, with its own random CSRF token that
// write requests must echo. Sessions live in memory only; a restart of ringd logs everyone out.
//
// Thread safety: every method may be called from any thread concurrently (one mutex).
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "service/access/access_control.h"

namespace ringgraph::console {

struct ConsoleSession {
  std::string id;          // the cookie's value: 32 random bytes, hex
  std::string csrf_token;  // 32 random bytes, hex; write requests send it back
  access::ClientIdentity identity;
  std::chrono::steady_clock::time_point last_used;
};

class SessionStore {
 public:
  // Sessions idle for longer than `idle_limit` are gone; at most `max_sessions` live at once
  // (the least recently used is dropped to make room).
  SessionStore(std::chrono::seconds idle_limit, std::size_t max_sessions);
  SessionStore(const SessionStore&) = delete;
  SessionStore& operator=(const SessionStore&) = delete;

  ConsoleSession Create(const access::ClientIdentity& identity);
  // The live session named `id`, and marks it used; nothing for an unknown or idle one.
  std::optional<ConsoleSession> Find(std::string_view id);
  void Erase(std::string_view id);
  std::size_t size() const;

  // Whether `offered` is the session's CSRF token, compared in constant time.
  static bool CsrfMatches(const ConsoleSession& session, std::string_view offered);

 private:
  void DropIdleLocked(std::chrono::steady_clock::time_point now);

  const std::chrono::seconds idle_limit_;
  const std::size_t max_sessions_;
  mutable std::mutex mutex_;
  std::map<std::string, ConsoleSession, std::less<>> sessions_;
};

}  // namespace ringgraph::console
