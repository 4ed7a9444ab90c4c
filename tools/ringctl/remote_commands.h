// The --remote forms of ringctl's commands: they call a running ringd instead of reading a data
// directory.
#pragma once

#include <cstdint>
#include <string>

#include "tools/ringctl/command.h"

namespace ringgraph::tools {

int RemoteLabel(const GlobalOptions& global, const std::string& target, const std::string& verdict,
                const std::string& note);
int RemoteExplainCluster(const GlobalOptions& global, std::uint64_t cluster);
int RemoteExplainLink(const GlobalOptions& global, const std::string& a, const std::string& b);
// Starts ringd's detection; with `wait`, polls until it finishes and prints its result.
int RemoteDetect(const GlobalOptions& global, bool wait);

}  // namespace ringgraph::tools
