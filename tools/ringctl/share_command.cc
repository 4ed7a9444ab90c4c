// ringctl share export / share import: flagged rings as STIX 2.1 indicators for partner labs,
// and partners' indicators as a watchlist that detection and ringd use.
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

#include "graph/sharing/stix_indicators.h"
#include "graph/sharing/watchlist.h"
#include "graph/store/detection_store.h"
#include "tools/ringctl/store_access.h"

namespace ringgraph::tools {
namespace {

struct ExportFlags {
  std::string key;
  std::string out;
  double min_score = 0.0;
  std::vector<std::uint64_t> rings;
  std::string lab = "ringgraph";
  std::string tlp = "amber";
  int valid_days = 90;
};

int Export(const GlobalOptions& global, const ExportFlags& flags) {
  auto keys = LoadShareKeys(global);
  if (!keys.ok()) return ReportFailure("share export", keys.status());
  const sharing::ConsortiumKey* key = nullptr;
  for (const auto& k : *keys) {
    if (k.name() == flags.key) key = &k;
  }
  if (key == nullptr) {
    return ReportFailure("share export",
                         Status::InvalidArgument("consortium key '" + flags.key +
                                                 "' is not configured; pass --share-key " +
                                                 flags.key + "=SECRET_FILE"));
  }
  auto store = OpenStore(global, /*read_only=*/true);
  if (!store.ok()) return ReportFailure("share export", store.status());
  auto stores = store::DetectionStore::Open(**store);
  if (!stores.ok()) return ReportFailure("share export", stores.status());
  auto snapshot = (*store)->Snapshot();
  if (!snapshot.ok()) return ReportFailure("share export", snapshot.status());
  sharing::ExportOptions options;
  options.min_score = flags.min_score;
  options.rings = flags.rings;
  options.lab = flags.lab;
  options.tlp = flags.tlp;
  options.valid_days = flags.valid_days;
  sharing::ExportReport report;
  auto bundle =
      sharing::ExportIndicators(**snapshot, (*stores)->clusterings(), *key, options, &report);
  if (!bundle.ok()) return ReportFailure("share export", bundle.status());
  std::ofstream out(flags.out, std::ios::binary | std::ios::trunc);
  out << *bundle;
  out.close();
  if (!out)
    return ReportFailure("share export", Status::IoError("cannot write '" + flags.out + "'"));
  std::printf("share export: %zu indicators (%zu values) under consortium key %s (%s) to %s\n",
              report.indicators, report.values, key->name().c_str(), key->key_id().c_str(),
              flags.out.c_str());
  if (report.rings_without_shared_values > 0) {
    std::printf(
        "share export: %zu flagged rings have no value hashed under this key (ingested "
        "before it was configured) and were left out\n",
        report.rings_without_shared_values);
  }
  return kExitOk;
}

int Import(const GlobalOptions& global, const std::string& path, const std::string& partner) {
  auto keys = LoadShareKeys(global);
  if (!keys.ok()) return ReportFailure("share import", keys.status());
  if (keys->empty()) {
    return ReportFailure("share import",
                         Status::InvalidArgument("no consortium key is configured; pass "
                                                 "--share-key NAME=SECRET_FILE"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return ReportFailure("share import", Status::IoError("cannot read '" + path + "'"));
  std::stringstream text;
  text << in.rdbuf();
  auto indicators = sharing::ParseIndicators(text.str(), *keys, partner);
  if (!indicators.ok()) {
    return ReportFailure("share import", indicators.status().WithContext(
                                             "bundle '" + path + "' rejected, nothing applied"));
  }
  auto store = OpenStore(global, /*read_only=*/false);
  if (!store.ok()) return ReportFailure("share import", store.status());
  auto stores = store::DetectionStore::Open(**store);
  if (!stores.ok()) return ReportFailure("share import", stores.status());
  std::size_t changed = 0;
  Status s = (*stores)->watchlist().PutIndicators(*indicators, &changed);
  if (!s.ok()) return ReportFailure("share import", s);
  auto snapshot = (*store)->Snapshot();
  if (!snapshot.ok()) return ReportFailure("share import", snapshot.status());
  auto matches = sharing::MatchWatchlist(**snapshot, (*stores)->watchlist(),
                                         static_cast<UnixSeconds>(std::time(nullptr)));
  if (!matches.ok()) return ReportFailure("share import", matches.status());
  std::printf(
      "share import: %zu indicators from %s, %zu new or updated; %zu local accounts hold "
      "a watched value (the next detection flags them)\n",
      indicators->size(), (*indicators)[0].partner.c_str(), changed, matches->size());
  return kExitOk;
}

}  // namespace

void RegisterShareCommands(CLI::App& app, CommandContext& context) {
  CLI::App* share =
      app.add_subcommand("share",
                         "Exchange ring indicators with partner labs as STIX 2.1, hashed under a "
                         "consortium key (--share-key)");
  share->require_subcommand(1);
  {
    auto flags = std::make_shared<ExportFlags>();
    CLI::App* sub = share->add_subcommand(
        "export", "Write the flagged rings of the latest clustering as a STIX 2.1 bundle");
    sub->add_option("--key", flags->key, "Name of the consortium key to hash values under")
        ->required();
    sub->add_option("--out", flags->out, "Bundle file to write")->required();
    sub->add_option("--min-score", flags->min_score, "Only rings scoring at least this")
        ->capture_default_str();
    sub->add_option("--ring", flags->rings, "Only these rings (stable cluster ids; repeatable)");
    sub->add_option("--lab", flags->lab, "This lab's name, as the bundle's identity")
        ->capture_default_str();
    sub->add_option("--tlp", flags->tlp, "TLP marking: clear, green, amber or red")
        ->capture_default_str()
        ->check(CLI::IsMember({"clear", "white", "green", "amber", "red"}));
    sub->add_option("--valid-days", flags->valid_days, "Days the indicators stay valid")
        ->capture_default_str()
        ->check(CLI::Range(1, 3650));
    sub->callback([flags, &context] { context.exit_code = Export(context.global, *flags); });
  }
  {
    auto path = std::make_shared<std::string>();
    auto partner = std::make_shared<std::string>();
    CLI::App* sub = share->add_subcommand(
        "import",
        "Check a partner's STIX 2.1 bundle and add its indicators to the watchlist; a "
        "bad bundle is rejected whole");
    sub->add_option("bundle", *path, "Bundle file")->required();
    sub->add_option("--partner", *partner, "Partner name (default: the bundle's identity)");
    sub->callback([=, &context] { context.exit_code = Import(context.global, *path, *partner); });
  }
}

}  // namespace ringgraph::tools
