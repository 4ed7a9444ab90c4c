// Turns one prompt into masked word tokens and hashed word-shingles: the only view of a prompt
// that the template code keeps. Raw text never leaves this step.
//
// Masking (Drain's idea of masking variable fields before mining templates). With mask_slots
// on, these become one placeholder token each, and a run of equal placeholders collapses to one:
//   ```fenced code``` and `inline code`      <code>
//   "double-quoted" and “curly-quoted” text   <q>      (up to kMaxQuoteBytes, may span lines)
//   http://, https://, www. links             <url>
//   name@host.tld                             <email>
//   a line opening "A) ", "b. ", "(C) "       <opt>    (the whole enumerated option line)
//   a word with a digit, shorter than 8       <num>    ("42", "3.14" -> one <num>, "3rd")
//   a word with a digit, 8+ long; 25+ letters <tok>    (ids, hashes, keys)
// Words are runs of ASCII letters, digits, '_' , '\'' and two-byte UTF-8 letters (Latin,
// Greek, Cyrillic...), lower-cased (ASCII only). A code point of three or more bytes (CJK,
// emoji) is a token of its own, so unsegmented scripts still shingle. Other punctuation,
// including the General Punctuation block (dashes, curly apostrophes), separates words.
// The prompt is framed by a start token "^" and an end token "$", so a template's opening and
// closing words make shingles of their own.
//
// Shingles: every `shingle_words` consecutive tokens, hashed with the 64-bit `hash_seed`
// (FNV-1a per token, SplitMix64 finaliser per step). Shingle hashes, and so template ids, are a
// pure function of the text and these settings. At most `max_tokens` tokens are read.
//
// Thread safety: immutable; every method may run on many threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ringgraph::templates {

inline constexpr std::uint64_t kDefaultShingleSeed = 0x72696e6767726170ULL;  // "ringgrap"
inline constexpr std::size_t kMaxQuoteBytes = 4096;

struct ShingleOptions {
  bool mask_slots = true;
  std::uint32_t shingle_words = 3;
  std::uint64_t hash_seed = kDefaultShingleSeed;
  std::uint32_t max_tokens = 4096;
};

class PromptShingler {
 public:
  explicit PromptShingler(ShingleOptions options = {});

  const ShingleOptions& options() const { return options_; }

  // The masked tokens, framed by "^" and "$"; for tests and debugging, e.g.
  // "Ticket 123: fix it" -> {"^", "ticket", "<num>", "fix", "it", "$"}.
  std::vector<std::string> MaskedTokens(std::string_view prompt) const;

  // The prompt's distinct shingle hashes, sorted ascending, into *shingles (cleared first).
  void Shingles(std::string_view prompt, std::vector<std::uint64_t>* shingles) const;

  // The number of masked tokens (without the frame); the benchmark's tokenize-only baseline.
  std::size_t CountTokens(std::string_view prompt) const;

 private:
  ShingleOptions options_;
};

// SplitMix64's finaliser: a fast bijective 64-bit mix, shared by the template code.
inline std::uint64_t MixBits(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace ringgraph::templates
