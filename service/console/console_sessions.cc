// The console's session store. See console_sessions.h.
#include "service/console/console_sessions.h"

#include <sodium.h>

#include <algorithm>

namespace ringgraph::console {

SessionStore::SessionStore(std::chrono::seconds idle_limit, std::size_t max_sessions)
    : idle_limit_(idle_limit), max_sessions_(std::max<std::size_t>(max_sessions, 1)) {}

ConsoleSession SessionStore::Create(const access::ClientIdentity& identity) {
  const auto now = std::chrono::steady_clock::now();
  ConsoleSession session{access::TokenRegistry::NewToken(), access::TokenRegistry::NewToken(),
                         identity, now};
  std::lock_guard<std::mutex> lock(mutex_);
  DropIdleLocked(now);
  while (sessions_.size() >= max_sessions_) {
    auto oldest = std::min_element(sessions_.begin(), sessions_.end(), [](auto& a, auto& b) {
      return a.second.last_used < b.second.last_used;
    });
    sessions_.erase(oldest);
  }
  sessions_[session.id] = session;
  return session;
}

std::optional<ConsoleSession> SessionStore::Find(std::string_view id) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  if (now - it->second.last_used > idle_limit_) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_used = now;
  return it->second;
}

void SessionStore::Erase(std::string_view id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sessions_.find(id);
  if (it != sessions_.end()) sessions_.erase(it);
}

std::size_t SessionStore::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sessions_.size();
}

bool SessionStore::CsrfMatches(const ConsoleSession& session, std::string_view offered) {
  if (offered.size() != session.csrf_token.size() || offered.empty()) return false;
  return sodium_memcmp(offered.data(), session.csrf_token.data(), offered.size()) == 0;
}

void SessionStore::DropIdleLocked(std::chrono::steady_clock::time_point now) {
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    it = now - it->second.last_used > idle_limit_ ? sessions_.erase(it) : std::next(it);
  }
}

}  // namespace ringgraph::console
