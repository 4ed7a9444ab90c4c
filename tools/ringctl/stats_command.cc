// ringctl stats: placeholder.
#include <iostream>

#include "tools/ringctl/command.h"

namespace ringgraph::tools {

void RegisterStatsCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand("stats", "(not built yet)");
  sub->callback([&context] {
    std::cerr << "ringctl stats: not built yet\n";
    context.exit_code = kExitFailure;
  });
}

}  // namespace ringgraph::tools
