// The labelled prompt corpus for template-fingerprint tests and benchmarks. See test_corpus.h.
#include "graph/templates/test_corpus.h"

#include <algorithm>
#include <cmath>

namespace ringgraph::templates {
namespace {

// The most frequent ranks of the vocabulary: real function and common words.
constexpr const char* kCommonWords[] = {
    "the",    "of",       "and",     "to",   "a",     "in",     "is",   "it",    "you",  "that",
    "he",     "was",      "for",     "on",   "are",   "with",   "as",   "i",     "his",  "they",
    "be",     "at",       "one",     "have", "this",  "from",   "or",   "had",   "by",   "not",
    "word",   "but",      "what",    "some", "we",    "can",    "out",  "other", "were", "all",
    "there",  "when",     "up",      "use",  "your",  "how",    "said", "an",    "each", "she",
    "which",  "do",       "their",   "time", "if",    "will",   "way",  "about", "many", "then",
    "them",   "write",    "would",   "like", "so",    "these",  "her",  "long",  "make", "thing",
    "see",    "him",      "two",     "has",  "look",  "more",   "day",  "could", "go",   "come",
    "did",    "number",   "sound",   "no",   "most",  "people", "my",   "over",  "know", "water",
    "than",   "call",     "first",   "who",  "may",   "down",   "side", "been",  "now",  "find",
    "answer", "question", "problem", "data", "model", "system", "code", "value", "user", "result",
    "step",   "example",  "text",    "file", "list",  "work",   "need", "help",  "want", "new"};

constexpr const char* kSyllables[] = {
    "ka",   "lo",  "mi",  "ne", "ru", "sa",  "ti", "vo",  "ze", "ba",  "do",  "fi",  "gu",
    "he",   "ja",  "ko",  "la", "ma", "no",  "pe", "qui", "ra", "se",  "to",  "ul",  "ve",
    "wa",   "xi",  "yo",  "zu", "an", "el",  "in", "or",  "us", "ter", "con", "pro", "tion",
    "ment", "ing", "est", "ly", "ab", "str", "ph", "ou",  "ea", "ck",  "ble"};

// Phrases that honest users and templates alike write; they recur across unrelated prompts.
constexpr const char* kStockPhrases[] = {"can you please",    "i want to",
                                         "in order to",       "one of the",
                                         "as well as",        "step by step",
                                         "make sure that",    "at the same time",
                                         "for example",       "it is important to",
                                         "the following",     "let me know",
                                         "thank you",         "what is the",
                                         "how do i",          "is there a way to",
                                         "i would like to",   "based on the",
                                         "in the context of", "on the other hand",
                                         "explain why",       "give me",
                                         "write a",           "in detail",
                                         "the answer",        "as a result"};

// Short public templates shared by many strangers: {} marks where the filling goes.
constexpr const char* kPopularTemplates[] = {"Translate the following text into French: {}",
                                             "Summarize this in one paragraph: {}",
                                             "Fix the grammar and spelling in this text: {}",
                                             "Write a short poem about {}",
                                             "{}\n\nExplain this to me like I am five.",
                                             "Rewrite this email to sound more professional: {}",
                                             "{}\n\nWhat does this mean?",
                                             "Give me a recipe that uses {}",
                                             "Make this sentence shorter: {}",
                                             "Write a product description for {}",
                                             "Tell me a joke about {}",
                                             "Reply politely to this message: {}"};

constexpr const char* kGreetings[] = {"Hi! ", "Please help. ", "Hello, ", "OK. "};
constexpr const char* kLanguages[] = {"python", "c++", "javascript", "go", "rust", "java"};

std::string Capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::vector<std::string> SplitWords(const std::string& text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    if (j > i) words.push_back(text.substr(i, j - i));
    i = j + 1;
  }
  return words;
}

}  // namespace

std::uint64_t CorpusRng::Next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

double CorpusRng::Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

