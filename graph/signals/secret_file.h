// Finding, reading and creating the per-deployment hashing secret.
#pragma once

#include <string>

#include "graph/common/status.h"
#include "graph/signals/keyed_hash.h"

namespace ringgraph {

struct SecretSource {
  // Path of the secret file: 64 hex characters, mode 0600 or stricter.
  std::string path;
  // When true and no secret exists at `path` (and none in the environment), create one with
  // mode 0600. The demo uses this; production deployments provision the secret themselves.
  bool create_if_missing = false;
};

// Where a deployment's secret file is, the one rule ringd and ringctl share: `secret_file` (the
// --secret-file flag or config key) when not empty, else $RINGGRAPH_SECRET_FILE when set and not
// empty, else "ringgraph.secret" beside the data directory `data_dir` (outside it, so a copy of
// the store does not carry its key).
std::string ResolveSecretPath(const std::string& secret_file, const std::string& data_dir);

// The secret comes from $RINGGRAPH_SECRET (64 hex characters) when that is set, else from the
// file. A file readable by group or others is refused, as ssh refuses such keys.
Result<Secret> LoadSecret(const SecretSource& source);

// The same checks on one file, without the environment override (consortium keys use it).
Result<Secret> LoadSecretFile(const std::string& path, bool create_if_missing = false);

// Writes a fresh random secret to `path` with mode 0600; fails if the file exists.
Result<Secret> CreateSecretFile(const std::string& path);

}  // namespace ringgraph
