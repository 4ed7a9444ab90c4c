// The real prompt formats fixture (testdata/real_formats.txt), its parser and its errors, and
// the labelled corpus filled from it: determinism, fixed text kept, slots filled, counts, and the
// shape of each kind of filling.
#include "graph/templates/format_corpus.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

namespace ringgraph::templates {
namespace {

std::string RealFormatsPath() {
  return std::string(RINGGRAPH_SOURCE_DIR) + "/graph/templates/testdata/real_formats.txt";
}

std::vector<PromptFormat> LoadRealFormats() {
  Result<std::vector<PromptFormat>> formats = LoadPromptFormats(RealFormatsPath());
  EXPECT_TRUE(formats.ok()) << formats.status().ToString();
  return formats.ok() ? std::move(formats).value() : std::vector<PromptFormat>{};
}

std::size_t WordCount(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The fillings of a one-slot format "<<<{slot}>>>", which no filler writes around its text.
std::vector<std::string> Fillings(std::string_view slot, int count,
                                  double non_english_share = 0.0) {
  FormatCorpusOptions options;
  options.non_english_share = non_english_share;
  FormatCorpus corpus({{"probe", "task", "test", "<<<{" + std::string(slot) + "}>>>"}}, options);
  CorpusRng rng(/*seed=*/7);
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) {
    std::string prompt = corpus.Fill(0, rng);
    EXPECT_EQ(prompt.substr(0, 3), "<<<");
    EXPECT_EQ(prompt.substr(prompt.size() - 3), ">>>");
    out.push_back(prompt.substr(3, prompt.size() - 6));
  }
  return out;
}

// --- The real file --------------------------------------------------------------------------

TEST(FormatCorpusFileTest, RealFileParsesWithAtLeast110Formats) {
  std::vector<PromptFormat> formats = LoadRealFormats();
  EXPECT_GE(formats.size(), 110u);
  std::set<std::string> names;
  for (const PromptFormat& format : formats) {
    EXPECT_TRUE(names.insert(format.name).second) << format.name;
    EXPECT_FALSE(format.source.empty()) << format.name;
    EXPECT_NE(format.text.back(), '\n') << format.name;
  }
}

TEST(FormatCorpusFileTest, RealFileHasEverySixKinds) {
  std::map<std::string, int> per_kind;
  for (const PromptFormat& format : LoadRealFormats()) ++per_kind[format.kind];
  EXPECT_EQ(per_kind.size(), 6u);
  for (std::string_view kind : kFormatKinds) {
    EXPECT_GE(per_kind[std::string(kind)], 5) << kind;
  }
}

TEST(FormatCorpusFileTest, RealFileUsesAtLeastTenSlotTypes) {
  std::set<std::string> slots;
  for (const PromptFormat& format : LoadRealFormats()) {
    Result<std::vector<FormatPiece>> pieces = SplitFormatText(format.text);
    ASSERT_TRUE(pieces.ok()) << format.name;
    for (const FormatPiece& piece : *pieces) {
      if (piece.is_slot) slots.insert(piece.text);
    }
  }
  EXPECT_GE(slots.size(), 10u);
}

TEST(FormatCorpusFileTest, RealFormatsDifferInMoreThanWhitespace) {
  std::map<std::string, std::string> seen;  // text without whitespace -> name
  for (const PromptFormat& format : LoadRealFormats()) {
    std::string squeezed;
    for (char c : format.text) {
      if (c != ' ' && c != '\n' && c != '\t') squeezed += c;
    }
    auto [it, inserted] = seen.emplace(squeezed, format.name);
    EXPECT_TRUE(inserted) << format.name << " repeats " << it->second;
  }
}

// --- Parsing --------------------------------------------------------------------------------

TEST(FormatCorpusParseTest, ReadsHeaderFieldsTextAndEscapedBraces) {
  Result<std::vector<PromptFormat>> formats = ParsePromptFormats(
      "# a comment before the first block\n"
      "\n"
      "=== qa | benchmark | a harness | with a bar\n"
      "### Q: {question}\n"
      "A:\n"
      "\n"
      "\n"
      "=== json | agent | tools\r\n"
      "Reply as {{\"name\": ...}} to {question}\r\n");
  ASSERT_TRUE(formats.ok()) << formats.status().ToString();
  ASSERT_EQ(formats->size(), 2u);
  EXPECT_EQ((*formats)[0].name, "qa");
  EXPECT_EQ((*formats)[0].kind, "benchmark");
  EXPECT_EQ((*formats)[0].source, "a harness | with a bar");
  EXPECT_EQ((*formats)[0].text, "### Q: {question}\nA:");  // '#' inside a block is text
  EXPECT_EQ((*formats)[1].text, "Reply as {{\"name\": ...}} to {question}");

  Result<std::vector<FormatPiece>> pieces = SplitFormatText((*formats)[1].text);
  ASSERT_TRUE(pieces.ok());
  ASSERT_EQ(pieces->size(), 2u);
  EXPECT_EQ((*pieces)[0].text, "Reply as {\"name\": ...} to ");
  EXPECT_FALSE((*pieces)[0].is_slot);
  EXPECT_EQ((*pieces)[1].text, "question");
  EXPECT_TRUE((*pieces)[1].is_slot);
}

// Expects `file` to fail to parse with a message naming `line` and containing `problem`.
void ExpectParseError(std::string_view file, int line, std::string_view problem) {
  Result<std::vector<PromptFormat>> formats = ParsePromptFormats(file);
  ASSERT_FALSE(formats.ok()) << file;
  const Status status = formats.status();  // status() returns a copy; keep it alive
  EXPECT_EQ(status.code(), Status::Code::kInvalidArgument);
  const std::string& message = status.message();
  EXPECT_NE(message.find("line " + std::to_string(line) + ":"), std::string::npos) << message;
  EXPECT_NE(message.find(problem), std::string::npos) << message;
}

TEST(FormatCorpusParseTest, ReportsABlockWithNoNameAndItsLine) {
  ExpectParseError("=== ok | task | x\n{question}\n===  | task | x\n{question}\n", 3, "no name");
}

TEST(FormatCorpusParseTest, ReportsADuplicateNameAndItsLine) {
  ExpectParseError("=== qa | task | x\nQ: {question}\n=== qa | chat | y\nA: {answer}\n", 3,
                   "duplicate name 'qa'");
}

TEST(FormatCorpusParseTest, ReportsAnUnknownKindAndItsLine) {
  ExpectParseError("\n=== qa | chatbot | x\nQ: {question}\n", 2, "unknown kind 'chatbot'");
}

TEST(FormatCorpusParseTest, ReportsAnUnknownSlotAndItsLine) {
  ExpectParseError("=== qa | task | x\nQ: {question}\nA: {answr}\n", 3, "unknown slot {answr}");
  // Single braces around JSON are an unknown slot too, with the fix in the message.
  ExpectParseError("=== js | agent | x\nReply {\"a\": 1}\n{question}\n", 2, "{{ and }}");
}

TEST(FormatCorpusParseTest, ReportsAnUnbalancedBraceAndItsLine) {
  ExpectParseError("=== qa | task | x\nQ: {question}\nA: {answer\n", 3, "unbalanced brace");
  ExpectParseError("=== qa | task | x\nQ: {question}\n\nA: done }\n", 4, "unbalanced brace");
}

TEST(FormatCorpusParseTest, ReportsAFormatWithNoLongSlotAndItsLine) {
  ExpectParseError("=== ok | task | x\n{question}\n=== hi | task | x\nHello {name} on {date}\n", 3,
                   "no long slot");
  ExpectParseError("=== empty | task | x\n\n\n", 1, "no long slot");
}

TEST(FormatCorpusParseTest, ReportsTextOutsideABlockAndAShortHeader) {
  ExpectParseError("# fine\nstray text\n=== qa | task | x\n{question}\n", 2, "outside");
  ExpectParseError("=== qa | task\n{question}\n", 1, "three fields");
}

TEST(FormatCorpusParseTest, ReportsAMissingFileAsAnIoErrorNamingThePath) {
  const std::string path = ::testing::TempDir() + "/no_such_dir/real_formats.txt";
  Result<std::vector<PromptFormat>> formats = LoadPromptFormats(path);
  ASSERT_FALSE(formats.ok());
  EXPECT_EQ(formats.status().code(), Status::Code::kIoError);
  EXPECT_NE(formats.status().message().find(path), std::string::npos);
}

TEST(FormatCorpusParseTest, LoadErrorsNameThePathAndTheLine) {
  const std::string path = ::testing::TempDir() + "/format_corpus_test_bad.txt";
  {
    std::ofstream out(path, std::ios::binary);
    out << "=== qa | task | x\nQ: {question}\n=== qa | task | y\n{answer}\n";
  }
  Result<std::vector<PromptFormat>> formats = LoadPromptFormats(path);
  std::remove(path.c_str());
  ASSERT_FALSE(formats.ok());
  EXPECT_EQ(formats.status().message().rfind(path + ": line 3:", 0), 0u)
      << formats.status().message();
}

// --- Generation -----------------------------------------------------------------------------

FormatCorpusOptions SmallOptions(std::uint64_t seed) {
  FormatCorpusOptions options;
  options.seed = seed;
  options.prompts_per_format = 4;
  options.free_text_prompts = 60;
  return options;
}

TEST(FormatCorpusTest, GenerateIsDeterministicForASeed) {
  std::vector<PromptFormat> formats = LoadRealFormats();
  std::vector<LabelledPrompt> first = FormatCorpus(formats, SmallOptions(11)).Generate();
  std::vector<LabelledPrompt> second = FormatCorpus(formats, SmallOptions(11)).Generate();
  ASSERT_EQ(first.size(), second.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].text, second[i].text) << i;
    EXPECT_EQ(first[i].family, second[i].family) << i;
  }
}

