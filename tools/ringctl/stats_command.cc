// ringctl stats: what the store holds, and how full its map is.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "tools/ringctl/store_access.h"

namespace ringgraph::tools {
namespace {

int RunStats(const GlobalOptions& global, bool as_json) {
  Result<KindRegistry> kinds = LoadKinds(global);
  if (!kinds.ok()) return ReportFailure("stats", kinds.status());
  auto store = OpenStore(global, /*read_only=*/true);
  if (!store.ok()) return ReportFailure("stats", store.status());
  Result<store::StoreStats> stats = (*store)->Stats();
  if (!stats.ok()) return ReportFailure("stats", stats.status());
  const store::StoreStats& s = *stats;
  double map_use = s.map_bytes > 0 ? 100.0 * s.used_bytes / s.map_bytes : 0;
  if (as_json) {
    nlohmann::json out;
    out["accounts"] = s.accounts;
    out["signals"] = s.signals;
    nlohmann::json by_kind = nlohmann::json::object();
    for (const KindSpec& kind : kinds->kinds()) {
      if (kind.treatment == ValueTreatment::kPromptText) continue;
      by_kind[kind.name] = s.signals_by_kind[kind.code];
    }
    out["signals_by_kind"] = by_kind;
    out["adjacency_entries"] = s.adjacency_entries;
    out["records"] = s.records;
    out["prompts"] = s.prompts;
    out["staged_observations"] = s.staged_observations;
    out["file_bytes"] = s.file_bytes;
    out["used_bytes"] = s.used_bytes;
    out["map_bytes"] = s.map_bytes;
    out["key_id"] = s.key_id;
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::printf("store            %s\n", global.data_dir.c_str());
  std::printf("accounts         %llu\n", static_cast<unsigned long long>(s.accounts));
  std::printf("signals          %llu distinct values\n",
              static_cast<unsigned long long>(s.signals));
  for (const KindSpec& kind : kinds->kinds()) {
    if (kind.treatment == ValueTreatment::kPromptText) continue;
    std::printf("  %-14s %llu\n", kind.name.c_str(),
                static_cast<unsigned long long>(s.signals_by_kind[kind.code]));
  }
  std::printf("adjacency        %llu (account, signal) pairs, stored in both directions\n",
              static_cast<unsigned long long>(s.adjacency_entries));
  std::printf("records          %llu ingested, of which %llu sampled prompts\n",
              static_cast<unsigned long long>(s.records),
              static_cast<unsigned long long>(s.prompts));
  if (s.staged_observations > 0) {
    std::printf(
        "staged           %llu records of an interrupted ingest, counted at the next "
        "read-write open\n",
        static_cast<unsigned long long>(s.staged_observations));
  }
  std::printf("size             %s on disk, %s in use\n", HumanBytes(s.file_bytes).c_str(),
              HumanBytes(s.used_bytes).c_str());
  std::printf("map              %s, %.1f%% used\n", HumanBytes(s.map_bytes).c_str(), map_use);
  std::printf("hashing key id   %s\n", s.key_id.empty() ? "(none yet)" : s.key_id.c_str());
  return kExitOk;
}

}  // namespace

void RegisterStatsCommand(CLI::App& app, CommandContext& context) {
  auto as_json = std::make_shared<bool>(false);
  CLI::App* sub = app.add_subcommand(
      "stats",
      "Print accounts, signals per kind, adjacency entries, and the store's size and map use");
  sub->add_flag("--json", *as_json, "Print the figures as a JSON object");
  sub->callback([as_json, &context] { context.exit_code = RunStats(context.global, *as_json); });
}

}  // namespace ringgraph::tools
