// Opening a deployment's store under its keys. See keyed_store.h.
#include "graph/deployment/keyed_store.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "graph/signals/secret_file.h"

namespace ringgraph::deployment {

Result<Secret> LoadDeploymentSecret(const KeyedStoreOptions& options) {
  const std::string path = ResolveSecretPath(options.secret_file, options.data_dir);
  if (options.create_secret) {
    std::error_code ignored;  // a missing directory is created; a real problem surfaces below
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
  }
  return LoadSecret({path, options.create_secret});
}

Result<std::unique_ptr<KeyedStore>> KeyedStore::Open(const KeyedStoreOptions& options) {
  RINGGRAPH_ASSIGN_OR_RETURN(Secret secret, LoadDeploymentSecret(options));
  return Open(options, std::move(secret));
}

Result<std::unique_ptr<KeyedStore>> KeyedStore::Open(const KeyedStoreOptions& options,
                                                     Secret secret) {
  store::StoreOptions store_options;
  store_options.create_if_missing = options.create_if_missing;
  if (options.max_map_bytes != 0) {
    store_options.max_map_bytes = options.max_map_bytes;
    store_options.initial_map_bytes =
        std::min(store_options.initial_map_bytes, options.max_map_bytes);
  }
  RINGGRAPH_ASSIGN_OR_RETURN(std::unique_ptr<store::AccountStore> store,
                             store::AccountStore::Open(options.data_dir, store_options));
  RINGGRAPH_RETURN_IF_ERROR(store->BindKeyId(KeyedHasher(secret).KeyId()));
  RINGGRAPH_ASSIGN_OR_RETURN(
      std::vector<sharing::ConsortiumKey> share_keys,
      sharing::LoadConsortiumKeys(sharing::ShareKeySpecs(options.share_keys)));
  std::vector<std::uint64_t> tags;
  for (const sharing::ConsortiumKey& key : share_keys) tags.push_back(key.tag());
  store->BindConsortiumKeys(std::move(tags));
  return std::unique_ptr<KeyedStore>(
      new KeyedStore(std::move(secret), std::move(store), std::move(share_keys)));
}

KeyedStore::KeyedStore(Secret secret, std::unique_ptr<store::AccountStore> store,
                       std::vector<sharing::ConsortiumKey> share_keys)
    : secret_(std::move(secret)),
      hasher_(secret_),
      store_(std::move(store)),
      share_keys_(std::move(share_keys)) {}

}  // namespace ringgraph::deployment
