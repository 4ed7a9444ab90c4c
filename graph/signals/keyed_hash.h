// Keyed hashing of signal values, so that raw payment, IP and device values never reach disk.
//
// The hash is keyed BLAKE2b (libsodium crypto_generichash) under a 32-byte per-deployment
// secret, truncated to 16 bytes: collisions among 10^9 values have probability about 2^-68.
// The kind code is hashed in front of the value, so the same text as an ip and as a device gives
// unrelated hashes. Without the secret, a stored hash cannot be tested against guessed values,
// which matters because the IPv4 space and card BIN ranges are small enough to enumerate.
//
// Thread safety: KeyedHasher is immutable after construction; Hash() may run on many threads.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "graph/common/status.h"
#include "graph/signals/signal_kind.h"

namespace ringgraph {

inline constexpr std::size_t kSecretBytes = 32;
inline constexpr std::size_t kValueHashBytes = 16;

using ValueHash = std::array<std::uint8_t, kValueHashBytes>;

// Lower-case hex of a hash: the "hashed value id" analysts see.
std::string HashToHex(const ValueHash& hash);

// A per-deployment hashing secret. Copying is allowed (it is 32 bytes) but the bytes are wiped
// on destruction.
class Secret {
 public:
  explicit Secret(const std::array<std::uint8_t, kSecretBytes>& bytes) : bytes_(bytes) {}
  ~Secret();
  Secret(const Secret&) = default;
  Secret& operator=(const Secret&) = default;

  // 64 hex characters, surrounding white space ignored.
  static Result<Secret> FromHex(std::string_view hex);
  // 32 bytes from the operating system's random source.
  static Secret Generate();

  const std::array<std::uint8_t, kSecretBytes>& bytes() const { return bytes_; }
  std::string ToHex() const;

 private:
  std::array<std::uint8_t, kSecretBytes> bytes_;
};

class KeyedHasher {
 public:
  explicit KeyedHasher(const Secret& secret);

  // REQUIRES: `value` is already normalised for its kind.
  ValueHash Hash(KindCode kind, std::string_view value) const;

  // A short public fingerprint of the secret (16 hex characters). The store records it so that a
  // store written under one secret is never silently extended under another.
  std::string KeyId() const;

 private:
  std::array<std::uint8_t, kSecretBytes> key_;
};

}  // namespace ringgraph
