// Template quality on population B's prompt families, end to end through `ringctl templates`
// (tools/bench/template_families_b.py): the issue's goal for template families the fingerprint
// was not written for, pairwise precision >= 0.95 and recall >= 0.9. Measured: precision 1.0000,
// recall 0.9200 on seeds 1-3 ("What is {w}?" and "Write an email to {name} about {q}" are missed:
// too little fixed text of their own and no label). The figure leans on numbered labels, a rule
// written after reading these families' misses (README, "Prompt templates").
//
// Sets C to H (tools/bench/template_families_{c,...,h}.py, written on 2026-12-06 by team
// members who had not read the miner, nor each other's sets) are ratchets. Each was held out
// until its misses were read to change the miner: C's for the join of a filling's recurring
// shapes, D's for shapes longer than their template and for short templates, E's for nothing
// kept at first (stock sentences of document fillings; see the README), F's for the floating of a
// filling's stock text (template_miner.h, phase 5). G's were read once H existed. H has never
// been read.
// Measured on seeds 1 / 2 / 3, precision / recall, on the code that added G and floating:
//   C 0.9988 / 0.9112, 0.9995 / 0.9250, 0.9987 / 0.9250
//   D 0.9953 / 0.9358, 0.9947 / 0.9336, 0.9948 / 0.9141
//   E 0.9346 / 0.7497, 0.9311 / 0.7538, 0.9018 / 0.7112  (before floating: 0.9434 / 0.5876,
//     0.9464 / 0.5747, 0.9382 / 0.5740)
//   F 0.9256 / 0.8258, 0.9251 / 0.8524, 0.9283 / 0.8780  (before: 0.9074 / 0.6840,
//     0.9106 / 0.7195, 0.9155 / 0.7643)
//   G 0.9694 / 0.8751, 0.9638 / 0.8554, 0.9662 / 0.8674  (held out; before: 0.9221 / 0.5314,
//     0.9012 / 0.5836, 0.9434 / 0.5807)
// Judging whether two spread blocks are one text against chance (phase 5) then moved E to
// 0.9363 / 0.7603, 0.9534 / 0.7857, 0.9342 / 0.7368 and D seed 1 to 0.9954 / 0.9444 (seed 3
// 0.9948 / 0.9126); C, F and G gave the same ids. Set H was written next, by a team member who
// read nothing else. Floating blocks used now and then (the sparse stock phrases of F's
// reviews), with the spread test's variance corrected:
//   C 0.9989 / 0.9194, 0.9995 / 0.9250, 0.9987 / 0.9250
//   D 0.9954 / 0.9585, 0.9949 / 0.9594, 0.9950 / 0.9509
//   E 0.9399 / 0.7740, 0.9553 / 0.7955, 0.9389 / 0.7636
//   F 0.9276 / 0.8564, 0.9270 / 0.8663, 0.9285 / 0.8757
//   G 0.9691 / 0.8772, 0.9666 / 0.8746, 0.9669 / 0.8859
//   H 0.9312 / 0.6927, 0.9348 / 0.6949, 0.9313 / 0.6868  (held out; before: 0.9323 / 0.6550,
//     0.9291 / 0.6323, 0.9225 / 0.6200). Ten of H's 80 families come from one account each,
//     which the miner never takes for a template (MinerOptions::min_accounts).
// Keeping a block that is used now and then from floating when its accounts are tied to
// another block's (one operator's templates around a public opener) gave back a little, for
// fewer templates of one operator joined to another's (ringctl gen's 400,000 prompts: 1,394
// change id against the code before the third rule, 115 with the tie):
//   D 0.9954 / 0.9502, 0.9948 / 0.9500, 0.9950 / 0.9464
//   E 0.9359 / 0.7732, 0.9537 / 0.7715, 0.9375 / 0.7629
//   F 0.9275 / 0.8547, 0.9261 / 0.8558, 0.9280 / 0.8718
//   G 0.9691 / 0.8770, 0.9680 / 0.8769, 0.9664 / 0.8737
//   H 0.9319 / 0.6858, 0.9331 / 0.6832, 0.9314 / 0.6725  (held out)
// On 2026-12-07, with I's misses read (J held out), four changes: letters of spaced three-byte
// scripts stay inside words; text its accounts send every time does not float; stock text floats
// wherever it is held; shapes join unless their accounts say they are another party's
// (template_miner.h). Seeds 1 / 2 / 3:
//   D 0.9968 / 0.9502, 0.9978 / 0.9537, 0.9978 / 0.9407    E 0.9773 / 0.7983, 0.9739 / 0.8034,
//   0.9692 / 0.7923    F 0.9567 / 0.8701, 0.9549 / 0.8690, 0.9580 / 0.8879
//   G 0.9988 / 0.8986, 0.9977 / 0.8999, 0.9975 / 0.9088    H 0.9899 / 0.8074, 0.9818 / 0.8149,
//   0.9864 / 0.8049    I 0.9475 / 0.8436, 0.9681 / 0.8430, 0.9686 / 0.8422 (before: 0.9272 /
//   0.7442, 0.9214 / 0.7678, 0.9414 / 0.7432)
//   J (held out, headline figures only) 0.9011 / 0.9135, 0.8975 / 0.9000, 0.9147 / 0.9086
//   (before: 0.8967 / 0.8625, 0.8951 / 0.8799, 0.9081 / 0.8410); C unchanged.
// Set K (tools/bench/template_families_k.py, 160 families by a ninth team member who read
// nothing in the repository) was written after those changes and is held out: first scored
// 0.9509 / 0.8216, 0.9417 / 0.8247, 0.9576 / 0.8124. J's false pairs were read then (README,
// "J's precision, read"); nothing was changed for them.
// The floors sit just under seed 2's figures: they catch a change that loses what the miner
// finds there.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "tests/cli_runner.h"

