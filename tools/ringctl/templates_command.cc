// ringctl templates: placeholder until its issue lands.
#include <iostream>

#include "tools/ringctl/command.h"

namespace ringgraph::tools {

void RegisterTemplatesCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand("templates", "(not built yet)");
  sub->callback([&context] {
    std::cerr << "ringctl templates: not built yet\n";
    context.exit_code = kExitFailure;
  });
}

}  // namespace ringgraph::tools
