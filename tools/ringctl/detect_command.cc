// ringctl detect: the nightly job — projection, Leiden, scoring — written as a new clustering
// version; then the largest flagged rings with their evidence.
#include <tbb/global_control.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <thread>

#include "graph/deployment/keyed_store.h"
#include "graph/detection/cluster_details.h"
#include "graph/detection/detection_job.h"
#include "graph/detection/leiden_partitioner.h"
#include "graph/ingest/prompt_templates.h"
#include "graph/ingest/template_refresh.h"
#include "graph/store/detection_store.h"
#include "tools/ringctl/remote_commands.h"
#include "tools/ringctl/store_access.h"

namespace ringgraph::tools {
namespace {

// Defaults come from the engine's option structs, as ringd's do (service/ringd_options.h).
struct DetectFlags {
  detection::PartitionerFlags partition;
  double threshold = detection::ScoringWeights{}.flag_threshold;
  double half_life_days = projection::ProjectionOptions{}.half_life_days;
  double address_pairs = projection::ProjectionOptions{}.combination_alpha;
  std::uint32_t keep_versions = detection::DetectionOptions{}.keep_versions;
  std::uint32_t top = 5;
  int threads = 0;
  bool split_by_identity = detection::DetectionOptions{}.separate_identities;
  bool run_campaigns = detection::DetectionOptions{}.learn_run_campaigns;
  bool reassemble_pieces = detection::DetectionOptions{}.reassemble_pieces;
  double reassembly_resolution = detection::PieceReassemblyOptions{}.resolution;
  bool adopt_pieces = detection::DetectionOptions{}.adopt_pieces;
  double adopt_value_share = detection::PieceAdoptionOptions{}.min_value_share;
  bool leave_out_spared = detection::DetectionOptions{}.leave_out_spared_members;
  bool split_campaigns = detection::DetectionOptions{}.split_campaigns;
  bool attach_strays = detection::DetectionOptions{}.attach_strays;
  bool keep_likely_members = detection::DetectionOptions{}.keep_likely_members;
  double campaign_contrast = detection::CampaignSplitOptions{}.contrast_alpha;
  bool quiet = false;
  bool wait = false;
};

void PrintEvidence(const detection::DetailEvidence& e) {
  std::printf("    shares %-8s %s  held by %u of its members (%u accounts in all), weight %.3f\n",
              e.kind.c_str(), e.value_id.c_str(), e.members_sharing, e.holders_total,
              e.pair_weight);
}

void PrintRing(const store::ClusterRecord& record, std::size_t evidence_lines) {
  std::printf("  ring %llu  score %.3f  %u accounts\n", static_cast<unsigned long long>(record.id),
              record.ring_score, record.size);
  Result<detection::ClusterDetails> details = detection::ParseClusterDetails(record.details_json);
  if (!details.ok()) {
    std::printf("    details unreadable: %s\n", details.status().ToString().c_str());
    return;
  }
  std::printf("    %s\n", details->summary.c_str());
  const std::size_t shown = std::min(evidence_lines, details->evidence.size());
  for (std::size_t i = 0; i < shown; ++i) PrintEvidence(details->evidence[i]);
  for (const std::string& label : details->labels) std::printf("    label: %s\n", label.c_str());
}

int RunDetect(const GlobalOptions& global, const DetectFlags& flags) {
  std::unique_ptr<tbb::global_control> threads;
  if (flags.threads > 0) {
    threads = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                    static_cast<std::size_t>(flags.threads));
  }
  // Templates learned since the last ingest or detection settle first; that needs the secret
  // (template values are keyed hashes), so with one the store is opened under its keys, as
  // ingest and ringd open it. Without one, detection runs on what is settled.
  const deployment::KeyedStoreOptions keyed_options = KeyedStoreOptionsOf(global);
  Result<Secret> secret = deployment::LoadDeploymentSecret(keyed_options);
  std::unique_ptr<deployment::KeyedStore> keyed;
  std::unique_ptr<store::AccountStore> unkeyed;
  if (secret.ok()) {
    auto opened = deployment::KeyedStore::Open(keyed_options, *secret);
    if (!opened.ok()) return ReportFailure("detect", opened.status());
    keyed = std::move(opened).value();
  } else {
    auto opened = OpenStore(global, /*read_only=*/false);
    if (!opened.ok()) return ReportFailure("detect", opened.status());
    unkeyed = std::move(opened).value();
  }
  store::AccountStore& account_store = keyed != nullptr ? keyed->store() : *unkeyed;
  auto stores = store::DetectionStore::Open(account_store);
  if (!stores.ok()) return ReportFailure("detect", stores.status());

