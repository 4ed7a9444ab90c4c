#include "graph/detection/cluster_features.h"

#include <gtest/gtest.h>

#include <cmath>

#include "graph/common/temp_dir.h"

namespace ringgraph::detection {
namespace {

constexpr UnixSeconds kDay = 86400;

class ClusterFeaturesTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = std::move(store::AccountStore::Open(dir_.Sub("db"))).value(); }

  void Add(const std::string& account, KindCode kind, std::uint8_t value, UnixSeconds ts,
           bool prompt = false) {
    names_.push_back(std::make_unique<std::string>(account));
    store::StoreRecord r;
    r.account = *names_.back();
    r.kind = kind;
    r.value.fill(value);
    r.ts = ts;
    r.counts_prompt = prompt;
    pending_.push_back(r);
  }

  // Background b0..b39: one person each, own card, 2-3 free-text prompts spread over the month.
  // Ring r0..r7: young (from day 20), 60 prompts each on one template within two days, two
  // prepaid cards each reused by four accounts, one automation device behind all.
  // Family f0..f2: active all month, one card and one device shared, three free-text prompts
  // each, on days of their own.
  // Loner l0: alone. Accounts are numbered in arrival order: b0..b39, l0, f0..f2, r0..r7.
  void BuildPopulation() {
    for (int i = 0; i < 40; ++i) {
      std::string b = "b" + std::to_string(i);
      Add(b, kPaymentKind, static_cast<std::uint8_t>(100 + i), i % 5 * kDay);
      for (int p = 0; p < 2 + i % 2; ++p) FreeText(b, (i % 5 + p * 9) * kDay);
    }
    Add("l0", kPaymentKind, 99, 0);
    for (int i = 0; i < 3; ++i) {
      std::string f = "f" + std::to_string(i);
      Add(f, kPaymentKind, 10, 0);
      Add(f, kDeviceKind, 11, 29 * kDay);
      for (int p = 0; p < 3; ++p) FreeText(f, (p * 10 + i) * kDay);
    }
    for (int i = 0; i < 8; ++i) {
      std::string r = "r" + std::to_string(i);
      Add(r, kPaymentKind, static_cast<std::uint8_t>(20 + i / 4), 20 * kDay);
      Add(r, kDeviceKind, 30, 20 * kDay);
      for (int p = 0; p < 60; ++p) Add(r, kTemplateKind, 40, 20 * kDay + p * 2000, true);
    }
    ASSERT_TRUE(store_->IngestBatch(pending_).ok());
  }
  void FreeText(const std::string& account, UnixSeconds ts) {
    Add(account, kPromptKind, 0, ts, /*prompt=*/true);
    pending_.back().has_signal = false;
  }
  struct Extracted {
    std::unique_ptr<store::StoreSnapshot> snapshot;
    std::unique_ptr<projection::AccountProjection> projection;
    std::unique_ptr<PopulationProfile> population;
    std::unique_ptr<ClusterFeatureExtractor> extractor;
  };
  // Features of the partition {background and loner alone, family, ring}.
  Extracted Extract(FeatureOptions options) {
    std::vector<ClusterIndex> membership;
    for (int i = 0; i < 41; ++i) membership.push_back(static_cast<ClusterIndex>(i));
    for (int i = 0; i < 3; ++i) membership.push_back(41);
    for (int i = 0; i < 8; ++i) membership.push_back(42);
    return ExtractPartition(std::move(membership), std::move(options));
  }
  // Features of any partition of what the store holds.
  Extracted ExtractPartition(std::vector<ClusterIndex> membership, FeatureOptions options = {}) {
    Extracted e;
    e.snapshot = std::move(store_->Snapshot()).value();
    e.projection = std::make_unique<projection::AccountProjection>(*e.snapshot, options.projection);
    EXPECT_TRUE(e.projection->Run().ok());
    e.population = std::make_unique<PopulationProfile>(
        std::move(PopulationProfile::Build(*e.snapshot)).value());
    membership_ = std::move(membership);
    e.extractor =
        std::make_unique<ClusterFeatureExtractor>(*e.snapshot, e.projection->graph(), membership_,
                                                  e.projection->weights(), *e.population, options);
    EXPECT_TRUE(e.extractor->Run().ok());
    return e;
  }

  // Features of the partition in which the first `together` accounts (in arrival order) are one
  // cluster and each of the next `alone` accounts is a cluster of its own.
  Extracted ExtractFirstTogether(int together, int alone) {
    std::vector<ClusterIndex> membership(together + alone, 0);
    for (int i = together; i < together + alone; ++i) membership[i] = i - together + 1;
    return ExtractPartition(std::move(membership));
  }

