// ringctl leiden: placeholder until its issue lands.
#include <iostream>

#include "tools/ringctl/command.h"

namespace ringgraph::tools {

void RegisterLeidenCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand("leiden", "(not built yet)");
  sub->callback([&context] {
    std::cerr << "ringctl leiden: not built yet\n";
    context.exit_code = kExitFailure;
  });
}

}  // namespace ringgraph::tools
