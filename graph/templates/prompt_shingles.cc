// Masked tokens and shingle hashes of a prompt. See prompt_shingles.h.
#include "graph/templates/prompt_shingles.h"

#include <algorithm>
#include <array>

namespace ringgraph::templates {
namespace {

enum class Mask { kNone, kCode, kQuote, kUrl, kEmail, kOption, kNumber, kToken };

constexpr std::array<std::string_view, 8> kMaskText = {"",        "<code>", "<q>",   "<url>",
                                                       "<email>", "<opt>",  "<num>", "<tok>"};
constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

inline unsigned char Byte(std::string_view s, std::size_t i) {
  return static_cast<unsigned char>(s[i]);
}
inline bool IsSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
inline bool IsAsciiAlpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
inline bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiWord(unsigned char c) {
  return IsAsciiAlpha(c) || IsDigit(c) || c == '_' || c == '\'';
}
// Lead bytes of two-byte UTF-8 sequences and their continuation bytes: letters of alphabetic
// scripts, kept inside words.
inline bool IsTwoByteLead(unsigned char c) { return c >= 0xc2 && c <= 0xdf; }
inline bool IsContinuation(unsigned char c) { return (c & 0xc0) == 0x80; }
inline unsigned char Lower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c | 0x20) : c;
}

inline bool StartsWith(std::string_view s, std::size_t i, std::string_view prefix) {
  return s.size() - i >= prefix.size() && s.compare(i, prefix.size(), prefix) == 0;
}
inline bool StartsWithLower(std::string_view s, std::size_t i, std::string_view prefix) {
  if (s.size() - i < prefix.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k) {
    if (Lower(Byte(s, i + k)) != static_cast<unsigned char>(prefix[k])) return false;
  }
  return true;
}

// Length of the UTF-8 sequence that starts with lead byte c (1 for a stray byte).
inline std::size_t SequenceLength(unsigned char c) {
  if (c >= 0xf0) return 4;
  if (c >= 0xe0) return 3;
  if (c >= 0xc0) return 2;
  return 1;
}

// Walks a prompt and calls emit(token_hash, mask, text) once per token, where text is the raw
// token bytes for a word (mask == kNone). All tokenisers of this file share it, so masking is
// defined in one place.
template <typename Emit>
void ScanTokens(std::string_view s, bool mask_slots, std::uint32_t max_tokens, Emit&& emit) {
  const std::size_t n = s.size();
  std::size_t i = 0;
  std::uint32_t tokens = 0;
  bool line_start = true;
  Mask last_mask = Mask::kNone;
  auto emit_mask = [&](Mask m) {
    if (m == last_mask) return;  // a run of equal placeholders is one slot
    last_mask = m;
    ++tokens;
    emit(MixBits(kFnvOffset + static_cast<std::uint64_t>(m)), m, kMaskText[static_cast<int>(m)]);
  };
  auto emit_word = [&](std::size_t begin, std::size_t end) {
    last_mask = Mask::kNone;
    ++tokens;
    std::uint64_t h = kFnvOffset;
    for (std::size_t k = begin; k < end; ++k) h = (h ^ Lower(Byte(s, k))) * kFnvPrime;
    emit(h, Mask::kNone, s.substr(begin, end - begin));
  };

  while (i < n && tokens < max_tokens) {
    const unsigned char c = Byte(s, i);
    if (c == '\n') {
      line_start = true;
      ++i;
      continue;
    }
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    if (mask_slots) {
      if (line_start) {
        // An enumerated option: "A) ...", "b. ...", "(C) ..." up to the end of the line.
        std::size_t j = i + (c == '(' ? 1 : 0);
        if (j + 1 < n && IsAsciiAlpha(Byte(s, j)) &&
            (Byte(s, j + 1) == ')' || (c != '(' && Byte(s, j + 1) == '.')) &&
            (j + 2 == n || IsSpace(Byte(s, j + 2)))) {
          std::size_t end = s.find('\n', j);
          emit_mask(Mask::kOption);
          i = end == std::string_view::npos ? n : end;
          continue;
        }
      }
      line_start = false;
      if (c == '`') {
        if (StartsWith(s, i, "```")) {
          std::size_t end = s.find("```", i + 3);
          emit_mask(Mask::kCode);
          i = end == std::string_view::npos ? n : end + 3;
          continue;
        }
        std::size_t end = s.find_first_of("`\n", i + 1);
        if (end != std::string_view::npos && s[end] == '`') {
          emit_mask(Mask::kCode);
          i = end + 1;
          continue;
        }
        ++i;
        continue;
      }
      const bool curly_open = StartsWith(s, i, "\xe2\x80\x9c");
      if (c == '"' || curly_open) {
        std::size_t from = i + (curly_open ? 3 : 1);
        std::size_t limit = std::min(n, from + kMaxQuoteBytes);
        std::string_view window = s.substr(from, limit - from);
        std::size_t end = curly_open ? window.find("\xe2\x80\x9d") : window.find('"');
        if (end != std::string_view::npos) {
          emit_mask(Mask::kQuote);
          i = from + end + (curly_open ? 3 : 1);
          continue;
        }
        i = from;
        continue;
      }
    }
    line_start = false;

    if (IsAsciiWord(c) || IsTwoByteLead(c)) {
      const bool chunk_start = i == 0 || !IsAsciiWord(Byte(s, i - 1));
      if (mask_slots && chunk_start) {
        std::size_t chunk_end = i;
        while (chunk_end < n && !IsSpace(Byte(s, chunk_end))) ++chunk_end;
        if (StartsWithLower(s, i, "http://") || StartsWithLower(s, i, "https://") ||
            StartsWithLower(s, i, "www.")) {
          emit_mask(Mask::kUrl);
          i = chunk_end;
          continue;
        }
        std::string_view chunk = s.substr(i, chunk_end - i);
        std::size_t at = chunk.find('@');
        if (at != std::string_view::npos && at > 0 &&
            chunk.find('.', at + 2) != std::string_view::npos) {
          emit_mask(Mask::kEmail);
          i = chunk_end;
          continue;
        }
      }
      std::size_t j = i;
      bool has_digit = false, has_alpha = false;
      while (j < n) {
        unsigned char d = Byte(s, j);
        if (IsAsciiWord(d)) {
          has_digit |= IsDigit(d);
          has_alpha |= IsAsciiAlpha(d);
          ++j;
        } else if (IsTwoByteLead(d) && j + 1 < n && IsContinuation(Byte(s, j + 1))) {
          has_alpha = true;
          j += 2;
        } else {
          break;
        }
      }
      if (j == i) {  // a stray lead byte
        ++i;
        continue;
      }
      if (mask_slots && has_digit) {
        emit_mask(j - i >= 8 ? Mask::kToken : Mask::kNumber);
      } else if (mask_slots && j - i >= 25 && has_alpha) {
        emit_mask(Mask::kToken);
      } else {
        emit_word(i, j);
      }
      i = j;
      continue;
    }
    if (c >= 0xe0) {
      std::size_t len = std::min(SequenceLength(c), n - i);
      // General Punctuation (U+2000..U+206F: dashes, curly quotes, ellipsis) separates words.
      if (!(c == 0xe2 && i + 1 < n && (Byte(s, i + 1) == 0x80 || Byte(s, i + 1) == 0x81))) {
        emit_word(i, i + len);
      }
      i += len;
      continue;
    }
    ++i;  // punctuation and stray bytes separate words
  }
}