  std::vector<ClusterIndex> membership_;
  TempDir dir_;
  std::unique_ptr<store::AccountStore> store_;
  std::vector<std::unique_ptr<std::string>> names_;
  std::vector<store::StoreRecord> pending_;
};

TEST_F(ClusterFeaturesTest, DescribesARingAndAFamilyAgainstThePopulation) {
  BuildPopulation();
  FeatureOptions options;
  options.projection.half_life_days = 0;  // no decay, so the weights below are exact
  Extracted e = Extract(options);
  ASSERT_EQ(e.extractor->clusters().size(), 2u);
  const ClusterFeatures& family = e.extractor->clusters()[0];
  const ClusterFeatures& ring = e.extractor->clusters()[1];

  EXPECT_EQ(family.size, 3u);
  EXPECT_EQ(family.internal_links, 3u);
  EXPECT_DOUBLE_EQ(family.density, 1.0);
  EXPECT_DOUBLE_EQ(family.payment.shared_fraction, 1.0);
  EXPECT_NEAR(family.payment.values_per_member, 1.0 / 3, 1e-9);
  EXPECT_DOUBLE_EQ(family.prompts_per_member, 3.0);
  EXPECT_DOUBLE_EQ(family.campaign, 0.0);
  EXPECT_DOUBLE_EQ(family.reuse, 0.0);  // one card for all three is a hub, not reuse
  EXPECT_DOUBLE_EQ(family.rotation, 0.0);
  EXPECT_NEAR(family.median_span_days, 29.0, 1e-9);
  EXPECT_DOUBLE_EQ(family.burst, 0.0);  // under five prompts: not measured

  EXPECT_EQ(ring.size, 8u);
  EXPECT_EQ(ring.internal_links, 28u);  // the shared device links every pair
  EXPECT_DOUBLE_EQ(ring.payment.shared_fraction, 1.0);
  EXPECT_NEAR(ring.payment.values_per_member, 2.0 / 8, 1e-9);
  EXPECT_DOUBLE_EQ(ring.prompts_per_member, 60.0);
  EXPECT_DOUBLE_EQ(ring.campaign, 1.0);
  EXPECT_DOUBLE_EQ(ring.reuse, 1.0);  // each card is reused by four of the eight
  EXPECT_DOUBLE_EQ(ring.conductance, 0.0);
  // The ring's members are the 8 heaviest of the 51 prompting accounts: mid-rank 47/51.
  EXPECT_NEAR(ring.volume, 47.0 / 51.0, 1e-9);
  EXPECT_NEAR(ring.pace, 47.0 / 51.0, 1e-9);
  EXPECT_GT(ring.young, family.young);
  EXPECT_GT(ring.lockstep, 0.9);  // all eight are active on the same days
  EXPECT_LT(family.lockstep, ring.lockstep);
  // Every member of the ring has all its graph weight inside.
  ASSERT_EQ(ring.members.size(), 8u);
  for (const MemberFeatures& m : ring.members) {
    EXPECT_DOUBLE_EQ(m.tie, 1.0);
    EXPECT_DOUBLE_EQ(m.campaign, 1.0);
  }
  ASSERT_FALSE(ring.top_values.empty());
  // The template shared by all eight is the strongest value; the 4-account cards follow.
  EXPECT_EQ(ring.top_values[0].members_sharing, 8u);
  // Pair weights (holders - 1)^(-1/2): the template 1.5/sqrt(7) profile-scaled by a full overlap
  // is counted at its raw pair weight in kind shares; the device 2.5/sqrt(7); each card
  // 3/sqrt(3) over its 6 pairs.
  const double tmpl = 28 * 1.5 / std::sqrt(7.0), dev = 28 * 2.5 / std::sqrt(7.0),
               cards = 2 * 6 * 3.0 / std::sqrt(3.0);
  EXPECT_NEAR(ring.kind_share[kPaymentKind], cards / (tmpl + dev + cards), 1e-6);
  EXPECT_NEAR(ring.kind_share[kDeviceKind], dev / (tmpl + dev + cards), 1e-6);
  EXPECT_EQ(ring.top_values[0].hash[0], ring.top_values[0].kind == kDeviceKind ? 30 : 40);
}

