// Fixed-text fingerprints: mask slots, drop the filling, sketch the rest. See
// fixed_text_fingerprint.h.
#include "graph/templates/fixed_text_fingerprint.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstdio>

#include "graph/templates/prompt_sketch.h"  // MixBits

namespace ringgraph::templates {
namespace {

constexpr std::uint64_t kFnvOffset = 1469598103934665603ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// English function words and courtesies. They carry no template identity and are what light
// edits and greetings add or drop ("Hi! Please help. ..."), so they never enter the sketch.
// Changing this list changes ids: it is part of the fingerprint's settings.
constexpr const char* kStopWords[] = {
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but",
    "by", "can", "could", "dear", "did", "do", "does", "doing", "down", "during", "each", "few",
    "for", "from", "further", "had", "has", "have", "having", "he", "hello", "help", "her",
    "here", "hers", "herself", "hey", "hi", "him", "himself", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "itself", "just", "kindly", "me", "more", "most", "my", "myself",
    "no", "nor", "not", "now", "of", "off", "ok", "okay", "on", "once", "only", "or", "other",
    "our", "ours", "ourselves", "out", "over", "own", "please", "same", "she", "should", "so",
    "some", "such", "than", "thank", "thanks", "that", "the", "their", "theirs", "them",
    "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too",
    "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself",
    "yourselves",
    // Contractions are function words too ("Explain like I'm five" vs "Explain like five").
    "aren't", "can't", "couldn't", "didn't", "doesn't", "don't", "hadn't", "hasn't", "haven't",
    "he's", "i'd", "i'll", "i'm", "i've", "isn't", "it's", "let's", "she's", "shouldn't",
    "that's", "there's", "they're", "wasn't", "we're", "weren't", "what's", "won't",
    "wouldn't", "you'd", "you'll", "you're", "you've"};

bool IsAsciiDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsAsciiUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLetter(unsigned char c) { return IsAsciiUpper(c) || (c >= 'a' && c <= 'z'); }
// Letters of any script: UTF-8 lead and continuation bytes count as letters.
bool IsLetterByte(unsigned char c) { return IsAsciiLetter(c) || c >= 0x80 || c == '_'; }
bool IsBlank(unsigned char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool IsSpace(unsigned char c) { return IsBlank(c) || c == '\n' || c == '\f' || c == '\v'; }

std::uint64_t WordHash(std::string_view word) {
  std::uint64_t h = kFnvOffset;
  for (unsigned char c : word) {
    h ^= IsAsciiUpper(c) ? c + 32 : c;
    h *= kFnvPrime;
  }
  // FNV-1a's high bits are weakly mixed; the sketch keeps the smallest values, so mix them.
  return MixBits(h);
}

const std::vector<std::uint64_t>& StopWordHashes() {
  static const std::vector<std::uint64_t> hashes = [] {
    std::vector<std::uint64_t> out;
    for (const char* word : kStopWords) out.push_back(WordHash(word));
    std::sort(out.begin(), out.end());
    return out;
  }();
  return hashes;
}

bool IsStopWord(std::uint64_t hash) {
  const std::vector<std::uint64_t>& stop = StopWordHashes();
  return std::binary_search(stop.begin(), stop.end(), hash);
}

std::size_t LineEnd(std::string_view text, std::size_t at) {
  std::size_t eol = text.find('\n', at);
  return eol == std::string_view::npos ? text.size() : eol;
}

// An enumerated option line opens "A) ", "b. " or "(C) ".
bool IsOptionLine(std::string_view text, std::size_t at) {
  const std::size_t n = text.size();
  auto is_letter = [&](std::size_t i) { return i < n && IsAsciiLetter(text[i]); };
  auto ends = [&](std::size_t i) { return i >= n || IsSpace(text[i]); };
  if (is_letter(at) && at + 1 < n && (text[at + 1] == ')' || text[at + 1] == '.')) {
    return ends(at + 2);
  }
  return at + 2 < n && text[at] == '(' && is_letter(at + 1) && text[at + 2] == ')' && ends(at + 3);
}

// The colon of a "Label: value" field starting at `at`: one to three words, a colon, then a
// space or the end of the line. kNone when the line is not a field.
std::size_t FieldColon(std::string_view text, std::size_t at) {
  const std::size_t n = text.size();
  int words = 0;
  std::size_t i = at;
  while (i < n) {
    unsigned char c = text[i];
    if (IsBlank(c)) {
      ++i;
    } else if (c == ':') {
      break;
    } else if (IsLetterByte(c)) {
      if (++words > 3) return kNone;
      while (i < n && IsLetterByte(static_cast<unsigned char>(text[i]))) ++i;
    } else {
      return kNone;
    }
  }
  if (i >= n || words == 0) return kNone;
  if (i + 1 < n && !IsSpace(static_cast<unsigned char>(text[i + 1]))) return kNone;
  return i;
}

bool StartsWith(std::string_view text, std::size_t at, std::string_view prefix) {
  return text.compare(at, prefix.size(), prefix) == 0;
}

}  // namespace

void FixedTextFingerprinter::CollectFixedWords(std::string_view text,
                                               std::vector<Word>* words) const {
  text = text.substr(0, std::min<std::size_t>(text.size(), options_.max_prompt_bytes));
  const std::size_t n = text.size();
  const bool mask = options_.mask_slots;
  const std::size_t first_word = words->size();
  // Unit u spans [unit_begin[u], unit_begin[u + 1]) (the last one to the end of the text).
  std::vector<std::uint32_t> unit_begin{0};
  auto new_unit = [&](std::size_t at) {
    if (unit_begin.back() != at) unit_begin.push_back(static_cast<std::uint32_t>(at));
  };
  auto block_slot = [&](std::size_t begin, std::size_t end) {
    new_unit(begin);
    new_unit(end);
  };

  std::size_t lines_before = 0;  // lines with content before this one
  bool line_start = true, line_has_content = false;
  std::size_t field_colon = kNone;
  std::size_t last_capital_end = kNone;  // end of the previous word if it was capitalised
  bool last_capital_kept = false;        // ... and is the last entry of *words
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = text[i];
    if (c == '\n') {
      lines_before += line_has_content;
      line_has_content = false;
      line_start = true;
      field_colon = kNone;
      last_capital_end = kNone;
      new_unit(++i);
      continue;
    }
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    if (line_start) {
      line_start = false;
      line_has_content = true;
      if (mask && IsOptionLine(text, i)) {
        std::size_t eol = LineEnd(text, i);
        block_slot(i, eol);
        i = eol;
        continue;
      }
      // The first line is the instruction; fields are what machine-built prompts put after it.
      if (mask && lines_before > 0) field_colon = FieldColon(text, i);
    }
    if (mask) {
      if (StartsWith(text, i, "```")) {
        std::size_t close = text.find("```", i + 3);
        std::size_t end = close == std::string_view::npos ? n : close + 3;
        block_slot(i, end);
        i = end;
        last_capital_end = kNone;
        continue;
      }
      if (c == '"') {
        std::size_t close = text.find('"', i + 1);
        if (close != std::string_view::npos && close - i <= kMaxQuoteBytes) {
          block_slot(i, close + 1);
          i = close + 1;
          last_capital_end = kNone;
          continue;
        }
      }
      if (StartsWith(text, i, "http://") || StartsWith(text, i, "https://") ||
          StartsWith(text, i, "www.")) {
        while (i < n && !IsSpace(static_cast<unsigned char>(text[i]))) ++i;
        last_capital_end = kNone;
        continue;
      }
    }
    if (c == ':') {
      ++i;
      if (i - 1 == field_colon) {  // a field's value, to the end of the line, is a slot
        std::size_t eol = LineEnd(text, i);
        block_slot(i, eol);
        i = eol;
      } else if (i >= n || IsSpace(static_cast<unsigned char>(text[i]))) {
        new_unit(i);  // "Instruction: filling" puts the filling in a unit of its own
      }
      last_capital_end = kNone;
      continue;
    }
    if (!IsLetterByte(c) && !IsAsciiDigit(c)) {
      ++i;  // punctuation separates words
      last_capital_end = kNone;
      continue;
    }
    // A word: letters and digits, with inner apostrophes, dots, hyphens and at-signs.
    const std::size_t begin = i;
    bool has_digit = false, has_at = false;
    while (i < n) {
      unsigned char d = text[i];
      if (IsLetterByte(d) || IsAsciiDigit(d)) {
        has_digit |= IsAsciiDigit(d);
        ++i;
      } else if ((d == '\'' || d == '.' || d == '-' || d == '@') && i + 1 < n &&
                 (IsLetterByte(text[i + 1]) || IsAsciiDigit(text[i + 1]))) {
        has_at |= d == '@';
        ++i;
      } else {
        break;
      }
    }
    const bool capital = IsAsciiUpper(c);
    if (mask && (has_digit || has_at)) {  // numbers, dates, ids, hashes, e-mail addresses
      last_capital_end = kNone;
      continue;
    }
    if (mask && capital && last_capital_end != kNone &&
        text.find_first_not_of(" \t", last_capital_end) == begin) {
      // Two capitalised words in a row are a name ("Ann Lee"): a slot.
      if (last_capital_kept) words->pop_back();
      last_capital_kept = false;
      last_capital_end = i;
      continue;
    }
    std::string_view word = text.substr(begin, i - begin);
    const std::uint64_t hash = WordHash(word);
    const bool kept = !IsStopWord(hash);
    if (kept) {
      words->push_back({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(word.size()),
                        static_cast<std::uint32_t>(unit_begin.size() - 1), hash});
    }
    last_capital_end = capital ? i : kNone;
    last_capital_kept = capital && kept;
  }

