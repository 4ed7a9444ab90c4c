// ringctl's commands on detection results: export, label, explain and history.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "graph/detection/cluster_details.h"
#include "graph/detection/link_explainer.h"
#include "graph/signals/timestamp.h"
#include "graph/store/detection_store.h"
#include "tools/ringctl/remote_commands.h"
#include "tools/ringctl/store_access.h"

namespace ringgraph::tools {
namespace {

struct Opened {
  std::unique_ptr<store::AccountStore> store;
  std::unique_ptr<store::DetectionStore> stores;
  std::uint64_t version = 0;
  store::ClusteringHeader header;
};

// Opens the store and the clustering version to read (the latest when `version` is 0).
Result<Opened> OpenClustering(const GlobalOptions& global, bool writable, std::uint64_t version) {
  Opened out;
  RINGGRAPH_ASSIGN_OR_RETURN(out.store, OpenStore(global, !writable));
  RINGGRAPH_ASSIGN_OR_RETURN(out.stores, store::DetectionStore::Open(*out.store));
  RINGGRAPH_ASSIGN_OR_RETURN(std::vector<store::ClusteringHeader> versions,
                             out.stores->clusterings().Versions());
  if (versions.empty()) {
    return Status::FailedPrecondition("no clustering in '" + global.data_dir +
                                      "' yet; run 'ringctl detect' first");
  }
  if (version == 0) {
    out.header = versions.back();
  } else {
    auto it = std::find_if(versions.begin(), versions.end(),
                           [&](const auto& h) { return h.version == version; });
    if (it == versions.end()) {
      return Status::NotFound("clustering version " + std::to_string(version) +
                              " is not kept; kept versions are " +
                              std::to_string(versions.front().version) + ".." +
                              std::to_string(versions.back().version));
    }
    out.header = *it;
  }
  out.version = out.header.version;
  return out;
}

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

int ExportClusters(const GlobalOptions& global, const std::string& out_path,
                   std::uint64_t version) {
  auto opened = OpenClustering(global, false, version);
  if (!opened.ok()) return ReportFailure("export clusters", opened.status());
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  if (!out)
    return ReportFailure("export clusters", Status::IoError("cannot write '" + out_path + "'"));
  auto snapshot = opened->store->Snapshot();
  if (!snapshot.ok()) return ReportFailure("export clusters", snapshot.status());
  out << "account,cluster_id,ring_score,flagged\n";
  std::uint64_t rows = 0;
  std::vector<AccountId> members;
  Status s = opened->stores->clusterings().ForEachCluster(
      opened->version, [&](const store::ClusterRecord& c) {
        RINGGRAPH_RETURN_IF_ERROR(
            opened->stores->clusterings().Members(opened->version, c.id, &members));
        char score[32];
        std::snprintf(score, sizeof score, "%.4f", c.ring_score);
        for (AccountId a : members) {
          RINGGRAPH_ASSIGN_OR_RETURN(std::string name, (*snapshot)->AccountName(a));
          // A member of a flagged cluster may itself be spared (it shares only IPs with the rest).
          RINGGRAPH_ASSIGN_OR_RETURN(auto membership,
                                     opened->stores->clusterings().ClusterOf(opened->version, a));
          bool flagged = membership.has_value() ? membership->flagged : c.flagged;
          out << CsvField(name) << ',' << c.id << ',' << score << ',' << (flagged ? 1 : 0) << '\n';
          ++rows;
        }
        return Status::Ok();
      });
  if (!s.ok()) return ReportFailure("export clusters", s);
  out.close();
  if (!out)
    return ReportFailure("export clusters",
                         Status::IoError("write to '" + out_path + "' failed; is the disk full?"));
  std::printf("export clusters: %llu accounts in %llu clusters of version %llu to %s\n",
              static_cast<unsigned long long>(rows),
              static_cast<unsigned long long>(opened->header.clusters),
              static_cast<unsigned long long>(opened->version), out_path.c_str());
  return kExitOk;
}

// The cluster's stored details; Corruption names the cluster and the field.
Result<detection::ClusterDetails> ReadDetails(const store::ClusterRecord& record) {
  return detection::ParseClusterDetails(record.id, record.details_json);
}

// The details as a JSON document, in their stored layout, for output that adds to them.
nlohmann::json DetailsDocument(const detection::ClusterDetails& details) {
  return nlohmann::json::parse(detection::ToJson(details));
}

int ExportRings(const GlobalOptions& global, const std::string& out_path, std::uint64_t version,
                double min_score, bool all) {
  auto opened = OpenClustering(global, false, version);
  if (!opened.ok()) return ReportFailure("export rings", opened.status());
  auto snapshot = opened->store->Snapshot();
  if (!snapshot.ok()) return ReportFailure("export rings", snapshot.status());
  nlohmann::json rings = nlohmann::json::array();
  std::vector<AccountId> members;
  Status s = opened->stores->clusterings().ForEachCluster(
      opened->version, [&](const store::ClusterRecord& c) {
        if (!(all || c.flagged) || c.ring_score < min_score) return Status::Ok();
        RINGGRAPH_ASSIGN_OR_RETURN(const detection::ClusterDetails details, ReadDetails(c));
        nlohmann::json ring = DetailsDocument(details);
        ring["cluster_id"] = c.id;
        ring["size"] = c.size;
        RINGGRAPH_RETURN_IF_ERROR(
            opened->stores->clusterings().Members(opened->version, c.id, &members));
        nlohmann::json names = nlohmann::json::array();
        for (AccountId a : members) {
          RINGGRAPH_ASSIGN_OR_RETURN(std::string name, (*snapshot)->AccountName(a));
          names.push_back(name);
        }
        ring["members"] = names;
        RINGGRAPH_ASSIGN_OR_RETURN(
            auto label, opened->stores->labels().GetLabel("cluster:" + std::to_string(c.id)));
        if (label.has_value()) {
          ring["label"] = {
              {"verdict", label->verdict}, {"note", label->note}, {"at", FormatRfc3339(label->at)}};
        }
        rings.push_back(std::move(ring));
        return Status::Ok();
      });
  if (!s.ok()) return ReportFailure("export rings", s);
  nlohmann::json doc = {{"clustering_version", opened->version},
                        {"computed_at", FormatRfc3339(opened->header.computed_at)},
                        {"rings", rings}};
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  out << doc.dump(2) << "\n";
  out.close();
  if (!out)
    return ReportFailure("export rings", Status::IoError("cannot write '" + out_path + "'"));
  std::printf("export rings: %zu rings of version %llu to %s\n", rings.size(),
              static_cast<unsigned long long>(opened->version), out_path.c_str());
  return kExitOk;
}

// Labels from a JSON Lines file: one {"account": NAME | "cluster": ID | "target": T,
// "verdict": "ring"|"benign", "note": TEXT} per line. All are stored in one transaction, or none.
Result<std::vector<store::Label>> ReadLabelFile(const std::string& path, UnixSeconds now) {
  std::ifstream in(path);
  if (!in) return Status::IoError("cannot open label file '" + path + "'; check the path");
  std::vector<store::Label> labels;
  std::string line;
  for (std::uint64_t number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string at = path + ":" + std::to_string(number) + ": ";
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) return Status::InvalidArgument(at + "not a JSON object");
    store::Label label;
    label.at = now;
    if (j.contains("target") && j["target"].is_string()) {
      label.target = j["target"].get<std::string>();
    } else if (j.contains("account") && j["account"].is_string()) {
      label.target = "account:" + j["account"].get<std::string>();
    } else if (j.contains("cluster") && j["cluster"].is_number_unsigned()) {
      label.target = "cluster:" + std::to_string(j["cluster"].get<std::uint64_t>());
    } else {
      return Status::InvalidArgument(
          at + "needs \"account\" (a name), \"cluster\" (an id) or \"target\"");
    }
    if (!j.contains("verdict") || !j["verdict"].is_string()) {
      return Status::InvalidArgument(at + "needs \"verdict\": \"ring\" or \"benign\"");
    }
    label.verdict = j["verdict"].get<std::string>();
    if (j.contains("note")) {
      if (!j["note"].is_string()) return Status::InvalidArgument(at + "\"note\" must be a string");
      label.note = j["note"].get<std::string>();
    }
    labels.push_back(std::move(label));
  }
  if (in.bad()) return Status::IoError("read error in '" + path + "'");
  return labels;
}

int Label(const GlobalOptions& global, const std::string& cluster, const std::string& account,
          const std::string& verdict, const std::string& note, const std::string& file) {
  if ((cluster.empty() ? 0 : 1) + (account.empty() ? 0 : 1) + (file.empty() ? 0 : 1) != 1) {
    std::cerr << "ringctl label: give exactly one of --cluster ID, --account NAME or --file FILE\n";
    return kExitUsage;
  }
  if (file.empty() && verdict.empty()) {
    std::cerr << "ringctl label: --verdict ring|benign is required with --cluster or --account\n";
    return kExitUsage;
  }
  const auto now = static_cast<UnixSeconds>(std::time(nullptr));
  std::vector<store::Label> labels;
  if (!file.empty()) {
    auto read = ReadLabelFile(file, now);
    if (!read.ok()) return ReportFailure("label", read.status());
    labels = std::move(read).value();
  } else {
    labels.push_back(
        {cluster.empty() ? "account:" + account : "cluster:" + cluster, verdict, note, now});
  }
  // The check ringd makes of its label calls, before the store is opened: a malformed label is
  // the command line's fault, whether or not the store is there.
  if (Status valid = store::ValidateLabels(labels); !valid.ok()) {
    return ReportFailure("label", valid);
  }
  auto store = OpenStore(global, false);
  if (!store.ok()) return ReportFailure("label", store.status());
  auto stores = store::DetectionStore::Open(**store);
  if (!stores.ok()) return ReportFailure("label", stores.status());
  Status s = (*stores)->labels().PutLabels(labels);
  if (!s.ok()) return ReportFailure("label", s);
  if (labels.size() == 1) {
    std::printf("label: %s is now '%s'; the next detection uses it\n", labels[0].target.c_str(),
                labels[0].verdict.c_str());
  } else {
    std::printf("label: %zu labels stored; the next detection uses them\n", labels.size());
  }
  return kExitOk;
}

// Members listed by explain --cluster, weakest evidence first.
constexpr std::size_t kExplainMembers = 200;

// Members with their own evidence, weakest first (at most kExplainMembers of them).
Result<nlohmann::json> MembersByEvidence(const Opened& opened, std::uint64_t cluster,
                                         const std::vector<double>& evidence) {
  std::vector<AccountId> members;
  RINGGRAPH_RETURN_IF_ERROR(
      opened.stores->clusterings().Members(opened.version, cluster, &members));
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, opened.store->Snapshot());
  std::vector<std::size_t> order(std::min(members.size(), evidence.size()));
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return evidence[a] < evidence[b]; });
  nlohmann::json listed = nlohmann::json::array();
  for (std::size_t k = 0; k < order.size() && k < kExplainMembers; ++k) {
    const AccountId a = members[order[k]];
    RINGGRAPH_ASSIGN_OR_RETURN(std::string name, snapshot->AccountName(a));
    RINGGRAPH_ASSIGN_OR_RETURN(auto membership,
                               opened.stores->clusterings().ClusterOf(opened.version, a));
    listed.push_back({{"account", name},
                      {"evidence", evidence[order[k]]},
                      {"flagged", membership.has_value() && membership->flagged}});
  }
  return listed;
}

