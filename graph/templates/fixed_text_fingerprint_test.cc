// The default template fingerprint: what it keeps of a prompt, its ids, and its pairwise accuracy
// on the labelled test corpus (test_corpus.h) at the default settings and with masking off, and
// on the population generator's prompt corpus (prompt_corpus.h).
#include "graph/templates/fixed_text_fingerprint.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <random>

#include "graph/templates/pairwise_score.h"
#include "graph/templates/prompt_corpus.h"
#include "graph/templates/test_corpus.h"

namespace ringgraph::templates {
namespace {

using Words = std::vector<std::string>;

TEST(FixedTextFingerprintTest, DropsTheFillingAndMasksSlots) {
  FixedTextFingerprinter fp;
  // Instruction line, long filling line, closing line: the filling goes, both ends stay.
  EXPECT_EQ(fp.FixedWords("Solve the problem below carefully.\n"
                          "A train leaves the station at noon and travels east for many hours "
                          "until it meets another train coming the other way.\n"
                          "Show every step."),
            (Words{"solve", "problem", "carefully", "show", "every", "step"}));
  // Filling first: only the closing instruction is fixed.
  EXPECT_EQ(fp.FixedWords("The mitochondria is the powerhouse of the cell and makes energy for "
                          "everything it does.\n\nExplain the above like a teacher."),
            (Words{"explain", "like", "teacher"}));
  // A colon ends the instruction on a one-line prompt.
  EXPECT_EQ(fp.FixedWords("Translate into French: the cat sat on the mat and then went to sleep"),
            (Words{"translate", "french"}));
  // Numbers, ids, e-mail, URLs, quotes, code, options and names are slots; so is the value of
  // a "Label: value" field after the first line.
  EXPECT_EQ(fp.FixedWords("Ticket 4821 from bob@corp.example (Ann Lee) about ab12cd34: grade "
                          "\"some quoted insert\" now\n"
                          "my printer prints every page twice and then jams, and the display "
                          "shows nothing at all, even after I switch it off and on again\n"
                          "A) first option\n(B) second option\n"
                          "Reference answer: forty two apples\n"
                          "```\ncode here\n```\n"
                          "See https://x.example/a?b=1 for details, Final score"),
            (Words{"ticket", "grade", "reference", "answer", "see", "details", "final", "score"}));
  // A greeting and a changed case or punctuation leave the id as it was.
  EXPECT_EQ(fp.Fingerprint("Hi! Rewrite the paragraph below formally.\nwe was going to the shop "
                           "yesterday but it were closed so we gone home again sadly\n"
                           "Keep it short."),
            fp.Fingerprint("Rewrite the paragraph below formally!\nmy cat does not likes the "
                           "rain and it hide under a bed all of the day long\nkeep it Short."));
}

TEST(FixedTextFingerprintTest, IdsArePureFunctionsOfTextAndSettings) {
  FixedTextFingerprinter fp;
  const std::string prompt = "Grade the essay below against the rubric.\n" +
                             std::string(200, 'x') + "\nScore each criterion from 1 to 10.";
  // Pinned: a change here changes every stored template id, and must be deliberate (README).
  EXPECT_EQ(fp.Fingerprint(prompt), "t3-a3fc02254204c86d");
  std::vector<std::string_view> batch(300, prompt);
  std::vector<std::string> ids;
  fp.FingerprintBatch(batch, &ids);
  for (const std::string& id : ids) EXPECT_EQ(id, fp.Fingerprint(prompt));
  FixedTextOptions other;
  other.sketch_tokens = 3;
  EXPECT_NE(FixedTextFingerprinter(other).Fingerprint(prompt), fp.Fingerprint(prompt));
  // Free text is one unit, all filling: no template.
  EXPECT_EQ(fp.Fingerprint("my cat does not like the rain and hides under the bed all day"), "");
  EXPECT_EQ(fp.Fingerprint(""), "");
}

struct Measured {
  PairwiseScore score;
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> by_layout;  // found, true pairs
};

// Fingerprints every prompt of `corpus` and scores the ids; `layout` names a family's layout.
template <typename Fingerprinter, typename LayoutOf>
Measured Measure(const Fingerprinter& fp, const std::vector<LabelledPrompt>& corpus,
                 LayoutOf layout) {
  std::vector<std::string_view> texts;
  std::vector<std::int32_t> families;
  for (const LabelledPrompt& p : corpus) {
    texts.push_back(p.text);
    families.push_back(p.family);
  }
  std::vector<std::string> ids;
  fp.FingerprintBatch(texts, &ids);
  Measured m;
  m.score = ScorePairs(families, ids);
  std::map<std::int32_t, std::map<std::string, std::uint64_t>> ids_of;  // family -> id -> count
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (families[i] != kFreeText) ++ids_of[families[i]][ids[i]];
  }
  for (const auto& [family, counts] : ids_of) {
    std::uint64_t size = 0, found = 0;
    for (const auto& [id, count] : counts) {
      size += count;
      if (!id.empty()) found += count * (count - 1) / 2;
    }
    auto& slot = m.by_layout[layout(family)];
    slot.first += found;
    slot.second += size * (size - 1) / 2;
  }
  return m;
}

void Print(const char* what, const Measured& m) {
  std::printf("%s: precision %.4f recall %.4f (%llu predicted, %llu true pairs)\n", what,
              m.score.precision, m.score.recall,
              static_cast<unsigned long long>(m.score.predicted_pairs),
              static_cast<unsigned long long>(m.score.true_pairs));
  for (const auto& [layout, counts] : m.by_layout) {
    std::printf("    %-14s recall %.3f\n", layout.c_str(),
                counts.second ? static_cast<double>(counts.first) / counts.second : 1.0);
  }
}

const std::vector<LabelledPrompt>& DefaultCorpus() {
  static const std::vector<LabelledPrompt> corpus = TestCorpus(TestCorpusOptions{}).Generate();
  return corpus;
}

auto TestLayout() {
  return [generator = std::make_shared<TestCorpus>(TestCorpusOptions{})](std::int32_t family) {
    return generator->LayoutName(static_cast<std::uint32_t>(family));
  };
}

// The bar, at the default settings: pairwise precision >= 0.95 and recall >= 0.9.
TEST(FixedTextFingerprintTest, MeetsPrecisionAndRecallBarsAtDefaults) {
  Measured fixed = Measure(FixedTextFingerprinter(), DefaultCorpus(), TestLayout());
  Print("fixed text, defaults", fixed);
  EXPECT_GE(fixed.score.precision, 0.95);
  EXPECT_GE(fixed.score.recall, 0.9);
}

// The same measure must be able to fail: without slot masking, numbers, ids, names, quoted
// inserts, code and field values stay in the fixed text, and the bar is not met.
TEST(FixedTextFingerprintTest, FallsBelowTheBarWithMaskingOff) {
  FixedTextOptions unmasked;
  unmasked.mask_slots = false;
  Measured m = Measure(FixedTextFingerprinter(unmasked), DefaultCorpus(), TestLayout());
  Print("fixed text, masking off", m);
  EXPECT_TRUE(m.score.precision < 0.95 || m.score.recall < 0.9);
}

// Also without dropping the filling: its words swamp the sketch.
TEST(FixedTextFingerprintTest, FallsBelowTheBarWithoutDroppingTheFilling) {
  FixedTextOptions keep_filling;
  keep_filling.drop_filling = false;
  Measured m = Measure(FixedTextFingerprinter(keep_filling), DefaultCorpus(), TestLayout());
  Print("fixed text, filling kept", m);
  EXPECT_TRUE(m.score.precision < 0.95 || m.score.recall < 0.9);
}

// An independent check on another generator: the prompts the population generator writes
// (prompt_corpus.h). Its families share long stock openers and closers and differ only in a
// 30-80 byte phrase, so near-duplicate families must stay apart.
TEST(FixedTextFingerprintTest, SeparatesFamiliesOfThePopulationPromptCorpus) {
  PromptCorpus corpus(/*seed=*/11);
  std::mt19937_64 rng(5);
  std::vector<LabelledPrompt> labelled;
  for (int family = 0; family < 40; ++family) {
    auto style = family % 2 ? PromptCorpus::Style::kCompanyTool : PromptCorpus::Style::kExtraction;
    for (int k = 0; k < 15; ++k) labelled.push_back({corpus.FromTemplate(style, family, rng), family});
  }
  for (int k = 0; k < 300; ++k) labelled.push_back({corpus.FreeText(rng), kFreeText});
  auto style = [](std::int32_t family) { return std::string(family % 2 ? "company" : "extraction"); };
  Measured fixed = Measure(FixedTextFingerprinter(), labelled, style);
  Print("population corpus, fixed text", fixed);
  EXPECT_GE(fixed.score.precision, 0.95);
  EXPECT_GE(fixed.score.recall, 0.9);
}

}  // namespace
}  // namespace ringgraph::templates