// A hydra-like cluster: six accounts rotating over six exits, each exit held by three of them,
// no value held by all. Rotation is high; a family's one card held by all is a hub.
//   x0: e0 e1 e2   x1: e1 e2 e3   x2: e2 e3 e4   x3: e3 e4 e5   x4: e4 e5 e0   x5: e5 e0 e1
TEST_F(ClusterFeaturesTest, RotationIsHighWhenManySharedValuesEachCoverPartOfTheCluster) {
  for (int i = 0; i < 6; ++i) {
    for (int k = 0; k < 3; ++k) {
      Add("x" + std::to_string(i), kIpKind, static_cast<std::uint8_t>(200 + (i + k) % 6), kDay);
    }
  }
  ASSERT_TRUE(store_->IngestBatch(pending_).ok());
  std::vector<ClusterIndex> membership(6, 0);
  Extracted e = ExtractPartition(std::move(membership));
  const ClusterFeatureExtractor& extractor = *e.extractor;
  ASSERT_EQ(extractor.clusters().size(), 1u);
  // Each member's three exits lead to four distinct co-members over six incidences: effective
  // exits 3, distinct share 2/3, so (3 * 2/3 - 1) / (3 - 1) = 0.5 for every member.
  EXPECT_DOUBLE_EQ(extractor.clusters()[0].rotation, 0.5);
  EXPECT_DOUBLE_EQ(extractor.clusters()[0].reuse, 0.0);  // IPs are not cards or devices
}

// m0 and m1 (of a six-member cluster) share two addresses with five accounts outside it. When
// both addresses lead to the same five outsiders they are one NAT with two addresses and nobody
// rotates; when each leads to different outsiders they are exits, and m0 and m1 rotate. m0 and
// m2 also share a card, and m3 and m4 another: m0 both reuses and rotates, m1 only rotates, m2,
// m3 and m4 only reuse.
class RotationOutsideTheCluster : public ClusterFeaturesTest,
                                  public ::testing::WithParamInterface<bool> {};

TEST_P(RotationOutsideTheCluster, CountsCoHoldersInTheWholePopulation) {
  const bool exits_lead_apart = GetParam();
  for (int i = 0; i < 6; ++i)
    Add("m" + std::to_string(i), kPaymentKind, static_cast<std::uint8_t>(60 + i), kDay);
  for (const char* m : {"m0", "m1"}) {
    Add(m, kIpKind, 50, kDay);
    Add(m, kIpKind, 51, kDay);
  }
  Add("m0", kPaymentKind, 90, kDay);
  Add("m2", kPaymentKind, 90, kDay);
  Add("m3", kPaymentKind, 91, kDay);
  Add("m4", kPaymentKind, 91, kDay);
  for (int i = 0; i < 10; ++i) {
    const std::string o = "o" + std::to_string(i);
    if (exits_lead_apart) {
      Add(o, kIpKind, i < 5 ? 50 : 51, kDay);
    } else if (i < 5) {
      Add(o, kIpKind, 50, kDay);
      Add(o, kIpKind, 51, kDay);
    } else {
      Add(o, kPaymentKind, static_cast<std::uint8_t>(80 + i), kDay);
    }
  }
  ASSERT_TRUE(store_->IngestBatch(pending_).ok());
  Extracted e = ExtractFirstTogether(6, 10);  // outsiders: alone
  const ClusterFeatureExtractor& extractor = *e.extractor;
  ASSERT_EQ(extractor.clusters().size(), 1u);
  if (exits_lead_apart) {
    // Each of m0, m1: 12 incidences, 11 distinct (m1 or m0, and ten outsiders), two effective
    // exits: (2 * 11/12 - 1) / (2 - 1) = 5/6; the cluster's mean is 2 * 5/6 / 6.
    EXPECT_NEAR(extractor.clusters()[0].rotation, 2.0 * (5.0 / 6.0) / 6.0, 1e-12);
    // Only m0 does both.
    EXPECT_NEAR(extractor.clusters()[0].reuse_with_rotation, (5.0 / 6.0) / 6.0, 1e-12);
  } else {
    EXPECT_DOUBLE_EQ(extractor.clusters()[0].rotation, 0.0);
    EXPECT_DOUBLE_EQ(extractor.clusters()[0].reuse_with_rotation, 0.0);
  }
  EXPECT_DOUBLE_EQ(extractor.clusters()[0].reuse, 4.0 / 6.0);
}

