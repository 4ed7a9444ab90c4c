// Masking and shingling of single prompts.
#include "graph/templates/prompt_shingles.h"

#include <gtest/gtest.h>

namespace ringgraph::templates {
namespace {

TEST(PromptShinglesTest, MasksVariableSlots) {
  PromptShingler shingler;
  auto tokens = shingler.MaskedTokens(
      "Ticket 4821: see https://x.example/a?b=1 and \"quoted, insert\"\nA) first option\n"
      "mail bob@corp.example token ab12cd34ef56\n```\ncode\n```\nPi is 3.14, `x` ok");
  std::vector<std::string> expected = {"^",     "ticket", "<num>", "see",   "<url>", "and",
                                       "<q>",   "<opt>",  "mail",  "<email>", "token", "<tok>",
                                       "<code>", "pi",    "is",    "<num>", "<code>", "ok", "$"};
  EXPECT_EQ(tokens, expected);
}

TEST(PromptShinglesTest, WithoutMaskingSlotsAreWords) {
  ShingleOptions options;
  options.mask_slots = false;
  PromptShingler shingler(options);
  std::vector<std::string> expected = {"^", "ticket", "4821", "a", "b", "$"};
  EXPECT_EQ(shingler.MaskedTokens("Ticket 4821 A) B"), expected);
}

TEST(PromptShinglesTest, CurlyQuotesAndUnsegmentedScripts) {
  PromptShingler shingler;
  std::vector<std::string> expected = {"^", "say", "<q>", "now", "日", "本", "café", "$"};
  EXPECT_EQ(shingler.MaskedTokens("Say \xe2\x80\x9chello there\xe2\x80\x9d now \xe2\x80\x94 日本 Café"),
            expected);
}

TEST(PromptShinglesTest, SlotValuesDoNotChangeShingles) {
  PromptShingler shingler;
  std::vector<std::uint64_t> a, b, c;
  shingler.Shingles("Grade answer 17 of \"x y\" at http://a.example now", &a);
  shingler.Shingles("GRADE answer 9 of \"long other text\" at www.b.example/q now!", &b);
  shingler.Shingles("Grade answer 17 of the thing now", &c);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_TRUE(std::is_sorted(a.begin(), a.end()));
}

TEST(PromptShinglesTest, ShinglesDependOnTheSeed) {
  ShingleOptions other;
  other.hash_seed = 7;
  std::vector<std::uint64_t> a, b;
  PromptShingler().Shingles("one two three four", &a);
  PromptShingler(other).Shingles("one two three four", &b);
  EXPECT_EQ(a.size(), 4u);  // ^ one two | one two three | two three four | three four $
  EXPECT_NE(a, b);
}

TEST(PromptShinglesTest, ShortAndEmptyPromptsStillShingle) {
  PromptShingler shingler;
  std::vector<std::uint64_t> empty, one;
  shingler.Shingles("", &empty);
  shingler.Shingles("hi", &one);
  EXPECT_EQ(empty.size(), 1u);
  EXPECT_EQ(one.size(), 1u);
  EXPECT_NE(empty, one);
}

}  // namespace
}  // namespace ringgraph::templates
