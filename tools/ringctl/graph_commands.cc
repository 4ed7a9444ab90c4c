// ringctl communities and graph-stats: the store's projected account graph, inspected.
#include <tbb/global_control.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>

#include "graph/community/leiden.h"
#include "graph/community/modularity.h"
#include "graph/detection/leiden_partitioner.h"
#include "graph/projection/account_projection.h"
#include "tools/ringctl/store_access.h"

namespace ringgraph::tools {
namespace {

// Projects the store's current graph; *snapshot stays open for name lookups.
Result<CsrGraph> ProjectStore(const GlobalOptions& global,
                              std::unique_ptr<store::AccountStore>* store,
                              std::unique_ptr<store::StoreSnapshot>* snapshot) {
  RINGGRAPH_ASSIGN_OR_RETURN(*store, OpenStore(global, /*read_only=*/true));
  RINGGRAPH_ASSIGN_OR_RETURN(*snapshot, (*store)->Snapshot());
  projection::AccountProjection projection(**snapshot, {});
  RINGGRAPH_RETURN_IF_ERROR(projection.Run());
  std::fprintf(stderr, "projected %llu accounts and %llu links in %.2f s\n",
               static_cast<unsigned long long>((*snapshot)->num_accounts()),
               static_cast<unsigned long long>(projection.graph().num_entries() / 2),
               projection.report().seconds);
  return projection.TakeGraph();
}

// Writes every undirected link once, as account_a,account_b,weight.
Status WriteLinks(const CsrGraph& graph, const store::StoreSnapshot& snapshot,
                  const std::string& path) {
  std::ofstream out(path, std::ios::trunc);
  if (!out) return Status::IoError("cannot write '" + path + "'");
  out << "account_a,account_b,weight\n";
  std::vector<std::string> names(graph.num_vertices());
  for (AccountId a = 0; a < names.size(); ++a) {
    RINGGRAPH_ASSIGN_OR_RETURN(names[a], snapshot.AccountName(a));
  }
  for (NodeId v = 0; v < graph.num_vertices(); ++v) {
    for (EdgeIndex e = graph.offsets[v]; e < graph.offsets[v + 1]; ++e) {
      if (graph.neighbors[e] <= v) continue;
      out << names[v] << ',' << names[graph.neighbors[e]] << ',' << graph.weights[e] << '\n';
    }
  }
  out.close();
  if (!out) return Status::IoError("writing '" + path + "' failed");
  return Status::Ok();
}

int Communities(const GlobalOptions& global, const std::string& out_path,
                const std::string& links_path, const detection::PartitionerFlags& flags) {
  std::unique_ptr<store::AccountStore> store;
  std::unique_ptr<store::StoreSnapshot> snapshot;
  Result<CsrGraph> graph = ProjectStore(global, &store, &snapshot);
  if (!graph.ok()) return ReportFailure("communities", graph.status());
  if (!links_path.empty()) {
    Status written = WriteLinks(*graph, *snapshot, links_path);
    if (!written.ok()) return ReportFailure("communities", written);
  }
  // The partition detection starts from.
  community::LeidenOptions options;
  options.objective = flags.cpm ? community::Objective::kCpm : community::Objective::kModularity;
  options.resolution = flags.resolution;
  options.seed = flags.seed;
  options.iterations = flags.iterations;
  community::Leiden leiden(*graph, options);
  Status s = leiden.Run();
  if (!s.ok()) return ReportFailure("communities", s);
  std::ofstream out(out_path, std::ios::trunc);
  if (!out) return ReportFailure("communities", Status::IoError("cannot write '" + out_path + "'"));
  out << "account,community\n";
  for (AccountId a = 0; a < leiden.membership().size(); ++a) {
    Result<std::string> name = snapshot->AccountName(a);
    if (!name.ok()) return ReportFailure("communities", name.status());
    out << *name << ',' << leiden.membership()[a] << '\n';
  }
  out.close();
  if (!out)
    return ReportFailure("communities", Status::IoError("writing '" + out_path + "' failed"));
  std::printf("communities: %u communities (%s, resolution %g), modularity %.4f, written to %s\n",
              leiden.num_communities(), flags.cpm ? "CPM" : "modularity", flags.resolution,
              community::Modularity(*graph, leiden.membership(), 1.0), out_path.c_str());
  return kExitOk;
}

int GraphStats(const GlobalOptions& global) {
  std::unique_ptr<store::AccountStore> store;
  std::unique_ptr<store::StoreSnapshot> snapshot;
  Result<CsrGraph> graph = ProjectStore(global, &store, &snapshot);
  if (!graph.ok()) return ReportFailure("graph-stats", graph.status());
  const NodeId n = graph->num_vertices();
  std::vector<std::uint64_t> buckets(34, 0);  // degree 0, then [2^k, 2^(k+1))
  EdgeIndex max_degree = 0;
  for (NodeId v = 0; v < n; ++v) {
    EdgeIndex d = graph->degree(v);
    max_degree = std::max(max_degree, d);
    std::size_t bucket = d == 0 ? 0 : 1 + static_cast<std::size_t>(63 - __builtin_clzll(d));
    ++buckets[std::min<std::size_t>(bucket, buckets.size() - 1)];
  }
  std::vector<community::CommunityId> components = community::ConnectedComponents(*graph);
  std::vector<std::uint64_t> sizes;
  for (community::CommunityId c : components) {
    if (c >= sizes.size()) sizes.resize(c + 1, 0);
    ++sizes[c];
  }
  std::uint64_t largest = sizes.empty() ? 0 : *std::max_element(sizes.begin(), sizes.end());
  std::uint64_t nontrivial =
      std::count_if(sizes.begin(), sizes.end(), [](auto s) { return s > 1; });
  std::printf("vertices          %u accounts\n", n);
  std::printf("edges             %llu undirected links\n",
              static_cast<unsigned long long>(graph->num_entries() / 2));
  std::printf("components        %llu with 2+ accounts; largest %llu accounts (%.2f%%)\n",
              static_cast<unsigned long long>(nontrivial), static_cast<unsigned long long>(largest),
              n ? 100.0 * largest / n : 0.0);
  std::printf("max degree        %llu\n", static_cast<unsigned long long>(max_degree));
  std::printf("degree distribution:\n");
  for (std::size_t b = 0; b < buckets.size(); ++b) {
    if (buckets[b] == 0) continue;
    if (b == 0) {
      std::printf("  %-14s %llu\n", "0", static_cast<unsigned long long>(buckets[b]));
    } else {
      std::printf("  %-14s %llu\n",
                  (std::to_string(1ull << (b - 1)) + "-" + std::to_string((1ull << b) - 1)).c_str(),
                  static_cast<unsigned long long>(buckets[b]));
    }
  }
  return kExitOk;
}

}  // namespace

void RegisterGraphCommands(CLI::App& app, CommandContext& context) {
  {
    auto out = std::make_shared<std::string>();
    auto links = std::make_shared<std::string>();
    auto flags = std::make_shared<detection::PartitionerFlags>();
    CLI::App* sub =
        app.add_subcommand("communities",
                           "Leiden communities of the store's current account graph, as "
                           "'account,community' CSV: the partition detection starts from");
    sub->add_option("--out", *out, "Output CSV file")->required();
    sub->add_option("--resolution", flags->resolution,
                    "Leiden resolution (gamma); with CPM, the evidence per pair a community needs")
        ->capture_default_str();
    sub->add_option_function<std::string>(
           "--objective", [flags](const std::string& v) { flags->cpm = v == "cpm"; },
           "cpm (default, as detect) or modularity")
        ->check(CLI::IsMember({"cpm", "modularity"}));
    sub->add_option("--seed", flags->seed, "Seed")->capture_default_str();
    sub->add_option("--links", *links,
                    "Also write the projected graph's links, each once, as "
                    "'account_a,account_b,weight' CSV (for analysts' own graph tools)");
    sub->callback(
        [=, &context] { context.exit_code = Communities(context.global, *out, *links, *flags); });
  }
  CLI::App* stats = app.add_subcommand(
      "graph-stats",
      "Vertices, edges, the degree distribution and the largest component of the "
      "store's projected account graph");
  stats->callback([&context] { context.exit_code = GraphStats(context.global); });
}

}  // namespace ringgraph::tools
