// ringctl backup: placeholder.
#include <iostream>

#include "tools/ringctl/command.h"

namespace ringgraph::tools {

void RegisterBackupCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand("backup", "(not built yet)");
  sub->callback([&context] {
    std::cerr << "ringctl backup: not built yet\n";
    context.exit_code = kExitFailure;
  });
}

}  // namespace ringgraph::tools