namespace ringgraph::e2e {
namespace {

const std::string kScript =
    std::string(RINGGRAPH_SOURCE_DIR) + "/tools/bench/template_families_b.py";
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

// A written set and the floors it must keep: generated with seed 2, scored through the built
// ringctl.
struct SetFloor {
  const char* set;  // tools/bench/template_families_<set>.py
  double precision, recall;
};

class WrittenSetTest : public ::testing::TestWithParam<SetFloor> {};

TEST_P(WrittenSetTest, KeepsItsFloor) {
  const SetFloor& floor = GetParam();
  const std::string generator =
      std::string(RINGGRAPH_SOURCE_DIR) + "/tools/bench/template_families_" + floor.set + ".py";
  TempDir dir(std::string("template_families_") + floor.set);
  const std::string corpus = dir.Sub("corpus.jsonl");
  const CommandResult r = RunCommand("/usr/bin/python3 " + generator + " --seed 2 --out " + corpus +
                                         " && /usr/bin/python3 " + kPairs + " " + corpus +
                                         " --ringctl " + Ringctl() + " --work " + dir.Sub("work"),
                                     dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  double precision = 0, recall = 0;
  ReadScores(r.out, &precision, &recall);
  EXPECT_GE(precision, floor.precision) << r.out;
  EXPECT_GE(recall, floor.recall) << r.out;
}

INSTANTIATE_TEST_SUITE_P(TemplateFamilies, WrittenSetTest,
                         ::testing::Values(SetFloor{"c", 0.99, 0.92}, SetFloor{"d", 0.99, 0.95},
                                           SetFloor{"e", 0.97, 0.80}, SetFloor{"f", 0.95, 0.865},
                                           SetFloor{"g", 0.99, 0.895}, SetFloor{"h", 0.98, 0.81},
                                           SetFloor{"i", 0.96, 0.84}, SetFloor{"j", 0.89, 0.895},
                                           SetFloor{"k", 0.935, 0.82}),  // K: held out
                         [](const auto& info) { return std::string("Set_") + info.param.set; });

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

// `--joins` names the ids that several families share, with the false pairs each makes: two
// families written with the same template text get one id, 6 x 6 false pairs.
TEST(TemplateFamiliesTest, JoinsListTheIdsSeveralFamiliesShare) {
  TempDir dir("template_pairs_joins");
  const std::string corpus = dir.Sub("corpus.jsonl");
  {
    static constexpr const char* kWords[] = {"amber",  "basil",   "cedar", "delta",
                                             "ember",  "fjord",   "grove", "harbor",
                                             "indigo", "juniper", "kelp",  "lagoon"};
    std::FILE* f = std::fopen(corpus.c_str(), "w");
    ASSERT_NE(f, nullptr);
    for (int i = 0; i < 12; ++i) {
      std::fprintf(f,
                   "{\"text\": \"Rate this answer from one to ten and explain the rating "
                   "briefly: %s %s river\", \"account\": \"u%d\", \"family\": %d}\n",
                   kWords[i], kWords[(i + 5) % 12], i, i / 6);
    }
    std::fclose(f);
  }
  const CommandResult r = RunCommand(
      "/usr/bin/python3 " + kPairs + " " + corpus + " --ringctl " + Ringctl() + " --joins", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("precision 0.4545 recall 1.0000"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("false pairs 36  0: 6  1: 6"), std::string::npos) << r.out;
}

// Every written set refuses a bad flag value with exit code 2 and the flag's name, and leaves a
// corpus already at --out as it was.
TEST(TemplateFamiliesTest, ABadFlagValueIsAClearErrorAndOverwritesNothing) {
  for (const std::string set : {"c", "d", "e", "f", "g", "h", "i", "j", "k"}) {
    TempDir dir("template_families_flags_" + set);
    const std::string corpus = dir.Sub("corpus.jsonl");
    const std::string kept = "{\"text\": \"kept\", \"account\": \"a\", \"family\": 0}\n";
    {
      std::FILE* f = std::fopen(corpus.c_str(), "w");
      ASSERT_NE(f, nullptr);
      std::fputs(kept.c_str(), f);
      std::fclose(f);
    }
    const CommandResult r = RunCommand("/usr/bin/python3 " + std::string(RINGGRAPH_SOURCE_DIR) +
                                           "/tools/bench/template_families_" + set +
                                           ".py --per-family 0 --out " + corpus,
                                       dir);
    EXPECT_EQ(r.exit_code, 2) << set;
    EXPECT_NE(r.err.find("--per-family"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(">= 1"), std::string::npos) << r.err;
    std::FILE* f = std::fopen(corpus.c_str(), "r");
    ASSERT_NE(f, nullptr);
    char line[256] = {};
    ASSERT_NE(std::fgets(line, sizeof line, f), nullptr);
    std::fclose(f);
    EXPECT_EQ(std::string(line), kept) << set;
  }
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