  detection::DetectionOptions options;
  options.scoring.flag_threshold = flags.threshold;
  options.separate_identities = flags.split_by_identity;
  options.learn_run_campaigns = flags.run_campaigns;
  options.reassemble_pieces = flags.reassemble_pieces;
  options.reassembly.resolution = flags.reassembly_resolution;
  options.adopt_pieces = flags.adopt_pieces;
  options.adoption.min_value_share = flags.adopt_value_share;
  options.leave_out_spared_members = flags.leave_out_spared;
  options.split_campaigns = flags.split_campaigns;
  options.attach_strays = flags.attach_strays;
  options.keep_likely_members = flags.keep_likely_members;
  options.campaign_split.contrast_alpha = flags.campaign_contrast;
  options.keep_versions = flags.keep_versions;
  options.features.projection.half_life_days = flags.half_life_days;
  options.features.projection.combination_alpha = flags.address_pairs;
  options.on_phase = [&](std::string_view phase, double seconds, const std::string& detail) {
    if (flags.quiet) return;
    std::printf("detect: %-9s %7.2f s  %s\n", std::string(phase).c_str(), seconds, detail.c_str());
    std::fflush(stdout);
  };
  std::unique_ptr<ingest::PromptTemplates> templates;
  if (keyed != nullptr) {
    auto snapshot = account_store.Snapshot();
    if (!snapshot.ok()) return ReportFailure("detect", snapshot.status());
    auto loaded = ingest::PromptTemplates::Load(**snapshot, keyed->secret());
    if (!loaded.ok()) return ReportFailure("detect", loaded.status());
    templates = std::move(loaded).value();
    options.refresh_templates = [&](std::string* detail) -> Status {
      ingest::TemplateRefresh refresh(account_store, *templates, keyed->hasher(),
                                      &keyed->share_keys());
      ingest::TemplateRefreshReport report;
      RINGGRAPH_RETURN_IF_ERROR(refresh.Run(&report));
      *detail = ingest::DescribeRefresh(report);
      return Status::Ok();
    };
  } else if (!flags.quiet) {
    std::printf("detect: templates skipped: %s\n", secret.status().message().c_str());
  }
  detection::DetectionJob job(account_store, **stores,
                              detection::MakeLeidenPartitioner(flags.partition), options);
  Status s = job.Run();
  if (!s.ok()) return ReportFailure("detect", s);
  const detection::DetectionSummary& summary = job.summary();
  std::printf(
      "detect: clustering version %llu in %.2f s: %llu accounts, %llu links, %llu clusters of 2+ "
      "accounts, %llu flagged as rings (%llu accounts)\n",
      static_cast<unsigned long long>(summary.version), summary.seconds,
      static_cast<unsigned long long>(summary.accounts),
      static_cast<unsigned long long>(summary.graph_edges),
      static_cast<unsigned long long>(summary.clusters),
      static_cast<unsigned long long>(summary.flagged),
      static_cast<unsigned long long>(summary.accounts_flagged));
  if (flags.top > 0 && !summary.top_rings.empty()) {
    std::vector<detection::RingSummary> largest = summary.top_rings;
    std::stable_sort(largest.begin(), largest.end(),
                     [](const auto& a, const auto& b) { return a.size > b.size; });
    std::printf("largest rings:\n");
    for (std::size_t i = 0; i < largest.size() && i < flags.top; ++i) {
      auto record = (*stores)->clusterings().Cluster(summary.version, largest[i].id);
      if (record.ok() && record->has_value()) PrintRing(**record, 3);
    }
  }
  return kExitOk;
}

}  // namespace

