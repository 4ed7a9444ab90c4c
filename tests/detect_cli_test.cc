// End to end: ringctl detect, export, label, explain, history, communities, graph-stats and
// leiden on a small generated population and small files, including their error paths.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "tests/cli_runner.h"

namespace ringgraph::e2e {
namespace {

class DetectCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("detect_cli");
    CommandResult r = RunCommand(
        Ringctl() + " gen --accounts 3000 --rings 4 --seed 5 --out " + dir_->Sub("pop"), *dir_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = RunCommand(Ctl("ingest --create-secret --quiet " + dir_->Sub("pop") + "/signals.csv"),
                   *dir_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string Ctl(const std::string& args) {
    return Ringctl() + " --data " + dir_->Sub("data") + " --secret-file " + dir_->Sub("secret") +
           " " + args;
  }
  static TempDir* dir_;
};
TempDir* DetectCliTest::dir_ = nullptr;

TEST_F(DetectCliTest, ExportBeforeDetectSaysToRunDetect) {
  TempDir other("detect_cli_empty");
  CommandResult r = RunCommand(Ringctl() + " --data " + other.Sub("data") + " detect", other);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("ingest signals first"), std::string::npos) << r.err;
}

TEST_F(DetectCliTest, DetectExportsExplainsLabelsAndKeepsIds) {
  CommandResult r = RunCommand(Ctl("detect --top 2"), *dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* phase : {"project", "partition", "features", "match", "score", "write"}) {
    EXPECT_NE(r.out.find(std::string("detect: ") + phase), std::string::npos) << phase;
  }
  ASSERT_NE(r.out.find("largest rings:"), std::string::npos) << r.out;
  r = RunCommand(Ctl("export clusters --out " + dir_->Sub("clusters.csv")), *dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string csv = ReadFile(dir_->Sub("clusters.csv"));
  ASSERT_EQ(csv.rfind("account,cluster_id,ring_score,flagged\n", 0), 0u);
  // Take a flagged row's cluster and account.
  std::size_t flagged_row = csv.find(",1\n");
  ASSERT_NE(flagged_row, std::string::npos);
  std::size_t row_start = csv.rfind('\n', flagged_row) + 1;
  std::string row = csv.substr(row_start, flagged_row - row_start);
  std::string account = row.substr(0, row.find(','));
  std::string cluster =
      row.substr(row.find(',') + 1, row.find(',', row.find(',') + 1) - row.find(',') - 1);

  r = RunCommand(Ctl("export rings --format json --out " + dir_->Sub("rings.json")), *dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json rings = nlohmann::json::parse(ReadFile(dir_->Sub("rings.json")));
  ASSERT_FALSE(rings["rings"].empty());
  EXPECT_FALSE(rings["rings"][0]["members"].empty());
  EXPECT_FALSE(rings["rings"][0]["evidence"].empty());

  r = RunCommand(Ctl("explain --cluster " + cluster), *dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"evidence\""), std::string::npos);
  {
    // Members are listed with their own evidence, weakest first.
    nlohmann::json explained = nlohmann::json::parse(r.out);
    ASSERT_FALSE(explained["members"].empty());
    double previous = 0;
    for (const auto& m : explained["members"]) {
      EXPECT_FALSE(m["account"].get<std::string>().empty());
      EXPECT_GE(m["evidence"].get<double>(), previous);
      previous = m["evidence"].get<double>();
      EXPECT_EQ(m["flagged"].get<bool>(), previous >= 0.5);
    }
  }
  r = RunCommand(Ctl("explain --cluster 999999"), *dir_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("not in clustering version"), std::string::npos) << r.err;

  r = RunCommand(Ctl("label --cluster " + cluster + " --verdict benign --note 'red team'"), *dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunCommand(Ctl("label --account no-such-account --verdict ring"), *dir_);
  EXPECT_EQ(r.exit_code, 1);
  r = RunCommand(Ctl("label --cluster 1 --verdict maybe"), *dir_);
  EXPECT_EQ(r.exit_code, 2);
  // Labels in bulk: a file with a bad line is refused whole, naming the line; nothing is stored.
  {
    std::ofstream(dir_->Sub("labels.jsonl"))
        << R"({"account": ")" << account << R"(", "verdict": "ring", "note": "case 4"})"
        << "\n"
        << R"({"cluster": 1, "verdict": "perhaps"})"
        << "\n";
    r = RunCommand(Ctl("label --file " + dir_->Sub("labels.jsonl")), *dir_);
    EXPECT_EQ(r.exit_code, 2);  // invalid input
    EXPECT_NE(r.err.find("label 2"), std::string::npos) << r.err;
    std::ofstream(dir_->Sub("garbage.jsonl")) << "{\"account\": 7}\nnot json\n";
    r = RunCommand(Ctl("label --file " + dir_->Sub("garbage.jsonl")), *dir_);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("garbage.jsonl:1"), std::string::npos) << r.err;
    r = RunCommand(Ctl("export rings --all --out " + dir_->Sub("after-bad.json")), *dir_);
    EXPECT_EQ(ReadFile(dir_->Sub("after-bad.json")).find("case 4"), std::string::npos);
    std::ofstream(dir_->Sub("labels.jsonl"))
        << R"({"account": ")" << account << R"(", "verdict": "benign", "note": "case 4"})"
        << "\n"
        << R"({"target": "cluster:999999", "verdict": "ring"})"
        << "\n";
    r = RunCommand(Ctl("label --file " + dir_->Sub("labels.jsonl")), *dir_);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("2 labels stored"), std::string::npos) << r.out;
    r = RunCommand(Ctl("label --file " + dir_->Sub("labels.jsonl") + " --account x --verdict ring"),
                   *dir_);
    EXPECT_EQ(r.exit_code, 2);
  }

  // A second run keeps the cluster's id, and the benign label now damps it.
  r = RunCommand(Ctl("detect --top 0"), *dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunCommand(Ctl("explain --cluster " + cluster), *dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json details = nlohmann::json::parse(r.out);
  EXPECT_EQ(details["clustering_version"], 2);
  EXPECT_FALSE(details["flagged"].get<bool>());
  EXPECT_NE(details.dump().find("cluster benign"), std::string::npos);
  r = RunCommand(Ctl("history"), *dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("version 2"), std::string::npos);
  r = RunCommand(Ctl("export clusters --version 99 --out " + dir_->Sub("x.csv")), *dir_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("not kept"), std::string::npos);

  r = RunCommand(Ctl("explain --accounts " + account + " " + account), *dir_);
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(DetectCliTest, CommunitiesAndGraphStatsDescribeTheProjectedGraph) {
  CommandResult r = RunCommand(Ctl("graph-stats"), *dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("vertices          3000 accounts"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("largest"), std::string::npos);
  r = RunCommand(Ctl("communities --out " + dir_->Sub("communities.csv")), *dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string csv = ReadFile(dir_->Sub("communities.csv"));
  EXPECT_EQ(csv.rfind("account,community\n", 0), 0u);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3001);
}

TEST_F(DetectCliTest, CommunitiesWritesTheProjectedLinksForOtherTools) {
  CommandResult r = RunCommand(Ctl("graph-stats"), *dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::size_t at = r.out.find("edges");
  ASSERT_NE(at, std::string::npos) << r.out;
  const long long edges = std::stoll(r.out.substr(r.out.find_first_of("0123456789", at)));
  ASSERT_GT(edges, 0);
  r = RunCommand(
      Ctl("communities --out " + dir_->Sub("c.csv") + " --links " + dir_->Sub("links.csv")), *dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream links(ReadFile(dir_->Sub("links.csv")));
  std::string line;
  std::getline(links, line);
  EXPECT_EQ(line, "account_a,account_b,weight");
  std::set<std::pair<std::string, std::string>> seen;
  long long rows = 0;
  while (std::getline(links, line)) {
    ++rows;
    const std::size_t first = line.find(','), second = line.find(',', first + 1);
    ASSERT_NE(second, std::string::npos) << line;
    std::string a = line.substr(0, first), b = line.substr(first + 1, second - first - 1);
    EXPECT_NE(a, b) << line;
    EXPECT_GT(std::stod(line.substr(second + 1)), 0.0) << line;
    // Each undirected link once: neither (a, b) again nor (b, a).
    EXPECT_TRUE(seen.emplace(std::min(a, b), std::max(a, b)).second) << line;
  }
  EXPECT_EQ(rows, edges);
  r = RunCommand(Ctl("communities --out " + dir_->Sub("c.csv") + " --links " +
                     dir_->Sub("no-such-dir/links.csv")),
                 *dir_);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("no-such-dir/links.csv"), std::string::npos) << r.err;
}

TEST_F(DetectCliTest, LeidenOnAnEdgeListAndItsErrors) {
  std::string edges = dir_->Sub("g.edges");
  std::ofstream(edges) << "0 1\n1 2\n0 2\n3 4\n4 5\n3 5\n2 3\n";
  CommandResult r = RunCommand(
      Ringctl() + " leiden --edges " + edges + " --out " + dir_->Sub("g.out") + " --verify", *dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2 communities"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0 disconnected"), std::string::npos) << r.out;
  std::string out = ReadFile(dir_->Sub("g.out"));
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 6);
  std::ofstream(edges) << "0 1\n1 two\n";
  r = RunCommand(Ringctl() + " leiden --edges " + edges + " --out " + dir_->Sub("g.out"), *dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(edges + ":2:"), std::string::npos) << r.err;
}

TEST_F(DetectCliTest, TemplatesCommandFingerprintsJsonLinesAndReportsBadLines) {
  std::string in = dir_->Sub("prompts.jsonl");
  // Four prompts of one template from two accounts (the filling, the graded answer, is longer
  // than the instruction), one unrelated prompt, one bad line.
  std::ofstream(in)
      << "{\"text\":\"Grade the answer below against rubric 7.\\nAnswer: the sky looks blue "
         "because air scatters short wavelengths of sunlight most\",\"account\":\"a\"}\n"
      << "{\"text\":\"Grade the answer below against rubric 9.\\nAnswer: red, since the stove "
         "glows when it is hot and the kettle is made of copper\",\"account\":\"b\"}\n"
      << "{\"text\":\"Grade the answer below against rubric 2.\\nAnswer: because trains run on "
         "rails they cannot swerve around a cow standing there\",\"account\":\"a\"}\n"
      << "{\"text\":\"Grade the answer below against rubric 4.\\nAnswer: photosynthesis turns "
         "light and water into sugar inside green leaves\",\"account\":7}\n"
      << "{\"text\":\"my cat hides under the bed whenever it rains, is that normal?\"}\n"
      << "not json\n";
  CommandResult r =
      RunCommand(Ringctl() + " templates --in " + in + " --out " + dir_->Sub("t.csv"), *dir_);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find(in + ":6:"), std::string::npos) << r.err;
  std::string csv = ReadFile(dir_->Sub("t.csv"));
  ASSERT_EQ(csv.rfind("line,template_id\n", 0), 0u);
  // The default: templates mined from the file (ids t4-...), one id for the four prompts.
  const std::size_t first = csv.find("\n1,") + 3;
  ASSERT_EQ(csv.substr(first, 3), "t4-") << csv;
  const std::string id = csv.substr(first, 19);
  for (const char* line : {"\n2,", "\n3,", "\n4,"}) {
    EXPECT_EQ(csv.substr(csv.find(line) + 3, 19), id) << csv;
  }
  EXPECT_NE(csv.find("\n5,\n"), std::string::npos) << csv;  // free text: no template
  r = RunCommand(
      Ringctl() + " templates --in " + dir_->Sub("absent.jsonl") + " --out " + dir_->Sub("t.csv"),
      *dir_);
  EXPECT_EQ(r.exit_code, 1);
}

}  // namespace
}  // namespace ringgraph::e2e
