// Client authentication for ringd: per-client bearer tokens with a role, or, over mutual TLS,
// client certificates whose subject maps to a role.
//
// A library of its own (ringgraph::access, libsodium only) because two programs share the
// tokens file's format: ringd reads and checks it, `ringctl token new` hashes a token and
// writes its line. ringctl links this, not the service with its servers and metrics.
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

namespace ringgraph::access {

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

// The roles of client certificates, for ringd over mutual TLS (--tls-client-roles). One client
// per line:   CLIENT ROLE SUBJECT
//   CLIENT   as in the tokens file
//   ROLE     read | write
//   SUBJECT  the rest of the line: the certificate's subject in RFC 2253 form, as
//            `openssl x509 -noout -subject -nameopt RFC2253` prints it after "subject=",
//            e.g. CN=fraud-gateway,O=Example Lab
// A certificate is trusted because the client CA signed it; this file only says what its holder
// may do. A verified certificate whose subject is not listed gets no role (the connection may
// still authenticate with a token).
//
// Thread safety: immutable after Load(); Find() may run on any thread.
class CertificateRoles {
 public:
  static Result<CertificateRoles> Load(const std::string& path);
  static Result<CertificateRoles> Parse(std::string_view text, const std::string& source);

  std::optional<ClientIdentity> Find(std::string_view subject) const;
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    ClientIdentity identity;
    std::string subject;
  };
  std::vector<Entry> entries_;
};

}  // namespace ringgraph::access
