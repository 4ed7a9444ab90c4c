// End to end: indicator sharing between two independent labs. Lab A and lab B have different
// local secrets and the same consortium key; the same ring operator used some of the same cards
// and devices at both. A detects and exports STIX; B imports, and B's accounts holding those
// values are flagged by B's detection with the partner indicator in their explanations. A bundle
// made under another key, and tampered or malformed bundles, are rejected and change nothing.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tests/ringd_harness.h"

namespace ringgraph::e2e {
namespace {

class ShareRoundTripTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("share_roundtrip");
    WriteKey("consortium.key", std::string(64, 'a'));
    WriteKey("other.key", std::string(64, 'b'));
    Ok(Ringctl() + " gen --accounts 3000 --rings 4 --seed 5 --out " + dir_->Sub("popA"));
    Ok(Ringctl() + " gen --accounts 3000 --rings 4 --seed 9 --out " + dir_->Sub("popB"));
    Ok(Lab("A", "both") + " ingest --create-secret --quiet " + dir_->Sub("popA") + "/signals.csv");
    Ok(Lab("A", "") + " detect --quiet --top 0");
    Ok(Lab("A", "") + " export clusters --out " + dir_->Sub("A_clusters.csv"));
    // The operator's values: device and payment values held by at least two flagged members.
    std::set<std::string> flagged;
    {
      std::ifstream in(dir_->Sub("A_clusters.csv"));
      std::string line;
      std::getline(in, line);
      while (std::getline(in, line)) {
        if (line.substr(line.rfind(',') + 1) == "1") flagged.insert(line.substr(0, line.find(',')));
      }
    }
    ASSERT_FALSE(flagged.empty());
    // "kind,value" -> its flagged holders, and all its holders. A value held by more accounts
    // than its kind's generic cut-off (10 for cards and devices) is not shared, as it links no
    // one in the account graph either.
    std::map<std::string, std::set<std::string>> holders, everyone;
    std::ifstream in(dir_->Sub("popA") + "/signals.csv");
    std::string line;
    while (std::getline(in, line)) {
      std::stringstream fields(line);
      std::string account, kind, value;
      std::getline(fields, account, ',');
      std::getline(fields, kind, ',');
      std::getline(fields, value, ',');
      if (kind != "device" && kind != "payment") continue;
      everyone[kind + "," + value].insert(account);
      if (flagged.count(account) != 0) holders[kind + "," + value].insert(account);
    }
    for (const auto& [kv, who] : holders) {
      if (who.size() >= 2 && everyone[kv].size() <= 10) shared_values_.push_back(kv);
    }
    ASSERT_GE(shared_values_.size(), 2u);
    // Lab B: its own population, plus two accounts of the same operator.
    std::ofstream inject(dir_->Sub("inject_B.csv"));
    inject << "account,kind,value,ts\n"
           << "b-operator-1," << shared_values_[0] << ",1763800000\n"
           << "b-operator-2," << shared_values_[1] << ",1763800000\n"
           << "b-operator-2,ip,198.51.100.9,1763800000\n";
    inject.close();
    Ok(Lab("B", "consortium") + " ingest --create-secret --quiet " + dir_->Sub("popB") +
       "/signals.csv " + dir_->Sub("inject_B.csv"));
  }
  static void TearDownTestSuite() { delete dir_; }

  static void WriteKey(const std::string& name, const std::string& hex) {
    std::ofstream(dir_->Sub(name)) << hex << "\n";
    ::chmod(dir_->Sub(name).c_str(), 0600);
  }
  // ringctl on lab L's data directory with its own secret, and the named consortium key.
  // `keys`: "" for none, "consortium", "other", or "both" (lab A ingests under both).
  static std::string Lab(const std::string& lab, const std::string& keys) {
    std::string cmd = Ringctl() + " --data " + dir_->Sub(lab) + "/data --secret-file " +
                      dir_->Sub(lab) + "/secret";
    if (keys == "consortium" || keys == "both") {
      cmd += " --share-key consortium=" + dir_->Sub("consortium.key");
    }
    if (keys == "other" || keys == "both") cmd += " --share-key other=" + dir_->Sub("other.key");
    return cmd;
  }
  static void Ok(const std::string& command) {
    CommandResult r = RunCommand(command, *dir_);
    ASSERT_EQ(r.exit_code, 0) << command << "\n" << r.out << r.err;
  }
  static std::string ExportA(const std::string& key, const std::string& out) {
    CommandResult r = RunCommand(
        Lab("A", "both") + " share export --key " + key + " --lab 'Lab A' --out " + dir_->Sub(out),
        *dir_);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return ReadFile(dir_->Sub(out));
  }

