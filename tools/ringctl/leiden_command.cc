// ringctl leiden: parallel Leiden on an edge-list file, for comparing with other tools.
#include <tbb/global_control.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "graph/community/edge_list.h"
#include "graph/community/leiden.h"
#include "graph/community/modularity.h"
#include "tools/ringctl/store_access.h"

namespace ringgraph::tools {
namespace {

struct LeidenFlags {
  std::string edges, out, objective = "modularity";
  int threads = 0;
  std::uint64_t seed = community::LeidenOptions{}.seed;
  double resolution = community::LeidenOptions{}.resolution;
  std::uint32_t iterations = community::LeidenOptions{}.iterations;
  bool verify = false;
  bool phases = false;
};

int RunLeiden(const LeidenFlags& flags) {
  std::unique_ptr<tbb::global_control> threads;
  if (flags.threads > 0) {
    threads = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                    static_cast<std::size_t>(flags.threads));
  }
  community::EdgeListStats read_stats;
  Result<CsrGraph> graph = community::ReadEdgeList(flags.edges, &read_stats);
  if (!graph.ok()) return ReportFailure("leiden", graph.status());
  community::LeidenOptions options;
  options.objective =
      flags.objective == "cpm" ? community::Objective::kCpm : community::Objective::kModularity;
  options.resolution = flags.resolution;
  options.seed = flags.seed;
  options.iterations = flags.iterations;
  if (flags.phases) {
    options.on_phase = [](std::string_view phase, double seconds) {
      std::fprintf(stderr, "leiden: phase %-10s %.3f s\n", std::string(phase).c_str(), seconds);
    };
  }
  auto start = std::chrono::steady_clock::now();
  community::Leiden leiden(*graph, options);
  Status s = leiden.Run();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!s.ok()) return ReportFailure("leiden", s);
  std::ofstream out(flags.out, std::ios::trunc);
  if (!out) return ReportFailure("leiden", Status::IoError("cannot write '" + flags.out + "'"));
  std::string buffer;
  buffer.reserve(1 << 20);
  const auto& membership = leiden.membership();
  for (NodeId v = 0; v < membership.size(); ++v) {
    buffer += std::to_string(v);
    buffer += ' ';
    buffer += std::to_string(membership[v]);
    buffer += '\n';
    if (buffer.size() > (1 << 20)) {
      out << buffer;
      buffer.clear();
    }
  }
  out << buffer;
  out.close();
  if (!out) return ReportFailure("leiden", Status::IoError("writing '" + flags.out + "' failed"));
  const EdgeIndex undirected = graph->num_entries() / 2;
  double quality = options.objective == community::Objective::kCpm
                       ? community::CpmQuality(*graph, membership, flags.resolution)
                       : community::Modularity(*graph, membership, flags.resolution);
  std::printf(
      "leiden: %u vertices, %llu edges; read %.2f s + build %.2f s; leiden %.3f s (%.1fM edges/s); "
      "%u communities; %s %.4f; %zu levels\n",
      graph->num_vertices(), static_cast<unsigned long long>(undirected), read_stats.parse_seconds,
      read_stats.build_seconds, seconds, undirected / seconds / 1e6, leiden.num_communities(),
      flags.objective == "cpm" ? "CPM quality" : "modularity", quality, leiden.levels().size());
  if (flags.verify) {
    std::printf("leiden: %llu disconnected communities (BFS check)\n",
                static_cast<unsigned long long>(
                    community::CountDisconnectedCommunities(*graph, membership)));
  }
  return kExitOk;
}

}  // namespace

void RegisterLeidenCommand(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<LeidenFlags>();
  CLI::App* sub = app.add_subcommand(
      "leiden",
      "Parallel Leiden on an edge list ('u v [w]' per line, 0-based vertices); writes "
      "'vertex community' lines and prints the time, quality and community count");
  sub->add_option("--edges", flags->edges, "Edge-list file")->required();
  sub->add_option("--out", flags->out, "Output file for 'vertex community' lines")->required();
  sub->add_option("--threads", flags->threads, "Worker threads (default: all cores)");
  sub->add_option("--seed", flags->seed, "Seed of the vertex order")->capture_default_str();
  sub->add_option("--iterations", flags->iterations,
                  "Passes of the whole algorithm, each from the partition of the one before "
                  "(python-igraph's n_iterations)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  sub->add_option("--objective", flags->objective, "modularity or cpm")
      ->check(CLI::IsMember({"modularity", "cpm"}))
      ->capture_default_str();
  sub->add_option("--resolution", flags->resolution, "Resolution gamma")->capture_default_str();
  sub->add_flag("--phases", flags->phases, "Print each phase's time on stderr");
  sub->add_flag("--verify", flags->verify, "Count disconnected communities with a BFS check");
  sub->callback([flags, &context] { context.exit_code = RunLeiden(*flags); });
}

}  // namespace ringgraph::tools
