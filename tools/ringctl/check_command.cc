// ringctl check: the store consistency check (graph/store/store_check.h) on a data directory.
// Exit 0 when consistent, 1 with the list of problems otherwise (or when the store cannot be
// read).
#include <cstdio>
#include <iostream>

#include "graph/store/detection_store.h"
#include "graph/store/store_check.h"
#include "tools/ringctl/store_access.h"

namespace ringgraph::tools {
namespace {

unsigned long long U(std::uint64_t n) { return static_cast<unsigned long long>(n); }

void PrintChecked(const std::string& dir, const store::StoreCheckReport& r) {
  std::printf("checked          %s, in one read snapshot\n", dir.c_str());
  std::printf(
      "accounts         %llu: names and ids agree both ways, ids dense, one activity "
      "entry each\n",
      U(r.accounts));
  std::printf(
      "signals          %llu: values and ids agree both ways, ids dense, counts per kind "
      "match\n",
      U(r.signals));
  std::printf(
      "adjacency        %llu account->signal and %llu signal->account entries, each "
      "looked up the other way;\n"
      "                 holder and observation counts per signal recounted\n",
      U(r.adjacency_entries), U(r.reverse_adjacency_entries));
  std::printf(
      "totals           %llu records: store totals equal the sum over accounts; %llu "
      "daily volumes,\n"
      "                 %llu kept prompt sketches, %llu consortium hashes checked\n",
      U(r.records), U(r.account_days), U(r.pending_prompts), U(r.shared_hashes));
  if (r.staged_observations > 0) {
    std::printf(
        "staged           %llu observations of an interrupted ingest, not merged yet; any\n"
        "                 read-write open merges them (ringctl ingest, detect or ringd)\n",
        U(r.staged_observations));
  }
  if (!r.clusterings_checked) {
    std::printf("clusterings      none: no detection has run on this store\n");
    return;
  }
  if (r.clustering_versions == 0) {
    std::printf("clusterings      none yet\n");
  } else {
    std::printf(
        "clusterings      versions %llu-%llu (%llu kept): %llu clusters, %llu "
        "memberships;\n"
        "                 headers, sizes, member lists and memberships agree\n",
        U(r.oldest_version), U(r.latest_version), U(r.clustering_versions), U(r.clusters),
        U(r.memberships));
  }
  std::printf("labels           %llu, and %llu real-time flags\n", U(r.labels),
              U(r.realtime_flags));
}

int RunCheck(const GlobalOptions& global) {
  auto store = OpenStore(global, /*read_only=*/true);
  if (!store.ok()) return ReportFailure("check", store.status());
  // A store no detection or ringd has opened read-write has no clustering tables yet.
  auto stores = store::DetectionStore::Open(**store);
  if (!stores.ok() && stores.status().code() != Status::Code::kFailedPrecondition) {
    return ReportFailure("check", stores.status());
  }
  Result<store::StoreCheckReport> report =
      store::CheckStore(**store, stores.ok() ? stores->get() : nullptr);
  if (!report.ok()) return ReportFailure("check", report.status());
  PrintChecked(global.data_dir, *report);
  if (report->consistent()) {
    std::printf("consistent\n");
    return kExitOk;
  }
  std::printf("%llu problem(s):\n", U(report->problem_count()));
  for (const std::string& problem : report->problems) std::printf("  %s\n", problem.c_str());
  if (report->unlisted_problems > 0) {
    std::printf("  ... and %llu more\n", U(report->unlisted_problems));
  }
  std::cerr << "ringctl check: the store in '" << global.data_dir << "' is inconsistent ("
            << report->problem_count()
            << " problem(s)); keep it for diagnosis and restore the last backup "
               "(see 'Backup and restore' in the README)\n";
  return kExitFailure;
}

}  // namespace

void RegisterCheckCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand(
      "check",
      "Check the store's consistency in one read snapshot: names and ids, values and ids, the "
      "adjacency both ways, the stored counts against a recount, clustering versions, member "
      "lists and memberships, labels. Exit 0 when consistent, 1 with the list of problems. "
      "Safe while ringd runs.");
  sub->callback([&context] { context.exit_code = RunCheck(context.global); });
}

}  // namespace ringgraph::tools
