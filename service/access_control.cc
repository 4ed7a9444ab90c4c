// Token authentication. See access_control.h.
#include "service/access_control.h"

#include <sodium.h>
#include <sys/stat.h>

#include <cctype>
#include <fstream>
#include <sstream>

namespace ringgraph::service {
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

}  // namespace

std::string_view RoleName(Role role) { return role == Role::kWrite ? "write" : "read"; }

Result<TokenRegistry> TokenRegistry::Load(const std::string& path) {
  struct stat info;
  if (::stat(path.c_str(), &info) != 0) {
    return Status::NotFound("tokens file '" + path +
                            "' does not exist; create it with 'ringctl token new'");
  }
  if ((info.st_mode & S_IWOTH) != 0 || (info.st_mode & S_IWGRP) != 0) {
    return Status::FailedPrecondition("tokens file '" + path +
                                      "' is writable by others; run chmod 600 on it");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot read tokens file '" + path + "'");
  std::stringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path);
}

Result<TokenRegistry> TokenRegistry::Parse(std::string_view text, const std::string& source) {
  if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
  TokenRegistry registry;
  std::istringstream lines{std::string(text)};
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::istringstream fields(line);
    std::string client, role, hash, extra;
    if (!(fields >> client) || client[0] == '#') continue;
    auto bad = [&](const std::string& why) {
      return Status::InvalidArgument(source + ":" + std::to_string(number) + ": " + why +
                                     "; expected 'CLIENT read|write TOKEN_HASH'");
    };
    if (!(fields >> role >> hash) || (fields >> extra)) return bad("wrong number of fields");
    if (!ValidClientName(client)) return bad("client name '" + client + "' is not allowed");
    Entry entry;
    entry.identity.client = client;
    if (role == "read") {
      entry.identity.role = Role::kRead;
    } else if (role == "write") {
      entry.identity.role = Role::kWrite;
    } else {
      return bad("role '" + role + "' is unknown");
    }
    std::size_t decoded = 0;
    if (hash.size() != 64 || sodium_hex2bin(entry.hash, sizeof entry.hash, hash.data(), hash.size(),
                                            nullptr, &decoded, nullptr) != 0 ||
        decoded != 32) {
      return bad("the token hash is not 64 hex digits");
    }
    registry.entries_.push_back(std::move(entry));
  }
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

}  // namespace ringgraph::service
