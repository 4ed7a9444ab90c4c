// ringctl detect's flag set, checked against the engine it configures (and so against ringd,
// whose defaults come from the same place: service/ringd_options_test.cc).
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "graph/detection/detection_job.h"
#include "graph/detection/leiden_partitioner.h"
#include "tools/ringctl/command.h"

namespace ringgraph::tools {
namespace {

// The default `ringctl detect --help` shows for `flag`, as a number.
double ShownDefault(CLI::App& detect, const std::string& flag) {
  return std::stod(detect.get_option(flag)->get_default_str());
}

TEST(DetectCommandTest, DetectionDefaultsAreTheEnginesOwn) {
  CLI::App app;
  CommandContext context;
  RegisterDetectCommand(app, context);
  CLI::App* detect = app.get_subcommand("detect");
  EXPECT_DOUBLE_EQ(ShownDefault(*detect, "--resolution"), detection::PartitionerFlags{}.resolution);
  EXPECT_DOUBLE_EQ(ShownDefault(*detect, "--threshold"),
                   detection::ScoringWeights{}.flag_threshold);
  EXPECT_DOUBLE_EQ(ShownDefault(*detect, "--half-life-days"),
                   projection::ProjectionOptions{}.half_life_days);
  EXPECT_DOUBLE_EQ(ShownDefault(*detect, "--keep-versions"),
                   detection::DetectionOptions{}.keep_versions);
  EXPECT_DOUBLE_EQ(ShownDefault(*detect, "--seed"), detection::PartitionerFlags{}.seed);
  EXPECT_DOUBLE_EQ(ShownDefault(*detect, "--leiden-iterations"),
                   detection::PartitionerFlags{}.iterations);
  EXPECT_DOUBLE_EQ(ShownDefault(*detect, "--split-by-identity"),
                   detection::DetectionOptions{}.separate_identities ? 1.0 : 0.0);
  EXPECT_DOUBLE_EQ(ShownDefault(*detect, "--run-campaigns"),
                   detection::DetectionOptions{}.learn_run_campaigns ? 1.0 : 0.0);
  EXPECT_DOUBLE_EQ(ShownDefault(*detect, "--reassemble-pieces"),
                   detection::DetectionOptions{}.reassemble_pieces ? 1.0 : 0.0);
  EXPECT_DOUBLE_EQ(ShownDefault(*detect, "--reassembly-resolution"),
                   detection::PieceReassemblyOptions{}.resolution);
  EXPECT_DOUBLE_EQ(ShownDefault(*detect, "--campaign-contrast"),
                   detection::CampaignSplitOptions{}.contrast_alpha);
  EXPECT_DOUBLE_EQ(ShownDefault(*detect, "--address-pairs"),
                   projection::ProjectionOptions{}.combination_alpha);
}

TEST(DetectCommandTest, LeidenIterationsOutsideOneToTenAreRefused) {
  for (const char* bad : {"0", "11", "-1", "two"}) {
    CLI::App app;
    CommandContext context;
    RegisterDetectCommand(app, context);
    EXPECT_THROW(app.parse(std::vector<std::string>{bad, "--leiden-iterations", "detect"}),
                 CLI::ParseError)
        << bad;
  }
}

TEST(DetectCommandTest, BadReassemblyAndSplitSettingsAreRefused) {
  const std::vector<std::vector<std::string>> bad_args = {
      {"--reassembly-resolution", "-0.1"}, {"--reassembly-resolution", "dense"},
      {"--reassemble-pieces", "maybe"},    {"--campaign-contrast", "-0.001"},
      {"--campaign-contrast", "1.5"},      {"--campaign-contrast", "often"},
      {"--address-pairs", "-0.001"},       {"--address-pairs", "2"},
      {"--address-pairs", "rarely"},
  };
  for (const auto& bad : bad_args) {
    CLI::App app;
    CommandContext context;
    RegisterDetectCommand(app, context);
    // CLI11 parses a reversed vector: the subcommand comes last.
    EXPECT_THROW(app.parse(std::vector<std::string>{bad[1], bad[0], "detect"}), CLI::ParseError)
        << bad[0] << " " << bad[1];
  }
}

}  // namespace
}  // namespace ringgraph::tools