// explain --cluster: the stored details, with the members listed by their own evidence.
int ExplainCluster(const GlobalOptions& global, std::uint64_t cluster) {
  auto opened = OpenClustering(global, false, 0);
  if (!opened.ok()) return ReportFailure("explain", opened.status());
  auto record = opened->stores->clusterings().Cluster(opened->version, cluster);
  if (!record.ok()) return ReportFailure("explain", record.status());
  if (!record->has_value()) {
    return ReportFailure("explain", Status::NotFound("cluster " + std::to_string(cluster) +
                                                     " is not in clustering version " +
                                                     std::to_string(opened->version)));
  }
  Result<detection::ClusterDetails> details = ReadDetails(**record);
  if (!details.ok()) return ReportFailure("explain", details.status());
  // Members with their own evidence replace the bare list of numbers.
  const std::vector<double> member_evidence = std::move(details->member_evidence);
  details->member_evidence.clear();
  nlohmann::json out = DetailsDocument(*details);
  out["cluster_id"] = cluster;
  out["clustering_version"] = opened->version;
  if (!member_evidence.empty()) {
    Result<nlohmann::json> listed = MembersByEvidence(*opened, cluster, member_evidence);
    if (!listed.ok()) return ReportFailure("explain", listed.status());
    out["members"] = *listed;
    out["members_listed"] = listed->size();
  }
  std::cout << out.dump(2) << "\n";
  return kExitOk;
}

