// Prompt sketches: the only view of a prompt that the template code keeps. A prompt becomes a
// small set of keyed 32-bit shingle hashes; its text is dropped right after.
//
// Tokens. Words are runs of ASCII letters, digits, '_' and '\'', of two-byte UTF-8 letters
// (Latin, Greek, Cyrillic, Hebrew, Arabic...) and of three-byte letters of scripts that put
// spaces between words (Indic, Georgian, Ethiopic, Vietnamese), lower-cased (ASCII, Latin-1,
// Cyrillic and Vietnamese). Any other code point of three or more bytes (CJK, kana, Thai, emoji)
// is a token of its own, so unsegmented scripts still shingle;
// punctuation blocks (U+2000..U+2FFF, U+3000..U+303F, full-width forms) separate words. Slots —
// the variable parts of a template — are masked first (Drain's idea), each one placeholder token,
// and a run of equal placeholders (also across line breaks) collapses to one:
//   ```fenced code``` and `inline code`          <code>
//   {"json": "objects"} and ["arrays", 1]         <json>  (brackets matched across quotes, colons)
//   "double-quoted" and “curly-quoted” text       <q>     (up to kMaxQuoteBytes, may span lines)
//   http://, https://, www. links                 <url>
//   name@host.tld                                 <email>
//   a line opening "A) ", "b. ", "(C) "           <opt>   (the whole enumerated option line)
//   a word with a digit, shorter than 8           <num>   ("42", "3.14", "2024-05-01", "3rd")
//   a word with a digit, 8+ long; 25+ letters     <tok>   (ids, hashes, keys; characters, not
//                                                          bytes, are counted)
// Two structural tokens give short formats fixed shingles even though punctuation is not a
// token: a line break "\n" (a run of them is one), and ":" for a colon that ends a word or label
// (a colon followed by white space or the end, so "10:30" and "a:b" are not labels). The prompt
// is framed by "^" and "$".
//
// Shingles are 3 consecutive tokens. Each token is hashed with SipHash-2-4 (libsodium
// crypto_shorthash) under the 16-byte SketchKey; a shingle combines its three keyed token hashes
// with a fast multiply-rotate mixer and keeps 32 bits. Why keyed and 32-bit:
//   - without the key no stored value can be tested against a guessed phrase ("does any prompt
//     say 'ignore previous instructions'?"): the token hashes cannot be computed;
//   - 32 bits leave every stored value with very many 3-gram preimages (there are far more than
//     2^32 plausible 3-grams), so the text cannot be rebuilt from a sketch, even by the key holder,
//     beyond confirming guesses one at a time.
//
// Classes. The 32-bit value space is cut into five ranges, from low to high, so the class of a
// shingle is visible in its value (ShingleClassOf) and a bottom-k sample keeps template structure
// first:
//   kLabel   ends with a label colon (or with one and the line break or end after it): a
//            colon after 1-3 words at the start of a line or of the prompt ("^ q :",
//            "\n final answer :"), numbered or not ("question <num> :", a label even with
//            its number slot), or a colon that ends the prompt ("answer : $") [0, 2^27)
//   kFrame   touches "^" or "$" (and is no label)                            [2^27, 2^28)
//   kLayout  holds a line break or another colon                             [2^28, 2^29)
//   kWords   words only                                                      [2^29, 2^31)
//   kSlot    holds a slot placeholder (any of the above with a slot is kSlot) [2^31, 2^32)
// A shingle without a slot is a "text shingle": fixed text if it recurs. The classes reveal only
// the shape of a prompt (that it has labels or line breaks), never its words.
//
// The sketch is the sorted, distinct shingle values, at most max_shingles of them: the smallest
// values (bottom-k), so two prompts keep the same sample of what they share. A sketch that was
// cut ("full": exactly max_shingles values) observes only values up to its largest one; the
// miner and the dictionary account for that (SketchObserves).
//
// Thread safety: PromptSketcher is immutable after construction; every method may run on many
// threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ringgraph::templates {

// The 16-byte key of the shingle hashes. The lead derives it from the deployment secret
// (SketchKeyFromSecret); sketches made under different keys share nothing.
struct SketchKey {
  std::uint64_t k0 = 0, k1 = 0;
};