TEST(FormatCorpusTest, GenerateDiffersForAnotherSeed) {
  std::vector<PromptFormat> formats = LoadRealFormats();
  std::vector<LabelledPrompt> first = FormatCorpus(formats, SmallOptions(11)).Generate();
  std::vector<LabelledPrompt> second = FormatCorpus(formats, SmallOptions(12)).Generate();
  ASSERT_EQ(first.size(), second.size());
  std::set<std::string> first_texts;
  for (const LabelledPrompt& prompt : first) first_texts.insert(prompt.text);
  std::size_t shared = 0;
  for (const LabelledPrompt& prompt : second) shared += first_texts.count(prompt.text);
  EXPECT_LT(shared, second.size() / 20);
}

// The corpus is byte-identical on every platform: this digest was computed on Linux/x86-64 and
// matched by GCC at -O0 and Clang at -O2 (which evaluate call arguments in opposite orders). If
// the generator or the fixture is changed on purpose, the failure prints the new digest; update
// it here and say why in the commit.
TEST(FormatCorpusTest, GenerateMatchesItsRecordedDigest) {
  std::vector<LabelledPrompt> prompts = FormatCorpus(LoadRealFormats(), SmallOptions(3)).Generate();
  std::uint64_t digest = 0xcbf29ce484222325ULL;  // FNV-1a over texts and labels
  for (const LabelledPrompt& prompt : prompts) {
    for (char c : prompt.text + "\x1f" + std::to_string(prompt.family) + "\x1e") {
      digest = (digest ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    }
  }
  EXPECT_EQ(digest, 0x53de14ef58b002f2ULL) << "digest 0x" << std::hex << digest;
}

TEST(FormatCorpusTest, EveryPromptKeepsItsFormatsFixedTextInOrder) {
  std::vector<PromptFormat> formats = LoadRealFormats();
  FormatCorpus corpus(formats, SmallOptions(5));
  std::vector<std::vector<std::string>> fixed(formats.size());
  for (std::size_t f = 0; f < formats.size(); ++f) {
    Result<std::vector<FormatPiece>> pieces = SplitFormatText(formats[f].text);
    ASSERT_TRUE(pieces.ok());
    for (const FormatPiece& piece : *pieces) {
      if (!piece.is_slot) fixed[f].push_back(piece.text);
    }
  }
  for (const LabelledPrompt& prompt : corpus.Generate()) {
    if (prompt.family == kFreeText) continue;
    const std::size_t f = static_cast<std::size_t>(prompt.family);
    ASSERT_LT(f, formats.size());
    std::size_t position = 0;
    for (const std::string& piece : fixed[f]) {
      const std::size_t found = prompt.text.find(piece, position);
      ASSERT_NE(found, std::string::npos) << formats[f].name << " lost \"" << piece << "\" in:\n"
                                          << prompt.text;
      position = found + piece.size();
    }
  }
}

TEST(FormatCorpusTest, NoSlotMarkersRemainInGeneratedPrompts) {
  for (const LabelledPrompt& prompt : FormatCorpus(LoadRealFormats(), SmallOptions(6)).Generate()) {
    for (std::string_view slot : kFormatSlotNames) {
      EXPECT_EQ(prompt.text.find("{" + std::string(slot) + "}"), std::string::npos) << prompt.text;
    }
  }
}

TEST(FormatCorpusTest, GenerateHasPromptsPerFormatAndTheFreeTextCount) {
  std::vector<PromptFormat> formats = LoadRealFormats();
  FormatCorpusOptions options = SmallOptions(8);
  options.prompts_per_format = 3;
  options.free_text_prompts = 17;
  std::vector<LabelledPrompt> prompts = FormatCorpus(formats, options).Generate();
  EXPECT_EQ(prompts.size(), formats.size() * 3 + 17);
  std::map<std::int32_t, int> per_family;
  for (const LabelledPrompt& prompt : prompts) ++per_family[prompt.family];
  EXPECT_EQ(per_family[kFreeText], 17);
  for (std::size_t f = 0; f < formats.size(); ++f) {
    EXPECT_EQ(per_family[static_cast<std::int32_t>(f)], 3) << formats[f].name;
  }
  // Shuffled: the first prompts are not all of format 0.
  EXPECT_FALSE(std::all_of(prompts.begin(), prompts.begin() + 3,
                           [](const LabelledPrompt& p) { return p.family == 0; }));
}

// --- Fillings -------------------------------------------------------------------------------

TEST(FormatCorpusTest, QuestionsHaveSixToFortyWordsAndEndWithAQuestionMark) {
  for (const std::string& question : Fillings("question", 300)) {
    EXPECT_GE(WordCount(question), 6u) << question;
    EXPECT_LE(WordCount(question), 40u) << question;
    EXPECT_EQ(question.back(), '?') << question;
  }
}

TEST(FormatCorpusTest, PassagesAndDocumentsHaveFortyToTwoHundredFiftyWordsInSentences) {
  for (std::string_view slot : {"passage", "document", "context"}) {
    for (const std::string& text : Fillings(slot, 100)) {
      EXPECT_GE(WordCount(text), 40u) << slot << ": " << text;
      EXPECT_LE(WordCount(text), 250u) << slot << ": " << text;
      EXPECT_EQ(text.back(), '.') << text;
    }
  }
}

TEST(FormatCorpusTest, CodeHasTwoToFifteenLines) {
  std::set<std::size_t> line_counts;
  for (const std::string& code : Fillings("code", 300)) {
    const std::size_t lines = 1 + std::count(code.begin(), code.end(), '\n');
    EXPECT_GE(lines, 2u) << code;
    EXPECT_LE(lines, 15u) << code;
    line_counts.insert(lines);
  }
  EXPECT_GE(line_counts.size(), 10u);  // the lengths vary
}

TEST(FormatCorpusTest, JsonObjectsHaveTwoToSixKeys) {
  for (const std::string& json : Fillings("json", 300)) {
    EXPECT_EQ(json.front(), '{') << json;
    EXPECT_EQ(json.back(), '}') << json;
    std::size_t keys = 0;
    for (std::size_t at = json.find("\": "); at != std::string::npos;
         at = json.find("\": ", at + 1)) {
      ++keys;
    }
    EXPECT_GE(keys, 2u) << json;
    EXPECT_LE(keys, 6u) << json;
  }
}

TEST(FormatCorpusTest, NonEnglishShareControlsForeignFillings) {
  for (const std::string& question : Fillings("question", 500, /*non_english_share=*/0.0)) {
    EXPECT_TRUE(IsAscii(question)) << question;
  }
  auto foreign_share = [](double share) {
    std::vector<std::string> questions = Fillings("question", 1000, share);
    return static_cast<double>(std::count_if(questions.begin(), questions.end(),
                                             [](const std::string& q) { return !IsAscii(q); })) /
           static_cast<double>(questions.size());
  };
  EXPECT_GT(foreign_share(1.0), 0.6);
  const double default_share = foreign_share(FormatCorpusOptions{}.non_english_share);
  EXPECT_GT(default_share, 0.06);
  EXPECT_LT(default_share, 0.18);
}

TEST(FormatCorpusTest, CommonWordsRecurAcrossUnrelatedFreeText) {
  FormatCorpusOptions options;
  options.non_english_share = 0.0;
  FormatCorpus corpus({}, options);
  CorpusRng rng(/*seed=*/9);
  int with_the = 0;
  std::set<std::string> distinct;
  for (int i = 0; i < 400; ++i) {
    const std::string text = corpus.FreeText(rng);
    const std::size_t words = WordCount(text);
    EXPECT_GE(words, 5u) << text;
    if (text.find("the ") != std::string::npos) ++with_the;
    distinct.insert(text);
  }
  EXPECT_GT(with_the, 200);          // a top-ranked word turns up in most prompts
  EXPECT_EQ(distinct.size(), 400u);  // yet the prompts are all different
}

}  // namespace
}  // namespace ringgraph::templates