INSTANTIATE_TEST_SUITE_P(NatOrExits, RotationOutsideTheCluster, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Exits" : "Nat"; });

// Every member of a cluster is behind one device and rotates over two exits of its own, each
// shared with two accounts outside (co-holders all different: rotation 1). Behind all of the
// cluster the device is its hub, never reuse; whether it counts with rotation depends on how many
// accounts of the whole population are behind it: twelve members, or three members and nine
// accounts elsewhere (a host whose ring was cut into pieces), make an automation host (more than
// reuse_max_members, 10); three and nobody else a household's one laptop.
struct DeviceHolders {
  int members;
  int elsewhere;
};
class OneDeviceBehindAll : public ClusterFeaturesTest,
                           public ::testing::WithParamInterface<DeviceHolders> {};

TEST_P(OneDeviceBehindAll, CountsWithRotationOnlyWhenItIsAHostBehindMoreThanAFew) {
  const auto [members, elsewhere] = GetParam();
  int outsider = 0;
  for (int i = 0; i < members; ++i) Add("m" + std::to_string(i), kDeviceKind, 7, kDay);
  for (int i = 0; i < members; ++i) {  // members first: account ids follow arrival order
    const std::string m = "m" + std::to_string(i);
    for (int e = 0; e < 2; ++e) {
      const auto exit = static_cast<std::uint8_t>(100 + 2 * i + e);
      Add(m, kIpKind, exit, kDay);
      for (int o = 0; o < 2; ++o) Add("o" + std::to_string(outsider++), kIpKind, exit, kDay);
    }
  }
  for (int i = 0; i < elsewhere; ++i) Add("o" + std::to_string(outsider++), kDeviceKind, 7, kDay);
  ASSERT_TRUE(store_->IngestBatch(pending_).ok());
  Extracted e = ExtractFirstTogether(members, outsider);
  const ClusterFeatures& f = e.extractor->clusters()[0];
  ASSERT_EQ(f.size, static_cast<std::uint32_t>(members));
  EXPECT_DOUBLE_EQ(f.reuse, 0.0);  // the one device for all is the cluster's hub
  EXPECT_DOUBLE_EQ(f.rotation, 1.0);
  const bool host = members + elsewhere > 10;
  EXPECT_DOUBLE_EQ(f.reuse_with_rotation, host ? 1.0 : 0.0);
  EXPECT_DOUBLE_EQ(f.operator_reuse, host ? 1.0 : 0.0);
  for (const MemberFeatures& m : f.members) {
    EXPECT_DOUBLE_EQ(m.reuse, 0.0);
    EXPECT_DOUBLE_EQ(m.operator_reuse, host ? 1.0 : 0.0);
  }
}

INSTANTIATE_TEST_SUITE_P(HostOrHousehold, OneDeviceBehindAll,
                         ::testing::Values(DeviceHolders{12, 0}, DeviceHolders{3, 9},
                                           DeviceHolders{3, 0}),
                         [](const auto& info) {
                           return "Members" + std::to_string(info.param.members) + "Elsewhere" +
                                  std::to_string(info.param.elsewhere);
                         });

// Three pairs of members share a card each. Two cards are held by their two accounts only (a
// card farm's); the third by twelve more accounts outside the cluster (a reseller's card on file
// for its customers): only the first two pairs reuse.
TEST_F(ClusterFeaturesTest, ACardManyAccountsHoldIsNotReuseWhateverTheClusterHoldsOfIt) {
  for (const char* m : {"m0", "m1"}) Add(m, kPaymentKind, 40, kDay);
  for (const char* m : {"m2", "m3"}) Add(m, kPaymentKind, 41, kDay);
  for (const char* m : {"m4", "m5"}) Add(m, kPaymentKind, 42, kDay);
  for (int i = 0; i < 12; ++i) Add("o" + std::to_string(i), kPaymentKind, 41, kDay);
  ASSERT_TRUE(store_->IngestBatch(pending_).ok());
  Extracted e = ExtractFirstTogether(6, 12);  // outsiders: alone
  const ClusterFeatureExtractor& extractor = *e.extractor;
  ASSERT_EQ(extractor.clusters().size(), 1u);
  EXPECT_DOUBLE_EQ(extractor.clusters()[0].reuse, 4.0 / 6.0);
}

// Members that share one card and nothing else share a payer - a small team's card, a
// household's - not an operator's spread of cards: nobody reuses. With a second card shared by
// two others, the members are spread over cards, and all four reuse.
class CardsSharedInACluster : public ClusterFeaturesTest,
                              public ::testing::WithParamInterface<bool> {};

TEST_P(CardsSharedInACluster, AreReuseOnlyWhenTheMembersShareMoreThanOne) {
  const bool second_card = GetParam();
  for (int i = 0; i < 6; ++i) {
    Add("m" + std::to_string(i), kDeviceKind, static_cast<std::uint8_t>(60 + i), kDay);
  }
  for (const char* m : {"m0", "m1"}) Add(m, kPaymentKind, 40, kDay);
  if (second_card) {
    for (const char* m : {"m2", "m3"}) Add(m, kPaymentKind, 41, kDay);
  }
  ASSERT_TRUE(store_->IngestBatch(pending_).ok());
  Extracted e = ExtractPartition(std::vector<ClusterIndex>(6, 0));
  const ClusterFeatures& f = e.extractor->clusters()[0];
  ASSERT_EQ(f.size, 6u);
  EXPECT_DOUBLE_EQ(f.reuse, second_card ? 4.0 / 6.0 : 0.0);
  EXPECT_DOUBLE_EQ(f.members[0].reuse, second_card ? 1.0 : 0.0);
  EXPECT_DOUBLE_EQ(f.members[4].reuse, 0.0);
}

INSTANTIATE_TEST_SUITE_P(OneOrTwo, CardsSharedInACluster, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "TwoCards" : "OneCard"; });