// A fixed, public key for offline analysis (ringctl templates without --secret-file) and tests.
// Sketches made under it are NOT protected against guessed phrases: never store them.
inline constexpr SketchKey kPublicSketchKey = {0x72696e6767726170ULL, 0x682d74656d706c74ULL};

// Derives the sketch key from a deployment secret (keyed BLAKE2b, personalised with
// "ringgraph-template-sketch-v1"), so the same secret gives the same key everywhere and the key
// reveals nothing of the secret. REQUIRES: secret.size() in [16, 64].
SketchKey SketchKeyFromSecret(std::span<const std::uint8_t> secret);

inline constexpr std::size_t kMaxQuoteBytes = 4096;
inline constexpr std::size_t kMaxJsonBytes = 16384;

struct SketchOptions {
  std::uint32_t max_shingles = 256;  // bottom-k size of a sketch
  std::uint32_t max_tokens = 8192;   // tokens read from a prompt; the rest is ignored
};

enum class ShingleClass : std::uint8_t { kLabel = 0, kFrame, kLayout, kWords, kSlot };

inline constexpr std::uint32_t kFrameClassBase = 1u << 27;
inline constexpr std::uint32_t kLayoutClassBase = 1u << 28;
inline constexpr std::uint32_t kWordsClassBase = 1u << 29;
inline constexpr std::uint32_t kSlotClassBase = 1u << 31;

inline ShingleClass ShingleClassOf(std::uint32_t value) {
  if (value < kFrameClassBase) return ShingleClass::kLabel;
  if (value < kLayoutClassBase) return ShingleClass::kFrame;
  if (value < kWordsClassBase) return ShingleClass::kLayout;
  if (value < kSlotClassBase) return ShingleClass::kWords;
  return ShingleClass::kSlot;
}
// Fixed text when it recurs: no slot placeholder in it.
inline bool IsTextShingle(std::uint32_t value) { return value < kSlotClassBase; }
inline bool IsLabelShingle(std::uint32_t value) { return value < kFrameClassBase; }

// The largest value a sketch observes: everything when it was not cut, else its largest value.
inline std::uint32_t SketchHorizon(std::span<const std::uint32_t> sketch,
                                   std::uint32_t max_shingles) {
  return sketch.size() >= max_shingles && !sketch.empty() ? sketch.back() : 0xffffffffu;
}

class PromptSketcher {
 public:
  explicit PromptSketcher(const SketchKey& key, SketchOptions options = {});

  const SketchOptions& options() const { return options_; }

  // The prompt's sorted, distinct, keyed shingle values (at most max_shingles, the smallest),
  // into *out (cleared first). An empty prompt still has one shingle ("^ $").
  void Sketch(std::string_view prompt, std::vector<std::uint32_t>* out) const;

  // The masked tokens, framed by "^" and "$", for tests and debugging only (this is prompt text:
  // never log it), e.g. "Q: what is 2+2?\nA:" -> {"^", "q", ":", "what", "is", "<num>", "\n",
  // "a", ":", "$"}.
  std::vector<std::string> MaskedTokens(std::string_view prompt) const;

  // Every shingle (before the bottom-k cut) with its value and its tokens joined by spaces, in
  // text order; for tests and diagnosis only (this is prompt text: never log it).
  std::vector<std::pair<std::uint32_t, std::string>> ShingleTexts(std::string_view prompt) const;

  // The number of tokens (without the frame); the benchmark's tokenize-only baseline.
  std::size_t CountTokens(std::string_view prompt) const;

  // A public 64-bit fingerprint of the key (a keyed hash of a constant): a dictionary records it
  // so sketches and dictionaries made under different keys are not mixed.
  std::uint64_t KeyId() const { return key_id_; }

 private:
  std::uint64_t HashBytes(const unsigned char* bytes, std::size_t size) const;
  // The framed token sequence as (hash, flags), with label colons marked; optionally the texts.
  void Tokenize(std::string_view prompt, std::vector<std::string>* texts) const;
  void ShingleValues(std::vector<std::uint32_t>* out) const;

  SketchOptions options_;
  unsigned char key_[16];
  std::uint64_t key_id_ = 0;
  // Keyed hashes of the placeholder and structural tokens, indexed by internal token kind.
  std::uint64_t fixed_hash_[16] = {};
};

// SplitMix64's finaliser: a fast bijective 64-bit mix, shared by the template code.
inline std::uint64_t MixBits(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace ringgraph::templates
