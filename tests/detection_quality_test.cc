// End to end on generated populations: generate, ingest, detect, export; then the detection
// quality against the generator's truth, as ratchets: floors that sit a little under what this
// build measures, so a regression fails and the floors rise as detection improves.
//   account-level precision and recall of `flagged` against is_ring;
//   rings recovered as one flagged cluster holding >= 80% of the ring, >= 80% of it the ring's;
//   for every honest group kind, the share of its accounts flagged (printed, and bounded).
// Populations: `ringctl gen` (where the defaults are tuned), population B
// (../shared/bench/population_b.py, written independently of the project; validation only), and
// populations C and D (tools/bench/population_{c,d}.py, written blind from DOMAIN.md; held out).
// tools/bench/detect_quality.sh measures the same at 30k and 1M accounts and several seeds.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "tests/cli_runner.h"

namespace ringgraph::e2e {
namespace {

struct Truth {
  std::string group;
  bool is_ring = false;
};

std::map<std::string, Truth> ReadTruth(const std::string& path) {
  std::map<std::string, Truth> truth;
  std::istringstream in(ReadFile(path));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // Python's csv writes CRLF
    std::size_t a = line.find(','), b = line.rfind(',');
    truth[line.substr(0, a)] = {line.substr(a + 1, b - a - 1), line.substr(b + 1) == "1"};
  }
  return truth;
}

// "ring_hydra-3" -> "ring_hydra" (ringctl gen); "evalco_co123", "hydra_7" -> "evalco", "hydra".
std::string GroupKind(const std::string& group) {
  std::size_t dash = group.find('-');
  if (dash != std::string::npos) return group.substr(0, dash);
  std::size_t end = group.size();
  while (end > 0 && std::isdigit(static_cast<unsigned char>(group[end - 1]))) --end;
  if (end >= 2 && group.compare(end - 2, 2, "co") == 0) end -= 2;
  if (end > 0 && end < group.size() && group[end - 1] == '_') --end;
  return group.substr(0, end);
}

struct Quality {
  double precision = 0, recall = 0;
  int recovered = 0, rings = 0;
  std::map<std::string, double> honest_flagged;  // kind -> share
};

// Detects on DIR/data (with `detect_flags`), exports and scores against DIR/pop/truth.csv.
Quality DetectIngested(TempDir& dir, const std::string& detect_flags = "") {
  Quality q;
  std::string pop = dir.Sub("pop"), data = dir.Sub("data");
  std::string ctl = Ringctl() + " --data " + data + " --secret-file " + dir.Sub("secret");
  CommandResult r = RunCommand(ctl + " detect --top 0 " + detect_flags, dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::cout << r.out;
  r = RunCommand(ctl + " export clusters --out " + dir.Sub("clusters.csv"), dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;

  std::map<std::string, Truth> truth = ReadTruth(pop + "/truth.csv");
  std::istringstream rows(ReadFile(dir.Sub("clusters.csv")));
  std::string line;
  std::getline(rows, line);
  EXPECT_EQ(line, "account,cluster_id,ring_score,flagged");
  std::map<std::string, std::pair<std::string, bool>> exported;  // account -> cluster, flagged
  while (std::getline(rows, line)) {
    std::size_t a = line.find(','), b = line.find(',', a + 1), c = line.rfind(',');
    exported[line.substr(0, a)] = {line.substr(a + 1, b - a - 1), line.substr(c + 1) == "1"};
  }
  std::uint64_t tp = 0, fp = 0, fn = 0;
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> honest;  // flagged, total
  std::map<std::string, std::map<std::string, int>> ring_clusters;  // ring -> cluster -> flagged
  std::map<std::string, int> cluster_size, ring_size;
  for (const auto& [account, t] : truth) {
    auto it = exported.find(account);
    const bool flagged = it != exported.end() && it->second.second;
    tp += flagged && t.is_ring;
    fp += flagged && !t.is_ring;
    fn += !flagged && t.is_ring;
    if (it != exported.end()) cluster_size[it->second.first] += 1;
    if (t.is_ring) {
      ring_size[t.group] += 1;
      if (flagged) ring_clusters[t.group][it->second.first] += 1;
    } else {
      auto& counts = honest[GroupKind(t.group)];
      counts.first += flagged;
      counts.second += 1;
    }
  }
  q.precision = tp + fp ? static_cast<double>(tp) / (tp + fp) : 0;
  q.recall = tp + fn ? static_cast<double>(tp) / (tp + fn) : 0;
  q.rings = static_cast<int>(ring_size.size());
  for (const auto& [ring, size] : ring_size) {
    for (const auto& [cluster, members] : ring_clusters[ring]) {
      if (members >= 0.8 * size && members >= 0.8 * cluster_size[cluster]) {
        ++q.recovered;
        break;
      }
    }
  }
  std::printf("precision %.4f recall %.4f rings recovered %d of %d\n", q.precision, q.recall,
              q.recovered, q.rings);
  for (const auto& [kind, counts] : honest) {
    q.honest_flagged[kind] = static_cast<double>(counts.first) / counts.second;
    std::printf("  %-16s %6llu of %6llu flagged (%.2f%%)\n", kind.c_str(),
                static_cast<unsigned long long>(counts.first),
                static_cast<unsigned long long>(counts.second),
                100.0 * counts.first / counts.second);
  }
  return q;
}

// Ingests DIR/pop/signals.csv into DIR/data, then as DetectIngested: under a fresh secret, or,
// given one (64 hex digits), under it, so that the keyed template ids, and the figures, are the
// same in every run.
Quality Detect(TempDir& dir, const std::string& secret_hex = "") {
  if (!secret_hex.empty()) {
    std::ofstream(dir.Sub("secret")) << secret_hex << "\n";
    std::filesystem::permissions(dir.Sub("secret"), std::filesystem::perms::owner_read |
                                                        std::filesystem::perms::owner_write);
  }
  CommandResult r =
      RunCommand(Ringctl() + " --data " + dir.Sub("data") + " --secret-file " + dir.Sub("secret") +
                     " ingest " + (secret_hex.empty() ? "--create-secret " : "") + "--quiet " +
                     dir.Sub("pop") + "/signals.csv",
                 dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return DetectIngested(dir);
}

// This build: 1.000 / 0.996, 12 of 12 rings, no honest group kind flagged.
TEST(DetectionQualityTest, GenPopulationFlagsPlantedRingsAndSparesHonestLookAlikes) {
  TempDir dir("detect_quality_gen");
  CommandResult r = RunCommand(
      Ringctl() + " gen --accounts 20000 --rings 12 --seed 7 --out " + dir.Sub("pop"), dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Quality q = Detect(dir);
  EXPECT_EQ(q.rings, 12);
  EXPECT_GE(q.precision, 0.97);
  EXPECT_GE(q.recall, 0.95);
  EXPECT_GE(q.recovered, 10);
  for (const auto& [kind, share] : q.honest_flagged) EXPECT_LT(share, 0.01) << kind;
}

// The stress setting of `tools/bench/detect_quality.sh`: rings three times their size, so the
// hydras (360-600 accounts) come out of Leiden in pieces of 4-10, each holding a few of the proxy
// provider's honest customers, and are regrouped by piece reassembly (piece_reassembly.h, on by
// default). This build: 1.000 / 0.994, 11 of 12 rings, no proxy customer flagged; with
// reassembly off, 7 of 12 and the same flagged accounts (10 of 12 before members judged not
// part of a ring were left out of its cluster). 4.18% of proxy customers were flagged
// before each member was judged on its own identity pattern.
TEST(DetectionQualityTest, HonestCustomersOfALargeHydrasProxiesStayUnflagged) {
  TempDir dir("detect_quality_stress");
  CommandResult r = RunCommand(Ringctl() +
                                   " gen --accounts 30000 --rings 12 --seed 1 --ring-size-scale 3"
                                   " --out " +
                                   dir.Sub("pop"),
                               dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Quality q = Detect(dir);
  EXPECT_EQ(q.rings, 12);
  EXPECT_GE(q.precision, 0.97);
  EXPECT_GE(q.recall, 0.95);
  EXPECT_GE(q.recovered, 10);
  ASSERT_TRUE(q.honest_flagged.contains("proxy_customer"));
  for (const auto& [kind, share] : q.honest_flagged) EXPECT_LT(share, 0.01) << kind;

  // The same store with the pieces left as the partition cut them: fewer rings found whole.
  Quality in_pieces = DetectIngested(dir, "--reassemble-pieces false");
  EXPECT_GE(q.recovered, in_pieces.recovered + 2);
  EXPECT_GE(in_pieces.precision, 0.97);
  EXPECT_GE(in_pieces.recall, 0.95);
}

// Population B at 10k accounts, 13 rings, seed 4242 (validation: nothing is tuned on it).
// This build: 1.000 / 0.935, 10 of 13 rings, no honest group kind flagged (0.945 before a carving
// group had to be one operation: three low-and-slow standouts had been carved out with a reseller
// ring's, linked by exits both hold with strangers, and alone they score under the carving
// margin; population C's university labs, whose heaviest members were carved out together the
// same way, went from 8-11% of their accounts flagged to none; recall 0.99 before
// members in one place stopped counting as lockstep unless run as an operator's: a 9-account
// hydra behind one host on one address few others use is in one place by that rule, the first
// scoring no longer flags it, and a low-and-slow ring that runs its templates loses its known
// campaign and 7 members; held-out population C gained 0.01-0.07 F1 from the rule, its hackathons
// 94/43/86% -> 1/26/39% flagged; 9 of 13 before the
// flagged clusters behind one front were split by campaign as one: the device farm's pieces
// share its hosts and are one campaign, so they come out as one cluster; 10 of 13 before an
// address most of a cluster holds counted as an exit when strangers hold it too: the scores
// of the pieces carving and the identity split look at moved, a low-and-slow ring's members
// now sit with a reseller ring before the campaign split, and neither is found whole; on the
// other four 10k seeds the rings found are the same, at 30k 97 -> 98 of 120 on the three seeds of
// the table, 100k seed 5 93 -> 96, 1M 967 -> 1,006 of 1,333, and `ringctl gen` unchanged
// everywhere; 11 of 13 before pairs of addresses held together linked their holders: the
// 130-account device farm, which the partition cuts into four pieces either way, is cut along other
// lines, and regrouping rejoins three of them, 76 accounts, and leaves 54 apart, both flagged; on
// three other seeds at 10k and one at 100k the rings found are the same either way, at 1M 921 ->
// 967 of 1,333; 10 of 13 before flagged clusters were split by campaign, which separates one of the
// two reseller rings; 9 of 13 before members judged not part of a ring were also left out of its
// cluster, which makes a card farm's cluster the card farm; 8 of 13 before the flagged pieces of
// one ring were regrouped; 0.835 and 7 of 13 before standouts of several clusters were carved out
// together and the campaign family could flag alone; 0.825 before members were judged on their own
// identity pattern; 0.794 and 6 of 13 before the templates of flagged rings counted as a known
// campaign; 4 of 13 and 0.804 before flagged clusters were split by identity: two rings joined by a
// shared template came out as one cluster, and a low-and-slow ring rode along flagged); among the
// rings it does not find whole are a low-and-slow ring and a reseller ring (every reseller ring
// pays with the reseller's cards and goes out through its exits; the campaign split separates one
// of them whole).
TEST(DetectionQualityTest, PopulationBWrittenIndependentlyIsDetectedToo) {
  const std::string generator =
      std::string(RINGGRAPH_SOURCE_DIR) + "/../shared/bench/population_b.py";
  if (!std::filesystem::exists(generator)) {
    GTEST_SKIP() << generator << " is not there (it sits beside the checkout in CI)";
  }
  TempDir dir("detect_quality_b");
  CommandResult r = RunCommand("/usr/bin/python3 " + generator + " " + dir.Sub("pop") +
                                   " --accounts 10000 --rings 13 --seed 4242",
                               dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Quality q = Detect(dir);
  EXPECT_EQ(q.rings, 13);
  EXPECT_GE(q.precision, 0.97);
  EXPECT_GE(q.recall, 0.925);
  EXPECT_GE(q.recovered, 10);
  for (const auto& [kind, share] : q.honest_flagged) EXPECT_LT(share, 0.01) << kind;

  // The same store without the campaign split finds a ring fewer: the 130-account device farm,
  // whose flagged pieces share its hosts and so are split by campaign as one front, one campaign.
  Quality together = DetectIngested(dir, "--split-campaigns false");
  EXPECT_GE(together.precision, 0.97);
  EXPECT_GE(q.recovered, together.recovered + 1);
}

// Population D's generator and the label protocol refuse a bad argument with exit code 2 and
// the argument's name, and write nothing.
TEST(DetectionQualityTest, BadArgumentsToTheBlindPopulationAndTheLabelProtocolAreClearErrors) {
  TempDir dir("detect_quality_bad_arguments");
  const std::string bench = std::string(RINGGRAPH_SOURCE_DIR) + "/tools/bench/";
  for (const std::string flags : {"--accounts 0", "--rings -1", "--accounts 1000 --rings 900"}) {
    CommandResult r = RunCommand(
        "/usr/bin/python3 " + bench + "population_d.py " + dir.Sub("pop") + " " + flags, dir);
    EXPECT_EQ(r.exit_code, 2) << flags;
    EXPECT_NE(r.err.find(flags.substr(0, flags.find(' '))), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.Sub("pop"))) << flags;
  }
  CommandResult r = RunCommand(
      "bash " + bench + "label_learning.sh --population e --scratch " + dir.Sub("labels"), dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown population 'e'"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("labels")));
}

// Populations C and D (tools/bench/population_{c,d}.py), each written from DOMAIN.md alone by a
// contributor who read nothing of the detector, at 10k accounts and 13 rings: ratchets, held out
// (nothing is tuned on them), under one fixed deployment secret: D's figures move with the key
// (over four fresh keys, precision 0.66-0.68, startups 0-12.5% flagged), and a ratchet must not.
// This build, under that secret:
//   C seed 1: 0.996 / 1.000, 12 of 13 rings, no honest kind over 0.03%;
//   D seed 2: 0.669 / 0.982, 8 of 13 rings; university labs 85.9%, power users 17.9%, router
//   customers 13.4% and hackathons 1.8% flagged: the failure README's "Population D" reads (a lab
//   server taken for an automation host, a campus address pool for rotating exits, public harness
//   formats for known campaigns). The floors sit a little under these figures and the ceilings
//   of those four kinds a little over, so the test fails when D gets worse and its figures are to
//   be raised when D gets better; every other honest kind stays under 1%.
const std::string kHeldOutSecret =
    "e36248c0efe1577543f3b4b53c020f01382a15915f9c49427bf58028696af442";

struct HeldOutCase {
  std::string name, script;
  int seed;
  double precision, recall;
  int recovered;
  std::map<std::string, double> over_the_bar;  // honest kinds allowed over 1%, and their ceilings
};
class HeldOutPopulation : public ::testing::TestWithParam<HeldOutCase> {};

TEST_P(HeldOutPopulation, KeepsItsFloors) {
  const HeldOutCase& c = GetParam();
  TempDir dir("detect_quality_" + c.name);
  CommandResult r = RunCommand("/usr/bin/python3 " + std::string(RINGGRAPH_SOURCE_DIR) +
                                   "/tools/bench/" + c.script + " " + dir.Sub("pop") +
                                   " --accounts 10000 --rings 13 --seed " + std::to_string(c.seed),
                               dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Quality q = Detect(dir, kHeldOutSecret);
  EXPECT_EQ(q.rings, 13);
  EXPECT_GE(q.precision, c.precision);
  EXPECT_GE(q.recall, c.recall);
  EXPECT_GE(q.recovered, c.recovered);
  for (const auto& [kind, share] : q.honest_flagged) {
    auto ceiling = c.over_the_bar.find(kind);
    EXPECT_LT(share, ceiling == c.over_the_bar.end() ? 0.01 : ceiling->second) << kind;
  }
}

INSTANTIATE_TEST_SUITE_P(
    WrittenBlind, HeldOutPopulation,
    ::testing::Values(
        HeldOutCase{"C", "population_c.py", 1, 0.99, 0.99, 12, {}},
        HeldOutCase{
            "D",
            "population_d.py",
            2,
            0.66,
            0.97,
            8,
            {{"unilab", 0.88}, {"poweruser", 0.20}, {"routeruser", 0.15}, {"hackathon", 0.03}}}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace ringgraph::e2e