int Explain(const GlobalOptions& global, std::uint64_t cluster,
            const std::vector<std::string>& accounts) {
  if ((cluster == 0) == accounts.empty()) {
    std::cerr << "ringctl explain: give --cluster ID or --accounts A B\n";
    return kExitUsage;
  }
  if (cluster != 0) return ExplainCluster(global, cluster);
  auto store = OpenStore(global, true);
  if (!store.ok()) return ReportFailure("explain", store.status());
  auto snapshot = (*store)->Snapshot();
  if (!snapshot.ok()) return ReportFailure("explain", snapshot.status());
  AccountId ids[2];
  for (int i = 0; i < 2; ++i) {
    auto found = (*snapshot)->FindAccount(accounts[i]);
    if (!found.ok() || !found->has_value()) {
      return ReportFailure("explain",
                           Status::NotFound("account '" + accounts[i] + "' is not in the store"));
    }
    ids[i] = **found;
  }
  auto path = detection::ExplainLink(**snapshot, ids[0], ids[1], {});
  if (!path.ok()) return ReportFailure("explain", path.status());
  if (!path->has_value()) {
    std::printf("explain: no path of shared values links %s and %s within 4 hops\n",
                accounts[0].c_str(), accounts[1].c_str());
    return kExitOk;
  }
  std::printf("explain: %s and %s are linked in %zu hops; weakest link %.3f\n", accounts[0].c_str(),
              accounts[1].c_str(), (*path)->hops.size(), (*path)->bottleneck);
  for (const detection::LinkHop& hop : (*path)->hops) {
    std::string from = *(*snapshot)->AccountName(hop.from), to = *(*snapshot)->AccountName(hop.to);
    std::printf("  %s -> %s  (weight %.3f)\n", from.c_str(), to.c_str(), hop.weight);
    for (const detection::LinkValue& v : hop.values) {
      std::printf("      share %-8s %s  held by %u accounts, pair weight %.3f\n",
                  std::string(BuiltinKindName(v.kind)).c_str(), HashToHex(v.hash).c_str(),
                  v.holders, v.pair_weight);
    }
  }
  return kExitOk;
}

