// ringctl's commands that talk to a running ringd: get, top, token, and the --remote forms of
// explain, label and detect.
#include "tools/ringctl/remote_commands.h"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <thread>

#include "service/access/access_control.h"
#include "tools/ringctl/remote_client.h"
#include "tools/ringctl/store_access.h"

namespace ringgraph::tools {
namespace {

const char* StateName(api::DetectionState::type state) {
  switch (state) {
    case api::DetectionState::IDLE:
      return "idle";
    case api::DetectionState::RUNNING:
      return "running";
    case api::DetectionState::SUCCEEDED:
      return "succeeded";
    case api::DetectionState::FAILED:
      return "failed";
  }
  return "unknown";
}

void PrintEvidence(const api::Evidence& e) {
  std::printf("      shares %-8s %s  held by %d accounts, pair weight %.3f\n", e.kind.c_str(),
              e.valueId.c_str(), e.holdersTotal, e.pairWeight);
}

int Get(const GlobalOptions& global, const std::vector<std::string>& accounts) {
  auto client = RemoteClient::Connect(global);
  if (!client.ok()) return ReportFailure("get", client.status());
  std::vector<api::Membership> answers;
  Status s =
      RemoteCall(**client, [&](api::RingGraphClient& api) { api.getClusters(answers, accounts); });
  if (!s.ok()) return ReportFailure("get", s);
  std::printf("account,known,cluster_id,ring_score,flagged,realtime,clustering_version\n");
  for (const api::Membership& m : answers) {
    std::printf("%s,%d,%lld,%.4f,%d,%d,%lld\n", m.account.c_str(), m.knownAccount ? 1 : 0,
                static_cast<long long>(m.clusterId), m.ringScore, m.flagged ? 1 : 0,
                m.realtime ? 1 : 0, static_cast<long long>(m.clusteringVersion));
  }
  return kExitOk;
}

int Top(const GlobalOptions& global, int limit, double min_score) {
  auto client = RemoteClient::Connect(global);
  if (!client.ok()) return ReportFailure("top", client.status());
  std::vector<api::RingSummary> rings;
  Status s = RemoteCall(**client,
                        [&](api::RingGraphClient& api) { api.topRings(rings, limit, min_score); });
  if (!s.ok()) return ReportFailure("top", s);
  for (const api::RingSummary& r : rings) {
    std::printf("ring %lld  score %.3f  %d accounts  %s\n", static_cast<long long>(r.clusterId),
                r.ringScore, r.size, r.summary.c_str());
  }
  if (rings.empty()) std::printf("top: no flagged ring scores at least %.2f\n", min_score);
  return kExitOk;
}

int NewToken(const std::string& client_name, const std::string& role, const std::string& append,
             const std::string& token_out) {
  if (role != "read" && role != "write") {
    std::cerr << "ringctl token new: --role must be read or write\n";
    return kExitUsage;
  }
  const std::string token = access::TokenRegistry::NewToken();
  const std::string line = client_name + " " + role + " " + access::TokenRegistry::HashToken(token);
  // Check the name the way ringd will, before anything is written.
  auto check = access::TokenRegistry::Parse(line, "the new line");
  if (!check.ok()) return ReportFailure("token new", check.status());
  if (!token_out.empty()) {
    const mode_t old = ::umask(077);
    std::ofstream out(token_out, std::ios::trunc);
    ::umask(old);
    out << token << "\n";
    out.close();
    if (!out)
      return ReportFailure("token new", Status::IoError("cannot write '" + token_out + "'"));
  } else {
    std::printf("%s\n", token.c_str());
  }
  if (!append.empty()) {
    const mode_t old = ::umask(077);
    std::ofstream out(append, std::ios::app);
    ::umask(old);
    out << line << "\n";
    out.close();
    if (!out)
      return ReportFailure("token new", Status::IoError("cannot append to '" + append + "'"));
    std::cerr << "token new: added client '" << client_name << "' (" << role << ") to " << append
              << "; restart ringd to load it\n";
  } else {
    std::cerr << "add this line to ringd's tokens file:\n" << line << "\n";
  }
  return kExitOk;
}

}  // namespace

int RemoteLabel(const GlobalOptions& global, const std::string& target, const std::string& verdict,
                const std::string& note) {
  auto client = RemoteClient::Connect(global);
  if (!client.ok()) return ReportFailure("label", client.status());
  Status s =
      RemoteCall(**client, [&](api::RingGraphClient& api) { api.label(target, verdict, note); });
  if (!s.ok()) return ReportFailure("label", s);
  std::printf("label: %s is now '%s'; the next detection uses it\n", target.c_str(),
              verdict.c_str());
  return kExitOk;
}

int RemoteExplainCluster(const GlobalOptions& global, std::uint64_t cluster) {
  auto client = RemoteClient::Connect(global);
  if (!client.ok()) return ReportFailure("explain", client.status());
  api::ClusterExplanation e;
  Status s = RemoteCall(**client, [&](api::RingGraphClient& api) {
    api.explainCluster(e, static_cast<int64_t>(cluster));
  });
  if (!s.ok()) return ReportFailure("explain", s);
  std::printf("cluster %lld (version %lld)  score %.3f  %s\n  %s\n",
              static_cast<long long>(e.clusterId), static_cast<long long>(e.clusteringVersion),
              e.ringScore, e.flagged ? "flagged as a ring" : "not flagged", e.summary.c_str());
  std::printf("  factors:\n");
  for (const api::ScoreFactor& f : e.factors) {
    std::printf("    %-28s %+.3f\n", f.name.c_str(), f.contribution);
  }
  std::printf("  evidence:\n");
  for (const api::Evidence& ev : e.evidence) PrintEvidence(ev);
  for (const std::string& label : e.labels) std::printf("  label: %s\n", label.c_str());
  return kExitOk;
}

int RemoteExplainLink(const GlobalOptions& global, const std::string& a, const std::string& b) {
  auto client = RemoteClient::Connect(global);
  if (!client.ok()) return ReportFailure("explain", client.status());
  api::LinkExplanation link;
  Status s = RemoteCall(**client, [&](api::RingGraphClient& api) { api.explainLink(link, a, b); });
  if (!s.ok()) return ReportFailure("explain", s);
  if (!link.linked) {
    std::printf("explain: no path of shared values links %s and %s\n", a.c_str(), b.c_str());
    return kExitOk;
  }
  std::printf("explain: %s and %s are linked in %zu hops; weakest link %.3f\n", a.c_str(),
              b.c_str(), link.hops.size(), link.strength);
  for (const api::LinkHop& hop : link.hops) {
    std::printf("  %s -> %s  (weight %.3f)\n", hop.fromAccount.c_str(), hop.toAccount.c_str(),
                hop.weight);
    for (const api::Evidence& e : hop.shared) PrintEvidence(e);
  }
  return kExitOk;
}

int RemoteDetect(const GlobalOptions& global, bool wait) {
  auto client = RemoteClient::Connect(global);
  if (!client.ok()) return ReportFailure("detect", client.status());
  api::DetectionStatus status;
  Status s = RemoteCall(**client, [&](api::RingGraphClient& api) { api.runDetection(status); });
  if (!s.ok()) return ReportFailure("detect", s);
  std::printf("detect: ringd's detection is %s\n", StateName(status.state));
  if (!wait) return kExitOk;
  ProgressLine progress("detect");
  const auto start = std::chrono::steady_clock::now();
  while (status.state == api::DetectionState::RUNNING) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    s = RemoteCall(**client, [&](api::RingGraphClient& api) { api.detectionStatus(status); });
    if (!s.ok()) return ReportFailure("detect", s);
    const double waited =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    progress.Update("running for " + std::to_string(static_cast<int>(waited)) + " s");
  }
  progress.Finish();
  if (status.state == api::DetectionState::FAILED) {
    return ReportFailure("detect", Status::Internal("ringd's detection failed: " + status.error));
  }
  std::printf("detect: clustering version %lld in %.2f s: %lld clusters, %lld flagged as rings\n",
              static_cast<long long>(status.lastVersion), status.lastDurationSeconds,
              static_cast<long long>(status.clusters), static_cast<long long>(status.flaggedRings));
  return kExitOk;
}

