// The synthetic prompt corpus. See prompt_corpus.h.
#include "graph/templates/prompt_corpus.h"

#include <algorithm>
#include <cmath>

namespace ringgraph::templates {
namespace {

constexpr const char* kSyllables[] = {"ka",  "lo",  "mi",   "ne",   "ru",  "sa",  "ti", "vo", "ze",
                                      "ba",  "do",  "fi",   "gu",   "he",  "ja",  "ko", "la", "ma",
                                      "no",  "pe",  "qui",  "ra",   "se",  "to",  "ul", "ve", "wa",
                                      "xi",  "yo",  "zu",   "an",   "el",  "in",  "or", "us", "ter",
                                      "con", "pro", "tion", "ment", "ing", "est", "ly", "ab"};

// Phrase banks per style: the building blocks of a family's fixed text.
constexpr const char* kExtractionOpeners[] = {
    "You are an expert reasoner. Think step by step and write out your complete internal "
    "reasoning, every intermediate thought, before you give the final answer.",
    "Show your full chain of thought. Do not skip any step of the derivation, and label each "
    "step so it can be checked.",
    "Grade the answer below against the rubric. For every criterion give a score from 1 to 10 "
    "and explain in detail why.",
    "You are an autonomous coding agent with shell, editor and test-runner tools. Plan the task, "
    "call the tools you need, and narrate each decision.",
    "Explique tu razonamiento paso a paso, sin omitir ningun paso intermedio, y luego da la "
    "respuesta final.",
    "Bitte erklaere deinen Loesungsweg Schritt fuer Schritt und nenne alle Zwischenergebnisse.",
    "Explain the following response as if teaching a student: restate each claim, justify it, "
    "and point out any hidden assumption.",
    "Solve the problem below. First restate it, then reason carefully, then verify the result "
    "with an independent method."};
constexpr const char* kExtractionClosers[] = {
    "Format: REASONING: <all steps> then ANSWER: <final>.",
    "Return JSON with keys \"reasoning\", \"answer\" and \"confidence\".",
    "End with a line 'Final answer:' followed by the answer only.",
    "After the final answer, list every tool call you made and why.",
    "Write at least ten numbered steps before the answer."};
constexpr const char* kCompanyOpeners[] = {
    "[internal tool] Summarize the support ticket below for the escalation queue.",
    "Draft a reply to this customer email in our house style, friendly and brief.",
    "Classify the incident report below into one of our severity levels and give a reason.",
    "Rewrite these release notes for the changelog page.",
    "Extract the action items, owners and due dates from the meeting notes below."};
constexpr const char* kCompanyClosers[] = {"Keep it under 120 words.", "Use bullet points.",
                                           "Do not mention internal system names.",
                                           "Sign off as the support team."};
constexpr const char* kHarnessOpeners[] = {
    "The following is a multiple choice question. Think carefully.",
    "Answer the reading comprehension question using only the passage.",
    "Complete the function so that all unit tests pass.",
    "Translate the sentence and output only the translation.", "Question:"};
constexpr const char* kHarnessClosers[] = {"Answer with the letter of the correct choice only.",
                                           "Answer:", "Output only the code, no explanation.",
                                           "The answer is"};
constexpr const char* kPopularOpeners[] = {
    "Translate this into French:", "Summarize this article:",
    "Write a poem about",          "Fix the grammar in this sentence:",
    "Explain like I'm five:",      "Give me a recipe for",
    "What is the capital of",      "Write a haiku about"};

template <std::size_t N>
const char* Pick(const char* const (&bank)[N], std::uint64_t key) {
  return bank[key % N];
}

}  // namespace

PromptCorpus::PromptCorpus(std::uint64_t seed, PromptCorpusOptions options)
    : seed_(seed), options_(options) {
  std::mt19937_64 rng(seed ^ 0x70726f6d7074ULL);
  constexpr std::size_t kSyllableCount = sizeof(kSyllables) / sizeof(kSyllables[0]);
  vocabulary_.reserve(options_.vocabulary_size);
  while (vocabulary_.size() < options_.vocabulary_size) {
    std::size_t syllables = 1 + rng() % 4;
    std::string word;
    for (std::size_t s = 0; s < syllables; ++s) word += kSyllables[rng() % kSyllableCount];
    vocabulary_.push_back(std::move(word));  // duplicates are rare and harmless
  }
  cumulative_.resize(vocabulary_.size());
  double sum = 0;
  for (std::size_t i = 0; i < vocabulary_.size(); ++i) {
    sum += 1.0 / std::pow(static_cast<double>(i + 1), options_.zipf_exponent);
    cumulative_[i] = sum;
  }
  for (double& c : cumulative_) c /= sum;
  // Families are fixed for the corpus: build them once rather than on every prompt.
  families_.reserve(4 * static_cast<std::size_t>(options_.families_per_style));
  for (Style style :
       {Style::kExtraction, Style::kCompanyTool, Style::kBenchmarkHarness, Style::kPopularPublic}) {
    for (std::uint32_t i = 0; i < options_.families_per_style; ++i) {
      families_.push_back(MakeFamily(style, i));
    }
  }
}

std::string PromptCorpus::Word(std::mt19937_64& rng) const {
  double u = std::uniform_real_distribution<double>(0, 1)(rng);
  auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), u);
  std::size_t i = std::min<std::size_t>(it - cumulative_.begin(), vocabulary_.size() - 1);
  return vocabulary_[i];
}

