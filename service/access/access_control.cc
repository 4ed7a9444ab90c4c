// Token and client-certificate authentication. See access_control.h.
#include "service/access/access_control.h"

#include <sodium.h>
#include <sys/stat.h>

#include <cctype>
#include <fstream>
#include <functional>
#include <sstream>

namespace ringgraph::access {
namespace {

bool ValidClientName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) {
      return false;
    }
  }
  return true;
}

void Blake2b256(std::string_view text, unsigned char out[32]) {
  crypto_generichash(out, 32, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                     nullptr, 0);
}

// Reads a file that grants roles. Whoever can write it can grant themselves a role, so it must
// not be writable by group or others.
Result<std::string> ReadAccessFile(const std::string& path, const std::string& what,
                                   const std::string& hint_when_missing) {
  struct stat info;
  if (::stat(path.c_str(), &info) != 0) {
    return Status::NotFound(what + " '" + path + "' does not exist" + hint_when_missing);
  }
  if ((info.st_mode & S_IWOTH) != 0 || (info.st_mode & S_IWGRP) != 0) {
    return Status::FailedPrecondition(what + " '" + path +
                                      "' is writable by others; run chmod 600 on it");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot read " + what + " '" + path + "'");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Makes the error for the line being parsed from its reason.
using LineError = std::function<Status(const std::string&)>;

// Walks a file that grants roles, one client per line: blank lines and '#' comments are
// skipped; for each other line, parse_line(client, rest_of_line, bad) reads the fields after the
// client name, and bad(why) says "SOURCE:LINE: why; expected FORMAT". Stops at the first error.
template <typename ParseLine>
Status ForEachClientLine(std::string_view text, const std::string& source,
                         const std::string& format, ParseLine&& parse_line) {
  std::istringstream lines{std::string(text)};
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::istringstream fields(line);
    std::string client;
    if (!(fields >> client) || client[0] == '#') continue;
    const LineError bad = [&](const std::string& why) {
      return Status::InvalidArgument(source + ":" + std::to_string(number) + ": " + why +
                                     "; expected " + format);
    };
    RINGGRAPH_RETURN_IF_ERROR(parse_line(client, fields, bad));
  }
  return Status::Ok();
}

std::optional<Role> ParseRole(std::string_view name) {
  if (name == "read") return Role::kRead;
  if (name == "write") return Role::kWrite;
  return std::nullopt;
}

}  // namespace

std::string_view RoleName(Role role) { return role == Role::kWrite ? "write" : "read"; }

Result<TokenRegistry> TokenRegistry::Load(const std::string& path) {
  RINGGRAPH_ASSIGN_OR_RETURN(
      std::string text,
      ReadAccessFile(path, "tokens file", "; create it with 'ringctl token new'"));
  return Parse(text, path);
}

Result<TokenRegistry> TokenRegistry::Parse(std::string_view text, const std::string& source) {
  if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
  TokenRegistry registry;
  auto parse_line = [&](const std::string& client, std::istringstream& fields,
                        const LineError& bad) -> Status {
    std::string role, hash, extra;
    if (!(fields >> role >> hash) || (fields >> extra)) return bad("wrong number of fields");
    if (!ValidClientName(client)) return bad("client name '" + client + "' is not allowed");
    Entry entry;
    entry.identity.client = client;
    std::optional<Role> parsed_role = ParseRole(role);
    if (!parsed_role.has_value()) return bad("role '" + role + "' is unknown");
    entry.identity.role = *parsed_role;
    std::size_t decoded = 0;
    if (hash.size() != 64 ||
        sodium_hex2bin(entry.hash, sizeof entry.hash, hash.data(), hash.size(), nullptr, &decoded,
                       nullptr) != 0 ||
        decoded != 32) {
      return bad("the token hash is not 64 hex digits");
    }
    registry.entries_.push_back(std::move(entry));
    return Status::Ok();
  };
  RINGGRAPH_RETURN_IF_ERROR(
      ForEachClientLine(text, source, "'CLIENT read|write TOKEN_HASH'", parse_line));
  if (registry.entries_.empty()) {
    return Status::InvalidArgument("tokens file '" + source +
                                   "' lists no client; add one with 'ringctl token new'");
  }
  return registry;
}

std::optional<ClientIdentity> TokenRegistry::Authenticate(std::string_view token) const {
  unsigned char hash[32];
  Blake2b256(token, hash);
  const Entry* match = nullptr;
  for (const Entry& entry : entries_) {
    if (sodium_memcmp(hash, entry.hash, sizeof hash) == 0 && match == nullptr) match = &entry;
  }
  if (match == nullptr || token.empty()) return std::nullopt;
  return match->identity;
}

std::string TokenRegistry::HashToken(std::string_view token) {
  unsigned char hash[32];
  Blake2b256(token, hash);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

std::string TokenRegistry::NewToken() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

Result<CertificateRoles> CertificateRoles::Load(const std::string& path) {
  RINGGRAPH_ASSIGN_OR_RETURN(std::string text, ReadAccessFile(path, "certificate roles file", ""));
  return Parse(text, path);
}

Result<CertificateRoles> CertificateRoles::Parse(std::string_view text, const std::string& source) {
  CertificateRoles roles;
  auto parse_line = [&](const std::string& client, std::istringstream& fields,
                        const LineError& bad) -> Status {
    std::string role, subject;
    if (!(fields >> role) || !std::getline(fields, subject)) return bad("wrong number of fields");
    const std::size_t first = subject.find_first_not_of(" \t");
    const std::size_t last = subject.find_last_not_of(" \t");
    if (first == std::string::npos) return bad("the subject is missing");
    subject = subject.substr(first, last - first + 1);
    if (!ValidClientName(client)) return bad("client name '" + client + "' is not allowed");
    std::optional<Role> parsed_role = ParseRole(role);
    if (!parsed_role.has_value()) return bad("role '" + role + "' is unknown");
    if (subject.find('=') == std::string::npos) return bad("the subject has no ATTRIBUTE=value");
    for (const Entry& earlier : roles.entries_) {
      if (earlier.subject == subject) return bad("the subject is listed twice");
    }
    roles.entries_.push_back(Entry{ClientIdentity{client, *parsed_role}, subject});
    return Status::Ok();
  };
  RINGGRAPH_RETURN_IF_ERROR(
      ForEachClientLine(text, source,
                        "'CLIENT read|write SUBJECT' with the subject in RFC 2253 form, e.g. "
                        "CN=fraud-gateway,O=Example Lab",
                        parse_line));
  if (roles.entries_.empty()) {
    return Status::InvalidArgument("certificate roles file '" + source + "' lists no client");
  }
  return roles;
}

std::optional<ClientIdentity> CertificateRoles::Find(std::string_view subject) const {
  for (const Entry& entry : entries_) {
    if (entry.subject == subject) return entry.identity;
  }
  return std::nullopt;
}

}  // namespace ringgraph::access