  static TempDir* dir_;
  static std::vector<std::string> shared_values_;
};
TempDir* ShareRoundTripTest::dir_ = nullptr;
std::vector<std::string> ShareRoundTripTest::shared_values_;

TEST_F(ShareRoundTripTest, ExportIsStixDeterministicAndCarriesNoPrivateValue) {
  const std::string bundle = ExportA("consortium", "bundle.json");
  EXPECT_EQ(ExportA("consortium", "again.json"), bundle) << "the same rings exported twice differ";
  nlohmann::json doc = nlohmann::json::parse(bundle);
  EXPECT_EQ(doc["type"], "bundle");
  std::map<std::string, int> types;
  for (const auto& o : doc["objects"]) {
    types[o["type"].get<std::string>()]++;
    EXPECT_EQ(o["spec_version"], "2.1");
  }
  EXPECT_EQ(types["identity"], 1);
  EXPECT_EQ(types["marking-definition"], 1);
  EXPECT_EQ(types["extension-definition"], 1);
  EXPECT_GE(types["indicator"], 1);
  for (const auto& o : doc["objects"]) {
    if (o["type"] != "indicator") continue;
    EXPECT_EQ(o["object_marking_refs"][0],
              "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82");
    EXPECT_GE(o["confidence"].get<int>(), 50);
    EXPECT_LT(o["valid_from"].get<std::string>(), o["valid_until"].get<std::string>());
  }
  // No raw value, no account name, and none of A's local-key hashes.
  for (const std::string& kv : shared_values_) {
    EXPECT_EQ(bundle.find(kv.substr(kv.find(',') + 1)), std::string::npos) << kv;
  }
  EXPECT_EQ(bundle.find("acct-"), std::string::npos);
  CommandResult r =
      RunCommand(Lab("A", "") + " export rings --out " + dir_->Sub("A_rings.json"), *dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json rings = nlohmann::json::parse(ReadFile(dir_->Sub("A_rings.json")));
  int local_ids = 0;
  for (const auto& ring : rings["rings"]) {
    for (const auto& e : ring["evidence"]) {
      ++local_ids;
      EXPECT_EQ(bundle.find(e["value_id"].get<std::string>()), std::string::npos);
    }
  }
  EXPECT_GT(local_ids, 0);
}

TEST_F(ShareRoundTripTest, LabBFlagsTheOperatorsAccountsWithProvenance) {
  ExportA("consortium", "bundle.json");
  CommandResult r =
      RunCommand(Lab("B", "consortium") + " share import " + dir_->Sub("bundle.json"), *dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("from Lab A"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 local accounts hold a watched value"), std::string::npos) << r.out;
  // Importing the same bundle again changes nothing.
  r = RunCommand(Lab("B", "consortium") + " share import " + dir_->Sub("bundle.json"), *dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("0 new or updated"), std::string::npos) << r.out;

  Ok(Lab("B", "") + " detect --quiet --top 0");
  Ok(Lab("B", "") + " export clusters --out " + dir_->Sub("B_clusters.csv"));
  std::map<std::string, std::string> cluster_of;
  std::ifstream in(dir_->Sub("B_clusters.csv"));
  std::string line;
  while (std::getline(in, line)) {
    for (const char* name : {"b-operator-1", "b-operator-2"}) {
      if (line.rfind(std::string(name) + ",", 0) == 0) {
        EXPECT_EQ(line.substr(line.rfind(',') + 1), "1") << line;  // flagged
        cluster_of[name] = line.substr(line.find(',') + 1,
                                       line.find(',', line.find(',') + 1) - line.find(',') - 1);
      }
    }
  }
  ASSERT_EQ(cluster_of.size(), 2u);
  r = RunCommand(Lab("B", "") + " explain --cluster " + cluster_of["b-operator-1"], *dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("partner indicator indicator--"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("from Lab A"), std::string::npos) << r.out;
}

TEST_F(ShareRoundTripTest, ABundleUnderAnotherKeyMatchesNothing) {
  // Lab A exports under a different consortium secret that lab B does not hold.
  ExportA("other", "other_bundle.json");
  CommandResult r =
      RunCommand(Lab("B", "consortium") + " share import " + dir_->Sub("other_bundle.json"), *dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("which is not configured here"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing applied"), std::string::npos) << r.err;
  // Even a lab that holds that key cannot match: B's values were never hashed under it. (Lab C
  // is B's population ingested afresh, so that the count is not of watched values another test
  // of this suite imported into B.)
  Ok(Lab("C", "consortium") + " ingest --create-secret --quiet " + dir_->Sub("popB") +
     "/signals.csv " + dir_->Sub("inject_B.csv"));
  r = RunCommand(Lab("C", "other") + " share import " + dir_->Sub("other_bundle.json"), *dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("0 local accounts hold a watched value"), std::string::npos) << r.out;
  // Hashes of the same values under the two keys have nothing in common.
  const std::string consortium_bundle = ExportA("consortium", "bundle.json");
  nlohmann::json a = nlohmann::json::parse(consortium_bundle);
  nlohmann::json b = nlohmann::json::parse(ReadFile(dir_->Sub("other_bundle.json")));
  for (const auto& o : a["objects"]) {
    if (o["type"] != "indicator") continue;
    std::string pattern = o["pattern"];
    std::size_t at = pattern.find("value_hash = '");
    ASSERT_NE(at, std::string::npos);
    EXPECT_EQ(b.dump().find(pattern.substr(at + 14, 32)), std::string::npos);
  }
}

TEST_F(ShareRoundTripTest, TamperedAndMalformedBundlesAreRejectedWhole) {
  const std::string good = ExportA("consortium", "bundle.json");
  struct Case {
    std::string name;
    std::function<void(nlohmann::json&)> edit;
    std::string expected;
  };
  auto first_indicator = [](nlohmann::json& doc) -> nlohmann::json& {
    for (auto& o : doc["objects"]) {
      if (o["type"] == "indicator") return o;
    }
    return doc;
  };
  const std::vector<Case> cases = {
      {"confidence raised", [&](auto& d) { first_indicator(d)["confidence"] = 100; },
       "the MAC does not match"},
      {"pattern edited",
       [&](auto& d) {
         std::string p = first_indicator(d)["pattern"];
         p[p.size() - 3] = p[p.size() - 3] == 'a' ? 'b' : 'a';
         first_indicator(d)["pattern"] = p;
       },
       "the MAC does not match"},
      {"validity extended",
       [&](auto& d) { first_indicator(d)["valid_until"] = "2099-01-01T00:00:00.000Z"; },
       "the MAC does not match"},
      {"wrong spec_version", [&](auto& d) { first_indicator(d)["spec_version"] = "2.0"; },
       "'spec_version' must be \"2.1\""},
      {"bad id", [&](auto& d) { first_indicator(d)["id"] = "indicator--not-a-uuid"; },
       "'id' is not 'indicator--<UUID>'"},
      {"id of another type",
       [&](auto& d) { first_indicator(d)["id"] = "malware--11ec60e1-3998-5c26-9084-1df56139834c"; },
       "'id' is not 'indicator--<UUID>'"},
      {"timestamp not UTC",
       [&](auto& d) { first_indicator(d)["valid_from"] = "2026-11-23T10:00:00+02:00"; },
       "'valid_from' is not an RFC 3339 timestamp in UTC"},
      {"missing pattern", [&](auto& d) { first_indicator(d).erase("pattern"); },
       "'pattern' is missing"},
      {"pattern of another grammar",
       [&](auto& d) { first_indicator(d)["pattern"] = "[ipv4-addr:value = '10.0.0.1']"; },
       "is not [x-ringgraph-signal:kind"},
      {"confidence out of range", [&](auto& d) { first_indicator(d)["confidence"] = 140; },
       "'confidence' must be an integer from 0 to 100"},
      {"valid_until before valid_from",
       [&](auto& d) { first_indicator(d)["valid_until"] = "2001-01-01T00:00:00.000Z"; },
       "'valid_until' is not after 'valid_from'"},
      {"not a bundle", [&](auto& d) { d["type"] = "report"; }, "is not a STIX bundle"},
      {"no objects", [&](auto& d) { d["objects"] = nlohmann::json::array(); },
       "the bundle has no objects"},
  };
  CommandResult before = RunCommand(Lab("B", "") + " stats --json", *dir_);
  for (const Case& c : cases) {
    nlohmann::json doc = nlohmann::json::parse(good);
    c.edit(doc);
    std::ofstream(dir_->Sub("bad.json")) << doc.dump(2);
    CommandResult r =
        RunCommand(Lab("B", "consortium") + " share import " + dir_->Sub("bad.json"), *dir_);
    EXPECT_EQ(r.exit_code, 2) << c.name;
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << c.name << ": " << r.err;
    EXPECT_NE(r.err.find("rejected, nothing applied"), std::string::npos) << c.name;
  }
  std::ofstream(dir_->Sub("bad.json")) << good.substr(0, good.size() / 2);
  CommandResult r =
      RunCommand(Lab("B", "consortium") + " share import " + dir_->Sub("bad.json"), *dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not valid JSON"), std::string::npos) << r.err;
  // A missing key file, or none at all, is a clear error.
  r = RunCommand(Lab("B", "") + " share import " + dir_->Sub("bundle.json"), *dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no consortium key is configured"), std::string::npos) << r.err;
  r = RunCommand(Lab("A", "consortium") + " share export --key nosuch --out " + dir_->Sub("x.json"),
                 *dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("'nosuch' is not configured"), std::string::npos) << r.err;
  EXPECT_EQ(RunCommand(Lab("B", "") + " stats --json", *dir_).out, before.out);
}

TEST_F(ShareRoundTripTest, TheSameRoundTripThroughTheApiFlagsInRealTime) {
  // Lab A's ringd exports, lab B's ringd imports; both have the consortium key configured.
  WriteTokensFile(dir_->Sub("tokens"));
  auto start = [&](RingdProcess& ringd, const std::string& lab, const std::string& keys) {
    std::vector<std::string> args = {"--data",        dir_->Sub(lab) + "/data",
                                     "--secret-file", dir_->Sub(lab) + "/secret",
                                     "--tokens-file", dir_->Sub("tokens"),
                                     "--listen",      "127.0.0.1:0",
                                     "--metrics",     "off",
                                     "--detect-at",   "off",
                                     "--port-file",   dir_->Sub(lab + ".port")};
    if (keys == "both" || keys == "consortium") {
      args.push_back("--share-key");
      args.push_back("consortium=" + dir_->Sub("consortium.key"));
    }
    if (keys == "both") {
      args.push_back("--share-key");
      args.push_back("other=" + dir_->Sub("other.key"));
    }
    return ringd.Start(*dir_, args, /*default_args=*/false);
  };
  RingdProcess lab_a, lab_b;
  ASSERT_TRUE(start(lab_a, "A", "both")) << lab_a.log();
  ASSERT_TRUE(start(lab_b, "B", "consortium")) << lab_b.log();
  ApiClient a(lab_a.port(), kWriteToken), b(lab_b.port(), kWriteToken),
      b_reader(lab_b.port(), kReadToken);

  std::string bundle;
  a->exportIndicators(bundle, "consortium", 0.5, {}, "Lab A", "green");
  EXPECT_NE(bundle.find("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"),
            std::string::npos);
  try {
    std::string unused;
    a->exportIndicators(unused, "nosuch", 0.5, {}, "Lab A", "amber");
    ADD_FAILURE() << "an unknown key was accepted";
  } catch (const api::RingGraphError& e) {
    EXPECT_EQ(e.code, api::ErrorCode::INVALID_ARGUMENT);
  }
  // The read role may not export or import.
  std::string unused;
  EXPECT_THROW(b_reader->exportIndicators(unused, "consortium", 0.5, {}, "", ""),
               api::RingGraphError);

  api::ImportResult imported;
  b->importIndicators(imported, bundle, "");
  EXPECT_GE(imported.indicators, 1);
  EXPECT_EQ(imported.partner, "Lab A");
  EXPECT_GE(imported.matchedAccounts, 2);
  try {
    api::ImportResult again;
    b->importIndicators(again, bundle.substr(0, bundle.size() / 2), "");
    ADD_FAILURE() << "a truncated bundle was accepted";
  } catch (const api::RingGraphError& e) {
    EXPECT_EQ(e.code, api::ErrorCode::INVALID_ARGUMENT);
    EXPECT_NE(e.message.find("not valid JSON"), std::string::npos) << e.message;
  }

  // A new account at lab B shows up with one of the operator's cards: flagged at once.
  std::vector<api::Signal> signals(1);
  signals[0].account = "b-operator-new";
  signals[0].kind = shared_values_[0].substr(0, shared_values_[0].find(','));
  signals[0].value = shared_values_[0].substr(shared_values_[0].find(',') + 1);
  api::IngestResult result;
  b->ingest(result, signals);
  EXPECT_EQ(result.acknowledged, 1);
  ASSERT_EQ(result.realtimeFlags.size(), 1u);
  EXPECT_EQ(result.realtimeFlags[0].account, "b-operator-new");
  api::Membership m;
  b_reader->getCluster(m, "b-operator-new");
  EXPECT_TRUE(m.flagged);
  EXPECT_TRUE(m.realtime);
  EXPECT_GE(m.ringScore, 0.5);
  EXPECT_EQ(lab_a.Stop(SIGTERM), 0);
  EXPECT_EQ(lab_b.Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace ringgraph::e2e
