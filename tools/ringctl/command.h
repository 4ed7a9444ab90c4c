// How ringctl's subcommands plug into the command line.
//
// Each subcommand lives in its own file and exposes one Register function that adds a CLI11
// subcommand to the app. When the subcommand is chosen, its callback runs the work and stores the
// process exit code in the shared CommandContext. Commands report errors on stderr in the form
// "ringctl <command>: <what failed>, <on what>, <what to do>" and never throw past main().
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace ringgraph::tools {

// Options that come before the subcommand: `ringctl --data DIR ingest ...`.
struct GlobalOptions {
  std::string data_dir = "data";
  // Where the per-deployment hashing secret lives. Empty: $RINGGRAPH_SECRET_FILE, else the file
  // "ringgraph.secret" beside the data directory (outside it, so a copy of the store does not
  // carry its key).
  std::string secret_file;
  // Optional JSON file that declares extra signal kinds.
  std::string kinds_file;
  // HOST:PORT of a running ringd, for the query commands; empty: work on --data offline.
  std::string remote;
  // File holding this client's token for ringd (default: $RINGGRAPH_TOKEN_FILE).
  std::string token_file;
  // TLS to ringd: the CA that signed ringd's certificate (turns TLS on), and this client's
  // certificate and key for mutual TLS.
  std::string tls_ca;
  std::string tls_cert;
  std::string tls_key;
  // Consortium keys for indicator sharing, "NAME=SECRET_FILE" (also $RINGGRAPH_SHARE_KEYS,
  // comma-separated).
  std::vector<std::string> share_keys;
};

struct CommandContext {
  GlobalOptions global;
  int exit_code = 0;
};

// Exit codes shared by all commands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the work failed: I/O, store, bad data with --strict
inline constexpr int kExitUsage = 2;    // the command line was wrong
inline constexpr int kExitPartial = 3;  // finished, but some input records were rejected

void RegisterGenCommand(CLI::App& app, CommandContext& context);
void RegisterIngestCommand(CLI::App& app, CommandContext& context);
void RegisterPublishCommand(CLI::App& app, CommandContext& context);
void RegisterStatsCommand(CLI::App& app, CommandContext& context);
// check: the store consistency check
void RegisterCheckCommand(CLI::App& app, CommandContext& context);
void RegisterBackupCommand(CLI::App& app, CommandContext& context);
void RegisterLeidenCommand(CLI::App& app, CommandContext& context);
void RegisterTemplatesCommand(CLI::App& app, CommandContext& context);
void RegisterDetectCommand(CLI::App& app, CommandContext& context);
// communities, graph-stats
void RegisterGraphCommands(CLI::App& app, CommandContext& context);
// export clusters, export rings, label, explain, history
void RegisterClusterCommands(CLI::App& app, CommandContext& context);
// get, top, token new (ringd's clients)
void RegisterRemoteCommands(CLI::App& app, CommandContext& context);
// share export, share import (indicators for partner labs)
void RegisterShareCommands(CLI::App& app, CommandContext& context);

}  // namespace ringgraph::tools
