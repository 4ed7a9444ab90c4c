// ringctl ingest: placeholder.
#include <iostream>

#include "tools/ringctl/command.h"

namespace ringgraph::tools {

void RegisterIngestCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand("ingest", "(not built yet)");
  sub->callback([&context] {
    std::cerr << "ringctl ingest: not built yet\n";
    context.exit_code = kExitFailure;
  });
}

}  // namespace ringgraph::tools