void RegisterRemoteCommands(CLI::App& app, CommandContext& context) {
  {
    auto accounts = std::make_shared<std::vector<std::string>>();
    CLI::App* sub = app.add_subcommand(
        "get", "Cluster membership of accounts, from a running ringd (--remote); CSV on stdout");
    sub->add_option("accounts", *accounts, "Account names")->required();
    sub->callback([=, &context] {
      if (context.global.remote.empty()) {
        std::cerr << "ringctl get: needs a running ringd; pass --remote HOST:PORT\n";
        context.exit_code = kExitUsage;
        return;
      }
      context.exit_code = Get(context.global, *accounts);
    });
  }
  {
    auto limit = std::make_shared<int>(10);
    auto min_score = std::make_shared<double>(0);
    CLI::App* sub = app.add_subcommand(
        "top", "The highest-scoring flagged rings, from a running ringd (--remote)");
    sub->add_option("--limit", *limit, "How many rings")
        ->capture_default_str()
        ->check(CLI::Range(0, 10000));
    sub->add_option("--min-score", *min_score, "Only rings scoring at least this")
        ->capture_default_str();
    sub->callback([=, &context] {
      if (context.global.remote.empty()) {
        std::cerr << "ringctl top: needs a running ringd; pass --remote HOST:PORT\n";
        context.exit_code = kExitUsage;
        return;
      }
      context.exit_code = Top(context.global, *limit, *min_score);
    });
  }
  {
    CLI::App* token = app.add_subcommand("token", "Client tokens for ringd");
    token->require_subcommand(1);
    auto client_name = std::make_shared<std::string>();
    auto role = std::make_shared<std::string>("read");
    auto append = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    CLI::App* sub = token->add_subcommand(
        "new",
        "Make a random client token; prints it (or writes --out) and the line for ringd's "
        "tokens file (or appends it to --append)");
    sub->add_option("--client", *client_name, "Client name, [A-Za-z0-9._-]{1,64}")->required();
    sub->add_option("--role", *role, "read or write")->capture_default_str();
    sub->add_option("--append", *append, "Tokens file to append the line to (created 0600)");
    sub->add_option("--out", *out, "Write the token to this file (created 0600) instead of stdout");
    sub->callback(
        [=, &context] { context.exit_code = NewToken(*client_name, *role, *append, *out); });
  }
}

}  // namespace ringgraph::tools
