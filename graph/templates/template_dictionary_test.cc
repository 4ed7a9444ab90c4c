// Skeleton matching, ids and the dictionary's byte format.
#include "graph/templates/template_dictionary.h"

#include <gtest/gtest.h>

namespace ringgraph::templates {
namespace {

// Two skeletons over made-up shingle hashes:
//   K0 = {1, 2, 3, 4}      K1 = {4, 5, 6}      (shingle 4 is shared, so it weighs 1/2)
TemplateDictionary TwoSkeletons() {
  TemplateDictionary dictionary;
  EXPECT_TRUE(dictionary.Add({/*id=*/10, {1, 2, 3, 4}, /*learned_from=*/5}));
  EXPECT_TRUE(dictionary.Add({/*id=*/11, {4, 5, 6}, /*learned_from=*/3}));
  return dictionary;
}

TEST(TemplateDictionaryTest, MatchesTheSkeletonThePromptContainsBest) {
  TemplateDictionary dictionary = TwoSkeletons();
  std::vector<std::uint64_t> prompt = {1, 2, 3, 100, 200};  // 3 of K0's 3.5 weight
  TemplateMatch m = dictionary.BestMatch(prompt, /*min_containment=*/0.5);
  EXPECT_EQ(m.skeleton, 0);
  EXPECT_NEAR(m.containment, 3.0 / 3.5, 1e-9);
  std::vector<std::uint64_t> other = {4, 5, 6, 300};
  EXPECT_EQ(dictionary.BestMatch(other, 0.5).skeleton, 1);
}

TEST(TemplateDictionaryTest, SharedShinglesAloneDoNotMatch) {
  TemplateDictionary dictionary = TwoSkeletons();
  std::vector<std::uint64_t> prompt = {4, 7, 8};  // only the shared, half-weight shingle
  EXPECT_EQ(dictionary.BestMatch(prompt, 0.5).skeleton, -1);
  EXPECT_EQ(dictionary.BestMatch({}, 0.5).skeleton, -1);
}

TEST(TemplateDictionaryTest, RefusesADuplicateId) {
  TemplateDictionary dictionary = TwoSkeletons();
  EXPECT_FALSE(dictionary.Add({/*id=*/10, {7, 8, 9}, 3}));
  EXPECT_EQ(dictionary.size(), 2u);
}

TEST(TemplateDictionaryTest, IdsAreAPureFunctionOfAnchorsAndSeed) {
  std::vector<std::uint64_t> anchors = {3, 5, 9};
  EXPECT_EQ(TemplateIdFromAnchors(anchors, 1), TemplateIdFromAnchors(anchors, 1));
  EXPECT_NE(TemplateIdFromAnchors(anchors, 1), TemplateIdFromAnchors(anchors, 2));
  EXPECT_EQ(TemplateIdText(0xabc), "t2-0000000000000abc");
}

TEST(TemplateDictionaryTest, RoundTripsThroughBytes) {
  TemplateDictionary dictionary = TwoSkeletons();
  std::string bytes = dictionary.Serialize();
  auto loaded = TemplateDictionary::Deserialize(bytes, ShingleOptions{});
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->size(), 2u);
  EXPECT_EQ(loaded->skeletons()[1].shingles, (std::vector<std::uint64_t>{4, 5, 6}));
  EXPECT_EQ(loaded->skeletons()[0].learned_from, 5u);
  std::vector<std::uint64_t> prompt = {1, 2, 3};
  EXPECT_EQ(loaded->BestMatch(prompt, 0.5).skeleton, 0);
}

TEST(TemplateDictionaryTest, RejectsDamagedBytes) {
  std::string bytes = TwoSkeletons().Serialize();
  std::string flipped = bytes;
  flipped[20] ^= 1;
  EXPECT_EQ(TemplateDictionary::Deserialize(flipped, {}).status().code(),
            Status::Code::kCorruption);
  EXPECT_EQ(TemplateDictionary::Deserialize(bytes.substr(0, bytes.size() - 3), {}).status().code(),
            Status::Code::kCorruption);
  EXPECT_EQ(TemplateDictionary::Deserialize("", {}).status().code(), Status::Code::kCorruption);
  ShingleOptions unmasked;
  unmasked.mask_slots = false;
  EXPECT_EQ(TemplateDictionary::Deserialize(bytes, unmasked).status().code(),
            Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace ringgraph::templates
