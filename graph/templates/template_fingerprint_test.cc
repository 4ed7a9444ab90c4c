// Accuracy of template fingerprints on the labelled test corpus (test_corpus.h), at the default
// settings and with masking off, plus batching, stability and persistence behaviour.
#include "graph/templates/template_fingerprint.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "graph/templates/prompt_corpus.h"
#include "graph/templates/test_corpus.h"

namespace ringgraph::templates {
namespace {

struct PairwiseScore {
  double precision = 0;
  double recall = 0;
  std::uint64_t predicted_pairs = 0;
  std::uint64_t true_pairs = 0;
};

// Pairwise precision and recall of ids against family labels. A pair is predicted when both
// prompts have the same non-empty id; it is true when both come from the same family (free
// text is its own family of one).
PairwiseScore Score(const std::vector<LabelledPrompt>& corpus, const std::vector<std::string>& ids) {
  std::map<std::string, std::map<std::int32_t, std::uint64_t>> by_id;  // id -> family -> count
  std::map<std::int32_t, std::uint64_t> family_sizes;
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    if (corpus[i].family != kFreeText) ++family_sizes[corpus[i].family];
    if (!ids[i].empty()) ++by_id[ids[i]][corpus[i].family];
  }
  auto pairs = [](std::uint64_t n) { return n * (n - 1) / 2; };
  PairwiseScore score;
  std::uint64_t both = 0;
  for (const auto& [id, families] : by_id) {
    std::uint64_t total = 0;
    for (const auto& [family, count] : families) {
      total += count;
      if (family != kFreeText) both += pairs(count);
    }
    score.predicted_pairs += pairs(total);
  }
  for (const auto& [family, count] : family_sizes) score.true_pairs += pairs(count);
  score.precision = score.predicted_pairs ? static_cast<double>(both) / score.predicted_pairs : 1;
  score.recall = score.true_pairs ? static_cast<double>(both) / score.true_pairs : 1;
  return score;
}

// Fingerprints the corpus in `batches` equal batches, as ingest does.
PairwiseScore Evaluate(const std::vector<LabelledPrompt>& corpus, FingerprintOptions options,
                       std::size_t batches = 1) {
  TemplateFingerprinter fingerprinter(options);
  std::vector<std::string> ids;
  const std::size_t per_batch = (corpus.size() + batches - 1) / batches;
  for (std::size_t begin = 0; begin < corpus.size(); begin += per_batch) {
    std::size_t end = std::min(corpus.size(), begin + per_batch);
    std::vector<std::string_view> texts;
    for (std::size_t i = begin; i < end; ++i) texts.push_back(corpus[i].text);
    std::vector<std::string> batch_ids;
    EXPECT_TRUE(fingerprinter.FingerprintBatch(texts, &batch_ids).ok());
    ids.insert(ids.end(), batch_ids.begin(), batch_ids.end());
  }
  return Score(corpus, ids);
}

const std::vector<LabelledPrompt>& DefaultCorpus() {
  static const std::vector<LabelledPrompt> corpus = TestCorpus(TestCorpusOptions{}).Generate();
  return corpus;
}

TEST(TemplateFingerprintTest, MeetsPrecisionAndRecallBarsAtDefaults) {
  PairwiseScore score = Evaluate(DefaultCorpus(), FingerprintOptions{});
  std::printf("defaults, one batch: precision %.4f recall %.4f (%llu predicted, %llu true pairs)\n",
              score.precision, score.recall,
              static_cast<unsigned long long>(score.predicted_pairs),
              static_cast<unsigned long long>(score.true_pairs));
  EXPECT_GE(score.precision, 0.95);
  EXPECT_GE(score.recall, 0.9);
}

TEST(TemplateFingerprintTest, MeetsBarsWhenLearningAcrossSmallBatches) {
  // Four batches of ~480 prompts: each family has ~5 prompts per batch.
  PairwiseScore score = Evaluate(DefaultCorpus(), FingerprintOptions{}, /*batches=*/4);
  std::printf("defaults, 4 batches: precision %.4f recall %.4f\n", score.precision, score.recall);
  EXPECT_GE(score.precision, 0.95);
  EXPECT_GE(score.recall, 0.9);
}

// Learning by recurrence already drops most slot values (they are rare), so masking matters
// where fixed text is cut into short pieces by slots: machine-built records of labelled fields
// ("Task id: 8f3a..., Attempt: 3/5, Date: ..."). On those, with masking off, no shingle of the
// fixed text survives intact and the template is lost. Both the whole corpus and that slice
// fall below the bar with masking off.
TEST(TemplateFingerprintTest, FallsBelowTheBarWithMaskingOff) {
  FingerprintOptions unmasked;
  unmasked.shingles.mask_slots = false;
  PairwiseScore whole = Evaluate(DefaultCorpus(), unmasked);
  std::printf("masking off, whole corpus: precision %.4f recall %.4f\n", whole.precision,
              whole.recall);
  EXPECT_TRUE(whole.precision < 0.95 || whole.recall < 0.9);

  TestCorpus generator(TestCorpusOptions{});
  std::vector<LabelledPrompt> slot_dense;
  for (const LabelledPrompt& p : DefaultCorpus()) {
    if (p.family == kFreeText || generator.LayoutName(p.family) == "record") slot_dense.push_back(p);
  }
  PairwiseScore masked = Evaluate(slot_dense, FingerprintOptions{});
  PairwiseScore raw = Evaluate(slot_dense, unmasked);
  std::printf("record templates + free text: masking on recall %.4f, off recall %.4f\n",
              masked.recall, raw.recall);
  EXPECT_GE(masked.precision, 0.95);
  EXPECT_GE(masked.recall, 0.9);
  EXPECT_TRUE(raw.precision < 0.95 || raw.recall < 0.9);
}

// The same template learned from two disjoint samples (another day, another deployment with
// the same settings) gets the same id.
TEST(TemplateFingerprintTest, IdsAreStableAcrossIndependentSamples) {
  const std::vector<LabelledPrompt>& corpus = DefaultCorpus();
  std::vector<std::string_view> first, second;
  std::vector<std::int32_t> first_family, second_family;
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    (i % 2 ? second : first).push_back(corpus[i].text);
    (i % 2 ? second_family : first_family).push_back(corpus[i].family);
  }
  TemplateFingerprinter day_one, day_two;
  std::vector<std::string> ids_one, ids_two;
  ASSERT_TRUE(day_one.FingerprintBatch(first, &ids_one).ok());
  ASSERT_TRUE(day_two.FingerprintBatch(second, &ids_two).ok());
  // family -> most common id on each day
  auto majority = [](const std::vector<std::int32_t>& families, const std::vector<std::string>& ids) {
    std::map<std::int32_t, std::map<std::string, int>> votes;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (families[i] != kFreeText && !ids[i].empty()) ++votes[families[i]][ids[i]];
    }
    std::map<std::int32_t, std::string> out;
    for (const auto& [family, counts] : votes) {
      int best = 0;
      for (const auto& [id, n] : counts) {
        if (n > best) best = n, out[family] = id;
      }
    }
    return out;
  };
  std::map<std::int32_t, std::string> one = majority(first_family, ids_one);
  std::map<std::int32_t, std::string> two = majority(second_family, ids_two);
  int same = 0, compared = 0;
  for (const auto& [family, id] : one) {
    if (!two.count(family)) continue;
    ++compared;
    same += two[family] == id;
  }
  std::printf("stable ids: %d of %d families\n", same, compared);
  // Measured: 57 of 64 at ten prompts per family per sample. A skeleton learned from so few
  // prompts can differ by a shingle near the presence threshold, which changes its anchors.
  EXPECT_GE(compared, 60);
  EXPECT_GE(same, compared * 85 / 100);
}

