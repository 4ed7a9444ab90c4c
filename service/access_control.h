// Client authentication for ringd: per-client bearer tokens with a role.
//
// The tokens file holds one client per line:   CLIENT ROLE TOKEN_HASH
//   CLIENT      a name for logs and metrics-free audit, [A-Za-z0-9._-]{1,64}
//   ROLE        read | write
//   TOKEN_HASH  64 hex digits: BLAKE2b-256 of the token
// Blank lines and lines starting with '#' are ignored. The file holds hashes, not tokens, so a
// leaked copy does not let anyone in; it must still not be writable by others, since whoever
// can add a line can grant themselves a role. `ringctl token new` makes a token and its line.
//
// Thread safety: immutable after Load(); Authenticate() may run on any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/common/status.h"

namespace ringgraph::service {

enum class Role { kRead = 1, kWrite = 2 };

std::string_view RoleName(Role role);

struct ClientIdentity {
  std::string client;
  Role role = Role::kRead;
};

class TokenRegistry {
 public:
  // Reads and checks the tokens file; a malformed line fails with its line number.
  static Result<TokenRegistry> Load(const std::string& path);
  // Parses the file's text; `source` names it in errors.
  static Result<TokenRegistry> Parse(std::string_view text, const std::string& source);

  // The client a token belongs to. Compares hashes in constant time, and checks every entry
  // whatever matches, so timing tells nothing about which or how many clients exist.
  std::optional<ClientIdentity> Authenticate(std::string_view token) const;

  std::size_t size() const { return entries_.size(); }

  // The hex BLAKE2b-256 of a token, as the tokens file stores it.
  static std::string HashToken(std::string_view token);
  // A fresh random token: 32 bytes from the OS, hex.
  static std::string NewToken();

 private:
  struct Entry {
    ClientIdentity identity;
    unsigned char hash[32];
  };
  std::vector<Entry> entries_;
};

}  // namespace ringgraph::service
