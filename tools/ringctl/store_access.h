// What ringctl's commands share: opening the store, finding the secret and the kind registry,
// progress lines on a terminal, and human-readable sizes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "graph/common/status.h"
#include "graph/deployment/keyed_store.h"
#include "graph/sharing/consortium_key.h"
#include "graph/signals/keyed_hash.h"
#include "graph/signals/record_reader.h"
#include "graph/signals/signal_kind.h"
#include "graph/store/account_store.h"
#include "tools/ringctl/command.h"

namespace ringgraph::tools {

Result<KindRegistry> LoadKinds(const GlobalOptions& global);

// The consortium keys from --share-key and $RINGGRAPH_SHARE_KEYS.
Result<std::vector<sharing::ConsortiumKey>> LoadShareKeys(const GlobalOptions& global);

// --data, --secret-file and --share-key as options for opening the store under its keys
// (graph/deployment/keyed_store.h), the way ringd opens it; the caller sets what to create.
deployment::KeyedStoreOptions KeyedStoreOptionsOf(const GlobalOptions& global);

// Opens the store in --data without its keys, for commands that write no keyed hash. Only
// ingest creates a store; every other command requires one.
Result<std::unique_ptr<store::AccountStore>> OpenStore(const GlobalOptions& global, bool read_only,
                                                       std::uint64_t max_map_bytes = 0,
                                                       bool create_if_missing = false);

// Prints "ringctl <command>: <status message>" to stderr and returns kExitFailure (kExitUsage
// for invalid arguments).
int ReportFailure(const std::string& command, const Status& status);

// Commands that read signal records (ingest, publish) take the same inputs: files (none or "-":
// stdin) and --format. Adds both to `sub`.
void AddRecordInputOptions(CLI::App* sub, std::vector<std::string>* files, std::string* format);
// The format of each input: `format` when given, else by extension (stdin: CSV).
Result<std::vector<InputFormat>> RecordInputFormats(const std::vector<std::string>& files,
                                                    const std::string& format);

// "1.5 GiB", "312 KiB".
std::string HumanBytes(std::uint64_t bytes);
// "1.25M", "312k", "17".
std::string HumanCount(double count);

// A single self-overwriting progress line on stderr, shown only when stderr is a terminal and
// at most a few times a second.
class ProgressLine {
 public:
  explicit ProgressLine(std::string label);
  ~ProgressLine();
  void Update(const std::string& text);
  void Finish();

 private:
  std::string label_;
  bool enabled_;
  bool shown_ = false;
  double last_update_ = 0;
};

}  // namespace ringgraph::tools