  if (!options_.drop_filling) return;
  // The filling is the unit with the most raw bytes.
  std::uint32_t filling = 0, longest = 0;
  for (std::size_t u = 0; u < unit_begin.size(); ++u) {
    std::uint32_t end = u + 1 < unit_begin.size() ? unit_begin[u + 1] : static_cast<std::uint32_t>(n);
    if (end - unit_begin[u] > longest) {
      longest = end - unit_begin[u];
      filling = static_cast<std::uint32_t>(u);
    }
  }
  auto kept_end = std::remove_if(words->begin() + static_cast<std::ptrdiff_t>(first_word),
                                 words->end(), [filling](const Word& w) { return w.unit == filling; });
  words->erase(kept_end, words->end());
}

std::vector<std::string> FixedTextFingerprinter::FixedWords(std::string_view prompt) const {
  std::vector<Word> words;
  CollectFixedWords(prompt, &words);
  std::vector<std::string> out;
  for (const Word& w : words) {
    std::string lower(prompt.substr(w.begin, w.size));
    for (char& ch : lower) {
      if (IsAsciiUpper(static_cast<unsigned char>(ch))) ch = static_cast<char>(ch + 32);
    }
    out.push_back(std::move(lower));
  }
  return out;
}

std::string FixedTextFingerprinter::Fingerprint(std::string_view prompt) const {
  std::vector<Word> words;
  words.reserve(64);
  CollectFixedWords(prompt, &words);
  std::vector<std::uint64_t> hashes;
  hashes.reserve(words.size());
  for (const Word& w : words) hashes.push_back(w.hash);
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  if (hashes.size() < options_.min_tokens) return "";
  // The bottom-k sketch of the distinct fixed words: a light edit changes the id only when it
  // removes or adds one of the k smallest hashes.
  std::uint64_t h = kFnvOffset;
  for (unsigned char c : std::string_view("ringgraph-template-v3")) {
    h ^= c;
    h *= kFnvPrime;
  }
  const std::size_t keep = std::min<std::size_t>(hashes.size(), options_.sketch_tokens);
  for (std::size_t i = 0; i < keep; ++i) h = MixBits(h ^ hashes[i]);
  char buf[24];
  std::snprintf(buf, sizeof buf, "t3-%016llx", static_cast<unsigned long long>(h));
  return buf;
}

void FixedTextFingerprinter::FingerprintBatch(std::span<const std::string_view> prompts,
                                              std::vector<std::string>* ids) const {
  ids->assign(prompts.size(), std::string());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, prompts.size(), 256),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      for (std::size_t i = range.begin(); i != range.end(); ++i) {
                        (*ids)[i] = Fingerprint(prompts[i]);
                      }
                    });
}

}  // namespace ringgraph::templates
