// The partner watchlist's one matching rule, asked both ways (MatchAll for detection and
// imports, MatchAccounts for ringd's real-time flags), on a store of four accounts.
#include "graph/sharing/watchlist.h"

#include <gtest/gtest.h>

#include <memory>

#include "graph/common/temp_dir.h"
#include "graph/sharing/consortium_key.h"
#include "graph/store/detection_store.h"

namespace ringgraph::sharing {
namespace {

constexpr UnixSeconds kNow = 1'800'000'000;

//   acct-1 ── device d1
//   acct-2 ── device d1, ip i1
//   acct-3 ── ip i2            (watched by no one)
//   acct-4 ── payment p1
//
// Indicators, in store (id) order:
//   ind-a-strong   confidence 90  {d1}
//   ind-b-weak     confidence 40  {i1, p1}
//   ind-c-expired  confidence 99  {p1}   valid until kNow - 1
//   ind-d-future   confidence 95  {i1}   valid from kNow + 100
//   ind-e-foreign  confidence 80  {d1}   under a consortium key this store never hashed under
class WatchlistTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::AccountStore::Open(dir_.Sub("data"));
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    store_->BindConsortiumKeys({key_.tag()});
    KeyedHasher local(*Secret::FromHex(std::string(64, '1')));
    struct Held {
      const char* account;
      KindCode kind;
      const char* value;
    } held[] = {{"acct-1", kDeviceKind, "d1"},
                {"acct-2", kDeviceKind, "d1"},
                {"acct-2", kIpKind, "i1"},
                {"acct-3", kIpKind, "i2"},
                {"acct-4", kPaymentKind, "p1"}};
    std::vector<ValueHash> shared;
    for (const Held& h : held) shared.push_back(key_.Hash(h.kind, h.value));
    std::vector<store::StoreRecord> records;
    for (std::size_t i = 0; i < std::size(held); ++i) {
      store::StoreRecord r;
      r.account = held[i].account;
      r.kind = held[i].kind;
      r.value = local.Hash(held[i].kind, held[i].value);
      r.ts = kNow - 1000;
      r.shared = &shared[i];
      records.push_back(r);
    }
    ASSERT_TRUE(store_->IngestBatch(records).ok());
    auto stores = store::DetectionStore::Open(*store_);
    ASSERT_TRUE(stores.ok()) << stores.status().ToString();
    stores_ = std::move(stores).value();

    const ConsortiumKey foreign =
        ConsortiumKey::FromSecret("other", *Secret::FromHex(std::string(64, '9')));
    std::vector<store::PartnerIndicator> indicators = {
        Indicator("ind-a-strong", 90, key_, {{kDeviceKind, "d1"}}),
        Indicator("ind-b-weak", 40, key_, {{kIpKind, "i1"}, {kPaymentKind, "p1"}}),
        Indicator("ind-c-expired", 99, key_, {{kPaymentKind, "p1"}}),
        Indicator("ind-d-future", 95, key_, {{kIpKind, "i1"}}),
        Indicator("ind-e-foreign", 80, foreign, {{kDeviceKind, "d1"}}),
    };
    indicators[2].valid_until = kNow - 1;
    indicators[3].valid_from = kNow + 100;
    std::size_t changed = 0;
    ASSERT_TRUE(stores_->watchlist().PutIndicators(indicators, &changed).ok());
    ASSERT_EQ(changed, indicators.size());
  }

  static store::PartnerIndicator Indicator(
      const std::string& id, int confidence, const ConsortiumKey& key,
      const std::vector<std::pair<KindCode, std::string>>& values) {
    store::PartnerIndicator ind;
    ind.id = id;
    ind.modified = "2026-11-01T00:00:00.000Z";
    ind.partner = "lab-b";
    ind.confidence = confidence;
    ind.valid_from = kNow - 86400;
    ind.key_id = key.key_id();
    for (const auto& [kind, value] : values) ind.values.emplace_back(kind, key.Hash(kind, value));
    return ind;
  }

  AccountId Id(const std::string& name) {
    auto snapshot = store_->Snapshot();
    return (*(*snapshot)->FindAccount(name)).value();
  }

  TempDir dir_{"watchlist"};
  ConsortiumKey key_ = ConsortiumKey::FromSecret("labs", *Secret::FromHex(std::string(64, '7')));
  std::unique_ptr<store::AccountStore> store_;
  std::unique_ptr<store::DetectionStore> stores_;
};

TEST_F(WatchlistTest, StrongestApplyingIndicatorWinsForEachAccount) {
  auto watchlist = Watchlist::Load(stores_->watchlist());
  ASSERT_TRUE(watchlist.ok()) << watchlist.status().ToString();
  auto snapshot = store_->Snapshot();
  ASSERT_TRUE(snapshot.ok());
  auto matches = watchlist->MatchAll(**snapshot, kNow);
  ASSERT_TRUE(matches.ok()) << matches.status().ToString();
  ASSERT_EQ(matches->size(), 3u);
  // acct-1: d1 under ind-a-strong.
  EXPECT_EQ((*matches)[0].account, Id("acct-1"));
  EXPECT_EQ((*matches)[0].indicator_id, "ind-a-strong");
  EXPECT_EQ((*matches)[0].kind, kDeviceKind);
  // acct-2: d1 (90) beats i1 (40); ind-d-future (95) does not apply yet.
  EXPECT_EQ((*matches)[1].account, Id("acct-2"));
  EXPECT_EQ((*matches)[1].indicator_id, "ind-a-strong");
  EXPECT_EQ((*matches)[1].confidence, 90);
  // acct-4: the expired 99 no longer applies, so the weaker indicator that does is its match.
  EXPECT_EQ((*matches)[2].account, Id("acct-4"));
  EXPECT_EQ((*matches)[2].indicator_id, "ind-b-weak");
  EXPECT_EQ((*matches)[2].confidence, 40);
  EXPECT_EQ((*matches)[2].partner, "lab-b");
}

