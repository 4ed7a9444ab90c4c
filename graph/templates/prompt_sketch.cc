// Masked tokens and keyed shingle sketches of a prompt. See prompt_sketch.h.
#include "graph/templates/prompt_sketch.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>

namespace ringgraph::templates {
namespace {

// Token kinds. Masks are kCode..kToken; kNumber and kToken collapse together ("2024-05-01",
// "v1.2.3-rc4" are one slot), the others each with their own kind.
enum Kind : std::uint8_t {
  kWord = 0,
  kCode,
  kJson,
  kQuote,
  kUrl,
  kEmail,
  kOption,
  kNumber,
  kToken,
  kNewline,
  kColon,
  kStart,
  kEnd,
  kKindCount
};

constexpr std::array<std::string_view, kKindCount> kKindText = {
    "",      "<code>", "<json>", "<q>", "<url>", "<email>", "<opt>",
    "<num>", "<tok>",  "\n",     ":",   "^",     "$"};

inline bool IsMask(Kind k) { return k >= kCode && k <= kToken; }
inline int CollapseClass(Kind k) { return k == kToken ? kNumber : k; }

inline unsigned char Byte(std::string_view s, std::size_t i) {
  return static_cast<unsigned char>(s[i]);
}
inline bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}
inline bool IsAsciiAlpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
inline bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiWord(unsigned char c) {
  return IsAsciiAlpha(c) || IsDigit(c) || c == '_' || c == '\'';
}
// Lead bytes of two-byte UTF-8 sequences: letters of alphabetic scripts, kept inside words.
inline bool IsTwoByteLead(unsigned char c) { return c >= 0xc2 && c <= 0xdf; }
inline bool IsContinuation(unsigned char c) { return (c & 0xc0) == 0x80; }
inline unsigned char LowerAscii(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c | 0x20) : c;
}

