// Template quality on population B's prompt families, end to end through `ringctl templates`
// (tools/bench/template_families_b.py): the issue's goal for template families the fingerprint
// was not written for, pairwise precision >= 0.95 and recall >= 0.9. Measured: precision 1.0000,
// recall 0.9200 on seeds 1-3 ("What is {w}?" and "Write an email to {name} about {q}" are missed:
// too little fixed text of their own and no label). The figure leans on numbered labels, a rule
// written after reading these families' misses (README, "Prompt templates").
//
// Held-out sets C and D (tools/bench/template_families_{c,d}.py, 40 and 58 families written on
// 2026-12-06 by team members who had not read the miner) are ratchets below the goal. Measured
// on seeds 1 / 2 / 3, precision / recall: C 0.9988 / 0.8465, 0.9995 / 0.9000, 0.9986 / 0.8922;
// D 0.9953 / 0.8673, 0.9942 / 0.8418, 0.9949 / 0.8258 (before templates joined the recurring
// shapes of their fillings: C recall 0.79, D 0.64-0.67). C's misses were read to write that
// change; D's never were. The floors catch a change that loses what the miner finds there.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "tests/cli_runner.h"

namespace ringgraph::e2e {
namespace {

const std::string kScript =
    std::string(RINGGRAPH_SOURCE_DIR) + "/tools/bench/template_families_b.py";
const std::string kHeldOutC =
    std::string(RINGGRAPH_SOURCE_DIR) + "/tools/bench/template_families_c.py";
const std::string kHeldOutD =
    std::string(RINGGRAPH_SOURCE_DIR) + "/tools/bench/template_families_d.py";
const std::string kPairs = std::string(RINGGRAPH_SOURCE_DIR) + "/tools/bench/template_pairs.py";
const std::string kGenerator =
    std::string(RINGGRAPH_SOURCE_DIR) + "/../shared/bench/population_b.py";

// "precision P recall R" from a script's output.
void ReadScores(const std::string& out, double* precision, double* recall) {
  const std::size_t at = out.find("precision ");
  ASSERT_NE(at, std::string::npos) << out;
  ASSERT_EQ(std::sscanf(out.c_str() + at, "precision %lf recall %lf", precision, recall), 2) << out;
}

TEST(TemplateFamiliesTest, PopulationBFamiliesMeetTheBars) {
  if (!std::filesystem::exists(kGenerator)) {
    GTEST_SKIP() << kGenerator << " is not there (it sits beside the checkout in CI)";
  }
  TempDir dir("template_families");
  const CommandResult r =
      RunCommand("/usr/bin/python3 " + kScript + " --ringctl " + Ringctl() + " --population-b " +
                     kGenerator + " --work " + dir.Sub("work") + " --seed 2",
                 dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  double precision = 0, recall = 0;
  ReadScores(r.out, &precision, &recall);
  EXPECT_GE(precision, 0.95) << r.out;
  EXPECT_GE(recall, 0.9) << r.out;
}

// Generates set `generator` with seed 2 and scores it through the built ringctl.
void ScoreHeldOutSet(const std::string& generator, const std::string& name, double* precision,
                     double* recall) {
  TempDir dir(name);
  const std::string corpus = dir.Sub("corpus.jsonl");
  const CommandResult r = RunCommand("/usr/bin/python3 " + generator + " --seed 2 --out " + corpus +
                                         " && /usr/bin/python3 " + kPairs + " " + corpus +
                                         " --ringctl " + Ringctl() + " --work " + dir.Sub("work"),
                                     dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ReadScores(r.out, precision, recall);
}

TEST(TemplateFamiliesTest, HeldOutSetCKeepsItsFloor) {
  double precision = 0, recall = 0;
  ScoreHeldOutSet(kHeldOutC, "template_families_c", &precision, &recall);
  EXPECT_GE(precision, 0.98);
  EXPECT_GE(recall, 0.87);
}

TEST(TemplateFamiliesTest, HeldOutSetDKeepsItsFloor) {
  double precision = 0, recall = 0;
  ScoreHeldOutSet(kHeldOutD, "template_families_d", &precision, &recall);
  EXPECT_GE(precision, 0.98);
  EXPECT_GE(recall, 0.82);
}

TEST(TemplateFamiliesTest, AMalformedCorpusIsAClearError) {
  TempDir dir("template_pairs_bad");
  const std::string corpus = dir.Sub("bad.jsonl");
  {
    std::FILE* f = std::fopen(corpus.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("{\"text\": \"hello\", \"account\": \"a\", \"family\": 0}\n{\"text\": \"x\"}\n", f);
    std::fclose(f);
  }
  CommandResult r =
      RunCommand("/usr/bin/python3 " + kPairs + " " + corpus + " --ringctl " + Ringctl(), dir);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("line 2: needs text, account and an integer family"), std::string::npos)
      << r.err;
  r = RunCommand(
      "/usr/bin/python3 " + kPairs + " " + dir.Sub("nowhere.jsonl") + " --ringctl " + Ringctl(),
      dir);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("cannot read"), std::string::npos) << r.err;
}

TEST(TemplateFamiliesTest, AMissingGeneratorOrBinaryIsAClearError) {
  TempDir dir("template_families_bad");
  CommandResult r = RunCommand("/usr/bin/python3 " + kScript + " --ringctl " + Ringctl() +
                                   " --population-b " + dir.Sub("nowhere.py"),
                               dir);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("nowhere.py not found"), std::string::npos) << r.err;
  if (!std::filesystem::exists(kGenerator)) GTEST_SKIP() << kGenerator << " is not there";
  r = RunCommand("/usr/bin/python3 " + kScript + " --ringctl " + dir.Sub("no-ringctl") +
                     " --population-b " + kGenerator,
                 dir);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("is not an executable"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace ringgraph::e2e
