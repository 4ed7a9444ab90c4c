// Pairwise precision and recall of corpus-learned template ids (corpus_templates.h): a pair is
// predicted when two prompts share a non-empty id, true when they come from the same family
// (pairwise_score.h; each free-text prompt is a family of its own).
//
//   Tuning sets (the miner's settings were chosen on these):
//     the labelled test corpus (test_corpus.h)              goal P >= 0.95, R >= 0.9
//     the population generator's prompt corpus (prompt_corpus.h), same goal
//   Held out (measured only; nothing was tuned on it):
//     190 real public formats (format_corpus.h, testdata/real_formats.txt), 30 prompts each,
//     1,500 free texts                                       goal P >= 0.9, R >= 0.8
// The figures in the comments were measured on the commit that added them.
//
// Set RINGGRAPH_TEMPLATE_DIAG=1 to print the families whose prompts were split or missed and the
// ids shared by several families.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "graph/templates/corpus_templates.h"
#include "graph/templates/format_corpus.h"
#include "graph/templates/pairwise_score.h"
#include "graph/templates/prompt_corpus.h"
#include "graph/templates/test_corpus.h"

namespace ringgraph::templates {
namespace {

using FamilyName = std::function<std::string(std::int32_t)>;

std::vector<std::string> Ids(const std::vector<LabelledPrompt>& corpus) {
  std::vector<std::string_view> texts;
  for (const LabelledPrompt& p : corpus) texts.push_back(p.text);
  std::vector<std::string> ids;
  const Status status =
      AssignCorpusTemplates(texts, {}, kPublicSketchKey, CorpusTemplateOptions{}, &ids, nullptr);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return ids;
}

void PrintDiagnosis(const std::vector<LabelledPrompt>& corpus, const std::vector<std::string>& ids,
                    const FamilyName& name) {
  std::map<std::int32_t, std::map<std::string, int>> by_family;
  std::map<std::string, std::map<std::int32_t, int>> by_id;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    ++by_family[corpus[i].family][ids[i]];
    if (!ids[i].empty()) ++by_id[ids[i]][corpus[i].family];
  }
  for (const auto& [family, counts] : by_family) {
    if (family == kFreeText) continue;
    int total = 0, top = 0;
    for (const auto& [id, n] : counts) {
      total += n;
      if (!id.empty()) top = std::max(top, n);
    }
    if (top == total) continue;
    const int none = counts.count("") ? counts.at("") : 0;
    std::printf("  family %4d %-28s n=%d top id %.2f no id %.2f ids %zu\n", family,
                name(family).c_str(), total, static_cast<double>(top) / total,
                static_cast<double>(none) / total, counts.size() - (none ? 1 : 0));
  }
  for (const auto& [id, counts] : by_id) {
    if (counts.size() < 2) continue;
    std::printf("  id %s:", id.c_str());
    for (const auto& [family, n] : counts) {
      std::printf(" %s=%d", family == kFreeText ? "free" : name(family).c_str(), n);
    }
    std::printf("\n");
  }
}

PairwiseScore Measure(const char* what, const std::vector<LabelledPrompt>& corpus,
                      const FamilyName& name) {
  const std::vector<std::string> ids = Ids(corpus);
  std::vector<std::int32_t> families;
  for (const LabelledPrompt& p : corpus) families.push_back(p.family);
  const PairwiseScore score = ScorePairs(families, ids);
  std::printf("%s: precision %.4f recall %.4f (%llu predicted, %llu true pairs)\n", what,
              score.precision, score.recall, static_cast<unsigned long long>(score.predicted_pairs),
              static_cast<unsigned long long>(score.true_pairs));
  if (std::getenv("RINGGRAPH_TEMPLATE_DIAG") != nullptr) PrintDiagnosis(corpus, ids, name);
  return score;
}

// Measured: precision 1.0000, recall 0.9833. What is missed: "Write a short poem about {}" (its
// opener "Write a" also opens free text, leaving three own text shingles and no label: too few
// to tell from a stock phrase) and one prompt of another popular template.
TEST(TemplateQualityTest, TestCorpusMeetsTheBars) {
  const TestCorpus generator{TestCorpusOptions{}};
  const PairwiseScore score = Measure("test corpus", generator.Generate(), [&](std::int32_t f) {
    return generator.LayoutName(static_cast<std::uint32_t>(f));
  });
  EXPECT_GE(score.precision, 0.95);
  EXPECT_GE(score.recall, 0.9);
}

// Families share long stock openers and closers and differ only in a 30-80 byte phrase; each
// own phrase is a block of its own, so they stay apart. Measured: precision 1.0000, recall 1.0000.
TEST(TemplateQualityTest, PopulationPromptCorpusMeetsTheBars) {
  PromptCorpus corpus(/*seed=*/11);
  std::mt19937_64 rng(5);
  std::vector<LabelledPrompt> labelled;
  for (int family = 0; family < 40; ++family) {
    auto style = family % 2 ? PromptCorpus::Style::kCompanyTool : PromptCorpus::Style::kExtraction;
    for (int k = 0; k < 15; ++k)
      labelled.push_back({corpus.FromTemplate(style, family, rng), family});
  }
  for (int k = 0; k < 300; ++k) labelled.push_back({corpus.FreeText(rng), kFreeText});
  const PairwiseScore score = Measure("population prompt corpus", labelled,
                                      [](std::int32_t f) { return std::to_string(f); });
  EXPECT_GE(score.precision, 0.95);
  EXPECT_GE(score.recall, 0.9);
}

// Held out. Measured: precision 0.9045, recall 0.8906. Precision is lost where formats have
// (nearly) the same fixed text (Vicuna / DeepSeek / LLaVA "USER: ... ASSISTANT:", ChatML
// variants, two Human/Assistant variants, two zero-shot chain-of-thought prompts) and where a
// small pool of system prompts — a filling that recurs — is shared by chat formats whose own
// markup is too short to be template text. Recall is lost on formats with too little fixed text
// of their own (translation formats whose slots are language names, "TL;DR" suffixes, plain
// Llama-2 and Mistral chat markup) and on chat formats split by their recurring system prompt.
TEST(TemplateQualityTest, RealFormatsHeldOutMeetTheBars) {
  auto formats = LoadPromptFormats(std::string(RINGGRAPH_SOURCE_DIR) +
                                   "/graph/templates/testdata/real_formats.txt");
  ASSERT_TRUE(formats.ok()) << formats.status().ToString();
  const FormatCorpus corpus(*formats);
  const PairwiseScore score =
      Measure("real formats (held out)", corpus.Generate(),
              [&](std::int32_t f) { return corpus.format(static_cast<std::uint32_t>(f)).name; });
  EXPECT_GE(score.precision, 0.9);
  EXPECT_GE(score.recall, 0.8);
}

// The same families learned from two disjoint halves of the test corpus (another day, another
// sample) get the same ids. Measured: 64 of 65 families.
TEST(TemplateQualityTest, IdsAreStableAcrossIndependentSamples) {
  const std::vector<LabelledPrompt> corpus = TestCorpus(TestCorpusOptions{}).Generate();
  std::vector<LabelledPrompt> halves[2];
  for (std::size_t i = 0; i < corpus.size(); ++i) halves[i % 2].push_back(corpus[i]);
  std::map<std::int32_t, std::string> majority[2];
  for (int h = 0; h < 2; ++h) {
    const std::vector<std::string> ids = Ids(halves[h]);
    std::map<std::int32_t, std::map<std::string, int>> votes;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (halves[h][i].family != kFreeText && !ids[i].empty()) ++votes[halves[h][i].family][ids[i]];
    }
    for (const auto& [family, counts] : votes) {
      int best = 0;
      for (const auto& [id, n] : counts) {
        if (n > best) best = n, majority[h][family] = id;
      }
    }
  }
  int same = 0, compared = 0;
  for (const auto& [family, id] : majority[0]) {
    if (!majority[1].count(family)) continue;
    ++compared;
    same += majority[1][family] == id;
  }
  std::printf("stable ids: %d of %d families\n", same, compared);
  EXPECT_GE(compared, 60);
  EXPECT_GE(same, compared * 9 / 10);
}

TEST(TemplateQualityTest, RejectsBadArguments) {
  const std::vector<std::string_view> texts = {"a", "b"};
  std::vector<std::string> ids;
  EXPECT_EQ(AssignCorpusTemplates(texts, {}, kPublicSketchKey, {}, nullptr, nullptr).code(),
            Status::Code::kInvalidArgument);
  const std::vector<std::uint32_t> one_account = {1};
  EXPECT_EQ(AssignCorpusTemplates(texts, one_account, kPublicSketchKey, {}, &ids, nullptr).code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(ids, (std::vector<std::string>{"", ""}));
  CorpusTemplateOptions zero;
  zero.min_containment = 0;
  EXPECT_EQ(AssignCorpusTemplates(texts, {}, kPublicSketchKey, zero, &ids, nullptr).code(),
            Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace ringgraph::templates