inline bool StartsWith(std::string_view s, std::size_t i, std::string_view prefix) {
  return s.size() - i >= prefix.size() && s.compare(i, prefix.size(), prefix) == 0;
}
inline bool StartsWithLower(std::string_view s, std::size_t i, std::string_view prefix) {
  if (s.size() - i < prefix.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k) {
    if (LowerAscii(Byte(s, i + k)) != static_cast<unsigned char>(prefix[k])) return false;
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

// Three-byte code points that separate words rather than being tokens: U+2000..U+2FFF
// (punctuation, symbols, arrows, box drawing), U+3000..U+303F (CJK punctuation), U+FE00..U+FFFF
// (variation selectors, BOM, full-width forms) and the Devanagari dandas U+0964/U+0965. `c` is the
// lead byte.
inline bool IsSeparatorCodePoint(std::string_view s, std::size_t i) {
  const unsigned char c = Byte(s, i);
  if (c == 0xe2) return true;
  if (i + 1 >= s.size()) return true;
  const unsigned char d = Byte(s, i + 1);
  if (c == 0xe3 && d == 0x80) return true;
  if (c == 0xef && d >= 0xb8) return true;
  if (c == 0xe0 && d == 0xa5 && i + 2 < s.size()) {  // the danda and double danda
    const unsigned char e = Byte(s, i + 2);
    return e == 0xa4 || e == 0xa5;
  }
  return false;
}
// Three-byte letters of scripts that put spaces between their words: the Indic scripts
// (U+0900..U+0DFF, but the danda and double danda U+0964/U+0965, which end sentences), Georgian
// (U+10A0..U+10FF), Ethiopic (U+1200..U+139F) and the Latin and Greek extended letters
// (U+1E00..U+1FFF: Vietnamese letters with two diacritics, polytonic Greek). They stay inside
// words as two-byte letters do, so a Hindi or Vietnamese word is one token, not a run of letter
// tokens whose common endings would recur like template text. Other three-byte code points (CJK,
// kana, Thai: scripts without spaces) are tokens of their own. `i` is at a lead byte.
inline bool IsSpacedScriptLetter(std::string_view s, std::size_t i) {
  if (i + 2 >= s.size() || !IsContinuation(Byte(s, i + 1)) || !IsContinuation(Byte(s, i + 2)))
    return false;
  const unsigned char c = Byte(s, i);
  if (c != 0xe0 && c != 0xe1) return false;
  const std::uint32_t code_point =
      ((c & 0x0fu) << 12) | ((Byte(s, i + 1) & 0x3fu) << 6) | (Byte(s, i + 2) & 0x3fu);
  if (code_point >= 0x0900 && code_point <= 0x0dff)
    return code_point != 0x0964 && code_point != 0x0965;
  return (code_point >= 0x10a0 && code_point <= 0x10ff) ||
         (code_point >= 0x1200 && code_point <= 0x139f) ||
         (code_point >= 0x1e00 && code_point <= 0x1fff);
}
inline bool IsFullWidthColon(std::string_view s, std::size_t i) {
  return StartsWith(s, i, "\xef\xbc\x9a");  // U+FF1A
}

// The end (one past the closing bracket) of a JSON object or array that opens at s[i], or npos.
// An object must open with '"' or '}' after white space, an array with a value's first byte, so
// code blocks ("{ return x; }") and prose in brackets ("[sic]") are not taken for JSON. Each
// attempt spends the bytes it reads from *budget, and none is made once it is spent: a prompt of
// many unbalanced brackets would otherwise cost kMaxJsonBytes per bracket.
std::size_t MatchJson(std::string_view s, std::size_t i, std::size_t* budget) {
  const std::size_t n = s.size();
  std::size_t j = i + 1;
  while (j < n && IsSpace(Byte(s, j))) ++j;
  if (j >= n) return std::string_view::npos;
  const unsigned char first = Byte(s, j);
  if (s[i] == '{') {
    if (first != '"' && first != '}') return std::string_view::npos;
  } else if (!(first == '"' || first == '{' || first == '[' || first == ']' || first == '-' ||
               IsDigit(first))) {
    return std::string_view::npos;
  }
  const std::size_t limit = std::min({n, i + kMaxJsonBytes, i + *budget});
  auto spend = [&](std::size_t end, std::size_t result) {
    *budget -= std::min(*budget, end - i);
    return result;
  };
  int depth = 0;
  for (std::size_t k = i; k < limit; ++k) {
    const char ch = s[k];
    if (ch == '"') {
      for (++k; k < limit && s[k] != '"'; ++k) {
        if (s[k] == '\\') ++k;
      }
      if (k >= limit) return spend(limit, std::string_view::npos);
    } else if (ch == '{' || ch == '[') {
      ++depth;
    } else if (ch == '}' || ch == ']') {
      if (--depth == 0) return spend(k + 1, k + 1);
    }
  }
  return spend(limit, std::string_view::npos);
}

constexpr std::size_t kMaxWordBytes = 64;  // longer runs are masked as <tok>

// Walks a prompt and calls emit(kind, begin, end) once per token, where [begin, end) are the raw
// bytes of a word (kind == kWord). Masking and the structural tokens are defined here only.
template <typename Emit>
void ScanTokens(std::string_view s, std::uint32_t max_tokens, Emit&& emit) {
  const std::size_t n = s.size();
  std::size_t i = 0;
  std::uint32_t tokens = 0;
  bool line_start = true;
  bool pending_newline = false;  // a run of line breaks, emitted before the next token
  bool emitted = false;
  int last_mask_class = -1;  // collapse class of the last token when it was a mask
  std::size_t json_budget = 4 * kMaxJsonBytes + 2 * n;  // bytes JSON matching may read
  auto put = [&](Kind kind, std::size_t begin, std::size_t end) {
    if (IsMask(kind)) {
      const int cls = CollapseClass(kind);
      if (cls == last_mask_class) {  // a run of equal placeholders, even across lines, is one
        pending_newline = false;
        return;
      }
      last_mask_class = cls;
    } else {
      last_mask_class = -1;
    }
    if (pending_newline) {
      pending_newline = false;
      emit(kNewline, 0, 0);
      ++tokens;
    }
    emit(kind, begin, end);
    ++tokens;
    emitted = true;
  };

  while (i < n && tokens < max_tokens) {
    const unsigned char c = Byte(s, i);
    if (c == '\n') {
      line_start = true;
      if (emitted) pending_newline = true;  // leading and trailing line breaks are dropped
      ++i;
      continue;
    }
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    if (line_start) {
      line_start = false;
      // An enumerated option: "A) ...", "b. ...", "(C) ..." up to the end of the line.
      std::size_t j = i + (c == '(' ? 1 : 0);
      if (j + 1 < n && IsAsciiAlpha(Byte(s, j)) &&
          (Byte(s, j + 1) == ')' || (c != '(' && Byte(s, j + 1) == '.')) &&
          (j + 2 == n || IsSpace(Byte(s, j + 2)))) {
        std::size_t end = s.find('\n', j);
        put(kOption, 0, 0);
        i = end == std::string_view::npos ? n : end;
        continue;
      }
    }
    if (c == '`') {
      if (StartsWith(s, i, "```")) {
        std::size_t end = s.find("```", i + 3);
        put(kCode, 0, 0);
        i = end == std::string_view::npos ? n : end + 3;
        continue;
      }
      std::size_t end = s.find_first_of("`\n", i + 1);
      if (end != std::string_view::npos && s[end] == '`') {
        put(kCode, 0, 0);
        i = end + 1;
        continue;
      }
      ++i;
      continue;
    }
    if ((c == '{' || c == '[') && json_budget > 0) {
      const std::size_t end = MatchJson(s, i, &json_budget);
      if (end != std::string_view::npos) {
        put(kJson, 0, 0);
        i = end;
        continue;
      }
      ++i;
      continue;
    }
    const bool curly_open = StartsWith(s, i, "\xe2\x80\x9c");
    if (c == '"' || curly_open) {
      const std::size_t from = i + (curly_open ? 3 : 1);
      const std::size_t limit = std::min(n, from + kMaxQuoteBytes);
      const std::string_view window = s.substr(from, limit - from);
      const std::size_t end = curly_open ? window.find("\xe2\x80\x9d") : window.find('"');
      if (end != std::string_view::npos) {
        put(kQuote, 0, 0);
        i = from + end + (curly_open ? 3 : 1);
        continue;
      }
      i = from;
      continue;
    }
    if (c == ':') {
      // A colon that ends a word or label: followed by white space or the end of the prompt.
      if (i + 1 == n || IsSpace(Byte(s, i + 1))) put(kColon, 0, 0);
      ++i;
      continue;
    }

    if (IsAsciiWord(c) || IsTwoByteLead(c) || IsSpacedScriptLetter(s, i)) {
      const bool chunk_start = i == 0 || !IsAsciiWord(Byte(s, i - 1));
      if (chunk_start) {
        std::size_t chunk_end = i;
        while (chunk_end < n && !IsSpace(Byte(s, chunk_end))) ++chunk_end;
        if (StartsWithLower(s, i, "http://") || StartsWithLower(s, i, "https://") ||
            StartsWithLower(s, i, "www.")) {
          put(kUrl, 0, 0);
          i = chunk_end;
          continue;
        }
        const std::string_view chunk = s.substr(i, chunk_end - i);
        const std::size_t at = chunk.find('@');
        if (at != std::string_view::npos && at > 0 &&
            chunk.find('.', at + 2) != std::string_view::npos) {
          put(kEmail, 0, 0);
          i = chunk_end;
          continue;
        }
      }
      std::size_t j = i, characters = 0;
      bool has_digit = false, has_alpha = false;
      while (j < n) {
        const unsigned char d = Byte(s, j);
        if (IsAsciiWord(d)) {
          has_digit |= IsDigit(d);
          has_alpha |= IsAsciiAlpha(d);
          ++j;
        } else if (IsTwoByteLead(d) && j + 1 < n && IsContinuation(Byte(s, j + 1))) {
          has_alpha = true;
          j += 2;
        } else if (IsSpacedScriptLetter(s, j)) {
          has_alpha = true;
          j += 3;
        } else {
          break;
        }
        ++characters;
      }
      if (j == i) {  // a stray lead byte
        ++i;
        continue;
      }
      if (has_digit) {
        put(characters >= 8 ? kToken : kNumber, 0, 0);
      } else if ((characters >= 25 && has_alpha) || j - i >= kMaxWordBytes) {
        put(kToken, 0, 0);
      } else {
        put(kWord, i, j);
      }
      i = j;
      continue;
    }
    if (c >= 0xe0) {
      const std::size_t len = std::min(SequenceLength(c), n - i);
      if (IsFullWidthColon(s, i)) {
        put(kColon, 0, 0);  // CJK text puts no space after its colon
      } else if (!IsSeparatorCodePoint(s, i)) {
        put(kWord, i, i + len);
      }
      i += len;
      continue;
    }
    ++i;  // other punctuation and stray bytes separate words
  }
}

// Lower-cases a word into `out` (ASCII, Latin-1 letters and basic Cyrillic); returns its size.
// REQUIRES: out holds at least `size` bytes.
std::size_t LowerInto(const unsigned char* in, std::size_t size, unsigned char* out) {
  for (std::size_t k = 0; k < size; ++k) {
    const unsigned char c = in[k];
    if (c < 0x80) {
      out[k] = LowerAscii(c);
      continue;
    }
    out[k] = c;
    if (k + 1 >= size) continue;
    const unsigned char t = in[k + 1];
    if (c == 0xc3 && t >= 0x80 && t <= 0x9e && t != 0x97) {  // À..Þ (not ×)
      out[++k] = static_cast<unsigned char>(t + 0x20);
    } else if (c == 0xd0 && t >= 0x90 && t <= 0x9f) {  // А..П
      out[++k] = static_cast<unsigned char>(t + 0x20);
    } else if (c == 0xd0 && t >= 0xa0 && t <= 0xaf) {  // Р..Я
      out[k] = 0xd1;
      out[++k] = static_cast<unsigned char>(t - 0x20);
    } else if (c == 0xd0 && t >= 0x80 && t <= 0x8f) {  // Ѐ..Џ (Ё)
      out[k] = 0xd1;
      out[++k] = static_cast<unsigned char>(t + 0x10);
    } else if (c == 0xe1 && t >= 0xb8 && t <= 0xbb && k + 2 < size) {
      // Latin Extended Additional (U+1E00..U+1EFF, Vietnamese): capitals are the even code
      // points of U+1E00..U+1E95 and U+1EA0..U+1EFF, each followed by its small letter.
      const unsigned char u = in[k + 2];
      const std::uint32_t code_point = 0x1000u | ((t & 0x3fu) << 6) | (u & 0x3fu);
      const bool capital = (code_point & 1u) == 0 && (code_point <= 0x1e95 || code_point >= 0x1ea0);
      out[++k] = t;
      out[++k] = static_cast<unsigned char>(capital ? u + 1 : u);
    }
  }
  return size;
}

inline std::uint64_t Rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

// Order-sensitive combination of three keyed token hashes.
inline std::uint64_t CombineShingle(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  return MixBits(a * 0x9e3779b97f4a7c15ULL ^ Rotl(b, 23) * 0xc2b2ae3d27d4eb4fULL ^
                 Rotl(c, 47) * 0x165667b19e3779f9ULL);
}

enum Flag : std::uint8_t {
  kFlagSlot = 1,
  kFlagNewline = 2,
  kFlagColon = 4,
  kFlagLabel = 8,
  kFlagFrame = 16,
  kFlagWord = 32,
  kFlagNumber = 64,     // a number placeholder
  kFlagNumbered = 128,  // a label colon after words and a number ("Question 3:")
};

struct Token {
  std::uint64_t hash;
  std::uint8_t flags;
};

// Maps a shingle's 64-bit hash into its class's range of the 32-bit value space.
inline std::uint32_t ShingleValue(std::uint64_t hash, std::uint8_t flags) {
  std::uint64_t base, width;
  if (flags & kFlagSlot) {
    base = kSlotClassBase, width = 1ULL << 31;
  } else if (flags & kFlagLabel) {
    base = 0, width = kFrameClassBase;
  } else if (flags & kFlagFrame) {
    base = kFrameClassBase, width = kLayoutClassBase - kFrameClassBase;
  } else if (flags & (kFlagNewline | kFlagColon)) {
    base = kLayoutClassBase, width = kWordsClassBase - kLayoutClassBase;
  } else {
    base = kWordsClassBase, width = kSlotClassBase - kWordsClassBase;
  }
  return static_cast<std::uint32_t>(base + (((hash >> 32) * width) >> 32));
}

void EnsureSodium() {
  static const bool ready = [] {
    if (sodium_init() < 0) std::abort();  // only fails when no entropy source exists at all
    return true;
  }();
  (void)ready;
}

}  // namespace

SketchKey SketchKeyFromSecret(std::span<const std::uint8_t> secret) {
  EnsureSodium();
  static constexpr unsigned char kPersonal[crypto_generichash_blake2b_PERSONALBYTES] = {
      'r', 'g', '-', 't', 'p', 'l', '-', 's', 'k', 'e', 't', 'c', 'h', '-', 'v', '1'};
  static constexpr char kMessage[] = "ringgraph-template-sketch-v1";
  unsigned char out[16];
  crypto_generichash_blake2b_salt_personal(
      out, sizeof(out), reinterpret_cast<const unsigned char*>(kMessage), sizeof(kMessage) - 1,
      secret.data(), secret.size(), nullptr, kPersonal);
  SketchKey key;
  for (int b = 0; b < 8; ++b) key.k0 |= static_cast<std::uint64_t>(out[b]) << (8 * b);
  for (int b = 0; b < 8; ++b) key.k1 |= static_cast<std::uint64_t>(out[8 + b]) << (8 * b);
  sodium_memzero(out, sizeof(out));
  return key;
}

PromptSketcher::PromptSketcher(const SketchKey& key, SketchOptions options) : options_(options) {
  EnsureSodium();
  static_assert(crypto_shorthash_KEYBYTES == 16 && crypto_shorthash_BYTES == 8);
  if (options_.max_shingles == 0) options_.max_shingles = 1;
  if (options_.max_tokens == 0) options_.max_tokens = 1;
  for (int b = 0; b < 8; ++b) key_[b] = static_cast<unsigned char>(key.k0 >> (8 * b));
  for (int b = 0; b < 8; ++b) key_[8 + b] = static_cast<unsigned char>(key.k1 >> (8 * b));
  // Placeholders and structural tokens hash a NUL byte and their name; words never hold a NUL.
  for (int k = kCode; k < kKindCount; ++k) {
    unsigned char name[16] = {0};
    const std::string_view text = kKindText[k];
    std::memcpy(name + 1, text.data(), text.size());
    fixed_hash_[k] = HashBytes(name, text.size() + 1);
  }
  static constexpr char kKeyIdText[] = "\0ringgraph-sketch-key-id";
  key_id_ = HashBytes(reinterpret_cast<const unsigned char*>(kKeyIdText), sizeof(kKeyIdText) - 1);
}

std::uint64_t PromptSketcher::HashBytes(const unsigned char* bytes, std::size_t size) const {
  unsigned char out[crypto_shorthash_BYTES];
  crypto_shorthash(out, bytes, size, key_);
  std::uint64_t h = 0;
  for (int b = 0; b < 8; ++b) h |= static_cast<std::uint64_t>(out[b]) << (8 * b);
  return h;
}

// The framed tokens of the last Tokenize() on this thread.
thread_local std::vector<Token> tls_tokens;

void PromptSketcher::Tokenize(std::string_view prompt, std::vector<std::string>* texts) const {
  std::vector<Token>& tokens = tls_tokens;
  tokens.clear();
  tokens.push_back({fixed_hash_[kStart], kFlagFrame});
  if (texts) texts->assign(1, "^");
  ScanTokens(prompt, options_.max_tokens, [&](Kind kind, std::size_t begin, std::size_t end) {
    if (kind != kWord) {
      std::uint8_t flags = IsMask(kind) ? kFlagSlot : kind == kNewline ? kFlagNewline : kFlagColon;
      if (CollapseClass(kind) == kNumber) flags |= kFlagNumber;
      tokens.push_back({fixed_hash_[kind], flags});
      if (texts) texts->emplace_back(kKindText[kind] == "\n" ? "\\n" : kKindText[kind]);
      return;
    }
    unsigned char lowered[kMaxWordBytes];
    const std::size_t size = LowerInto(
        reinterpret_cast<const unsigned char*>(prompt.data()) + begin, end - begin, lowered);
    tokens.push_back({HashBytes(lowered, size), kFlagWord});
    if (texts) texts->emplace_back(reinterpret_cast<const char*>(lowered), size);
  });
  tokens.push_back({fixed_hash_[kEnd], kFlagFrame});
  if (texts) texts->emplace_back("$");

  // Label colons: 1-3 words between a line start (or "^") and the colon, or a colon that ends
  // the prompt after a word. The words may be numbered ("Question 3:", "Step 12:"): a number
  // right before the colon is part of the label.
  const std::size_t count = tokens.size();
  for (std::size_t c = 1; c + 1 < count; ++c) {
    if (!(tokens[c].flags & kFlagColon)) continue;
    std::size_t k = c - 1, words = 0;
    const bool numbered = k > 1 && (tokens[k].flags & kFlagNumber);
    if (numbered) --k;
    while (words < 3 && (tokens[k].flags & kFlagWord)) --k, ++words;
    const bool at_line_start =
        words > 0 && (k == 0 || (tokens[k].flags & kFlagNewline));  // tokens[0] is "^"
    const bool ends_prompt = !numbered && c + 2 == count && (tokens[c - 1].flags & kFlagWord);
    if (at_line_start || ends_prompt) {
      tokens[c].flags |= kFlagLabel;
      if (numbered) tokens[c].flags |= kFlagNumbered;
    }
  }
}

// The shingle values of the tokens of the last Tokenize(), in text order (with repeats).
void PromptSketcher::ShingleValues(std::vector<std::uint32_t>* out) const {
  const std::vector<Token>& tokens = tls_tokens;
  const std::size_t count = tokens.size();
  if (count < 3) {  // only the frame: one shingle
    out->push_back(ShingleValue(CombineShingle(tokens[0].hash, tokens[1].hash, 0), kFlagFrame));
    return;
  }
  out->reserve(out->size() + count - 2);
  for (std::size_t t = 0; t + 2 < count; ++t) {
    std::uint8_t flags = tokens[t].flags | tokens[t + 1].flags | tokens[t + 2].flags;
    // A label shingle ends at its label colon, or at the line break or end right after it; a
    // shingle that reaches past the colon into the filling ("Answer: the") is only layout.
    const bool label =
        (tokens[t + 2].flags & kFlagLabel) ||
        ((tokens[t + 1].flags & kFlagLabel) && (tokens[t + 2].flags & (kFlagNewline | kFlagFrame)));
    if (!label) flags &= static_cast<std::uint8_t>(~kFlagLabel);
    // "question <num> :" is the label itself, the same in every prompt: its number is not
    // filling, so the shingle is a label, not a slot.
    if (label && (tokens[t + 2].flags & kFlagNumbered) && (tokens[t].flags & kFlagWord))
      flags &= static_cast<std::uint8_t>(~kFlagSlot);
    out->push_back(ShingleValue(
        CombineShingle(tokens[t].hash, tokens[t + 1].hash, tokens[t + 2].hash), flags));
  }
}

void PromptSketcher::Sketch(std::string_view prompt, std::vector<std::uint32_t>* out) const {
  out->clear();
  Tokenize(prompt, nullptr);
  ShingleValues(out);
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
  if (out->size() > options_.max_shingles) out->resize(options_.max_shingles);
}

std::vector<std::pair<std::uint32_t, std::string>> PromptSketcher::ShingleTexts(
    std::string_view prompt) const {
  std::vector<std::string> texts;
  Tokenize(prompt, &texts);
  std::vector<std::uint32_t> values;
  ShingleValues(&values);
  std::vector<std::pair<std::uint32_t, std::string>> out;
  for (std::size_t t = 0; t < values.size(); ++t) {
    std::string text = texts[t];
    for (std::size_t k = t + 1; k < std::min(texts.size(), t + 3); ++k) text += " " + texts[k];
    out.emplace_back(values[t], std::move(text));
  }
  return out;
}

std::vector<std::string> PromptSketcher::MaskedTokens(std::string_view prompt) const {
  std::vector<std::string> tokens = {"^"};
  ScanTokens(prompt, options_.max_tokens, [&](Kind kind, std::size_t begin, std::size_t end) {
    if (kind != kWord) {
      tokens.emplace_back(kKindText[kind]);
      return;
    }
    std::string word(prompt.substr(begin, end - begin));
    LowerInto(reinterpret_cast<const unsigned char*>(word.data()), word.size(),
              reinterpret_cast<unsigned char*>(word.data()));
    tokens.push_back(std::move(word));
  });
  tokens.emplace_back("$");
  return tokens;
}

std::size_t PromptSketcher::CountTokens(std::string_view prompt) const {
  std::size_t count = 0;
  ScanTokens(prompt, options_.max_tokens, [&count](Kind, std::size_t, std::size_t) { ++count; });
  return count;
}

}  // namespace ringgraph::templates