std::string PromptCorpus::Words(std::mt19937_64& rng, std::size_t min_bytes) const {
  std::string out;
  std::size_t sentence = 0;
  while (out.size() < min_bytes) {
    if (!out.empty()) out += ' ';
    std::string word = Word(rng);
    if (sentence == 0 && !word.empty()) word[0] = static_cast<char>(std::toupper(word[0]));
    out += word;
    ++sentence;
    if (sentence > 6 && rng() % 8 == 0) {
      out += rng() % 5 == 0 ? "," : ".";
      if (out.back() == '.') sentence = 0;
    }
  }
  return out + ".";
}

PromptCorpus::Family PromptCorpus::MakeFamily(Style style, std::uint32_t index) const {
  index %= options_.families_per_style;
  std::mt19937_64 rng(seed_ * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(style) * 1000003 +
                      index);
  Family family;
  auto fixed = [&](std::string text) {
    family.fixed_bytes += text.size();
    family.segments.push_back({std::move(text), Slot::kFiller, false});
  };
  auto slot = [&](Slot s) { family.segments.push_back({"", s, true}); };
  // A family-specific phrase of vocabulary words makes each family's fixed text its own.
  std::string own = Words(rng, 30 + rng() % 50);
  switch (style) {
    case Style::kExtraction:
      fixed(std::string(Pick(kExtractionOpeners, rng())) + " " + own + "\n\n");
      slot(rng() % 3 == 0 ? Slot::kResponse : Slot::kFiller);
      if (rng() % 2) {
        fixed("\nConstraints: use at most ");
        slot(Slot::kNumber);
        fixed(" steps and cite the line numbers.\n");
      }
      if (rng() % 3 == 0) {
        fixed("\nRelevant code:\n");
        slot(Slot::kCode);
      }
      fixed(std::string("\n") + Pick(kExtractionClosers, rng()));
      break;
    case Style::kCompanyTool:
      fixed(std::string(Pick(kCompanyOpeners, rng())) + " " + own + "\nTicket ");
      slot(Slot::kNumber);
      fixed(":\n");
      slot(Slot::kFiller);
      fixed(std::string("\n") + Pick(kCompanyClosers, rng()));
      break;
    case Style::kBenchmarkHarness:
      fixed(std::string(Pick(kHarnessOpeners, rng())) + " " + own + "\n");
      slot(Slot::kFiller);
      fixed("\nChoices:\n");
      slot(Slot::kOptions);
      fixed(std::string("\n") + Pick(kHarnessClosers, rng()));
      break;
    case Style::kPopularPublic:
      fixed(std::string(Pick(kPopularOpeners, rng())) + " ");
      slot(Slot::kShort);
      break;
  }
  return family;
}

