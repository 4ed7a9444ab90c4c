// Masking, structural tokens, shingle classes, keying and the bottom-k bound of prompt sketches.
#include "graph/templates/prompt_sketch.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace ringgraph::templates {
namespace {

using Tokens = std::vector<std::string>;

std::vector<std::uint32_t> SketchOf(const PromptSketcher& sketcher, std::string_view prompt) {
  std::vector<std::uint32_t> sketch;
  sketcher.Sketch(prompt, &sketch);
  return sketch;
}

// The value of the shingle whose tokens are `text` (line breaks shown as "\n"), or 0.
std::uint32_t ShingleValue(const PromptSketcher& sketcher, std::string_view prompt,
                           std::string_view text) {
  for (const auto& [value, shingle] : sketcher.ShingleTexts(prompt)) {
    if (shingle == text) return value;
  }
  return 0;
}

TEST(PromptSketchTest, MasksVariableSlots) {
  const PromptSketcher sketcher(kPublicSketchKey);
  EXPECT_EQ(
      sketcher.MaskedTokens("Ticket 4821 see https://x.example/a?b=1 and \"quoted, insert\" mail "
                            "bob@corp.example token ab12cd34ef56 pi is 3.14 on 2024-05-01 `x` ok"),
      (Tokens{"^", "ticket", "<num>", "see", "<url>", "and", "<q>", "mail", "<email>", "token",
              "<tok>", "pi", "is", "<num>", "on", "<num>", "<code>", "ok", "$"}));
  // Option lines and fenced code are one slot each; a run of options is one slot.
  EXPECT_EQ(sketcher.MaskedTokens("Pick one\nA) red\nB) green\n(C) blue\n```\nx = 1\n```\nDone"),
            (Tokens{"^", "pick", "one", "\n", "<opt>", "\n", "<code>", "\n", "done", "$"}));
}

TEST(PromptSketchTest, JsonObjectsAndArraysAreOneSlot) {
  const PromptSketcher sketcher(kPublicSketchKey);
  EXPECT_EQ(sketcher.MaskedTokens("Fix {\"id\": 7, \"tags\": [\"a\", \"b}\"], \"o\": {\"k\": "
                                  "null}} and [1, 2, {\"x\": \"y\"}] now"),
            (Tokens{"^", "fix", "<json>", "and", "<json>", "now", "$"}));
  // Code and bracketed prose are not JSON: their words stay.
  EXPECT_EQ(sketcher.MaskedTokens("if (x) { return y; } [sic]"),
            (Tokens{"^", "if", "x", "return", "y", "sic", "$"}));
}

TEST(PromptSketchTest, LineBreaksAndLabelColonsAreTokens) {
  const PromptSketcher sketcher(kPublicSketchKey);
  EXPECT_EQ(sketcher.MaskedTokens("Q: why is the sky blue?\nA:"),
            (Tokens{"^", "q", ":", "why", "is", "the", "sky", "blue", "\n", "a", ":", "$"}));
  // Runs of line breaks are one; leading and trailing ones are dropped; a colon inside a word
  // ("a:b", a time) is no token.
  EXPECT_EQ(sketcher.MaskedTokens("\n\n### Instruction:\nSay hi at 10:30 to a:b\n\n\n"
                                  "### Response:\n\n"),
            (Tokens{"^", "instruction", ":", "\n", "say", "hi", "at", "<num>", "to", "a", "b", "\n",
                    "response", ":", "$"}));
  // A full-width colon (CJK) is a colon even without a following space.
  EXPECT_EQ(sketcher.MaskedTokens("问题：你好"), (Tokens{"^", "问", "题", ":", "你", "好", "$"}));
}

TEST(PromptSketchTest, ScriptsWithSpacesBetweenWordsKeepTheirWordsWhole) {
  const PromptSketcher sketcher(kPublicSketchKey);
  // Devanagari letters and vowel signs are three-byte code points; the danda ends a sentence.
  EXPECT_EQ(sketcher.MaskedTokens("पेड़ हैं। क्या"), (Tokens{"^", "पेड़", "हैं", "क्या", "$"}));
  // Vietnamese: letters with two diacritics are three-byte and lower-case like the others.
  EXPECT_EQ(sketcher.MaskedTokens("ViỆt Nam Ở"), (Tokens{"^", "việt", "nam", "ở", "$"}));
  // Scripts without spaces still shingle letter by letter.
  EXPECT_EQ(sketcher.MaskedTokens("สวั"), (Tokens{"^", "ส", "ว", "ั", "$"}));
  // A long word is masked by its letters, not its bytes: 14 Cyrillic letters are a word.
  EXPECT_EQ(sketcher.MaskedTokens("преподавателей"), (Tokens{"^", "преподавателей", "$"}));
}

TEST(PromptSketchTest, ShortFormatsHaveFixedShingles) {
  const PromptSketcher sketcher(kPublicSketchKey);
  // "Summarize: {q}": the label shingle is fixed whatever the filling.
  const std::string a = "Summarize: the meeting moved to Tuesday because the room was booked";
  const std::string b = "Summarize: quarterly revenue rose while costs fell in every region";
  const std::uint32_t label = ShingleValue(sketcher, a, "^ summarize :");
  ASSERT_NE(label, 0u);
  EXPECT_EQ(ShingleClassOf(label), ShingleClass::kLabel);
  const auto sketch_b = SketchOf(sketcher, b);
  EXPECT_TRUE(std::binary_search(sketch_b.begin(), sketch_b.end(), label));
  // A shingle that reaches past the colon into the filling is only layout.
  EXPECT_EQ(ShingleClassOf(ShingleValue(sketcher, a, "summarize : the")), ShingleClass::kLayout);
  // "Q: {q}\nA:" has three fixed shingles, two of them labels.
  const std::string qa = "Q: how far is the moon\nA:";
  EXPECT_EQ(ShingleClassOf(ShingleValue(sketcher, qa, "^ q :")), ShingleClass::kLabel);
  EXPECT_EQ(ShingleClassOf(ShingleValue(sketcher, qa, "\\n a :")), ShingleClass::kLabel);
  EXPECT_EQ(ShingleClassOf(ShingleValue(sketcher, qa, "a : $")), ShingleClass::kLabel);
  // A colon after four words in a sentence is no label.
  EXPECT_EQ(ShingleClassOf(ShingleValue(sketcher, "Then he said this: go", "said this :")),
            ShingleClass::kLayout);
}

// A numbered label ("Homework 3:", "Question 12:") is a label: its number is part of it, so the
// shingle is the same in every prompt and of the label class, not a slot. A number before a
// colon in the middle of a line, or after the prompt's last word, is no label.
TEST(PromptSketchTest, NumberedLabelsAreLabels) {
  const PromptSketcher sketcher(kPublicSketchKey);
  const std::string a = "Homework 3: explain in simple words why the sky is blue";
  const std::string b = "Homework 12: explain in simple words how a loan accrues interest";
  const std::uint32_t label = ShingleValue(sketcher, a, "homework <num> :");
  ASSERT_NE(label, 0u);
  EXPECT_EQ(ShingleClassOf(label), ShingleClass::kLabel);
  const auto sketch_b = SketchOf(sketcher, b);
  EXPECT_TRUE(std::binary_search(sketch_b.begin(), sketch_b.end(), label));
  const std::string step = "Solve it.\nStep 1: read the question\nStep 2: write the answer";
  EXPECT_EQ(ShingleClassOf(ShingleValue(sketcher, step, "step <num> :")), ShingleClass::kLabel);
  // The shingles around it keep their classes.
  EXPECT_EQ(ShingleClassOf(ShingleValue(sketcher, a, "^ homework <num>")), ShingleClass::kSlot);
  EXPECT_EQ(ShingleClassOf(ShingleValue(sketcher, a, "<num> : explain")), ShingleClass::kSlot);
  // Mid-line, it is the filling's number.
  EXPECT_EQ(
      ShingleClassOf(ShingleValue(sketcher, "We sold them all by 2024: the end", "by <num> :")),
      ShingleClass::kSlot);
}

TEST(PromptSketchTest, ClassesOrderTheValueSpace) {
  const PromptSketcher sketcher(kPublicSketchKey);
  const std::string prompt = "Answer: the blue house\nnear 42 trees";
  EXPECT_EQ(ShingleClassOf(ShingleValue(sketcher, prompt, "^ answer :")), ShingleClass::kLabel);
  EXPECT_EQ(ShingleClassOf(ShingleValue(sketcher, prompt, "<num> trees $")), ShingleClass::kSlot);
  EXPECT_EQ(ShingleClassOf(ShingleValue(sketcher, prompt, "blue house \\n")),
            ShingleClass::kLayout);
  EXPECT_EQ(ShingleClassOf(ShingleValue(sketcher, prompt, "the blue house")), ShingleClass::kWords);
  EXPECT_LT(ShingleValue(sketcher, prompt, "^ answer :"), kFrameClassBase);
  EXPECT_GE(ShingleValue(sketcher, prompt, "the blue house"), kWordsClassBase);
  EXPECT_TRUE(IsTextShingle(ShingleValue(sketcher, prompt, "the blue house")));
  EXPECT_FALSE(IsTextShingle(ShingleValue(sketcher, prompt, "<num> trees $")));
}

TEST(PromptSketchTest, SlotValuesAndCaseDoNotChangeTheSketch) {
  const PromptSketcher sketcher(kPublicSketchKey);
  EXPECT_EQ(SketchOf(sketcher, "Grade answer 17 of \"x y\" at http://a.example now"),
            SketchOf(sketcher, "GRADE answer 9 of \"long other text\" at www.b.example/q now!"));
  EXPECT_EQ(SketchOf(sketcher, "Переведи ЭТО на Émile"),
            SketchOf(sketcher, "переведи это на émile"));
  EXPECT_NE(SketchOf(sketcher, "Grade answer 17 of the thing now"),
            SketchOf(sketcher, "Grade answer 17 of \"x y\" now"));
}

TEST(PromptSketchTest, HashesAreKeyed) {
  const std::string prompt = "Translate the following text into French: where is the station";
  const PromptSketcher public_key(kPublicSketchKey);
  const PromptSketcher same_key(kPublicSketchKey);
  const PromptSketcher other_key(SketchKey{1, 2});
  const auto a = SketchOf(public_key, prompt);
  EXPECT_EQ(a, SketchOf(same_key, prompt));
  const auto b = SketchOf(other_key, prompt);
  ASSERT_EQ(a.size(), b.size());
  std::vector<std::uint32_t> shared;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(shared));
  EXPECT_TRUE(shared.empty());
  EXPECT_NE(public_key.KeyId(), other_key.KeyId());
  EXPECT_EQ(public_key.KeyId(), same_key.KeyId());

