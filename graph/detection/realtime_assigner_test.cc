#include "graph/detection/realtime_assigner.h"

#include <gtest/gtest.h>

#include "graph/common/temp_dir.h"
#include "graph/store/detection_store.h"

namespace ringgraph::detection {
namespace {

constexpr UnixSeconds kNow = 1'700'000'000;

class RealtimeAssignerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(store::AccountStore::Open(dir_.Sub("db"))).value();
    stores_ = std::move(store::DetectionStore::Open(*store_)).value();
    // A flagged ring r0..r3 on card 1 and device 2, and an unflagged company c0..c2 on card 9.
    for (int i = 0; i < 4; ++i) {
      Add("r" + std::to_string(i), kPaymentKind, 1, kNow - 100);
      Add("r" + std::to_string(i), kDeviceKind, 2, kNow - 100);
      Add("r" + std::to_string(i), kIpKind, 3, kNow - 100);
      Add("r" + std::to_string(i), kTemplateKind, 4, kNow - 100);
    }
    for (int i = 0; i < 3; ++i) Add("c" + std::to_string(i), kPaymentKind, 9, kNow - 100);
    Commit();
    store::ClusteringVersion v;
    v.computed_at = kNow - 50;
    v.clusters = {{7, 0.93, true, 4, "{}"}, {8, 0.05, false, 3, "{}"}};
    v.members = {{0, 1, 2, 3}, {4, 5, 6}};
    v.next_cluster_id = 9;
    ASSERT_TRUE(stores_->clusterings().Write(v, 7).ok());
    version_ = v.version;
  }
  void Add(const std::string& account, KindCode kind, std::uint8_t value, UnixSeconds ts) {
    names_.push_back(std::make_unique<std::string>(account));
    store::StoreRecord r;
    r.account = *names_.back();
    r.kind = kind;
    r.value.fill(value);
    r.ts = ts;
    pending_.push_back(r);
  }
  void Commit() {
    ASSERT_TRUE(store_->IngestBatch(pending_).ok());
    pending_.clear();
  }
  AccountId Id(const std::string& name) {
    auto snapshot = std::move(store_->Snapshot()).value();
    return snapshot->FindAccount(name)->value();
  }
  std::vector<store::RealtimeFlag> AssignFor(const std::vector<std::string>& names,
                                             RealtimeReport* report = nullptr) {
    std::vector<AccountId> ids;
    for (const auto& n : names) ids.push_back(Id(n));
    auto snapshot = std::move(store_->Snapshot()).value();
    RealtimeAssigner assigner(*snapshot, stores_->clusterings(), version_);
    auto flags = assigner.Assign(ids, kNow - 10, kNow);
    EXPECT_TRUE(flags.ok()) << flags.status().message();
    if (report != nullptr) *report = assigner.report();
    return flags.ok() ? *flags : std::vector<store::RealtimeFlag>{};
  }

  TempDir dir_;
  std::unique_ptr<store::AccountStore> store_;
  std::unique_ptr<store::DetectionStore> stores_;
  std::vector<std::unique_ptr<std::string>> names_;
  std::vector<store::StoreRecord> pending_;
  std::uint64_t version_ = 0;
};

TEST_F(RealtimeAssignerTest, ANewAccountOnTheRingsCardJoinsTheRing) {
  Add("newcomer", kPaymentKind, 1, kNow);
  Commit();
  RealtimeReport report;
  auto flags = AssignFor({"newcomer"}, &report);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].account, Id("newcomer"));
  EXPECT_EQ(flags[0].cluster, 7u);
  EXPECT_FLOAT_EQ(flags[0].ring_score, 0.93f);
  EXPECT_GE(flags[0].link_weight, 1.0f);
  EXPECT_EQ(flags[0].based_on_version, version_);
  EXPECT_EQ(flags[0].at, kNow);
  // The ring's own members were candidates (they hold the card) but are flagged already.
  EXPECT_EQ(report.already_flagged, 4u);
}