TestCorpus::TestCorpus(TestCorpusOptions options) : options_(options) {
  CorpusRng rng(options_.seed * 0x2545f4914f6cdd1dULL + 17);
  for (const char* word : kCommonWords) vocabulary_.push_back(word);
  std::vector<std::string> seen(vocabulary_.begin(), vocabulary_.end());
  std::sort(seen.begin(), seen.end());
  while (vocabulary_.size() < options_.vocabulary_size) {
    std::string word;
    std::uint64_t syllables = rng.Between(1, 4);
    for (std::uint64_t s = 0; s < syllables; ++s)
      word += kSyllables[rng.Below(std::size(kSyllables))];
    auto it = std::lower_bound(seen.begin(), seen.end(), word);
    if (it != seen.end() && *it == word) continue;
    seen.insert(it, word);
    vocabulary_.push_back(word);
  }
  cumulative_.resize(vocabulary_.size());
  double total = 0;
  for (std::size_t rank = 0; rank < vocabulary_.size(); ++rank) {
    total += 1.0 / std::pow(static_cast<double>(rank + 1), options_.zipf_exponent);
    cumulative_[rank] = total;
  }
  for (double& c : cumulative_) c /= total;

  for (std::uint32_t f = 0; f < options_.template_families; ++f) {
    families_.push_back(MakeTemplateFamily(f));
  }
  std::uint32_t popular =
      std::min<std::uint32_t>(options_.popular_families, std::size(kPopularTemplates));
  for (std::uint32_t f = 0; f < popular; ++f) families_.push_back(MakePopularFamily(f));
}

std::string TestCorpus::Word(CorpusRng& rng) const {
  double u = rng.Uniform();
  auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), u);
  if (it == cumulative_.end()) --it;
  return vocabulary_[static_cast<std::size_t>(it - cumulative_.begin())];
}

std::string TestCorpus::Sentences(CorpusRng& rng, std::size_t min_bytes) const {
  std::string out;
  while (out.size() < min_bytes) {
    std::string sentence;
    std::uint64_t words = rng.Between(5, 16);
    for (std::uint64_t w = 0; w < words; ++w) {
      if (!sentence.empty()) sentence += ' ';
      if (rng.Chance(0.08)) {
        sentence += kStockPhrases[rng.Below(std::size(kStockPhrases))];
        w += 2;
      } else {
        sentence += Word(rng);
      }
      if (w + 1 < words && rng.Chance(0.06)) sentence += ',';
    }
    sentence = Capitalized(sentence);
    sentence += rng.Chance(0.15) ? "?" : ".";
    if (!out.empty()) out += ' ';
    out += sentence;
  }
  return out;
}

