#include "graph/detection/link_explainer.h"

#include <gtest/gtest.h>

#include <cmath>

#include "graph/common/temp_dir.h"

namespace ringgraph::detection {
namespace {

class LinkExplainerTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = std::move(store::AccountStore::Open(dir_.Sub("db"))).value(); }
  void Add(const std::string& account, KindCode kind, std::uint8_t value) {
    names_.push_back(std::make_unique<std::string>(account));
    store::StoreRecord r;
    r.account = *names_.back();
    r.kind = kind;
    r.value.fill(value);
    r.ts = 100;
    pending_.push_back(r);
  }
  TempDir dir_;
  std::unique_ptr<store::AccountStore> store_;
  std::vector<std::unique_ptr<std::string>> names_;
  std::vector<store::StoreRecord> pending_;
};

//  a ─ip─ x ─ip─ b        weak: two IP hops
//  a ─card─ y ─device─ b  strong: card then device
//  c                       unlinked
TEST_F(LinkExplainerTest, PrefersTheStrongestPathAndShowsItsValues) {
  Add("a", kIpKind, 1);
  Add("x", kIpKind, 1);
  Add("x", kIpKind, 2);
  Add("b", kIpKind, 2);
  Add("a", kPaymentKind, 3);
  Add("y", kPaymentKind, 3);
  Add("y", kDeviceKind, 4);
  Add("b", kDeviceKind, 4);
  Add("c", kDeviceKind, 9);
  ASSERT_TRUE(store_->IngestBatch(pending_).ok());
  auto snapshot = std::move(store_->Snapshot()).value();
  auto id = [&](const char* name) { return snapshot->FindAccount(name).value().value(); };
  auto path = ExplainLink(*snapshot, id("a"), id("b"), {});
  ASSERT_TRUE(path.ok()) << path.status().ToString();
  ASSERT_TRUE(path->has_value());
  const LinkPath& p = **path;
  ASSERT_EQ(p.hops.size(), 2u);
  EXPECT_EQ(p.hops[0].to, id("y"));
  EXPECT_EQ(p.hops[0].values[0].kind, kPaymentKind);
  EXPECT_EQ(p.hops[1].values[0].kind, kDeviceKind);
  EXPECT_NEAR(p.bottleneck, 2.5, 1e-9);  // the device: 2.5 / sqrt(2 - 1)
  auto none = ExplainLink(*snapshot, id("a"), id("c"), {});
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

// a and b share a card with each of eight accounts (the same weight through each): every path
// is as wide and as short, and the answer goes through the first of them by account id, in
// every process (the neighbours come out of a hash map whose order changes between processes).
TEST_F(LinkExplainerTest, AmongEquallyGoodPathsTheAnswerIsTheSameInEveryProcess) {
  for (std::uint8_t k = 0; k < 8; ++k) {
    const std::string via = "via" + std::to_string(k);
    Add(via, kPaymentKind, static_cast<std::uint8_t>(10 + k));
    Add(via, kDeviceKind, static_cast<std::uint8_t>(30 + k));
    Add("a", kPaymentKind, static_cast<std::uint8_t>(10 + k));
    Add("b", kDeviceKind, static_cast<std::uint8_t>(30 + k));
  }
  ASSERT_TRUE(store_->IngestBatch(pending_).ok());
  auto snapshot = std::move(store_->Snapshot()).value();
  auto id = [&](const std::string& name) { return snapshot->FindAccount(name).value().value(); };
  AccountId first = id("via0");
  for (std::uint8_t k = 1; k < 8; ++k) first = std::min(first, id("via" + std::to_string(k)));
  auto path = ExplainLink(*snapshot, id("a"), id("b"), {});
  ASSERT_TRUE(path.ok()) << path.status().ToString();
  ASSERT_TRUE(path->has_value());
  ASSERT_EQ((*path)->hops.size(), 2u);
  EXPECT_EQ((*path)->hops[0].to, first);
}

}  // namespace
}  // namespace ringgraph::detection