void RegisterDetectCommand(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<DetectFlags>();
  CLI::App* sub = app.add_subcommand(
      "detect",
      "Project the account graph, find communities (components, then parallel Leiden), score "
      "each cluster and write a new clustering version; prints each phase and the largest rings. "
      "With --remote, asks a running ringd to run it instead");
  sub->add_option("--resolution", flags->partition.resolution,
                  "Leiden resolution (gamma): with the default objective, CPM, the average "
                  "evidence per pair of members a cluster needs to hold together")
      ->capture_default_str();
  sub->add_option_function<std::string>(
         "--objective",
         [flags](const std::string& value) { flags->partition.cpm = value == "cpm"; },
         "Partition objective: cpm (default; independent of the population's size) or modularity")
      ->check(CLI::IsMember({"cpm", "modularity"}));
  sub->add_option("--seed", flags->partition.seed, "Seed for Leiden")->capture_default_str();
  sub->add_option("--leiden-iterations", flags->partition.iterations,
                  "Passes of Leiden, each from the partition of the one before; the second lets "
                  "accounts tied to one member of a ring by a single value leave it")
      ->capture_default_str()
      ->check(CLI::Range(1, 10));
  sub->add_option("--threshold", flags->threshold,
                  "Ring score at or above which a cluster is flagged")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  sub->add_option("--half-life-days", flags->half_life_days,
                  "Half-life of a signal's evidence; 0 disables decay")
      ->capture_default_str();
  sub->add_option("--address-pairs", flags->address_pairs,
                  "Significance at which two addresses that more accounts hold together than "
                  "chance allows (one operator's accounts rotating over the same exits) link "
                  "those accounts as a value of their own; 0 links by single addresses alone")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  sub->add_option("--split-by-identity", flags->split_by_identity,
                  "Split a flagged cluster whose members fall into groups tied by no card, "
                  "device or address, only by templates (rings that bought the same templates)")
      ->capture_default_str();
  sub->add_option("--run-campaigns", flags->run_campaigns,
                  "Count the templates this run's flagged rings ran (more than half of their "
                  "holders in flagged clusters) as known extraction templates for every cluster")
      ->capture_default_str();
  sub->add_option("--reassemble-pieces", flags->reassemble_pieces,
                  "Regroup flagged clusters that are pieces of one large ring: those that share "
                  "more exits, cards and hosts than --reassembly-resolution per pair of accounts "
                  "and whose members are active on the same days across pieces as inside them")
      ->capture_default_str();
  sub->add_option("--reassembly-resolution", flags->reassembly_resolution,
                  "Identity values in common per pair of accounts that flagged pieces need, on "
                  "average, to be regrouped into one ring (CPM on the graph of flagged clusters)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e9));
  sub->add_option("--adopt-pieces", flags->adopt_pieces,
                  "Join an unflagged cluster to a larger flagged ring when most of its members "
                  "hold mostly the ring's exits, cards and hosts and keep the ring's active days "
                  "(a piece of a large ring that scores low alone), unless the ring would then "
                  "lose its flag")
      ->capture_default_str();
  sub->add_option("--adopt-value-share", flags->adopt_value_share,
                  "With --adopt-pieces: the share of a member's identity values the ring must "
                  "hold for the member to count, and the share of the piece's members that must "
                  "count")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  sub->add_option("--split-campaigns", flags->split_campaigns,
                  "Split a flagged cluster whose members fall into groups that run clearly "
                  "different campaigns (other templates, other days): rings behind one "
                  "reseller's cards and exits")
      ->capture_default_str();
  sub->add_option("--campaign-contrast", flags->campaign_contrast,
                  "Significance at which members that never send a template (far more of them "
                  "than chance allows) mark two campaigns in one flagged cluster, even where "
                  "their pairs look alike; 0 splits by pair likeness alone")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  sub->add_option("--attach-strays", flags->attach_strays,
                  "Attach accounts no cluster holds to the flagged cluster they are most likely "
                  "members of, by the values they hold against the population's rates (a ring "
                  "member tied in by a few shared exits and the ring's templates alone)")
      ->capture_default_str();
  sub->add_option("--keep-likely-members", flags->keep_likely_members,
                  "Keep in a flagged cluster a member whose own evidence falls short when the "
                  "values it holds make it far more likely the cluster's than anyone's")
      ->capture_default_str();
  sub->add_option("--leave-out-spared", flags->leave_out_spared,
                  "Leave out of a flagged cluster, into no cluster, the members whose own "
                  "evidence is below the threshold and far below the ring's (false keeps them "
                  "in it, listed unflagged)")
      ->capture_default_str();
  sub->add_option("--keep-versions", flags->keep_versions, "Clustering versions to keep")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  sub->add_option("--top", flags->top, "Rings to print with their evidence")->capture_default_str();
  sub->add_option("--threads", flags->threads, "Worker threads (default: all cores)");
  sub->add_flag("--quiet", flags->quiet, "Print only the summary");
  sub->add_flag("--wait", flags->wait, "With --remote: wait for ringd's run to finish");
  sub->callback([flags, &context] {
    context.exit_code = context.global.remote.empty() ? RunDetect(context.global, *flags)
                                                      : RemoteDetect(context.global, flags->wait);
  });
}

}  // namespace ringgraph::tools
