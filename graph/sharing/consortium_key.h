// Consortium keys: hashing keys that partner labs share, separate from each lab's local secret.
//
// Each lab hashes payment, IP, device and template values under its own secret for its store,
// so two labs' stored hashes never match. A consortium key is a second secret that the labs of
// a consortium hold in common; ingest also hashes those values under it, and indicators that
// leave a lab carry only these consortium-keyed hashes. Two labs with different local secrets
// and the same consortium key get equal hashes for equal values.
//
// The hashing key is derived from the consortium secret file (BLAKE2b keyed by it over a fixed
// label), so a lab that reused its local secret as a consortium secret would still not publish
// its local hashes. The key is named by the first 8 bytes of its key id (its tag).
//
// Threat model (README, "Sharing indicators"): a plain unkeyed hash of an IPv4 address or a card
// number can be reversed by hashing every candidate (2^32 IPv4 addresses take minutes), so
// indicators are keyed. Anyone holding the consortium key can test guesses against an
// indicator — a member lab can tell whether a value it already knows is in a partner's ring,
// nothing more. A leaked key exposes every bundle made under it to that test: rotate by
// configuring a new key and exporting under it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/common/status.h"
#include "graph/signals/keyed_hash.h"
#include "graph/signals/signal_kind.h"

namespace ringgraph::sharing {

class ConsortiumKey {
 public:
  // From "NAME=PATH": the secret file is read as the local secret is (64 hex characters, mode
  // 0600 or stricter). NAME is [A-Za-z0-9._-]{1,64}.
  static Result<ConsortiumKey> Load(const std::string& spec);
  static ConsortiumKey FromSecret(std::string name, const Secret& secret);

  const std::string& name() const { return name_; }
  // 16 hex characters, public; equal for every lab holding the same key.
  const std::string& key_id() const { return key_id_; }
  std::uint64_t tag() const { return tag_; }
  // REQUIRES: `value` normalised for its kind, as for the local hash.
  ValueHash Hash(KindCode kind, std::string_view value) const { return hasher_.Hash(kind, value); }

 private:
  ConsortiumKey(std::string name, const Secret& derived);
  std::string name_;
  KeyedHasher hasher_;
  std::string key_id_;
  std::uint64_t tag_ = 0;
};

// Loads every "NAME=PATH" spec; names must be distinct.
Result<std::vector<ConsortiumKey>> LoadConsortiumKeys(const std::vector<std::string>& specs);

// The consortium key specs a deployment uses, the one rule ringd and ringctl share: the
// configured ones (--share-key, ringd's share-key), then the comma-separated specs of
// $RINGGRAPH_SHARE_KEYS. Empty items are skipped.
std::vector<std::string> ShareKeySpecs(const std::vector<std::string>& configured);

// Whether values of `kind` are shared between labs: payment, ip, device and template.
bool IsSharedKind(KindCode kind);

// The tag of a 16-hex-character key id.
std::uint64_t TagOfKeyId(const std::string& key_id);

}  // namespace ringgraph::sharing
