// ringctl: the ringgraph command line. Offline commands work on a data directory; each
// subcommand is registered from its own file (see command.h).
#include <exception>
#include <iostream>

#include "tools/ringctl/command.h"

int main(int argc, char** argv) {
  ringgraph::tools::CommandContext context;
  CLI::App app{
      "ringctl: generate, ingest, inspect and analyse ringgraph account stores, offline on a\n"
      "data directory (--data) or against a running ringd (--remote).\n"
      "Run 'ringctl COMMAND --help' for the options of one command."};
  app.require_subcommand(1);
  app.add_option("--data", context.global.data_dir,
                 "LMDB data directory of the account store (created on first ingest)")
      ->capture_default_str();
  app.add_option("--secret-file", context.global.secret_file,
                 "File holding the per-deployment hashing secret (default: $RINGGRAPH_SECRET_FILE, "
                 "else ringgraph.secret beside the data directory)");
  app.add_option("--kinds", context.global.kinds_file,
                 "JSON file declaring extra signal kinds beyond the built-in ones");
  app.add_option("--remote", context.global.remote,
                 "HOST:PORT of a running ringd (or several replicas' HOST:PORT,HOST:PORT: the "
                 "first that answers, the next when it fails): get, top, explain, label and "
                 "detect then ask it");
  app.add_option("--share-key", context.global.share_keys,
                 "Consortium key for indicator sharing, NAME=SECRET_FILE (repeatable; also "
                 "$RINGGRAPH_SHARE_KEYS, comma-separated)");
  app.add_option("--token-file", context.global.token_file,
                 "File holding the client token for --remote (default: $RINGGRAPH_TOKEN_FILE)");
  app.add_option("--tls-ca", context.global.tls_ca,
                 "Talk TLS to --remote; its certificate must chain to this CA (PEM)");
  app.add_option("--tls-cert", context.global.tls_cert,
                 "Client certificate for mutual TLS with --remote (PEM)");
  app.add_option("--tls-key", context.global.tls_key, "Private key of --tls-cert (PEM)");

  ringgraph::tools::RegisterGenCommand(app, context);
  ringgraph::tools::RegisterIngestCommand(app, context);
  ringgraph::tools::RegisterPublishCommand(app, context);
  ringgraph::tools::RegisterStatsCommand(app, context);
  ringgraph::tools::RegisterCheckCommand(app, context);
  ringgraph::tools::RegisterBackupCommand(app, context);
  ringgraph::tools::RegisterLeidenCommand(app, context);
  ringgraph::tools::RegisterTemplatesCommand(app, context);
  ringgraph::tools::RegisterDetectCommand(app, context);
  ringgraph::tools::RegisterGraphCommands(app, context);
  ringgraph::tools::RegisterClusterCommands(app, context);
  ringgraph::tools::RegisterRemoteCommands(app, context);
  ringgraph::tools::RegisterShareCommands(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : ringgraph::tools::kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "ringctl: unexpected error: " << e.what() << "\n";
    return ringgraph::tools::kExitFailure;
  }
  return context.exit_code;
}
