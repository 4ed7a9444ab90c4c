// ringd's flag set, checked against the engine it configures.
#include "service/ringd_options.h"

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "graph/detection/detection_job.h"
#include "graph/detection/leiden_partitioner.h"
#include "graph/detection/realtime_assigner.h"

namespace ringgraph::service {
namespace {

// The default ringd shows in --help for `flag`, as a number.
double ShownDefault(CLI::App& app, const std::string& flag) {
  CLI::Option* option = app.get_option(flag);
  return std::stod(option->get_default_str());
}

TEST(RingdOptionsTest, DetectionDefaultsAreTheEnginesOwn) {
  CLI::App app;
  RingdFlags flags;
  AddRingdOptions(app, flags);
  EXPECT_DOUBLE_EQ(ShownDefault(app, "--resolution"), detection::PartitionerFlags{}.resolution);
  EXPECT_DOUBLE_EQ(ShownDefault(app, "--threshold"), detection::ScoringWeights{}.flag_threshold);
  EXPECT_DOUBLE_EQ(ShownDefault(app, "--half-life-days"),
                   projection::ProjectionOptions{}.half_life_days);
  EXPECT_DOUBLE_EQ(ShownDefault(app, "--keep-versions"),
                   detection::DetectionOptions{}.keep_versions);
  EXPECT_DOUBLE_EQ(ShownDefault(app, "--realtime-min-link-weight"),
                   detection::RealtimeOptions{}.min_link_weight);
}

TEST(RingdOptionsTest, DetectNiceDefaultsToTheLowestPriorityAndTakesOnlyNiceValues) {
  {
    CLI::App app;
    RingdFlags flags;
    AddRingdOptions(app, flags);
    EXPECT_EQ(ShownDefault(app, "--detect-nice"), 19);
    app.parse(std::vector<std::string>{"0", "--detect-nice"});  // CLI11 parses in reverse
    EXPECT_EQ(flags.detect_nice, 0);
  }
  for (const char* bad : {"20", "-1", "low"}) {
    CLI::App app;
    RingdFlags flags;
    AddRingdOptions(app, flags);
    EXPECT_THROW(app.parse(std::vector<std::string>{bad, "--detect-nice"}), CLI::ParseError) << bad;
  }
}

TEST(RingdOptionsTest, TheConsoleIsOffByDefaultAndABarePortMeansLoopback) {
  CLI::App app;
  RingdFlags flags;
  AddRingdOptions(app, flags);
  EXPECT_EQ(flags.console, "off");
  auto bare = ConsoleAddress("8080");
  ASSERT_TRUE(bare.ok()) << bare.status().ToString();
  EXPECT_EQ(bare->first, "127.0.0.1");
  EXPECT_EQ(bare->second, 8080);
  auto full = ConsoleAddress("0.0.0.0:9000");
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->first, "0.0.0.0");
  EXPECT_EQ(full->second, 9000);
  EXPECT_FALSE(ConsoleAddress("somewhere").ok());
  EXPECT_FALSE(ConsoleAddress("99999").ok());
}

}  // namespace
}  // namespace ringgraph::service
