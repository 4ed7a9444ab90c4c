// A seeded, labelled corpus of prompt texts for measuring template fingerprints (accuracy tests
// and bench_templates). It is written independently of the fingerprinting method: nothing here
// knows how prompts are shingled, masked or clustered.
//
// Words: a Zipfian vocabulary (`vocabulary_size` words, exponent `zipf_exponent`). The most
// frequent ranks are real English function and common words, the rest pseudo-words built from
// syllables, so stop-word n-grams recur across unrelated prompts as in real text. A share of
// word runs are stock phrases ("can you please", "in order to", "step by step") that honest users
// and templates alike write.
//
// Families: each template family is a fixed text with slots, drawn once from (seed, index).
// Layouts differ in where the long filling sits: instruction then filling then format demand;
// filling first then instruction ("explain the above"); numbered problems with enumerated
// options; rubric grading with several fields; pasted responses in quotes; code blocks;
// multi-slot forms with ids, URLs, e-mail addresses and numbers; machine-built records of
// short labelled fields ("Task id: ..., Attempt: 3/5, Date: ..."); benchmark-harness items
// ("Question 12: ... A) ... B) ... Answer:"). Each prompt fills every slot
// afresh; the long filling is 1x to 3x as long as the family's fixed text. With probability
// `edit_probability` a prompt lightly edits the fixed text (a word dropped, repeated or replaced,
// changed case or punctuation, an added greeting).
// Popular families are short public templates ("Translate the following text into French:")
// that many strangers share. Free-text prompts are unrelated honest writing of similar length,
// sometimes with numbers, quotes, URLs or code.
//
// Thread safety: immutable after construction; concurrent const use is safe. Randomness comes
// only from the caller's seed or generator.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ringgraph::templates {

struct TestCorpusOptions {
  std::uint64_t seed = 1;
  std::uint32_t vocabulary_size = 30000;
  double zipf_exponent = 1.0;
  std::uint32_t template_families = 60;  // extraction, company-tool and harness templates
  std::uint32_t popular_families = 6;    // short public templates (at most 12)
  std::uint32_t prompts_per_family = 20;
  std::uint32_t free_text_prompts = 600;
  double edit_probability = 0.3;
};

// One generated prompt and its truth label.
struct LabelledPrompt {
  std::string text;
  // The family the prompt was built from; kFreeText for unrelated free text.
  std::int32_t family = -1;
};

inline constexpr std::int32_t kFreeText = -1;

// A small deterministic generator (SplitMix64); used instead of <random> distributions so the
// corpus is byte-identical across standard libraries.
class CorpusRng {
 public:
  explicit CorpusRng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next();
  // Uniform in [0, n). REQUIRES: n > 0.
  std::uint64_t Below(std::uint64_t n) { return Next() % n; }
  // Uniform in [lo, hi].
  std::uint64_t Between(std::uint64_t lo, std::uint64_t hi) { return lo + Below(hi - lo + 1); }
  double Uniform();  // [0, 1)
  bool Chance(double p) { return Uniform() < p; }

 private:
  std::uint64_t state_;
};

// Shuffles a generated corpus in place (Fisher-Yates with the corpus's own generator), so that
// the order is the same with every standard library.
void ShuffleCorpus(std::vector<LabelledPrompt>& prompts, CorpusRng& rng);

class TestCorpus {
 public:
  explicit TestCorpus(TestCorpusOptions options = {});

  // The whole labelled corpus: prompts_per_family prompts of every family (template families
  // first, then popular ones, numbered 0..), then the free text, shuffled with the seed.
  std::vector<LabelledPrompt> Generate() const;

  std::uint32_t family_count() const { return static_cast<std::uint32_t>(families_.size()); }
  // One prompt of `family` (REQUIRES: family < family_count()).
  std::string FromFamily(std::uint32_t family, CorpusRng& rng) const;
  // One unrelated free-text prompt.
  std::string FreeText(CorpusRng& rng) const;
  // The family's layout: "instruction", "filling-first", "options", "rubric", "quoted",
  // "code", "form", "record", "harness" or "popular".
  std::string LayoutName(std::uint32_t family) const;
  // The family's fixed text with slots shown as {slot}; for tests and debugging.
  std::string Skeleton(std::uint32_t family) const;

 private:
  enum class Slot {
    kFilling,
    kShortFilling,
    kNumber,
    kOptions,
    kQuoted,
    kCode,
    kUrl,
    kEmail,
    kIdToken,
    kName,
    kDate
  };
  struct Segment {
    std::string text;  // fixed text; empty for a slot
    Slot slot = Slot::kFilling;
    bool is_slot = false;
  };
  struct Family {
    std::vector<Segment> segments;
    std::size_t fixed_bytes = 0;
  };

  Family MakeTemplateFamily(std::uint32_t index) const;
  Family MakePopularFamily(std::uint32_t index) const;
  std::string Word(CorpusRng& rng) const;
  // Words (with stock phrases and sentence punctuation) until at least `min_bytes` long.
  std::string Sentences(CorpusRng& rng, std::size_t min_bytes) const;
  std::string FillSlot(Slot slot, std::size_t fixed_bytes, CorpusRng& rng) const;
  std::string EditFixedText(const std::string& text, CorpusRng& rng) const;

  TestCorpusOptions options_;
  std::vector<std::string> vocabulary_;
  std::vector<double> cumulative_;  // Zipf CDF over vocabulary_
  std::vector<Family> families_;
};

}  // namespace ringgraph::templates
