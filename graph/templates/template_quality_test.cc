// Pairwise precision and recall of corpus-learned template ids (corpus_templates.h).
//   Tuning sets (the thresholds were chosen on these): the labelled test corpus (test_corpus.h)
//   and the population generator's prompt corpus (prompt_corpus.h).
//   Held out (measured, never tuned on): the real public formats (format_corpus.h with
//   testdata/real_formats.txt).
// Set RINGGRAPH_TEMPLATE_DIAG=1 to print, per family, how its prompts were split.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
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

struct Measured {
  PairwiseScore score;
  std::size_t templates = 0;
};

Measured Measure(const char* what, const std::vector<LabelledPrompt>& corpus,
                 const std::function<std::string(std::int32_t)>& family_name = nullptr) {
  std::vector<std::string_view> texts;
  std::vector<std::int32_t> families;
  for (const LabelledPrompt& p : corpus) {
    texts.push_back(p.text);
    families.push_back(p.family);
  }
  std::vector<std::string> ids;
  TemplateDictionary learned;
  const Status status =
      AssignCorpusTemplates(texts, {}, kPublicSketchKey, CorpusTemplateOptions{}, &ids, &learned);
  EXPECT_TRUE(status.ok()) << status.ToString();
  Measured m;
  m.score = ScorePairs(families, ids);
  m.templates = learned.size();
  std::printf("%s: precision %.4f recall %.4f (%llu predicted, %llu true pairs, %zu templates)\n",
              what, m.score.precision, m.score.recall,
              static_cast<unsigned long long>(m.score.predicted_pairs),
              static_cast<unsigned long long>(m.score.true_pairs), m.templates);
  if (std::getenv("RINGGRAPH_TEMPLATE_DIAG") != nullptr) {
    std::map<std::int32_t, std::map<std::string, int>> by_family;
    std::map<std::string, std::map<std::int32_t, int>> by_id;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      ++by_family[families[i]][ids[i]];
      if (!ids[i].empty()) ++by_id[ids[i]][families[i]];
    }
    for (const auto& [family, counts] : by_family) {
      if (family == kFreeText) continue;
      int total = 0, top = 0;
      for (const auto& [id, n] : counts) {
        total += n;
        if (!id.empty()) top = std::max(top, n);
      }
      const int none = counts.count("") ? counts.at("") : 0;
      if (top == total) continue;
      std::printf("  family %4d %-28s n=%d top %.2f none %.2f ids %zu\n", family,
                  family_name ? family_name(family).c_str() : "", total,
                  static_cast<double>(top) / total, static_cast<double>(none) / total,
                  counts.size() - (none ? 1 : 0));
    }
    for (const auto& [id, counts] : by_id) {
      if (counts.size() < 2 && !counts.count(kFreeText)) continue;
      std::printf("  id %s:", id.c_str());
      for (const auto& [family, n] : counts) {
        std::printf(" %s=%d", family == kFreeText ? "free" :
                    (family_name ? family_name(family) : std::to_string(family)).c_str(), n);
      }
      std::printf("\n");
    }
  }
  return m;
}

std::vector<LabelledPrompt> PopulationPromptCorpus() {
  PromptCorpus corpus(/*seed=*/11);
  std::mt19937_64 rng(5);
  std::vector<LabelledPrompt> labelled;
  for (int family = 0; family < 40; ++family) {
    auto style = family % 2 ? PromptCorpus::Style::kCompanyTool : PromptCorpus::Style::kExtraction;
    for (int k = 0; k < 15; ++k) labelled.push_back({corpus.FromTemplate(style, family, rng), family});
  }
  for (int k = 0; k < 300; ++k) labelled.push_back({corpus.FreeText(rng), kFreeText});
  return labelled;
}

TEST(TemplateQualityTest, TestCorpusMeetsTheBars) {
  TestCorpus generator{TestCorpusOptions{}};
  Measured m = Measure("test corpus", generator.Generate(), [&](std::int32_t f) {
    return generator.LayoutName(static_cast<std::uint32_t>(f));
  });
  EXPECT_GE(m.score.precision, 0.95);
  EXPECT_GE(m.score.recall, 0.9);
}

TEST(TemplateQualityTest, PopulationPromptCorpusMeetsTheBars) {
  Measured m = Measure("population prompt corpus", PopulationPromptCorpus());
  EXPECT_GE(m.score.precision, 0.95);
  EXPECT_GE(m.score.recall, 0.9);
}

TEST(TemplateQualityTest, RealFormatsHeldOut) {
  auto formats = LoadPromptFormats(std::string(RINGGRAPH_SOURCE_DIR) +
                                   "/graph/templates/testdata/real_formats.txt");
  ASSERT_TRUE(formats.ok()) << formats.status().ToString();
  FormatCorpus corpus(*formats);
  Measured m = Measure("real formats (held out)", corpus.Generate(), [&](std::int32_t f) {
    return corpus.format(static_cast<std::uint32_t>(f)).name;
  });
  EXPECT_GE(m.score.precision, 0.9);
  EXPECT_GE(m.score.recall, 0.8);
}

}  // namespace
}  // namespace ringgraph::templates