TestCorpus::Family TestCorpus::MakeTemplateFamily(std::uint32_t index) const {
  CorpusRng rng(options_.seed * 0x9e3779b97f4a7c15ULL + 0x51ed27ULL * (index + 1));
  Family family;
  auto fixed = [&family](std::string text) {
    family.segments.push_back({std::move(text), Slot::kFilling, false});
  };
  auto slot = [&family](Slot s) { family.segments.push_back({"", s, true}); };
  // An instruction: sentences of the family's own words, sometimes opening with a stock phrase.
  auto instruction = [&](std::size_t min_bytes) {
    std::string text = Sentences(rng, min_bytes);
    if (rng.Chance(0.4)) {
      text = Capitalized(kStockPhrases[rng.Below(std::size(kStockPhrases))]) + " " + text;
    }
    return text;
  };
  // Short field labels of machine-built prompts ("Task id:", "Attempt:").
  auto label = [&]() {
    std::string text = Capitalized(Word(rng));
    if (rng.Chance(0.5)) text += " " + Word(rng);
    return text + ": ";
  };
  switch (index % 9) {
    case 0:  // instruction, filling, format demand
      fixed(instruction(rng.Between(50, 110)) + "\n\n");
      slot(Slot::kFilling);
      fixed("\n\n" + instruction(rng.Between(20, 50)));
      break;
    case 1:  // filling first, then "explain the above"
      slot(Slot::kFilling);
      fixed("\n\n" + instruction(rng.Between(60, 140)));
      break;
    case 2:  // numbered problem with enumerated options
      fixed(Capitalized(Word(rng)) + " " + Word(rng) + " ");
      slot(Slot::kNumber);
      fixed(". " + instruction(rng.Between(40, 80)) + "\n");
      slot(Slot::kFilling);
      fixed("\n" + Capitalized(Word(rng)) + ":\n");
      slot(Slot::kOptions);
      fixed("\n" + instruction(rng.Between(20, 50)));
      break;
    case 3: {  // rubric grading: fields, then weighted criteria with score ranges
      fixed(Capitalized(Word(rng)) + ": ");
      slot(Slot::kFilling);
      fixed("\n" + Capitalized(Word(rng)) + " " + Word(rng) + ": ");
      slot(Slot::kShortFilling);
      fixed("\n" + instruction(rng.Between(20, 50)) + "\n");
      std::uint64_t criteria = rng.Between(2, 4);
      for (std::uint64_t c = 0; c < criteria; ++c) {
        fixed(label());
        slot(Slot::kNumber);
        fixed(" " + Word(rng) + " ");
        slot(Slot::kNumber);
        fixed("\n");
      }
      fixed(label());
      slot(Slot::kNumber);
      break;
    }
    case 4:  // a pasted response, quoted, to be explained
      fixed(instruction(rng.Between(50, 100)) + " ");
      slot(Slot::kQuoted);
      fixed(" " + instruction(rng.Between(20, 60)));
      break;
    case 5: {  // a code block
      std::string language = kLanguages[rng.Below(std::size(kLanguages))];
      fixed(instruction(rng.Between(40, 90)) + " (" + language + ")\n");
      slot(Slot::kCode);
      fixed("\n" + instruction(rng.Between(20, 50)));
      break;
    }
    case 7:  // a machine-built record: labelled short fields, then the task
      fixed("### " + label());
      slot(Slot::kIdToken);
      fixed("\n" + label());
      slot(Slot::kNumber);
      fixed("/");
      slot(Slot::kNumber);
      fixed("\n" + label());
      slot(Slot::kDate);
      fixed("\n" + label());
      slot(Slot::kName);
      fixed("\n" + label());
      slot(Slot::kNumber);
      fixed("\n" + label() + "\n");
      slot(Slot::kFilling);
      fixed("\n" + label() + Word(rng) + " ");
      slot(Slot::kNumber);
      fixed(" " + Word(rng));
      break;
    case 8:  // a benchmark harness item: a number, the question, options, a short cue
      fixed(Capitalized(Word(rng)) + " ");
      slot(Slot::kNumber);
      fixed(": ");
      slot(Slot::kFilling);
      fixed("\n");
      slot(Slot::kOptions);
      fixed("\n" + instruction(rng.Between(15, 40)) + "\n" + label());
      break;
    default:  // a form with ids, addresses and a link
      fixed(Capitalized(Word(rng)) + " ");
      slot(Slot::kIdToken);
      fixed(" " + Word(rng) + " ");
      slot(Slot::kEmail);
      fixed(" (");
      slot(Slot::kName);
      fixed("): " + instruction(rng.Between(40, 90)) + "\n");
      slot(Slot::kFilling);
      fixed("\n" + Capitalized(Word(rng)) + " ");
      slot(Slot::kUrl);
      fixed(" " + instruction(rng.Between(15, 40)));
      break;
  }
  for (const Segment& s : family.segments) family.fixed_bytes += s.text.size();
  return family;
}

TestCorpus::Family TestCorpus::MakePopularFamily(std::uint32_t index) const {
  Family family;
  std::string pattern = kPopularTemplates[index];
  std::size_t hole = pattern.find("{}");
  if (hole > 0) family.segments.push_back({pattern.substr(0, hole), Slot::kFilling, false});
  family.segments.push_back({"", Slot::kFilling, true});
  if (hole + 2 < pattern.size()) {
    family.segments.push_back({pattern.substr(hole + 2), Slot::kFilling, false});
  }
  for (const Segment& s : family.segments) family.fixed_bytes += s.text.size();
  return family;
}