// Twelve members share two devices, six on each, and pay with one card held by more accounts
// than a card farm's few. When most of the card's holders are the members (a school's card)
// and nobody else is behind the devices (its lab PCs), nobody reuses. When most of the card's
// holders are outside (a reseller's card on file), or the devices also run an account outside
// the cluster each (an operator's hosts), the devices are reuse.
struct CardAndDevices {
  const char* name;
  int strangers_on_card;
  bool stranger_on_device;
  double reuse;
};
class SharedDevicesOnOneCard : public ClusterFeaturesTest,
                               public ::testing::WithParamInterface<CardAndDevices> {};

TEST_P(SharedDevicesOnOneCard, AreReuseUnlessTheOrganisationsOwn) {
  const CardAndDevices c = GetParam();
  for (int i = 0; i < 12; ++i) {
    const std::string m = "m" + std::to_string(i);
    Add(m, kPaymentKind, 50, kDay);
    Add(m, kDeviceKind, static_cast<std::uint8_t>(60 + i % 2), kDay);
  }
  const int outsiders = c.strangers_on_card + (c.stranger_on_device ? 1 : 0);
  for (int i = 0; i < c.strangers_on_card; ++i)
    Add("o" + std::to_string(i), kPaymentKind, 50, kDay);
  if (c.stranger_on_device) {
    Add("host", kDeviceKind, 60, kDay);
    Add("host", kDeviceKind, 61, kDay);
  }
  ASSERT_TRUE(store_->IngestBatch(pending_).ok());
  Extracted e = ExtractFirstTogether(12, outsiders);
  const ClusterFeatures& f = e.extractor->clusters()[0];
  ASSERT_EQ(f.size, 12u);
  EXPECT_DOUBLE_EQ(f.reuse, c.reuse);
}

INSTANTIATE_TEST_SUITE_P(OrganisationResellerOrHost, SharedDevicesOnOneCard,
                         ::testing::Values(CardAndDevices{"SchoolCardLabPcs", 0, false, 0.0},
                                           CardAndDevices{"ResellersCard", 14, false, 1.0},
                                           CardAndDevices{"SchoolCardHostsElsewhere", 0, true,
                                                          1.0}),
                         [](const auto& info) { return std::string(info.param.name); });

// Members active on the same three days, among 30 other accounts active on days of their own.
// One address behind 18 of 20, held by nobody else, is their place (a venue's network):
// co-located. Held by 24 strangers too, it is an exit they bought when the strangers keep days
// of their own, and still their place when the strangers keep the members' days (the rest of
// an event the partition cut in two); held by only 14 of the 20 it is not behind nearly all;
// behind all of six accounts and nobody else it is a household's or a few accounts' address,
// not a place many people share.
struct PlaceCase {
  int members;
  int members_on_address;
  int strangers_on_address;
  bool strangers_in_step;
  bool co_located;
};
class MembersInOnePlace : public ClusterFeaturesTest,
                          public ::testing::WithParamInterface<PlaceCase> {};

