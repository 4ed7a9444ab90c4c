// Keyed BLAKE2b through libsodium.
#include "graph/signals/keyed_hash.h"

#include <sodium.h>

#include <cstdlib>
#include <mutex>

namespace ringgraph {
namespace {

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // only fails when no entropy source exists at all
  });
}

constexpr char kHexDigits[] = "0123456789abcdef";

}  // namespace

std::string HashToHex(const ValueHash& hash) {
  std::string out(hash.size() * 2, '0');
  for (std::size_t i = 0; i < hash.size(); ++i) {
    out[2 * i] = kHexDigits[hash[i] >> 4];
    out[2 * i + 1] = kHexDigits[hash[i] & 15];
  }
  return out;
}

Secret::~Secret() { sodium_memzero(bytes_.data(), bytes_.size()); }

Result<Secret> Secret::FromHex(std::string_view hex) {
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r' || hex.back() == ' ')) {
    hex.remove_suffix(1);
  }
  while (!hex.empty() && (hex.front() == ' ' || hex.front() == '\n')) hex.remove_prefix(1);
  if (hex.size() != 2 * kSecretBytes) {
    return Status::InvalidArgument("a secret is 64 hex characters (32 bytes); got " +
                                   std::to_string(hex.size()) + " characters");
  }
  std::array<std::uint8_t, kSecretBytes> bytes{};
  for (std::size_t i = 0; i < kSecretBytes; ++i) {
    auto nibble = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      return Status::InvalidArgument("a secret is 64 hex characters; found a non-hex character");
    }
    bytes[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  Secret secret(bytes);
  sodium_memzero(bytes.data(), bytes.size());
  return secret;
}

Secret Secret::Generate() {
  EnsureSodium();
  std::array<std::uint8_t, kSecretBytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  Secret secret(bytes);
  sodium_memzero(bytes.data(), bytes.size());
  return secret;
}

std::string Secret::ToHex() const {
  std::string out(bytes_.size() * 2, '0');
  for (std::size_t i = 0; i < bytes_.size(); ++i) {
    out[2 * i] = kHexDigits[bytes_[i] >> 4];
    out[2 * i + 1] = kHexDigits[bytes_[i] & 15];
  }
  return out;
}

KeyedHasher::KeyedHasher(const Secret& secret) : key_(secret.bytes()) { EnsureSodium(); }

ValueHash KeyedHasher::Hash(KindCode kind, std::string_view value) const {
  ValueHash out;
  crypto_generichash_state state;
  crypto_generichash_init(&state, key_.data(), key_.size(), out.size());
  crypto_generichash_update(&state, &kind, 1);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(value.data()),
                            value.size());
  crypto_generichash_final(&state, out.data(), out.size());
  return out;
}

std::string KeyedHasher::KeyId() const {
  static constexpr char kLabel[] = "ringgraph key id v1";
  unsigned char out[8];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(kLabel),
                     sizeof kLabel - 1, key_.data(), key_.size());
  std::string hex(16, '0');
  for (int i = 0; i < 8; ++i) {
    hex[2 * i] = kHexDigits[out[i] >> 4];
    hex[2 * i + 1] = kHexDigits[out[i] & 15];
  }
  return hex;
}

}  // namespace ringgraph
