// ringctl backup: a compacted, consistent hot copy of the store, safe while ringd writes.
#include <iostream>

#include "tools/ringctl/store_access.h"

namespace ringgraph::tools {

void RegisterBackupCommand(CLI::App& app, CommandContext& context) {
  auto dest = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand(
      "backup",
      "Write a compacted hot copy of the store into DEST (a new or empty directory).\n"
      "The secret file is not copied; back it up separately. Restore by pointing --data at DEST.");
  sub->add_option("dest", *dest, "Destination directory")->required();
  sub->callback([dest, &context] {
    auto store = OpenStore(context.global, /*read_only=*/true);
    if (!store.ok()) {
      context.exit_code = ReportFailure("backup", store.status());
      return;
    }
    Status s = (*store)->Backup(*dest);
    if (!s.ok()) {
      context.exit_code = ReportFailure("backup", s);
      return;
    }
    std::cout << "backup: copied " << context.global.data_dir << " to " << *dest << "\n";
    context.exit_code = kExitOk;
  });
}

}  // namespace ringgraph::tools