std::string TestCorpus::FillSlot(Slot slot, std::size_t fixed_bytes, CorpusRng& rng) const {
  // The long filling is 1x to 3x the fixed text.
  std::size_t long_bytes = static_cast<std::size_t>(fixed_bytes * (1.0 + 2.0 * rng.Uniform()));
  switch (slot) {
    case Slot::kFilling:
      return Sentences(rng, long_bytes);
    case Slot::kShortFilling:
      return Sentences(rng, rng.Between(10, 40));
    case Slot::kNumber:
      switch (rng.Below(3)) {
        case 0:
          return std::to_string(rng.Between(1, 999));
        case 1:
          return std::to_string(rng.Between(1, 99)) + "." + std::to_string(rng.Below(100));
        default:
          return std::to_string(rng.Between(1000, 99999));
      }
    case Slot::kOptions: {
      std::string out;
      std::uint64_t options = rng.Between(3, 5);
      std::uint64_t style = rng.Below(3);
      for (std::uint64_t o = 0; o < options; ++o) {
        char letter = static_cast<char>('A' + o);
        if (o) out += '\n';
        if (style == 0) out += std::string(1, letter) + ") ";
        if (style == 1) out += std::string(1, letter) + ". ";
        if (style == 2) out += "(" + std::string(1, letter) + ") ";
        std::uint64_t words = rng.Between(1, 6);
        for (std::uint64_t w = 0; w < words; ++w) out += (w ? " " : "") + Word(rng);
      }
      return out;
    }
    case Slot::kQuoted:
      return "\"" + Sentences(rng, long_bytes) + "\"";
    case Slot::kCode: {
      std::string out = "```\n";
      while (out.size() < long_bytes) {
        out += "  " + Word(rng) + "_" + Word(rng) + " = " + Word(rng) + "(" +
               std::to_string(rng.Below(100)) + ", " + Word(rng) + ")\n";
      }
      return out + "```";
    }
    case Slot::kUrl:
      return "https://" + Word(rng) + ".example/" + Word(rng) + "/" +
             std::to_string(rng.Below(100000)) + "?q=" + Word(rng);
    case Slot::kEmail:
      return Word(rng) + "." + Word(rng) + "@" + Word(rng) + ".example";
    case Slot::kIdToken: {
      static constexpr char kHex[] = "0123456789abcdef";
      std::string out;
      for (int i = 0; i < 16; ++i) out += kHex[rng.Below(16)];
      return out;
    }
    case Slot::kDate:
      return "20" + std::to_string(rng.Between(10, 29)) + "-" +
             std::to_string(rng.Between(10, 12)) + "-" + std::to_string(rng.Between(10, 28));
    case Slot::kName:
      return Capitalized(Word(rng)) + " " + Capitalized(Word(rng));
  }
  return "";
}

std::string TestCorpus::EditFixedText(const std::string& text, CorpusRng& rng) const {
  std::vector<std::string> words = SplitWords(text);
  if (words.size() < 3) return text;
  std::size_t at = rng.Below(words.size());
  switch (rng.Below(5)) {
    case 0:
      words.erase(words.begin() + at);
      break;  // a word dropped
    case 1:
      words.insert(words.begin() + at, words[at]);
      break;  // a word repeated
    case 2:
      words[at] = Word(rng);
      break;  // a word replaced
    case 3:
      words[at] = Capitalized(words[at]);
      break;  // changed case
    default:  // changed punctuation
      if (!words[at].empty() && (words[at].back() == '.' || words[at].back() == ',')) {
        words[at].back() = words[at].back() == '.' ? '!' : ';';
      } else {
        words[at] += ",";
      }
  }
  std::string out;
  // Keep leading and trailing whitespace (line breaks around slots) as it was.
  std::size_t lead = text.find_first_not_of(" \n");
  std::size_t trail = text.find_last_not_of(" \n");
  if (lead == std::string::npos) return text;
  out = text.substr(0, lead);
  std::string body;
  for (const std::string& w : words) body += (body.empty() ? "" : " ") + w;
  // SplitWords joined lines; line breaks inside a fixed segment are rare and lost here.
  std::size_t start = body.find_first_not_of(" \n");
  out += start == std::string::npos ? body : body.substr(start);
  out += text.substr(trail + 1);
  return out;
}

