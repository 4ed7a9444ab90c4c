#include "graph/detection/stray_attachment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "graph/detection/ring_with_strays_testing.h"

namespace ringgraph::detection {
namespace {

using StrayAttachmentTest = RingWithStraysTest;

TEST_F(StrayAttachmentTest, AttachesTheRingsStraysAndNobodyElse) {
  BuildPopulation();
  projection::AccountProjection projection(*in_.snapshot, in_.projection);
  ASSERT_TRUE(projection.Run().ok());
  // The ring's held members in cluster 0 (flagged), the other ring's in 1 (not), everyone
  // else alone.
  std::vector<ClusterIndex> membership(in_.snapshot->num_accounts());
  ClusterIndex next = 2;
  for (ClusterIndex& c : membership) c = next++;
  for (AccountId a : Ids("r", 0, kHeld)) membership[a] = 0;
  for (AccountId a : Ids("o", 0, 9)) membership[a] = 1;
  StrayAttachment attachment(*in_.snapshot, projection.graph(), *in_.weights, in_.projection);
  ASSERT_TRUE(attachment.Run(&membership, [](ClusterIndex c) { return c == 0; }).ok());
  const ClusterIndex ring = membership[Id("r0")];
  for (int i = kHeld; i < kRing; ++i) EXPECT_EQ(membership[Id(Name("r", i))], ring) << i;
  std::size_t in_ring = 0;
  for (ClusterIndex c : membership) in_ring += c == ring;
  EXPECT_EQ(in_ring, static_cast<std::size_t>(kRing));
  EXPECT_NE(membership[Id("o9")], ring);
  EXPECT_NE(membership[Id("heavy")], ring);
  EXPECT_NE(membership[Id("o9")], membership[Id("o0")]);  // not a candidate cluster
  EXPECT_EQ(attachment.report().attached, static_cast<std::uint64_t>(kRing - kHeld));
  EXPECT_EQ(attachment.report().clusters, 1u);
  EXPECT_GT(attachment.report().strays, attachment.report().attached);  // customers were judged
  // Dense again: the strays' own clusters are gone.
  EXPECT_EQ(*std::max_element(membership.begin(), membership.end()) + 1,
            membership.size() - (kRing - kHeld) - (kHeld - 1) - 8);
}

TEST_F(StrayAttachmentTest, AttachesNothingWhenNoClusterIsACandidate) {
  BuildPopulation();
  projection::AccountProjection projection(*in_.snapshot, in_.projection);
  ASSERT_TRUE(projection.Run().ok());
  std::vector<ClusterIndex> membership(in_.snapshot->num_accounts());
  for (ClusterIndex i = 0; i < membership.size(); ++i) membership[i] = i + 1;
  for (AccountId a : Ids("r", 0, kHeld)) membership[a] = 0;
  const std::vector<ClusterIndex> before = membership;
  StrayAttachment attachment(*in_.snapshot, projection.graph(), *in_.weights, in_.projection);
  ASSERT_TRUE(attachment.Run(&membership, [](ClusterIndex) { return false; }).ok());
  EXPECT_EQ(membership, before);
  EXPECT_EQ(attachment.report().strays, 0u);
}

}  // namespace
}  // namespace ringgraph::detection