constexpr std::uint64_t kStartToken = 0x5e5e5e5e5e5e5e5eULL;  // "^"
constexpr std::uint64_t kEndToken = 0x2424242424242424ULL;    // "$"

}  // namespace

PromptShingler::PromptShingler(ShingleOptions options) : options_(options) {
  if (options_.shingle_words == 0) options_.shingle_words = 1;
  if (options_.shingle_words > 8) options_.shingle_words = 8;
}

std::vector<std::string> PromptShingler::MaskedTokens(std::string_view prompt) const {
  std::vector<std::string> tokens = {"^"};
  ScanTokens(prompt, options_.mask_slots, options_.max_tokens,
             [&tokens](std::uint64_t, Mask mask, std::string_view text) {
               std::string token(text);
               if (mask == Mask::kNone) {
                 for (char& ch : token) ch = static_cast<char>(Lower(static_cast<unsigned char>(ch)));
               }
               tokens.push_back(std::move(token));
             });
  tokens.push_back("$");
  return tokens;
}

std::size_t PromptShingler::CountTokens(std::string_view prompt) const {
  std::size_t count = 0;
  ScanTokens(prompt, options_.mask_slots, options_.max_tokens,
             [&count](std::uint64_t, Mask, std::string_view) { ++count; });
  return count;
}

void PromptShingler::Shingles(std::string_view prompt, std::vector<std::uint64_t>* shingles) const {
  shingles->clear();
  const std::uint32_t k = options_.shingle_words;
  const std::uint64_t seed = options_.hash_seed;
  // A ring of the last k token hashes; a shingle is emitted once k tokens have been seen.
  std::array<std::uint64_t, 8> window{};
  std::uint64_t seen = 0;
  auto push = [&](std::uint64_t token) {
    window[seen % k] = token;
    ++seen;
    if (seen < k) return;
    std::uint64_t h = seed;
    for (std::uint32_t t = 0; t < k; ++t) h = MixBits(h ^ window[(seen + t) % k]);
    shingles->push_back(h);
  };
  push(kStartToken);
  ScanTokens(prompt, options_.mask_slots, options_.max_tokens,
             [&push](std::uint64_t token, Mask, std::string_view) { push(token); });
  push(kEndToken);
  if (seen < k) {  // fewer tokens than a shingle: the whole framed prompt is one shingle
    std::uint64_t h = seed;
    for (std::uint64_t t = 0; t < seen; ++t) h = MixBits(h ^ window[t]);
    shingles->push_back(h);
  }
  std::sort(shingles->begin(), shingles->end());
  shingles->erase(std::unique(shingles->begin(), shingles->end()), shingles->end());
}

}  // namespace ringgraph::templates
