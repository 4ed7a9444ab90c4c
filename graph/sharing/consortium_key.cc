// Consortium keys. See consortium_key.h.
#include "graph/sharing/consortium_key.h"

#include <sodium.h>

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <set>

#include "graph/signals/secret_file.h"

namespace ringgraph::sharing {
namespace {

constexpr std::string_view kDerivationLabel = "ringgraph consortium key v1";

bool ValidName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::uint64_t TagOfKeyId(const std::string& key_id) {
  std::uint64_t tag = 0;
  for (std::size_t i = 0; i < 16 && i < key_id.size(); ++i) {
    const char c = key_id[i];
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : 0;
    tag = tag << 4 | static_cast<std::uint64_t>(digit);
  }
  return tag;
}

ConsortiumKey::ConsortiumKey(std::string name, const Secret& derived)
    : name_(std::move(name)),
      hasher_(derived),
      key_id_(hasher_.KeyId()),
      tag_(TagOfKeyId(key_id_)) {}

ConsortiumKey ConsortiumKey::FromSecret(std::string name, const Secret& secret) {
  std::array<std::uint8_t, kSecretBytes> derived{};
  crypto_generichash(derived.data(), derived.size(),
                     reinterpret_cast<const unsigned char*>(kDerivationLabel.data()),
                     kDerivationLabel.size(), secret.bytes().data(), secret.bytes().size());
  ConsortiumKey key(std::move(name), Secret(derived));
  sodium_memzero(derived.data(), derived.size());
  return key;
}

Result<ConsortiumKey> ConsortiumKey::Load(const std::string& spec) {
  const std::size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) {
    return Status::InvalidArgument("consortium key '" + spec + "' is not NAME=SECRET_FILE");
  }
  std::string name = spec.substr(0, eq);
  if (!ValidName(name)) {
    return Status::InvalidArgument("consortium key name '" + name +
                                   "' is not [A-Za-z0-9._-]{1,64}");
  }
  // The local secret's environment override does not apply to consortium keys.
  Result<Secret> secret = LoadSecretFile(spec.substr(eq + 1));
  if (!secret.ok()) {
    return secret.status().WithContext("consortium key '" + name + "'");
  }
  return FromSecret(std::move(name), *secret);
}

Result<std::vector<ConsortiumKey>> LoadConsortiumKeys(const std::vector<std::string>& specs) {
  std::vector<ConsortiumKey> keys;
  std::set<std::string> names;
  for (const std::string& spec : specs) {
    RINGGRAPH_ASSIGN_OR_RETURN(ConsortiumKey key, ConsortiumKey::Load(spec));
    if (!names.insert(key.name()).second) {
      return Status::InvalidArgument("consortium key '" + key.name() + "' is given twice");
    }
    keys.push_back(std::move(key));
  }
  return keys;
}

std::vector<std::string> ShareKeySpecs(const std::vector<std::string>& configured) {
  std::vector<std::string> specs = configured;
  const char* env = std::getenv("RINGGRAPH_SHARE_KEYS");
  if (env == nullptr) return specs;
  const std::string_view list = env;
  std::size_t pos = 0;
  while (pos <= list.size()) {
    std::size_t comma = list.find(',', pos);
    if (comma == std::string_view::npos) comma = list.size();
    if (comma > pos) specs.emplace_back(list.substr(pos, comma - pos));
    pos = comma + 1;
  }
  return specs;
}

bool IsSharedKind(KindCode kind) {
  return kind == kPaymentKind || kind == kIpKind || kind == kDeviceKind || kind == kTemplateKind;
}

}  // namespace ringgraph::sharing
