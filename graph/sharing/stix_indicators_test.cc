// Import checks of STIX bundles (ParseIndicators) on bundles from outside: the fuzz seeds are
// accepted, and malformed bundles are refused with a message instead of an exception or a
// crash. Export and import together are tested end to end in tests/.
#include "graph/sharing/stix_indicators.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace ringgraph::sharing {
namespace {

using nlohmann::json;

// The key tests/fuzz/stix_bundle_seeds.py signed the seed bundles with.
std::vector<ConsortiumKey> SeedKeys() {
  return {ConsortiumKey::FromSecret("fuzz", *Secret::FromHex(std::string(64, '5')))};
}

json SeedBundle(const std::string& name) {
  std::ifstream in(std::string(RINGGRAPH_SOURCE_DIR) + "/tests/fuzz/corpus/stix_bundle/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

TEST(StixImportTest, AcceptsTheSignedSeedBundles) {
  auto indicators = ParseIndicators(SeedBundle("valid_two_rings").dump(), SeedKeys(), "");
  ASSERT_TRUE(indicators.ok()) << indicators.status().message();
  ASSERT_EQ(indicators->size(), 2u);
  EXPECT_EQ((*indicators)[0].partner, "second-lab");
  EXPECT_EQ((*indicators)[0].confidence, 55);
  EXPECT_EQ((*indicators)[1].values.size(), 3u);
  EXPECT_EQ((*indicators)[1].valid_until, 0);
  EXPECT_TRUE(ParseIndicators(SeedBundle("valid_one_ring").dump(), SeedKeys(), "").ok());
}

// Found writing the stix_bundle harness (a minute of fuzzing had not reached it): json::value()
// threw on a property of the wrong type, and the exception ended ringctl import-indicators.
TEST(StixImportTest, RefusesPropertiesOfTheWrongTypeWithAMessage) {
  const json seed = SeedBundle("valid_one_ring");
  struct Case {
    const char* what;
    json bundle;
    std::string expected;
  };
  std::vector<Case> cases;
  cases.push_back({"bundle type", seed, "not a STIX bundle"});
  cases.back().bundle["type"] = 5;
  cases.push_back({"object id", seed, "object 0: 'id' is not"});
  cases.back().bundle["objects"][0]["id"] = 7;
  cases.push_back({"spec_version", seed, "'spec_version' must be"});
  cases.back().bundle["objects"][0]["spec_version"] = 2.1;
  cases.push_back({"pattern_type", seed, "'pattern_type' must be"});
  cases.back().bundle["objects"][2]["pattern_type"] = json::array();
  cases.push_back({"extension", seed, "not configured here"});
  for (auto& [name, ext] : cases.back().bundle["objects"][2]["extensions"].items()) ext = 1;
  cases.push_back({"mac", seed, "the MAC does not match"});
  for (auto& [name, ext] : cases.back().bundle["objects"][2]["extensions"].items()) {
    ext["mac"] = json::object();
  }
  for (const Case& c : cases) {
    auto indicators = ParseIndicators(c.bundle.dump(), SeedKeys(), "");
    ASSERT_FALSE(indicators.ok()) << c.what;
    EXPECT_NE(indicators.status().message().find(c.expected), std::string::npos)
        << c.what << ": " << indicators.status().message();
  }
  // created_by_ref is outside the MAC: a number there names no partner, it does not throw.
  json bundle = seed;
  bundle["objects"][2]["created_by_ref"] = 12;
  auto indicators = ParseIndicators(bundle.dump(), SeedKeys(), "");
  ASSERT_TRUE(indicators.ok()) << indicators.status().message();
  EXPECT_EQ((*indicators)[0].partner, "unnamed partner");
}

// std::regex matches by recursion, a frame per character: a long id or timestamp overflowed
// the stack before the length was checked.
TEST(StixImportTest, RefusesLongIdsAndTimestampsWithoutOverflowingTheStack) {
  json bundle = SeedBundle("valid_one_ring");
  bundle["id"] = std::string(200000, 'a') + "--785518ab-966a-5845-9284-05edea089ce3";
  auto indicators = ParseIndicators(bundle.dump(), SeedKeys(), "");
  ASSERT_FALSE(indicators.ok());
  EXPECT_NE(indicators.status().message().find("bundle's id"), std::string::npos);

  bundle = SeedBundle("valid_one_ring");
  bundle["objects"][0]["created"] = "2026-11-20T02:30:00." + std::string(200000, '1') + "Z";
  indicators = ParseIndicators(bundle.dump(), SeedKeys(), "");
  ASSERT_FALSE(indicators.ok());
  EXPECT_NE(indicators.status().message().find("'created' is not an RFC 3339"), std::string::npos)
      << indicators.status().message();
}

// The harness's partner check: an identity named "" gave its indicators a blank partner.
TEST(StixImportTest, RefusesAnIdentityWithAnEmptyName) {
  json bundle = SeedBundle("valid_one_ring");
  bundle["objects"][0]["name"] = "";
  auto indicators = ParseIndicators(bundle.dump(), SeedKeys(), "");
  ASSERT_FALSE(indicators.ok());
  EXPECT_NE(indicators.status().message().find("'name' is missing or empty"), std::string::npos);
}

// get<int>() wrapped 2^32 + 50 to 50, so a confidence far out of range passed as 50.
TEST(StixImportTest, RefusesAConfidenceBeyondThirtyTwoBits) {
  json bundle = SeedBundle("valid_one_ring");
  bundle["objects"][2]["confidence"] = (std::uint64_t{1} << 32) + 82;
  auto indicators = ParseIndicators(bundle.dump(), SeedKeys(), "");
  ASSERT_FALSE(indicators.ok());
  EXPECT_NE(indicators.status().message().find("'confidence' must be an integer from 0 to 100"),
            std::string::npos);
}

}  // namespace
}  // namespace ringgraph::sharing
