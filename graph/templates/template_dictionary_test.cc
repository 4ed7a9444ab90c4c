// Matching, ids and the byte format of the template dictionary.
#include "graph/templates/template_dictionary.h"

#include <gtest/gtest.h>

#include <thread>

#include "graph/templates/prompt_sketch.h"

namespace ringgraph::templates {
namespace {

// Two templates over made-up shingle values (one nested in the other):
//   zero-shot  K0 = {10, 20, 30}                 ("Question:", "Answer:", ...)
//   few-shot   K1 = {10, 20, 30, 40, 50, 60}     (the same, plus its example block)
// 10, 20 and 30 are in both, so each weighs 1/2; 40, 50 and 60 weigh 1.
TemplateDictionary Nested() {
  TemplateDictionary dictionary;
  EXPECT_TRUE(dictionary.Add({/*id=*/100, {10, 20, 30}, /*prompts=*/9, /*accounts=*/4}));
  EXPECT_TRUE(dictionary.Add({/*id=*/200, {10, 20, 30, 40, 50, 60}, 5, 3}));
  return dictionary;
}

TEST(TemplateDictionaryTest, MatchPicksTheMoreSpecificTemplate) {
  const TemplateDictionary dictionary = Nested();
  // Holds all of both: the few-shot template covers more weight.
  EXPECT_EQ(dictionary.Match(std::vector<std::uint32_t>{10, 20, 30, 40, 50, 60, 900}), 200u);
  // A lightly edited few-shot prompt (60 missing) still goes to the few-shot template.
  EXPECT_EQ(dictionary.Match(std::vector<std::uint32_t>{10, 20, 30, 40, 50, 900}), 200u);
  // Only the zero-shot text: containment in K1 is 1.5 / 4.5, below 0.5.
  EXPECT_EQ(dictionary.Match(std::vector<std::uint32_t>{10, 20, 30, 700, 800}), 100u);
  const TemplateMatch m = dictionary.BestMatch(std::vector<std::uint32_t>{10, 20, 30, 700});
  EXPECT_EQ(m.index, 0);
  EXPECT_NEAR(m.containment, 1.0, 1e-12);
  // Too little of either, or nothing.
  EXPECT_EQ(dictionary.Match(std::vector<std::uint32_t>{10, 700, 800}), std::nullopt);
  EXPECT_EQ(dictionary.Match(std::vector<std::uint32_t>{}), std::nullopt);
}

TEST(TemplateDictionaryTest, OnlyObservableValuesCount) {
  TemplateDictionary dictionary(DictionaryOptions{/*max_shingles=*/4});
  ASSERT_TRUE(dictionary.Add({/*id=*/1, {10, 20, 30, 40, 5000, 6000}, 3, 3}));
  // A full sketch (4 values) observes values up to 41: 10..40 are all held.
  EXPECT_EQ(dictionary.Match(std::vector<std::uint32_t>{10, 20, 30, 41}), 1u);
  // A sketch that was not cut observes everything: 4 of 6 is still >= 0.5, 2 of 6 is not.
  EXPECT_EQ(dictionary.Match(std::vector<std::uint32_t>{10, 20, 30}), 1u);
  EXPECT_EQ(dictionary.Match(std::vector<std::uint32_t>{10, 20}), std::nullopt);
}

TEST(TemplateDictionaryTest, RefusesDuplicateIdsAndBadSkeletons) {
  TemplateDictionary dictionary = Nested();
  EXPECT_FALSE(dictionary.Add({/*id=*/100, {7, 8, 9}, 3, 3}));
  EXPECT_FALSE(dictionary.Add({/*id=*/300, {}, 3, 3}));
  EXPECT_FALSE(dictionary.Add({/*id=*/301, {9, 8}, 3, 3}));
  EXPECT_EQ(dictionary.size(), 2u);
  EXPECT_EQ(TemplateDictionary::IdText(0xabc), "t4-0000000000000abc");
}

// A zero-shot template of three values and a longer one of ten (values 10, 20, .., 100).
TemplateDictionary ShortAndLong() {
  TemplateDictionary dictionary;
  EXPECT_TRUE(dictionary.Add({/*id=*/100, {10, 20, 30}, 9, 4}));
  EXPECT_TRUE(dictionary.Add({/*id=*/200, {10, 20, 30, 40, 50, 60, 70, 80, 90, 100}, 5, 3}));
  return dictionary;
}

TEST(TemplateDictionaryTest, ATemplateMinedAgainKeepsTheIdItWasFirstLearnedWith) {
  TemplateDictionary dictionary = ShortAndLong();
  const std::vector<LearnedTemplate> run = {
      // The long template mined again under another id: the same skeleton.
      {/*id=*/201, {10, 20, 30, 40, 50, 60, 70, 80, 90, 100}, 4, 2},
      // ...and again with one token changed (100 out, 101 and 102 in): within max_edit.
      {/*id=*/202, {10, 20, 30, 40, 50, 60, 70, 80, 90, 101, 102}, 4, 2},
      // Its own template, sharing the three short labels and a line of the long one.
      {/*id=*/300, {10, 20, 30, 40, 71, 72, 73}, 4, 2},
      // The short template plus three values: few values in common, so not an edit of it.
      {/*id=*/400, {10, 20, 30, 41, 42, 43}, 4, 2},
      // Bad skeleton; an id the dictionary holds with a skeleton of its own.
      {/*id=*/500, {9, 8}, 4, 2},
      {/*id=*/100, {80, 81, 82, 83, 84}, 4, 2},
  };
  using Learned = TemplateDictionary::Learned;
  EXPECT_EQ(dictionary.Learn(run, /*max_edit=*/3),
            (std::vector<Learned>{Learned::kHeld, Learned::kHeld, Learned::kAdded, Learned::kAdded,
                                  Learned::kRejected, Learned::kRejected}));
  ASSERT_EQ(dictionary.size(), 4u);
  EXPECT_EQ(dictionary.templates()[2].id, 300u);
  EXPECT_EQ(dictionary.templates()[3].id, 400u);
  // The held skeleton took the values it lacked (101 and 102), and prompts of either form of
  // the long template get its first id.
  EXPECT_EQ(dictionary.templates()[1].skeleton,
            (std::vector<std::uint32_t>{10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 101, 102}));
  EXPECT_EQ(
      dictionary.Match(std::vector<std::uint32_t>{10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 900}),
      200u);
  EXPECT_EQ(dictionary.Match(
                std::vector<std::uint32_t>{10, 20, 30, 40, 50, 60, 70, 80, 90, 101, 102, 900}),
            200u);
  // With no edit allowed, only the identical skeleton is held.
  TemplateDictionary strict = ShortAndLong();
  EXPECT_EQ(strict.Learn(std::span(run).first(2), /*max_edit=*/0),
            (std::vector<Learned>{Learned::kHeld, Learned::kAdded}));
}

TEST(TemplateDictionaryTest, RoundTripsThroughBytes) {
  TemplateDictionary dictionary(DictionaryOptions{/*max_shingles=*/128, /*min_containment=*/0.6,
                                                  /*key_id=*/42});
  ASSERT_TRUE(dictionary.Add({/*id=*/100, {10, 20, 30}, 9, 4}));
  ASSERT_TRUE(dictionary.Add({/*id=*/200, {10, 20, 30, 40, 50, 60}, 5, 3}));
  const std::string bytes = dictionary.Serialize();
  auto loaded = TemplateDictionary::Deserialize(bytes);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->size(), 2u);
  EXPECT_EQ(loaded->templates()[1].skeleton, (std::vector<std::uint32_t>{10, 20, 30, 40, 50, 60}));
  EXPECT_EQ(loaded->templates()[0].prompts, 9u);
  EXPECT_EQ(loaded->templates()[0].accounts, 4u);
  EXPECT_EQ(loaded->key_id(), 42u);
  EXPECT_EQ(loaded->options().max_shingles, 128u);
  EXPECT_EQ(loaded->options().min_containment, 0.6);
  EXPECT_EQ(loaded->Serialize(), bytes);
  EXPECT_EQ(loaded->Match(std::vector<std::uint32_t>{10, 20, 30, 40, 50, 60}), 200u);
  // An empty dictionary round-trips too.
  EXPECT_TRUE(TemplateDictionary::Deserialize(TemplateDictionary().Serialize()).ok());
}

// The byte format is pinned: a change here breaks every stored dictionary and must come with a
// new format version. (tests/fuzz/corpus/template_fingerprint/dictionary holds the same bytes.)
TEST(TemplateDictionaryTest, WritesThePinnedByteFormat) {
  TemplateDictionary dictionary;
  ASSERT_TRUE(dictionary.Add({/*id=*/0x1234, {10, 20, 30}, /*prompts=*/9, /*accounts=*/4}));
  ASSERT_TRUE(dictionary.Add({/*id=*/0x5678, {10, 20, 30, 40, 50, 60}, 5, 3}));
  const std::string hex =
      "524754340100000000010000000000000000e03f00000000000000000200000000000000"
      "34120000000000000900000004000000030000000a000000140000001e00000078560000"
      "000000000500000003000000060000000a000000140000001e0000002800000032000000"
      "3c00000030d6c15165468df8";
  std::string bytes;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  EXPECT_EQ(dictionary.Serialize(), bytes);
  EXPECT_TRUE(TemplateDictionary::Deserialize(bytes).ok());
}

TEST(TemplateDictionaryTest, RejectsCorruptBytes) {
  const std::string bytes = Nested().Serialize();
  auto code = [](std::string_view b) { return TemplateDictionary::Deserialize(b).status().code(); };
  for (std::size_t at : {std::size_t{0}, std::size_t{5}, std::size_t{30}, bytes.size() - 1}) {
    std::string flipped = bytes;
    flipped[at] ^= 0x10;
    EXPECT_EQ(code(flipped), Status::Code::kCorruption) << "byte " << at;
  }
  for (std::size_t keep : {std::size_t{0}, std::size_t{3}, std::size_t{40}, bytes.size() - 1}) {
    EXPECT_EQ(code(bytes.substr(0, keep)), Status::Code::kCorruption) << "kept " << keep;
  }
  EXPECT_EQ(code(bytes + "x"), Status::Code::kCorruption);
}

TEST(TemplateDictionaryTest, MatchesFromManyThreads) {
  const TemplateDictionary dictionary = Nested();  // the index is built by the first Match
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&dictionary, &wrong, t] {
      for (int i = 0; i < 2000; ++i) {
        const bool few_shot = (i + t) % 2 == 0;
        const std::vector<std::uint32_t> sketch =
            few_shot ? std::vector<std::uint32_t>{10, 20, 30, 40, 50}
                     : std::vector<std::uint32_t>{10, 20, 30, 99};
        wrong[t] += dictionary.Match(sketch) != (few_shot ? 200u : 100u);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int w : wrong) EXPECT_EQ(w, 0);
}

}  // namespace
}  // namespace ringgraph::templates
