#include "graph/detection/population_profile.h"

#include <gtest/gtest.h>

#include "graph/common/temp_dir.h"

namespace ringgraph::detection {
namespace {

constexpr UnixSeconds kDay = 86400;

class PopulationProfileTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = std::move(store::AccountStore::Open(dir_.Sub("db"))).value(); }
  void Prompt(const std::string& account, UnixSeconds ts) {
    names_.push_back(std::make_unique<std::string>(account));
    store::StoreRecord r;
    r.account = *names_.back();
    r.kind = kPromptKind;
    r.ts = ts;
    r.has_signal = false;
    r.counts_prompt = true;
    pending_.push_back(r);
  }
  void Card(const std::string& account, UnixSeconds ts) {
    names_.push_back(std::make_unique<std::string>(account));
    store::StoreRecord r;
    r.account = *names_.back();
    r.kind = kPaymentKind;
    r.value.fill(static_cast<std::uint8_t>(account.size()));
    r.ts = ts;
    pending_.push_back(r);
  }
  PopulationProfile Build() {
    EXPECT_TRUE(store_->IngestBatch(pending_).ok());
    pending_.clear();
    auto snapshot = std::move(store_->Snapshot()).value();
    auto profile = PopulationProfile::Build(*snapshot);
    EXPECT_TRUE(profile.ok()) << profile.status().ToString();
    return std::move(profile).value();
  }

  TempDir dir_;
  std::unique_ptr<store::AccountStore> store_;
  std::vector<std::unique_ptr<std::string>> names_;
  std::vector<store::StoreRecord> pending_;
};

TEST(DayOverlapTest, IsTheJaccardOfTwoDaySets) {
  std::vector<std::uint32_t> a = {1, 2, 3, 10}, b = {2, 3, 4}, none;
  EXPECT_DOUBLE_EQ(PopulationProfile::DayOverlap(a, b), 2.0 / 5.0);
  EXPECT_DOUBLE_EQ(PopulationProfile::DayOverlap(a, a), 1.0);
  EXPECT_DOUBLE_EQ(PopulationProfile::DayOverlap(a, none), 0.0);
  EXPECT_DOUBLE_EQ(PopulationProfile::DayOverlap(none, none), 0.0);
}

// Three accounts (ids in arrival order):
//   heavy   12 prompts: 10 on days 0..1 and one each on days 20 and 40 -> burst 10/12
//   steady  six prompts, one every five days                           -> burst 2/6
//   quiet   one card record, no prompts
TEST_F(PopulationProfileTest, DescribesEachAccountAndRanksThemInThePopulation) {
  for (int p = 0; p < 10; ++p) Prompt("heavy", (p % 2) * kDay + p * 60);
  Prompt("heavy", 20 * kDay);
  Prompt("heavy", 40 * kDay);
  for (int p = 0; p < 6; ++p) Prompt("steady", p * 5 * kDay);
  Card("quiet", 3 * kDay);
  PopulationProfile profile = Build();
  ASSERT_EQ(profile.num_accounts(), 3u);

  const AccountBehaviour& heavy = profile.account(0);
  EXPECT_EQ(heavy.prompts, 12u);
  EXPECT_EQ(heavy.active_days, 4u);
  EXPECT_DOUBLE_EQ(heavy.pace(), 3.0);
  EXPECT_NEAR(heavy.burst, 10.0 / 12.0, 1e-6);
  const AccountBehaviour& steady = profile.account(1);
  EXPECT_EQ(steady.active_days, 6u);
  EXPECT_NEAR(steady.burst, 2.0 / 6.0, 1e-6);
  EXPECT_EQ(profile.account(2).prompts, 0u);
  EXPECT_EQ(profile.account(2).first_seen, 3 * kDay);
  EXPECT_EQ(profile.days(0).size(), 4u);
  EXPECT_EQ(profile.days(2).size(), 0u);

  // Prompt percentiles are among the two accounts with prompts, ties counting half.
  EXPECT_DOUBLE_EQ(profile.VolumePercentile(12), 0.75);
  EXPECT_DOUBLE_EQ(profile.VolumePercentile(6), 0.25);
  EXPECT_DOUBLE_EQ(profile.VolumePercentile(100), 1.0);
  EXPECT_DOUBLE_EQ(profile.PacePercentile(0.5), 0.0);
  EXPECT_DOUBLE_EQ(profile.BurstPercentile(heavy.burst), 0.75);
  // First seen is among all three accounts.
  EXPECT_DOUBLE_EQ(profile.FirstSeenPercentile(3 * kDay), 5.0 / 6.0);
  // The only pair: heavy and steady share days 0 and 20 of the 8 days either is active on.
  EXPECT_DOUBLE_EQ(profile.baseline_day_overlap(), 2.0 / 8.0);
}

TEST_F(PopulationProfileTest, AnEmptyStoreHasNeutralPercentiles) {
  PopulationProfile profile = Build();
  EXPECT_EQ(profile.num_accounts(), 0u);
  EXPECT_DOUBLE_EQ(profile.VolumePercentile(5), 0.5);
  EXPECT_DOUBLE_EQ(profile.baseline_day_overlap(), 0.0);
}

}  // namespace
}  // namespace ringgraph::detection