TEST_P(MembersInOnePlace, WhenNearlyAllHoldOneAddressManyUseThatIsTheirs) {
  const PlaceCase c = GetParam();
  for (int i = 0; i < c.members; ++i) {
    const std::string m = "m" + std::to_string(i);
    if (i < c.members_on_address) Add(m, kIpKind, 70, kDay);
    Add(m, kPaymentKind, static_cast<std::uint8_t>(100 + i), kDay);
    for (int d = 0; d < 3; ++d) FreeText(m, (5 + 7 * d) * kDay);
  }
  for (int i = 0; i < c.strangers_on_address; ++i) {
    const std::string o = "o" + std::to_string(i);
    Add(o, kIpKind, 70, kDay);
    for (int d = 0; d < 3; ++d) {
      FreeText(o, (c.strangers_in_step ? 5 + 7 * d : 30 + 3 * i + d) * kDay);
    }
  }
  for (int i = 0; i < 30; ++i) FreeText("b" + std::to_string(i), (40 + 2 * i) * kDay);
  ASSERT_TRUE(store_->IngestBatch(pending_).ok());
  Extracted e = ExtractFirstTogether(c.members, c.strangers_on_address + 30);
  const ClusterFeatures& f = e.extractor->clusters()[0];
  ASSERT_EQ(f.size, static_cast<std::uint32_t>(c.members));
  EXPECT_EQ(f.co_located, c.co_located);
}

INSTANTIATE_TEST_SUITE_P(VenueExitEventFewOrHousehold, MembersInOnePlace,
                         ::testing::Values(PlaceCase{20, 18, 0, false, true},
                                           PlaceCase{20, 18, 24, false, false},
                                           PlaceCase{20, 18, 24, true, true},
                                           PlaceCase{20, 14, 0, false, false},
                                           PlaceCase{6, 6, 0, false, false}),
                         [](const auto& info) {
                           return "Of" + std::to_string(info.param.members) + "Members" +
                                  std::to_string(info.param.members_on_address) + "Strangers" +
                                  std::to_string(info.param.strangers_on_address) +
                                  (info.param.strangers_in_step ? "InStep" : "");
                         });

// Two events the partition joined: members m0..m9 behind address 70, m10..m19 behind 71, all
// active on the same three days, each address held by some other accounts too. Each half is in
// its own place when the others there are few (the rest of its event: most holders are
// members) or keep the members' days; not when the address is an exit held mostly by strangers
// on days of their own. Members that each connect through two of four such addresses rotate
// over them: in no one place, whoever else holds them.
struct PlacesCase {
  const char* name;
  bool rotating;
  int others_per_address;
  bool others_in_step;
  bool co_located;
};
class MembersInSeveralPlaces : public ClusterFeaturesTest,
                               public ::testing::WithParamInterface<PlacesCase> {};

TEST_P(MembersInSeveralPlaces, WhenNearlyAllAreEachBehindOneAddressThatIsTheirs) {
  const PlacesCase c = GetParam();
  const int addresses = c.rotating ? 4 : 2;
  for (int i = 0; i < 20; ++i) {
    const std::string m = "m" + std::to_string(i);
    if (c.rotating) {
      Add(m, kIpKind, static_cast<std::uint8_t>(70 + i % 4), kDay);
      Add(m, kIpKind, static_cast<std::uint8_t>(70 + (i + 1) % 4), kDay);
    } else {
      Add(m, kIpKind, static_cast<std::uint8_t>(i < 10 ? 70 : 71), kDay);
    }
    Add(m, kPaymentKind, static_cast<std::uint8_t>(100 + i), kDay);
    for (int d = 0; d < 3; ++d) FreeText(m, (5 + 7 * d) * kDay);
  }
  for (int i = 0; i < addresses * c.others_per_address; ++i) {
    const std::string o = "o" + std::to_string(i);
    Add(o, kIpKind, static_cast<std::uint8_t>(70 + i % addresses), kDay);
    for (int d = 0; d < 3; ++d) FreeText(o, (c.others_in_step ? 5 + 7 * d : 30 + i + d) * kDay);
  }
  for (int i = 0; i < 30; ++i) FreeText("b" + std::to_string(i), (40 + 2 * i) * kDay);
  ASSERT_TRUE(store_->IngestBatch(pending_).ok());
  Extracted e = ExtractFirstTogether(20, addresses * c.others_per_address + 30);
  const ClusterFeatures& f = e.extractor->clusters()[0];
  ASSERT_EQ(f.size, 20u);
  EXPECT_EQ(f.co_located, c.co_located);
}