TEST_F(WatchlistTest, ValidityWindowsFollowTheClock) {
  auto watchlist = Watchlist::Load(stores_->watchlist());
  ASSERT_TRUE(watchlist.ok());
  auto snapshot = store_->Snapshot();
  // Before ind-c-expired ended, acct-4 matched it (99 beats 40).
  auto before =
      watchlist->MatchAccounts(**snapshot, std::vector<AccountId>{Id("acct-4")}, kNow - 2);
  ASSERT_TRUE(before.ok());
  ASSERT_EQ(before->size(), 1u);
  EXPECT_EQ((*before)[0].indicator_id, "ind-c-expired");
  // Once ind-d-future starts, acct-2's i1 (95) beats its d1 (90).
  auto later =
      watchlist->MatchAccounts(**snapshot, std::vector<AccountId>{Id("acct-2")}, kNow + 100);
  ASSERT_TRUE(later.ok());
  ASSERT_EQ(later->size(), 1u);
  EXPECT_EQ((*later)[0].indicator_id, "ind-d-future");
  EXPECT_EQ((*later)[0].kind, kIpKind);
  // Before it starts, it does not count, strong as it is; after ind-c-expired ends, it does not.
  auto early =
      watchlist->MatchAccounts(**snapshot, std::vector<AccountId>{Id("acct-2")}, kNow + 99);
  ASSERT_TRUE(early.ok());
  ASSERT_EQ(early->size(), 1u);
  EXPECT_EQ((*early)[0].indicator_id, "ind-a-strong");
  auto ended = watchlist->MatchAccounts(**snapshot, std::vector<AccountId>{Id("acct-4")}, kNow - 1);
  ASSERT_TRUE(ended.ok());
  ASSERT_EQ(ended->size(), 1u);
  EXPECT_EQ((*ended)[0].indicator_id, "ind-b-weak");
}

TEST_F(WatchlistTest, BothQueriesGiveTheSameAnswerForTheSameAccounts) {
  auto watchlist = Watchlist::Load(stores_->watchlist());
  ASSERT_TRUE(watchlist.ok());
  auto snapshot = store_->Snapshot();
  for (UnixSeconds now : {kNow - 2, kNow, kNow + 100}) {
    auto all = watchlist->MatchAll(**snapshot, now);
    const std::vector<AccountId> everyone = {Id("acct-4"), Id("acct-3"), Id("acct-2"), Id("acct-1"),
                                             Id("acct-2")};
    auto some = watchlist->MatchAccounts(**snapshot, everyone, now);
    ASSERT_TRUE(all.ok() && some.ok());
    ASSERT_EQ(all->size(), some->size()) << now;
    for (std::size_t i = 0; i < all->size(); ++i) {
      EXPECT_EQ((*all)[i].account, (*some)[i].account) << now;
      EXPECT_EQ((*all)[i].indicator_id, (*some)[i].indicator_id) << now;
      EXPECT_EQ((*all)[i].kind, (*some)[i].kind) << now;
    }
  }
  // Only the accounts asked about are answered; acct-3 holds nothing watched.
  auto one = watchlist->MatchAccounts(**snapshot,
                                      std::vector<AccountId>{Id("acct-3"), Id("acct-4")}, kNow);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].account, Id("acct-4"));
}

TEST_F(WatchlistTest, MatchWatchlistLoadsAndMatchesEveryone) {
  auto snapshot = store_->Snapshot();
  auto matches = MatchWatchlist(**snapshot, stores_->watchlist(), kNow);
  ASSERT_TRUE(matches.ok());
  EXPECT_EQ(matches->size(), 3u);
}

TEST_F(WatchlistTest, AnEmptyWatchlistMatchesNoOne) {
  TempDir other{"watchlist_empty"};
  auto empty_store = store::AccountStore::Open(other.Sub("data"));
  ASSERT_TRUE(empty_store.ok());
  auto stores = store::DetectionStore::Open(**empty_store);
  ASSERT_TRUE(stores.ok());
  auto watchlist = Watchlist::Load((*stores)->watchlist());
  ASSERT_TRUE(watchlist.ok());
  EXPECT_TRUE(watchlist->empty());
  auto snapshot = store_->Snapshot();
  auto matches = watchlist->MatchAccounts(**snapshot, std::vector<AccountId>{Id("acct-1")}, kNow);
  ASSERT_TRUE(matches.ok());
  EXPECT_TRUE(matches->empty());
}

}  // namespace
}  // namespace ringgraph::sharing
