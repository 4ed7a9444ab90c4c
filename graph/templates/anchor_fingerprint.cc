// Slot masking and head-anchor fingerprints. See anchor_fingerprint.h.
#include "graph/templates/anchor_fingerprint.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace ringgraph::templates {
namespace {

bool IsWordByte(unsigned char c) { return std::isalpha(c) || c >= 0x80 || c == '_'; }

// FNV-1a, 64-bit: small, fast and stable across platforms and releases.
std::uint64_t Fnv1a(std::string_view text, std::uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

std::vector<std::string> AnchorFingerprinter::MaskedTokens(std::string_view text) const {
  std::vector<std::string> tokens;
  const std::size_t n = text.size();
  std::size_t i = 0;
  bool line_start = true;
  while (i < n && tokens.size() < 4096) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (options_.mask_slots) {
      if (text.compare(i, 3, "```") == 0) {  // a code block, to its closing fence
        std::size_t close = text.find("```", i + 3);
        i = close == std::string_view::npos ? n : close + 3;
        tokens.emplace_back("<code>");
        continue;
      }
      if (c == '"') {  // a quoted insert
        std::size_t close = text.find('"', i + 1);
        if (close != std::string_view::npos && close - i < 4096) {
          i = close + 1;
          tokens.emplace_back("<q>");
          continue;
        }
      }
      if (text.compare(i, 7, "http://") == 0 || text.compare(i, 8, "https://") == 0) {
        while (i < n && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
        tokens.emplace_back("<url>");
        continue;
      }
      if (line_start && i + 1 < n && std::isalpha(c) && (text[i + 1] == ')' || text[i + 1] == '.') &&
          (i + 2 >= n || text[i + 2] == ' ')) {  // an enumerated option line: "A) ..."
        std::size_t eol = text.find('\n', i);
        i = eol == std::string_view::npos ? n : eol;
        tokens.emplace_back("<opt>");
        continue;
      }
    }
    if (c == '\n') line_start = true;
    if (std::isdigit(c)) {
      while (i < n && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.' ||
                       text[i] == ',')) {
        ++i;
      }
      tokens.emplace_back(options_.mask_slots ? "#" : std::string(text.substr(i - 1, 1)));
      line_start = false;
      continue;
    }
    if (IsWordByte(c)) {
      std::size_t start = i;
      bool has_digit = false, has_at = false;
      while (i < n && (IsWordByte(static_cast<unsigned char>(text[i])) ||
                       std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '@' ||
                       text[i] == '.' || text[i] == '-')) {
        has_digit |= std::isdigit(static_cast<unsigned char>(text[i])) != 0;
        has_at |= text[i] == '@';
        ++i;
      }
      std::string_view word = text.substr(start, i - start);
      while (!word.empty() && (word.back() == '.' || word.back() == '-')) word.remove_suffix(1);
      if (options_.mask_slots && has_at) {
        tokens.emplace_back("<email>");
      } else if (options_.mask_slots && has_digit && word.size() >= 12) {
        tokens.emplace_back("<tok>");
      } else {
        std::string lower(word);
        for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        tokens.push_back(std::move(lower));
      }
      line_start = false;
      continue;
    }
    if (!std::isspace(c)) line_start = false;
    ++i;
  }
  return tokens;
}

std::string AnchorFingerprinter::Fingerprint(std::string_view prompt) const {
  // The anchor is the instruction: the text before the first line break (or the first
  // max_anchor_bytes bytes when there is none).
  std::size_t line_end = prompt.find('\n');
  std::string_view head = prompt.substr(0, std::min<std::size_t>(
      line_end == std::string_view::npos ? prompt.size() : line_end, options_.max_anchor_bytes));
  std::vector<std::string> tokens = MaskedTokens(head);
  if (tokens.size() < options_.min_tokens) return "";
  // A bottom-k sketch of the anchor's distinct tokens: a light edit (one word dropped or
  // repeated) changes the id only when it touches one of the k smallest token hashes.
  std::vector<std::uint64_t> hashes;
  hashes.reserve(tokens.size());
  for (const std::string& token : tokens) hashes.push_back(Fnv1a(token));
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  std::uint64_t h = Fnv1a("ringgraph-template-v1");
  const std::size_t keep = std::min<std::size_t>(hashes.size(), options_.sketch_tokens);
  for (std::size_t i = 0; i < keep; ++i) {
    h ^= hashes[i];
    h *= 1099511628211ull;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "t1-%016llx", static_cast<unsigned long long>(h));
  return buf;
}

void AnchorFingerprinter::FingerprintBatch(std::span<const std::string_view> prompts,
                                             std::vector<std::string>* ids) const {
  ids->assign(prompts.size(), std::string());
  tbb::parallel_for(std::size_t{0}, prompts.size(),
                    [&](std::size_t i) { (*ids)[i] = Fingerprint(prompts[i]); });
}

}  // namespace ringgraph::templates
