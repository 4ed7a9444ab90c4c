// Anchor fingerprints of sampled prompts: stateless, one prompt at a time. The former default;
// ingest and `ringctl templates` now use the fixed-text fingerprint (fixed_text_fingerprint.h),
// and this one stays as `ringctl templates --method anchor` for comparison (README).
//
// Templates put their constant instruction first and the filling after a line break, so the
// anchor is the prompt's first line (at most max_anchor_bytes). It is lower-cased, its variable
// slots are masked — numbers, quoted strings, code blocks, URLs, e-mail addresses, long random
// tokens and enumerated options ("A) ...") — and split into word tokens. The template id is
// "t1-" and the hex of a 64-bit hash of the bottom-k sketch (the k smallest FNV-1a hashes) of
// the anchor's distinct tokens. The id is a pure function of the text and the settings: the same
// template gets the same id on any day and on any deployment with the same settings.
// An anchor with fewer than `min_tokens` tokens carries no template ("").
//
// Known limits of this version (measured by templates_test): a light edit that touches one of
// the k sketch tokens changes the id; a template whose filling starts on its first line (short
// popular templates such as "Translate this: ...") gets a different id per prompt, so it never
// links accounts. The fixed-text fingerprint replaced it for these reasons.
//
// Thread safety: immutable; Fingerprint() may run on many threads.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ringgraph::templates {

struct AnchorOptions {
  std::uint32_t max_anchor_bytes = 400;  // the anchor never reaches further than this
  std::uint32_t sketch_tokens = 12;       // k of the bottom-k sketch
  std::uint32_t min_tokens = 6;           // fewer anchor tokens: no template
  bool mask_slots = true;
};

class AnchorFingerprinter {
 public:
  explicit AnchorFingerprinter(AnchorOptions options = {}) : options_(options) {}

  // The masked word tokens of a prompt, e.g. "Ticket 123: fix it" -> {"ticket", "#", "fix", "it"}.
  std::vector<std::string> MaskedTokens(std::string_view prompt) const;
  // The template id ("t1-" + 16 hex), or "" when the prompt is too short to carry one.
  std::string Fingerprint(std::string_view prompt) const;
  // Fingerprints a batch in parallel (TBB); ids[i] belongs to prompts[i].
  void FingerprintBatch(std::span<const std::string_view> prompts,
                        std::vector<std::string>* ids) const;

 private:
  AnchorOptions options_;
};

}  // namespace ringgraph::templates
