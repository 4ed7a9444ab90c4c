// A seeded generator of realistic prompt texts: template families with varied fillings, and
// free text. Used by the population generator and by the template-fingerprint accuracy tests.
//
// Words come from a Zipfian vocabulary of pseudo-words (`vocabulary_size`, exponent 1.07) built
// from syllables, so frequent words recur as in real text. A template family is a fixed text
// with slots, determined by (seed, style, family index). A prompt from a family fills every slot
// afresh — long fillings (1x to 3x the fixed text), numbers, enumerated options, quoted inserts,
// code blocks, URLs, pasted responses — and sometimes lightly edits the fixed text (a word
// dropped or repeated). Some prompts contain commas, double quotes and newlines.
//
// Thread safety: immutable after construction; concurrent const use is safe. Randomness comes
// only from the caller's generator.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace ringgraph::templates {

struct PromptCorpusOptions {
  std::uint32_t vocabulary_size = 30000;
  double zipf_exponent = 1.07;
  std::uint32_t families_per_style = 4096;
};

class PromptCorpus {
 public:
  enum class Style { kExtraction, kCompanyTool, kBenchmarkHarness, kPopularPublic };

  explicit PromptCorpus(std::uint64_t seed, PromptCorpusOptions options = {});

  // One prompt from family `family_index` (taken modulo families_per_style) of `style`.
  std::string FromTemplate(Style style, std::uint32_t family_index, std::mt19937_64& rng) const;
  // Unrelated free text written by an honest user.
  std::string FreeText(std::mt19937_64& rng) const;
  // The family's fixed text with slots shown as {slot}; for tests and documentation.
  std::string Skeleton(Style style, std::uint32_t family_index) const;

 private:
  enum class Slot { kFiller, kNumber, kOptions, kQuoted, kCode, kUrl, kResponse, kShort };
  struct Segment {
    std::string text;  // fixed text, or empty for a slot
    Slot slot = Slot::kFiller;
    bool is_slot = false;
  };
  struct Family {
    std::vector<Segment> segments;
    std::size_t fixed_bytes = 0;
  };

  Family MakeFamily(Style style, std::uint32_t index) const;
  std::string Word(std::mt19937_64& rng) const;
  std::string Words(std::mt19937_64& rng, std::size_t min_bytes) const;
  std::string FillSlot(Slot slot, std::size_t fixed_bytes, std::mt19937_64& rng) const;

  std::uint64_t seed_;
  PromptCorpusOptions options_;
  std::vector<std::string> vocabulary_;
  std::vector<double> cumulative_;  // Zipf CDF over vocabulary_
  std::vector<Family> families_;    // built once: style * families_per_style + index
};

}  // namespace ringgraph::templates
