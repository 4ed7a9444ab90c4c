// ringctl gen: placeholder until its issue lands.
#include <iostream>

#include "tools/ringctl/command.h"

namespace ringgraph::tools {

void RegisterGenCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand("gen", "(not built yet)");
  sub->callback([&context] {
    std::cerr << "ringctl gen: not built yet\n";
    context.exit_code = kExitFailure;
  });
}

}  // namespace ringgraph::tools
