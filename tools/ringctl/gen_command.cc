// ringctl gen: writes a seeded synthetic population (signals.csv in the ingest format and
// truth.csv with each account's group) for the demo, the tests and the benchmarks.
#include <tbb/global_control.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "graph/population/population_generator.h"
#include "graph/signals/timestamp.h"
#include "tools/ringctl/command.h"
#include "tools/ringctl/store_access.h"

namespace ringgraph::tools {
namespace {

struct GenFlags {
  population::PopulationOptions options;
  std::string out_dir;
  std::size_t threads = 0;
  bool quiet = false;
};

void PrintSummary(const population::PopulationOptions& options,
                  const population::PopulationSummary& s, const std::string& out_dir,
                  double seconds) {
  std::printf("gen: %llu accounts, %llu of them in %u rings, in %.2f s -> %s\n",
              static_cast<unsigned long long>(s.accounts),
              static_cast<unsigned long long>(s.ring_accounts), s.rings, seconds, out_dir.c_str());
  // Shown only when a sweep parameter is set, so the default summary reads as it always has.
  if (options.ring_size_scale != 1.0 || options.share_rate_scale != 1.0 ||
      options.template_scale != 1.0 || options.ring_volume_scale != 1.0) {
    std::printf("  sweep: ring size x%g, share rate x%g, templates x%g, ring volume x%g\n",
                options.ring_size_scale, options.share_rate_scale, options.template_scale,
                options.ring_volume_scale);
  }
  std::printf("  records: %llu (", static_cast<unsigned long long>(s.records));
  for (std::size_t k = 0; k < population::kEmittedKinds.size(); ++k) {
    std::printf(
        "%s%.*s %llu", k == 0 ? "" : ", ", static_cast<int>(population::kEmittedKinds[k].size()),
        population::kEmittedKinds[k].data(), static_cast<unsigned long long>(s.records_by_kind[k]));
  }
  std::printf("); %.1f per account; %llu timestamps in RFC 3339, the rest Unix seconds\n",
              s.accounts ? static_cast<double>(s.records) / s.accounts : 0.0,
              static_cast<unsigned long long>(s.rfc3339_timestamps));
  std::printf("  groups (type: groups / accounts):\n");
  for (int t = 0; t < population::kGroupTypeCount; ++t) {
    auto type = static_cast<population::GroupType>(t);
    std::string_view prefix = population::GroupTypePrefix(type);
    std::printf("    %-15.*s %8llu / %-9llu%s\n", static_cast<int>(prefix.size()), prefix.data(),
                static_cast<unsigned long long>(s.groups_by_type[t]),
                static_cast<unsigned long long>(s.accounts_by_type[t]),
                population::IsRingType(type) ? " ring" : "");
  }
  std::printf("  model releases (ring bursts follow):");
  for (UnixSeconds t : s.release_times) std::printf(" %s", FormatRfc3339(t).c_str());
  std::printf("\n  files: signals.csv %s, truth.csv %s\n", HumanBytes(s.signals_bytes).c_str(),
              HumanBytes(s.truth_bytes).c_str());
}

int RunGen(const GenFlags& flags) {
  const std::string command = "gen";
  std::optional<tbb::global_control> thread_limit;
  if (flags.threads > 0) {
    thread_limit.emplace(tbb::global_control::max_allowed_parallelism, flags.threads);
  }
  auto generator = population::PopulationGenerator::Create(flags.options);
  if (!generator.ok()) return ReportFailure(command, generator.status());

  const auto start = std::chrono::steady_clock::now();
  ProgressLine progress("gen " + flags.out_dir);
  population::PopulationSummary summary;
  Status status = (*generator)
                      ->WriteTo(
                          flags.out_dir,
                          [&](std::uint64_t done, std::uint64_t total) {
                            progress.Update(HumanCount(static_cast<double>(done)) + " of " +
                                            HumanCount(static_cast<double>(total)) + " accounts, " +
                                            std::to_string(done * 100 / total) + "%");
                          },
                          &summary);
  progress.Finish();
  if (!status.ok()) return ReportFailure(command, status);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!flags.quiet) PrintSummary(flags.options, summary, flags.out_dir, seconds);
  return kExitOk;
}

}  // namespace

void RegisterGenCommand(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<GenFlags>();
  CLI::App* sub = app.add_subcommand(
      "gen",
      "Generate a seeded synthetic population: honest accounts with hard look-alikes (companies, "
      "university labs, families, mobile CGNAT users, proxy-reseller customers) and planted "
      "extraction rings (card farms, hydra proxies, low-and-slow).\n"
      "Writes DIR/signals.csv (account,kind,value,ts; grouped per account in name order, each "
      "account's records by time) and DIR/truth.csv (account,group,is_ring). The same flags "
      "always give the same bytes.\n"
      "The --*-scale flags scale the ring model for a sensitivity sweep; at 1 (the default) "
      "they change nothing.");
  sub->add_option("--accounts", flags->options.accounts, "Number of accounts to generate")
      ->capture_default_str()
      ->check(CLI::Range(100ull, 200000000ull));
  sub->add_option("--rings", flags->options.rings,
                  "Number of planted extraction rings (together about 4% of the accounts)")
      ->capture_default_str();
  sub->add_option("--seed", flags->options.seed, "Random seed; same seed, same output")
      ->capture_default_str();
  sub->add_option("--out", flags->out_dir,
                  "Output directory (created if missing; signals.csv and truth.csv are replaced)")
      ->required();
  sub->add_option("--days", flags->options.days,
                  "Length of the simulated period in days, starting 2026-10-01T00:00:00Z")
      ->capture_default_str()
      ->check(CLI::Range(7, 366));
  sub->add_option("--threads", flags->threads,
                  "Worker threads (0: all cores); the output does not depend on it")
      ->capture_default_str();
  // Sweep parameters (PopulationOptions documents each precisely). All default to 1, which
  // gives the same bytes as a generator without them.
  const auto sweep_range = CLI::Range(population::kMinSweepScale, population::kMaxSweepScale);
  sub->add_option("--ring-size-scale", flags->options.ring_size_scale,
                  "Sweep: multiply every ring's planned size (at least 4 accounts per ring; "
                  "rings may still hold at most half the accounts)")
      ->capture_default_str()
      ->check(sweep_range);
  sub->add_option("--share-rate-scale", flags->options.share_rate_scale,
                  "Sweep: how much ring members share infrastructure; above 1 more sharing. "
                  "Multiplies accounts per card (card farm; low-and-slow pairs become groups of "
                  "round(2x)) and the hydra pair card-sharing chance (0.3x, at most 1); divides "
                  "automation hosts (at least 1) and the card-farm VPS and hydra exit pools "
                  "(at least 2)")
      ->capture_default_str()
      ->check(sweep_range);
  sub->add_option("--template-scale", flags->options.template_scale,
                  "Sweep: multiply extraction template families per ring (at least 1) and the "
                  "share of ring prompts drawn from them (at most 1; camouflage shrinks as this "
                  "grows)")
      ->capture_default_str()
      ->check(sweep_range);
  sub->add_option("--ring-volume-scale", flags->options.ring_volume_scale,
                  "Sweep: multiply the prompts each ring account sends (at least 1)")
      ->capture_default_str()
      ->check(sweep_range);
  sub->add_flag("--quiet", flags->quiet, "Print no summary");
  sub->callback([flags, &context] { context.exit_code = RunGen(*flags); });
}

}  // namespace ringgraph::tools
