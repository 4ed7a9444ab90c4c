// Runs ringgraph's binaries from end-to-end tests and captures what they print.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "graph/common/temp_dir.h"

namespace ringgraph::e2e {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// The build tree's binaries; RINGGRAPH_BINARY_DIR is set by ctest.
inline std::string BinaryPath(const std::string& relative) {
  const char* dir = std::getenv("RINGGRAPH_BINARY_DIR");
  return std::string(dir != nullptr ? dir : ".") + "/" + relative;
}

inline std::string Ringctl() { return BinaryPath("tools/ringctl"); }

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs `command` through /bin/sh with stdout and stderr captured to files in `scratch`.
inline CommandResult RunCommand(const std::string& command, const TempDir& scratch) {
  std::string out = scratch.Sub("stdout.txt"), err = scratch.Sub("stderr.txt");
  int status = std::system(("(" + command + ") >" + out + " 2>" + err + " </dev/null").c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = ReadFile(out);
  result.err = ReadFile(err);
  return result;
}

}  // namespace ringgraph::e2e
