// libFuzzer harness for ringd's config file (--config): the input is the file, parsed by CLI11's
// config reader against ringd's own options (service/ringd_options.h), as ringd reads it
// before it starts. A parse error (CLI::ParseError: a bad line, an unknown key, a value that
// fails its check) is the expected way to refuse a file; any other
// exception would end ringd. A file that parses must leave every value inside the range its
// option checks, and the addresses and schedule ringd parses next must parse or fail cleanly.
#include <CLI/CLI.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "service/detection_runner.h"
#include "service/ringd_options.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using ringgraph::service::RingdFlags;
  CLI::App app{"ringd"};
  RingdFlags flags;
  ringgraph::service::AddRingdOptions(app, flags);
  std::istringstream file(std::string(reinterpret_cast<const char*>(data), size));
  try {
    app.parse_from_stream(file);
  } catch (const CLI::ParseError&) {
    return 0;
  }
  const bool known_server = flags.server_model == "auto" || flags.server_model == "epoll" ||
                            flags.server_model == "threaded" || flags.server_model == "nonblocking";
  if (!known_server || flags.io_threads < 1 || flags.io_threads > 64 || flags.offload_threads < 1 ||
      flags.offload_threads > 64 || flags.worker_threads < 0 || flags.worker_threads > 256 ||
      !(flags.threshold >= 0.0 && flags.threshold <= 1.0) || flags.keep_versions < 1 ||
      flags.keep_versions > 1000) {
    std::abort();
  }
  auto listen = ringgraph::service::SplitHostPort(flags.listen, "listen address");
  if (listen.ok() && (listen->second < 0 || listen->second > 65535)) std::abort();
  auto metrics = ringgraph::service::SplitHostPort(flags.metrics, "metrics address");
  if (metrics.ok() && (metrics->second < 0 || metrics->second > 65535)) std::abort();
  auto schedule = ringgraph::service::DetectionSchedule::Parse(flags.detect_at);
  if (schedule.ok() && schedule->enabled &&
      (schedule->hour < 0 || schedule->hour > 23 || schedule->minute < 0 ||
       schedule->minute > 59)) {
    std::abort();
  }
  return 0;
}