std::string TestCorpus::FromFamily(std::uint32_t family_index, CorpusRng& rng) const {
  const Family& family = families_[family_index];
  std::string out;
  if (rng.Chance(options_.edit_probability * 0.3))
    out += kGreetings[rng.Below(std::size(kGreetings))];
  std::size_t edited = family.segments.size();
  if (rng.Chance(options_.edit_probability)) edited = rng.Below(family.segments.size());
  for (std::size_t i = 0; i < family.segments.size(); ++i) {
    const Segment& segment = family.segments[i];
    if (segment.is_slot) {
      out += FillSlot(segment.slot, family.fixed_bytes, rng);
    } else if (i == edited) {
      out += EditFixedText(segment.text, rng);
    } else {
      out += segment.text;
    }
  }
  return out;
}

std::string TestCorpus::FreeText(CorpusRng& rng) const {
  std::string out;
  if (rng.Chance(0.3)) out += Capitalized(kStockPhrases[rng.Below(std::size(kStockPhrases))]) + " ";
  out += Sentences(rng, rng.Between(60, 450));
  if (rng.Chance(0.2)) out += " It costs " + FillSlot(Slot::kNumber, 0, rng) + ".";
  if (rng.Chance(0.1)) out += " He said " + FillSlot(Slot::kQuoted, 40, rng);
  if (rng.Chance(0.05)) out += " See " + FillSlot(Slot::kUrl, 0, rng);
  if (rng.Chance(0.05)) out += "\n" + FillSlot(Slot::kCode, 60, rng);
  return out;
}

std::string TestCorpus::Skeleton(std::uint32_t family_index) const {
  static constexpr const char* kSlotNames[] = {"filling", "short", "number", "options",
                                               "quoted",  "code",  "url",    "email",
                                               "id",      "name",  "date"};
  std::string out;
  for (const Segment& segment : families_[family_index].segments) {
    out += segment.is_slot ? "{" + std::string(kSlotNames[static_cast<int>(segment.slot)]) + "}"
                           : segment.text;
  }
  return out;
}

std::string TestCorpus::LayoutName(std::uint32_t family) const {
  static constexpr const char* kLayouts[] = {"instruction", "filling-first", "options",
                                             "rubric",      "quoted",        "code",
                                             "record",      "harness",       "form"};
  if (family >= options_.template_families) return "popular";
  // MakeTemplateFamily's switch: cases 0..8, where 6 is its default branch (form).
  const std::uint32_t layout = family % 9;
  return layout == 6 ? "form" : layout == 7 ? "record" : layout == 8 ? "harness" : kLayouts[layout];
}

void ShuffleCorpus(std::vector<LabelledPrompt>& prompts, CorpusRng& rng) {
  for (std::size_t i = prompts.size(); i > 1; --i) {
    std::swap(prompts[i - 1], prompts[rng.Below(i)]);
  }
}

std::vector<LabelledPrompt> TestCorpus::Generate() const {
  CorpusRng rng(options_.seed * 0xd1342543de82ef95ULL + 3);
  std::vector<LabelledPrompt> prompts;
  for (std::uint32_t f = 0; f < family_count(); ++f) {
    for (std::uint32_t k = 0; k < options_.prompts_per_family; ++k) {
      prompts.push_back({FromFamily(f, rng), static_cast<std::int32_t>(f)});
    }
  }
  for (std::uint32_t k = 0; k < options_.free_text_prompts; ++k) {
    prompts.push_back({FreeText(rng), kFreeText});
  }
  ShuffleCorpus(prompts, rng);
  return prompts;
}

}  // namespace ringgraph::templates