TEST(TemplateFingerprintTest, LoadedDictionaryMatchesWithoutLearning) {
  const std::vector<LabelledPrompt>& corpus = DefaultCorpus();
  std::vector<std::string_view> texts;
  for (const LabelledPrompt& p : corpus) texts.push_back(p.text);
  TemplateFingerprinter learner;
  std::vector<std::string> learned_ids;
  ASSERT_TRUE(learner.FingerprintBatch(texts, &learned_ids).ok());
  ASSERT_GT(learner.template_count(), 0u);

  FingerprintOptions match_only;
  match_only.learn = false;
  TemplateFingerprinter loaded(match_only);
  ASSERT_TRUE(loaded.LoadDictionary(learner.SerializeDictionary()).ok());
  EXPECT_EQ(loaded.template_count(), learner.template_count());
  std::vector<std::string> ids;
  ASSERT_TRUE(loaded.FingerprintBatch(texts, &ids).ok());
  EXPECT_EQ(ids, learned_ids);
  EXPECT_EQ(loaded.Match(corpus[0].text), learned_ids[0]);

  // Bytes built with another hash seed are refused: their shingles would never match.
  FingerprintOptions other_seed;
  other_seed.shingles.hash_seed = 99;
  TemplateFingerprinter other(other_seed);
  EXPECT_EQ(other.LoadDictionary(learner.SerializeDictionary()).code(),
            Status::Code::kInvalidArgument);
}

TEST(TemplateFingerprintTest, FreeTextAloneLearnsNoTemplate) {
  TestCorpus generator(TestCorpusOptions{});
  CorpusRng rng(/*seed=*/4);
  std::vector<std::string> texts;
  for (int i = 0; i < 400; ++i) texts.push_back(generator.FreeText(rng));
  std::vector<std::string_view> views(texts.begin(), texts.end());
  TemplateFingerprinter fingerprinter;
  std::vector<std::string> ids;
  ASSERT_TRUE(fingerprinter.FingerprintBatch(views, &ids).ok());
  EXPECT_EQ(fingerprinter.template_count(), 0u);
  for (const std::string& id : ids) EXPECT_EQ(id, "");
}

// An independent check on another generator: the prompt corpus the population generator uses
// (prompt_corpus.h, written separately from this method). Its families share long stock
// openers and closers and differ only in a 30-80 byte phrase, so families with the same opener
// are near-duplicates; this method falls short of the bars here (measured precision 0.93,
// recall 0.75), and the test holds those floors so a regression shows.
TEST(TemplateFingerprintTest, SeparatesFamiliesOfThePopulationPromptCorpus) {
  PromptCorpus corpus(/*seed=*/11);
  std::mt19937_64 rng(5);
  std::vector<LabelledPrompt> labelled;
  for (int family = 0; family < 40; ++family) {
    auto style = family % 2 ? PromptCorpus::Style::kCompanyTool : PromptCorpus::Style::kExtraction;
    for (int k = 0; k < 15; ++k) labelled.push_back({corpus.FromTemplate(style, family, rng), family});
  }
  for (int k = 0; k < 300; ++k) labelled.push_back({corpus.FreeText(rng), kFreeText});
  PairwiseScore score = Evaluate(labelled, FingerprintOptions{});
  std::printf("population prompt corpus: precision %.4f recall %.4f\n", score.precision,
              score.recall);
  EXPECT_GE(score.precision, 0.9);
  EXPECT_GE(score.recall, 0.7);
}

}  // namespace
}  // namespace ringgraph::templates
