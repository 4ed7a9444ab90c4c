// Fixed-text fingerprints of sampled prompts: stateless, one prompt at a time. Ingest uses it
// until it is rewired to the corpus-learned templates (corpus_templates.h), which replace it;
// `ringctl templates --method fixed` keeps it for comparison. It replaced a first-line anchor,
// which missed every template whose first line holds filling.
//
// A template is fixed text wrapped around slots, and one slot — the filling — is long: a whole
// problem statement or a pasted response, usually longer than any piece of fixed text. So the
// fingerprint removes the slots and the filling and sketches what is left:
//   1. Mask the slots (with mask_slots on): fenced code, double-quoted inserts, enumerated option
//      lines ("A) ...", "b. ...", "(C) ..."), URLs, e-mail addresses, any word with a digit
//      (numbers, dates, ids, hashes), runs of two or more capitalised words (names), and the
//      value of a "Label: value" field on any line after the first (a label is one to three
//      words; the first line is the instruction, so its colon is left alone).
//   2. Cut the prompt into units: lines, split further after a colon ("Translate this: ...")
//      and around block slots (code, quotes, options, field values). The unit with the most raw
//      bytes is the filling and is dropped, whole. If the filling was a slot, dropping it is a
//      no-op; if it is prose, its words leave the fingerprint.
//   3. The remaining words, lower-cased, minus English function words and courtesies ("the",
//      "please", "hi"), form a set. Its bottom-k sketch (the k smallest FNV-1a hashes) is hashed
//      into the id, so a word dropped, repeated or re-cased, a greeting added or punctuation
//      changed rarely changes it. Fewer than `min_tokens` words left: no template ("").
// Ids are "t3-" and 16 hex digits: a pure function of the text and these options (documented
// in the README), so the same template gets the same id on any day, in any batch, and on any
// deployment with the same settings. No state is kept.
//
// Known limits: a one-line prompt whose filling runs straight on from the fixed words with no
// colon ("Write a short poem about autumn") is a single unit and gets no template; a filling
// split across several lines leaves its shorter lines in the fingerprint (a different id per
// prompt: recall falls, precision holds).
//
// Thread safety: immutable; every method may run on many threads at once.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ringgraph::templates {

struct FixedTextOptions {
  std::uint32_t max_prompt_bytes = 16384;  // bytes read from a prompt; the rest is ignored
  std::uint32_t sketch_tokens = 6;         // k of the bottom-k sketch (README: why 6)
  std::uint32_t min_tokens = 3;            // fewer fixed words left: no template
  bool mask_slots = true;                  // step 1; off only to show what masking buys
  bool drop_filling = true;                // step 2's drop; off only for diagnosis
};

class FixedTextFingerprinter {
 public:
  explicit FixedTextFingerprinter(FixedTextOptions options = {}) : options_(options) {}

  const FixedTextOptions& options() const { return options_; }

  // The fixed words the id is sketched from, in text order (with repeats), for tests and
  // diagnosis, e.g. "Summarize ticket 12 for Ann Lee:\nthe printer is on fire" ->
  // {"summarize", "ticket"}.
  std::vector<std::string> FixedWords(std::string_view prompt) const;
  // The template id ("t3-" + 16 hex), or "" when too few fixed words are left.
  std::string Fingerprint(std::string_view prompt) const;
  // Fingerprints a batch in parallel (TBB); ids[i] belongs to prompts[i].
  void FingerprintBatch(std::span<const std::string_view> prompts,
                        std::vector<std::string>* ids) const;

 private:
  struct Word {
    std::uint32_t begin = 0;
    std::uint32_t size = 0;
    std::uint32_t unit = 0;
    std::uint64_t hash = 0;  // FNV-1a of the lower-cased word
  };
  // Appends the prompt's fixed words (steps 1 and 2) to *words.
  void CollectFixedWords(std::string_view prompt, std::vector<Word>* words) const;

  FixedTextOptions options_;
};

}  // namespace ringgraph::templates