std::string PromptCorpus::FillSlot(Slot slot, std::size_t fixed_bytes, std::mt19937_64& rng) const {
  switch (slot) {
    case Slot::kFiller: {
      std::size_t bytes = fixed_bytes + rng() % (2 * fixed_bytes + 1);  // 1x to 3x the fixed text
      std::string text = Words(rng, bytes);
      if (rng() % 4 == 0) text += " \"" + Words(rng, 20) + "\"";
      return text;
    }
    case Slot::kNumber:
      return std::to_string(rng() % 10000);
    case Slot::kOptions: {
      std::string out;
      for (char letter = 'A'; letter < 'A' + 2 + static_cast<char>(rng() % 4); ++letter) {
        out += std::string(1, letter) + ") " + Words(rng, 12 + rng() % 30) + "\n";
      }
      return out;
    }
    case Slot::kQuoted:
      return "\"" + Words(rng, 20 + rng() % 60) + "\"";
    case Slot::kCode: {
      std::string out = "```\ndef f" + std::to_string(rng() % 1000) + "(x):\n";
      for (int line = 0; line < 2 + static_cast<int>(rng() % 5); ++line) {
        // Draws are sequenced in statements, not left to the evaluation order of the operands of
        // +, which gcc and clang take differently; this is the order gcc took when the
        // population digests were pinned (population_generator_test.cc).
        const std::string name = Word(rng).substr(0, 6);
        const std::uint64_t factor = rng() % 97;
        out += "    x = x * " + std::to_string(factor) + " + " + name + "\n";
      }
      return out + "    return x\n```\n";
    }
    case Slot::kUrl: {
      const std::uint64_t page = rng() % 100000;  // sequenced in gcc's order, as in kCode
      const std::string path = Word(rng);
      const std::string host = Word(rng);
      return "https://" + host + ".example/" + path + "/" + std::to_string(page);
    }
    case Slot::kResponse:
      return "Response to explain: \"" + Words(rng, fixed_bytes + rng() % (2 * fixed_bytes + 1)) +
             "\"";
    case Slot::kShort:
      return Words(rng, 10 + rng() % 60);
  }
  return {};
}

std::string PromptCorpus::FromTemplate(Style style, std::uint32_t family_index,
                                       std::mt19937_64& rng) const {
  const Family& family = families_[static_cast<std::size_t>(style) * options_.families_per_style +
                                   family_index % options_.families_per_style];
  std::string out;
  for (const Segment& segment : family.segments) {
    if (segment.is_slot) {
      out += FillSlot(segment.slot, std::max<std::size_t>(family.fixed_bytes, 40), rng);
      continue;
    }
    if (rng() % 5 == 0) {
      // A light edit: one word of the fixed text dropped.
      std::string text = segment.text;
      std::size_t space = text.find(' ', rng() % std::max<std::size_t>(1, text.size()));
      std::size_t next = space == std::string::npos ? std::string::npos : text.find(' ', space + 1);
      if (next != std::string::npos) text.erase(space, next - space);
      out += text;
    } else {
      out += segment.text;
    }
  }
  return out;
}

std::string PromptCorpus::FreeText(std::mt19937_64& rng) const {
  std::string text = Words(rng, 40 + rng() % 400);
  if (rng() % 3 == 0) text += "?";
  if (rng() % 6 == 0) text += "\n" + Words(rng, 30);
  return text;
}

std::string PromptCorpus::Skeleton(Style style, std::uint32_t family_index) const {
  Family family = MakeFamily(style, family_index);
  std::string out;
  for (const Segment& segment : family.segments) out += segment.is_slot ? "{slot}" : segment.text;
  return out;
}

}  // namespace ringgraph::templates