  const std::vector<std::uint8_t> secret(32, 7), other_secret(32, 8);
  const SketchKey derived = SketchKeyFromSecret(secret);
  EXPECT_EQ(derived.k0, SketchKeyFromSecret(secret).k0);
  EXPECT_NE(derived.k0, SketchKeyFromSecret(other_secret).k0);
}

TEST(PromptSketchTest, SketchIsTheBottomKOfItsShingles) {
  std::string prompt = "Explain the passage below.\n";
  for (int i = 0; i < 900; ++i)
    prompt += "w" + std::string(1, 'a' + i % 26) + std::string(1, 'a' + (i / 26) % 26) + " ";
  const PromptSketcher bounded(kPublicSketchKey, SketchOptions{/*max_shingles=*/64});
  const PromptSketcher unbounded(kPublicSketchKey, SketchOptions{/*max_shingles=*/100000});
  const auto full = SketchOf(unbounded, prompt);
  const auto sketch = SketchOf(bounded, prompt);
  ASSERT_GT(full.size(), 64u);
  ASSERT_EQ(sketch.size(), 64u);
  EXPECT_TRUE(std::equal(sketch.begin(), sketch.end(), full.begin()));
  EXPECT_TRUE(std::is_sorted(sketch.begin(), sketch.end()));
  EXPECT_EQ(SketchHorizon(sketch, 64), sketch.back());
  EXPECT_EQ(SketchHorizon(full, 100000), 0xffffffffu);
  // The label and frame shingles are the smallest values, so a cut sketch keeps them.
  EXPECT_LT(sketch.front(), kLayoutClassBase);
}

// Many unbalanced JSON-looking brackets: JSON matching has a per-prompt budget, so this costs
// about its length (without the budget, 16 KiB per bracket: seconds).
TEST(PromptSketchTest, UnbalancedBracketsStayCheap) {
  std::string prompt;
  for (int i = 0; i < 200000; ++i) prompt += "[1 ";
  const PromptSketcher sketcher(kPublicSketchKey);
  const auto sketch = SketchOf(sketcher, prompt);
  EXPECT_FALSE(sketch.empty());
  EXPECT_LE(sketch.size(), 256u);
}

TEST(PromptSketchTest, ShortAndEmptyPromptsStillSketch) {
  const PromptSketcher sketcher(kPublicSketchKey);
  const auto empty = SketchOf(sketcher, "");
  const auto one = SketchOf(sketcher, "hi");
  EXPECT_EQ(empty.size(), 1u);
  EXPECT_EQ(one.size(), 1u);
  EXPECT_NE(empty, one);
  EXPECT_EQ(SketchOf(sketcher, "  \n\t "), empty);
}

}  // namespace
}  // namespace ringgraph::templates
