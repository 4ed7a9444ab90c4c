// ringd: the ringgraph service. This first slice only parses its flags; the service issue adds
// the Thrift server, real-time flagging and the Prometheus exposer.
#include <CLI/CLI.hpp>
#include <iostream>

#include "service/ringd_version.h"

int main(int argc, char** argv) {
  CLI::App app{"ringd: serves ringgraph cluster membership and explanations over Thrift"};
  bool show_version = false;
  app.add_flag("--version", show_version, "Print the version and exit");
  CLI11_PARSE(app, argc, argv);
  if (show_version) {
    std::cout << "ringd " << ringgraph::service::RingdVersion() << "\n";
    return 0;
  }
  std::cerr << "ringd: the query service is not built yet; use ringctl for offline work\n";
  return 2;
}