int History(const GlobalOptions& global, std::uint64_t version) {
  auto opened = OpenClustering(global, false, version);
  if (!opened.ok()) return ReportFailure("history", opened.status());
  auto versions = opened->stores->clusterings().Versions();
  if (!versions.ok()) return ReportFailure("history", versions.status());
  for (const store::ClusteringHeader& h : *versions) {
    std::printf("version %llu  %s  %llu clusters, %llu flagged, %llu accounts\n",
                static_cast<unsigned long long>(h.version), FormatRfc3339(h.computed_at).c_str(),
                static_cast<unsigned long long>(h.clusters),
                static_cast<unsigned long long>(h.flagged),
                static_cast<unsigned long long>(h.accounts));
  }
  std::vector<store::HistoryEvent> events;
  Status s = opened->stores->clusterings().History(opened->version, &events);
  if (!s.ok()) return ReportFailure("history", s);
  std::printf("changes in version %llu:\n", static_cast<unsigned long long>(opened->version));
  for (const store::HistoryEvent& e : events) {
    if (e.json.find("\"continue\"") == std::string::npos) std::printf("  %s\n", e.json.c_str());
  }
  return kExitOk;
}

}  // namespace

void RegisterClusterCommands(CLI::App& app, CommandContext& context) {
  CLI::App* exp = app.add_subcommand("export", "Export detection results");
  exp->require_subcommand(1);
  {
    auto out = std::make_shared<std::string>();
    auto version = std::make_shared<std::uint64_t>(0);
    CLI::App* sub = exp->add_subcommand(
        "clusters",
        "CSV with the header account,cluster_id,ring_score,flagged: one row for each "
        "account in a cluster of at least 2 accounts");
    sub->add_option("--out", *out, "Output CSV file")->required();
    sub->add_option("--version", *version, "Clustering version (default: the latest)");
    sub->callback(
        [=, &context] { context.exit_code = ExportClusters(context.global, *out, *version); });
  }
  {
    auto out = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("json");
    auto version = std::make_shared<std::uint64_t>(0);
    auto min_score = std::make_shared<double>(0);
    auto all = std::make_shared<bool>(false);
    CLI::App* sub = exp->add_subcommand(
        "rings",
        "JSON for case management: each flagged ring's members, score, features, "
        "evidence and labels");
    sub->add_option("--out", *out, "Output file")->required();
    sub->add_option("--format", *format, "Output format")
        ->check(CLI::IsMember({"json"}))
        ->capture_default_str();
    sub->add_option("--version", *version, "Clustering version (default: the latest)");
    sub->add_option("--min-score", *min_score, "Only rings scoring at least this");
    sub->add_flag("--all", *all, "Include clusters that are not flagged");
    // Every option's storage is captured so it outlives this function (format has one value).
    sub->callback([out, format, version, min_score, all, &context] {
      context.exit_code = ExportRings(context.global, *out, *version, *min_score, *all);
    });
  }
  {
    auto cluster = std::make_shared<std::string>();
    auto account = std::make_shared<std::string>();
    auto verdict = std::make_shared<std::string>();
    auto note = std::make_shared<std::string>();
    auto file = std::make_shared<std::string>();
    CLI::App* sub = app.add_subcommand(
        "label",
        "Mark a cluster or an account as a confirmed ring or as benign; later detection "
        "runs use it (confirmed rings are floored, benign groups damped, and with enough "
        "labels the score's weights are learned from them)");
    sub->add_option("--cluster", *cluster, "Stable cluster id");
    sub->add_option("--account", *account, "Account name");
    sub->add_option("--verdict", *verdict, "ring or benign")
        ->check(CLI::IsMember({"ring", "benign"}));
    sub->add_option("--note", *note, "Free text for the case file");
    sub->add_option("--file", *file,
                    "Many labels at once, from JSON Lines: {\"account\": NAME | \"cluster\": ID, "
                    "\"verdict\": \"ring\"|\"benign\", \"note\": TEXT} per line; all or none are "
                    "stored");
    sub->callback([=, &context] {
      if (!context.global.remote.empty() && file->empty() && cluster->empty() != account->empty()) {
        context.exit_code = RemoteLabel(
            context.global, cluster->empty() ? "account:" + *account : "cluster:" + *cluster,
            *verdict, *note);
        return;
      }
      context.exit_code = Label(context.global, *cluster, *account, *verdict, *note, *file);
    });
  }
  {
    auto cluster = std::make_shared<std::uint64_t>(0);
    auto accounts = std::make_shared<std::vector<std::string>>();
    CLI::App* sub = app.add_subcommand(
        "explain",
        "Why a cluster is held together (--cluster ID), or the strongest path of shared "
        "values between two accounts (--accounts A B)");
    sub->add_option("--cluster", *cluster, "Stable cluster id");
    sub->add_option("--accounts", *accounts, "Two account names")->expected(2);
    sub->callback([=, &context] {
      if (!context.global.remote.empty() && *cluster != 0 && accounts->empty()) {
        context.exit_code = RemoteExplainCluster(context.global, *cluster);
      } else if (!context.global.remote.empty() && *cluster == 0 && accounts->size() == 2) {
        context.exit_code = RemoteExplainLink(context.global, (*accounts)[0], (*accounts)[1]);
      } else {
        context.exit_code = Explain(context.global, *cluster, *accounts);
      }
    });
  }
  {
    auto version = std::make_shared<std::uint64_t>(0);
    CLI::App* sub = app.add_subcommand(
        "history", "Kept clustering versions, and the births, deaths, merges and splits of one");
    sub->add_option("--version", *version, "Clustering version (default: the latest)");
    sub->callback([=, &context] { context.exit_code = History(context.global, *version); });
  }
}

}  // namespace ringgraph::tools
