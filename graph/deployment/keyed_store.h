// A deployment's account store, opened the one way ringd and ringctl both open it: the
// hashing secret loaded, the store bound to that secret's key id, and the consortium keys
// loaded and bound in the order ingest hashes under them.
//
// Every program that writes keyed hashes into a store (ringd, ringctl ingest, ringctl detect
// when it refreshes templates) opens it here, so none can write hashes under a secret the
// store was not written under, or forget a consortium key the others hash under.
//
// Where things are found:
//   the secret   $RINGGRAPH_SECRET (64 hex characters), else the file ResolveSecretPath names:
//                --secret-file, else $RINGGRAPH_SECRET_FILE, else ringgraph.secret beside the
//                data directory (graph/signals/secret_file.h)
//   share keys   --share-key NAME=FILE, then $RINGGRAPH_SHARE_KEYS (sharing::ShareKeySpecs)
//
// Thread safety: a KeyedStore is immutable after Open() except through store(), whose own
// rules hold (store/account_store.h); its accessors may be called from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "graph/common/status.h"
#include "graph/sharing/consortium_key.h"
#include "graph/signals/keyed_hash.h"
#include "graph/store/account_store.h"

namespace ringgraph::deployment {

struct KeyedStoreOptions {
  std::string data_dir = "data";
  // Empty: ResolveSecretPath's rule.
  std::string secret_file;
  // Create the secret file (mode 0600, and its directory) when it does not exist. Only
  // `ringctl ingest --create-secret` does; deployments provision the secret themselves.
  bool create_secret = false;
  // Consortium keys, "NAME=SECRET_FILE"; $RINGGRAPH_SHARE_KEYS adds more.
  std::vector<std::string> share_keys;
  // Create the store when data_dir holds none (ringd and ingest); otherwise that is NotFound.
  bool create_if_missing = false;
  // Ceiling of the LMDB map; 0 keeps the store's default (1 TiB). The map also starts no
  // larger than this.
  std::uint64_t max_map_bytes = 0;
};

// The deployment's secret, found as the header comment says. With create_secret, a missing
// secret file is created with its directory.
Result<Secret> LoadDeploymentSecret(const KeyedStoreOptions& options);

class KeyedStore {
 public:
  // Loads the secret (LoadDeploymentSecret), then opens the store bound to it.
  static Result<std::unique_ptr<KeyedStore>> Open(const KeyedStoreOptions& options);
  // Opens the store in options.data_dir with `secret` already loaded. Fails with
  // FailedPrecondition when the store was written under another secret, and with the key's
  // name when a consortium key cannot be loaded.
  static Result<std::unique_ptr<KeyedStore>> Open(const KeyedStoreOptions& options, Secret secret);

  KeyedStore(const KeyedStore&) = delete;
  KeyedStore& operator=(const KeyedStore&) = delete;

  const Secret& secret() const { return secret_; }
  const KeyedHasher& hasher() const { return hasher_; }
  store::AccountStore& store() const { return *store_; }
  // In the order the store is bound to them (AccountStore::BindConsortiumKeys).
  const std::vector<sharing::ConsortiumKey>& share_keys() const { return share_keys_; }

 private:
  KeyedStore(Secret secret, std::unique_ptr<store::AccountStore> store,
             std::vector<sharing::ConsortiumKey> share_keys);

  Secret secret_;
  KeyedHasher hasher_;
  std::unique_ptr<store::AccountStore> store_;
  std::vector<sharing::ConsortiumKey> share_keys_;
};

}  // namespace ringgraph::deployment
