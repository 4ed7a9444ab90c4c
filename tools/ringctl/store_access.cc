// Shared helpers for ringctl commands.
#include "tools/ringctl/store_access.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

namespace ringgraph::tools {

Result<KindRegistry> LoadKinds(const GlobalOptions& global) {
  if (global.kinds_file.empty()) return KindRegistry::Builtin();
  return KindRegistry::LoadWithDeclared(global.kinds_file);
}

Result<std::vector<sharing::ConsortiumKey>> LoadShareKeys(const GlobalOptions& global) {
  return sharing::LoadConsortiumKeys(sharing::ShareKeySpecs(global.share_keys));
}

deployment::KeyedStoreOptions KeyedStoreOptionsOf(const GlobalOptions& global) {
  deployment::KeyedStoreOptions options;
  options.data_dir = global.data_dir;
  options.secret_file = global.secret_file;
  options.share_keys = global.share_keys;
  return options;
}

Result<std::unique_ptr<store::AccountStore>> OpenStore(const GlobalOptions& global, bool read_only,
                                                       std::uint64_t max_map_bytes,
                                                       bool create_if_missing) {
  store::StoreOptions options;
  options.read_only = read_only;
  options.create_if_missing = create_if_missing;
  if (max_map_bytes != 0) options.max_map_bytes = max_map_bytes;
  return store::AccountStore::Open(global.data_dir, options);
}

void AddRecordInputOptions(CLI::App* sub, std::vector<std::string>* files, std::string* format) {
  sub->add_option("files", *files, "Input files; none or '-' reads stdin (CSV by default)");
  sub->add_option("--format", *format, "Input format: csv or jsonl (default: by extension)")
      ->check(CLI::IsMember({"csv", "jsonl", "ndjson", "json"}));
}

Result<std::vector<InputFormat>> RecordInputFormats(const std::vector<std::string>& files,
                                                    const std::string& format) {
  std::vector<InputFormat> formats;
  for (const std::string& file : files) {
    RINGGRAPH_ASSIGN_OR_RETURN(InputFormat f, !format.empty() ? InputFormatFromName(format)
                                              : file == "-"   ? InputFormatFromName("csv")
                                                              : InputFormatFromPath(file));
    formats.push_back(f);
  }
  return formats;
}

int ReportFailure(const std::string& command, const Status& status) {
  std::cerr << "ringctl " << command << ": " << status.message() << "\n";
  return status.code() == Status::Code::kInvalidArgument ? kExitUsage : kExitFailure;
}

std::string HumanBytes(std::uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024 && unit < 4) value /= 1024, ++unit;
  char buf[32];
  std::snprintf(buf, sizeof buf, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
  return buf;
}

std::string HumanCount(double count) {
  char buf[32];
  if (count >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.2fM", count / 1e6);
  } else if (count >= 1e4) {
    std::snprintf(buf, sizeof buf, "%.0fk", count / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f", count);
  }
  return buf;
}

namespace {
double NowSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

ProgressLine::ProgressLine(std::string label)
    : label_(std::move(label)), enabled_(::isatty(STDERR_FILENO) == 1) {}

ProgressLine::~ProgressLine() { Finish(); }

void ProgressLine::Update(const std::string& text) {
  if (!enabled_) return;
  double now = NowSeconds();
  if (now - last_update_ < 0.2) return;
  last_update_ = now;
  std::cerr << "\r\033[K" << label_ << ": " << text << std::flush;
  shown_ = true;
}

void ProgressLine::Finish() {
  if (shown_) std::cerr << "\r\033[K" << std::flush;
  shown_ = false;
}

}  // namespace ringgraph::tools