TEST_F(RealtimeAssignerTest, SharingOnlyAnIpOrOnlyATemplateIsNotEnough) {
  Add("proxy-customer", kIpKind, 3, kNow);
  Add("template-user", kTemplateKind, 4, kNow);
  Commit();
  EXPECT_TRUE(AssignFor({"proxy-customer", "template-user"}).empty());
}

TEST_F(RealtimeAssignerTest, TemplateAndIpTogetherAreEnough) {
  Add("both", kIpKind, 3, kNow);
  Add("both", kTemplateKind, 4, kNow);
  Commit();
  auto flags = AssignFor({"both"});
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].cluster, 7u);
}

TEST_F(RealtimeAssignerTest, LinksToAnUnflaggedClusterFlagNothing) {
  Add("employee", kPaymentKind, 9, kNow);
  Commit();
  EXPECT_TRUE(AssignFor({"employee"}).empty());
}

TEST_F(RealtimeAssignerTest, NewEvidenceOnARingMemberFlagsTheOtherHolder) {
  // An existing, unflagged account already held device 5; now ring member r0 shows up on it.
  Add("bystander", kDeviceKind, 5, kNow - 100);
  Commit();
  Add("r0", kDeviceKind, 5, kNow);
  Commit();
  auto flags = AssignFor({"r0"});
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].account, Id("bystander"));
}

TEST_F(RealtimeAssignerTest, LookupOverlaysFlagsUntilTheNextClusteringReconciles) {
  Add("newcomer", kPaymentKind, 1, kNow);
  Commit();
  auto flags = AssignFor({"newcomer"});
  ASSERT_TRUE(stores_->realtime_flags().PutRealtimeFlags(flags).ok());

  std::vector<std::string_view> names = {"newcomer", "r1", "c0", "stranger"};
  std::vector<store::MembershipLookup> answers;
  store::ClusteringHeader latest;
  ASSERT_TRUE(stores_->clusterings().LookupMemberships(names, &answers, &latest).ok());
  EXPECT_EQ(latest.version, version_);
  ASSERT_EQ(answers.size(), 4u);
  EXPECT_TRUE(answers[0].realtime);
  EXPECT_TRUE(answers[0].membership->flagged);
  EXPECT_EQ(answers[0].membership->cluster, 7u);
  EXPECT_FALSE(answers[1].realtime);
  EXPECT_TRUE(answers[1].membership->flagged);
  EXPECT_FALSE(answers[2].membership->flagged);
  EXPECT_FALSE(answers[3].known_account);
  EXPECT_FALSE(answers[3].membership.has_value());

  // A clustering whose snapshot predates the flag keeps it...
  store::ClusteringVersion older;
  older.computed_at = kNow - 1;
  older.clusters = {{7, 0.93, true, 4, "{}"}};
  older.members = {{0, 1, 2, 3}};
  ASSERT_TRUE(stores_->clusterings().Write(older, 7).ok());
  int kept = 0;
  ASSERT_TRUE(stores_->realtime_flags()
                  .ForEachRealtimeFlag([&](const store::RealtimeFlag&) {
                    ++kept;
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(kept, 1);
  // ...and one computed after it reconciles it away.
  store::ClusteringVersion newer = older;
  newer.computed_at = kNow + 1;
  ASSERT_TRUE(stores_->clusterings().Write(newer, 7).ok());
  kept = 0;
  ASSERT_TRUE(stores_->realtime_flags()
                  .ForEachRealtimeFlag([&](const store::RealtimeFlag&) {
                    ++kept;
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(kept, 0);
  ASSERT_TRUE(stores_->clusterings().LookupMemberships(names, &answers, &latest).ok());
  EXPECT_EQ(latest.version, newer.version);
  EXPECT_FALSE(answers[0].realtime);
  EXPECT_FALSE(answers[0].membership.has_value());
}

}  // namespace
}  // namespace ringgraph::detection