INSTANTIATE_TEST_SUITE_P(
    VenuesOrExits, MembersInSeveralPlaces,
    ::testing::Values(PlacesCase{"TwoVenuesWithTheRestOfTheirEvents", false, 6, false, true},
                      PlacesCase{"TwoExitsOfStrangers", false, 24, false, false},
                      PlacesCase{"TwoVenuesBusierThanTheMembers", false, 24, true, true},
                      PlacesCase{"EachMemberRotatingOverTwoOfFour", true, 2, false, false}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(ClusterFeaturesTest, AnAddressHeldByMostOfTheClusterIsItsHubNotRotation) {
  // Five members on the same two office addresses: held by more than half of the cluster, they
  // are its hub, whatever their number, and nobody rotates over them.
  for (int i = 0; i < 5; ++i) {
    const std::string m = "m" + std::to_string(i);
    Add(m, kIpKind, 70, kDay);
    Add(m, kIpKind, 71, kDay);
  }
  ASSERT_TRUE(store_->IngestBatch(pending_).ok());
  std::vector<ClusterIndex> membership(5, 0);
  Extracted e = ExtractPartition(std::move(membership));
  const ClusterFeatureExtractor& extractor = *e.extractor;
  ASSERT_EQ(extractor.clusters().size(), 1u);
  EXPECT_DOUBLE_EQ(extractor.clusters()[0].rotation, 0.0);
}

// Six members rotate over three addresses, each member on two of them, so each address is held
// by four of the six: most of the cluster. Each address is also held by six accounts outside.
// When those are strangers (each holds that one address only: the exits a ring bought, which
// others bought too) the addresses are exits and the members rotate over them; when the same six
// hold all three (a campus NAT pool that other labs use too) they are the cluster's hub.
class AnAddressMostOfTheClusterHolds : public ClusterFeaturesTest,
                                       public ::testing::WithParamInterface<bool> {};

TEST_P(AnAddressMostOfTheClusterHolds, IsAnExitOnlyWhenStrangersHoldItToo) {
  const bool strangers = GetParam();
  for (int i = 0; i < 6; ++i) {
    const std::string m = "m" + std::to_string(i);
    Add(m, kIpKind, static_cast<std::uint8_t>(80 + i % 3), kDay);
    Add(m, kIpKind, static_cast<std::uint8_t>(80 + (i + 1) % 3), kDay);
  }
  int outsiders = 0;
  for (int e = 0; e < 3; ++e) {
    for (int o = 0; o < 6; ++o) {
      if (strangers) {
        Add("o" + std::to_string(outsiders++), kIpKind, static_cast<std::uint8_t>(80 + e), kDay);
      } else {
        Add("o" + std::to_string(o), kIpKind, static_cast<std::uint8_t>(80 + e), kDay);
      }
    }
  }
  if (!strangers) outsiders = 6;
  ASSERT_TRUE(store_->IngestBatch(pending_).ok());
  std::vector<ClusterIndex> membership(6 + outsiders, 0);
  for (int i = 6; i < 6 + outsiders; ++i) membership[i] = static_cast<ClusterIndex>(i - 5);
  Extracted e = ExtractPartition(std::move(membership));
  const ClusterFeatures& f = e.extractor->clusters()[0];
  ASSERT_EQ(f.size, 6u);
  // Strangers: each member's two exits have nine other holders each (18 incidences), five other
  // members and twelve outsiders among them (17 distinct), two effective exits:
  // (2 * 17/18 - 1) / (2 - 1) = 8/9 for every member.
  EXPECT_NEAR(f.rotation, strangers ? 8.0 / 9.0 : 0.0, 1e-12);
}

INSTANTIATE_TEST_SUITE_P(StrangersOrCommunity, AnAddressMostOfTheClusterHolds, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Strangers" : "Community"; });

// Two accounts on the same two exits, each exit held by strangers too: held by both, the exits
// are what links the pair, and say nothing of a hub or of rotation (a pair of coworkers on one
// commercial VPN looks the same); the pair's rotation stays 0.
TEST_F(ClusterFeaturesTest, TheExitsThatLinkAPairAreNotRotation) {
  for (const char* m : {"m0", "m1"}) {
    Add(m, kIpKind, 90, kDay);
    Add(m, kIpKind, 91, kDay);
  }
  for (int o = 0; o < 12; ++o) Add("o" + std::to_string(o), kIpKind, o < 6 ? 90 : 91, kDay);
  ASSERT_TRUE(store_->IngestBatch(pending_).ok());
  Extracted e = ExtractFirstTogether(2, 12);
  ASSERT_EQ(e.extractor->clusters()[0].size, 2u);
  EXPECT_DOUBLE_EQ(e.extractor->clusters()[0].rotation, 0.0);
}

TEST_F(ClusterFeaturesTest, AnUnchangedClusterTakesTheEarlierFeaturesAChangedOneIsDescribedAgain) {
  BuildPopulation();
  Extracted e = Extract({});  // background alone, family 41, ring 42
  ASSERT_EQ(e.extractor->clusters().size(), 2u);
  // What the detection job sets after extraction, and a mark that shows a copy was taken.
  ClusterFeatures& earlier_family = e.extractor->mutable_clusters()[0];
  ASSERT_EQ(earlier_family.cluster, 41u);
  earlier_family.known_campaign = 0.7;
  earlier_family.members[0].known_campaign = 0.7;
  const double family_lockstep = earlier_family.lockstep;
  earlier_family.lockstep = 0.123;

  // The family renumbered, the ring cut in two halves.
  std::vector<ClusterIndex> membership;
  for (int i = 0; i < 41; ++i) membership.push_back(static_cast<ClusterIndex>(i));
  for (int i = 0; i < 3; ++i) membership.push_back(60);
  for (int i = 0; i < 8; ++i) membership.push_back(i < 4 ? 50 : 51);
  const CsrGraph& graph = e.projection->graph();
  const projection::ValueWeights& weights = e.projection->weights();
  ClusterFeatureExtractor fresh(*e.snapshot, graph, membership, weights, *e.population, {});
  ASSERT_TRUE(fresh.Run().ok());
  ClusterFeatureExtractor reusing(*e.snapshot, graph, membership, weights, *e.population, {});
  ASSERT_TRUE(reusing.Run({.wanted = {}, .earlier = e.extractor.get()}).ok());

  EXPECT_EQ(fresh.reused(), 0u);
  EXPECT_EQ(reusing.reused(), 1u);
  ASSERT_EQ(reusing.clusters().size(), 3u);
  ASSERT_EQ(fresh.clusters().size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    const ClusterFeatures& got = reusing.clusters()[i];
    const ClusterFeatures& want = fresh.clusters()[i];
    EXPECT_EQ(got.cluster, want.cluster);
    EXPECT_EQ(got.size, want.size);
    EXPECT_EQ(got.internal_links, want.internal_links);
    EXPECT_DOUBLE_EQ(got.conductance, want.conductance);
    EXPECT_DOUBLE_EQ(got.campaign, want.campaign);
    EXPECT_DOUBLE_EQ(got.volume, want.volume);
    EXPECT_DOUBLE_EQ(got.known_campaign, 0.0);
    ASSERT_EQ(got.members.size(), want.members.size());
    for (std::size_t m = 0; m < got.members.size(); ++m) {
      EXPECT_EQ(got.members[m].account, want.members[m].account);
      EXPECT_DOUBLE_EQ(got.members[m].tie, want.members[m].tie);
      EXPECT_DOUBLE_EQ(got.members[m].known_campaign, 0.0);
    }
  }
  // The family (cluster 60) was taken, not described again; the halves were described.
  EXPECT_EQ(reusing.clusters()[2].cluster, 60u);
  EXPECT_DOUBLE_EQ(reusing.clusters()[2].lockstep, 0.123);
  EXPECT_DOUBLE_EQ(fresh.clusters()[2].lockstep, family_lockstep);
  EXPECT_EQ(reusing.clusters()[0].size, 4u);
  EXPECT_LT(reusing.clusters()[0].conductance, 1.0);
  EXPECT_GT(reusing.clusters()[0].conductance, 0.0);  // the other half is outside now
}

TEST_F(ClusterFeaturesTest, OnlyTheWantedClustersAreDescribed) {
  BuildPopulation();
  Extracted e = Extract({});
  ClusterFeatureExtractor only_ring(*e.snapshot, e.projection->graph(), membership_,
                                    e.projection->weights(), *e.population, {});
  ASSERT_TRUE(only_ring.Run({.wanted = [](ClusterIndex c) { return c == 42; }}).ok());
  ASSERT_EQ(only_ring.clusters().size(), 1u);
  EXPECT_EQ(only_ring.clusters()[0].cluster, 42u);
  EXPECT_EQ(only_ring.clusters()[0].size, 8u);
  EXPECT_EQ(only_ring.Members(42).size(), 8u);
  EXPECT_DOUBLE_EQ(only_ring.clusters()[0].campaign, e.extractor->clusters()[1].campaign);
}

TEST_F(ClusterFeaturesTest, RejectsAPartitionOfTheWrongSize) {
  BuildPopulation();
  auto snapshot = std::move(store_->Snapshot()).value();
  projection::AccountProjection projection(*snapshot, {});
  ASSERT_TRUE(projection.Run().ok());
  PopulationProfile population = std::move(PopulationProfile::Build(*snapshot)).value();
  std::vector<ClusterIndex> membership = {0, 1};
  ClusterFeatureExtractor extractor(*snapshot, projection.graph(), membership, projection.weights(),
                                    population, {});
  EXPECT_EQ(extractor.Run().code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace ringgraph::detection
