// Real, public prompt formats and a labelled corpus built by filling them. Template ids are
// measured on test_corpus.h's synthetic families; this corpus asks the same question of formats
// the project's authors did not design: benchmark harnesses (MMLU, GSM8K, HumanEval, ...),
// instruction-tuning formats (Alpaca, FLAN, Super-NaturalInstructions, ...), chat serializations
// (ChatML, Llama, Gemma, ...), pasted task prompts, agent prompts (ReAct, function calling) and
// judge prompts (MT-Bench, G-Eval, ...). The formats live in testdata/real_formats.txt.
//
// File format: lines starting with '#' before the first block are comments. Each format is a
// block that opens with a header line and runs to the next header line or the end of the file:
//
//   === <unique-name> | <kind> | <where it comes from>
//   <format text, any number of lines, slots written {slot}, literal braces {{ and }}>
//
// Inside a block every line is format text, so Markdown headings ("### Instruction:") need no
// escape. The newlines that end a block are not part of its format. <kind> is one of benchmark,
// instruction, chat, task, agent, eval. The slots are listed in kFormatSlotNames; every format
// needs at least one long slot (a question, passage, code block, ...) so that prompts of one
// format differ in more than a name or a number.
//
// Fillings: each slot type has its own filler (questions of 6-40 words ending in '?', passages of
// 40-250 words, code of 2-15 lines, JSON objects of 2-6 keys, names, dates, URLs, ...). Words come
// from a Zipfian (Zipf-Mandelbrot) vocabulary of 8,000 words whose top ranks are real common
// English words and the rest pseudo-words, so common words recur across unrelated prompts as in
// real text. A share of prompts (non_english_share) has its text fillings in Spanish, German,
// French, Russian, Chinese or Japanese. Fillings never copy the format's fixed text. Free-text
// prompts are unrelated honest requests of 5-120 words.
//
// Determinism: all randomness comes from CorpusRng (test_corpus.h) and integer or exactly
// rounded floating-point arithmetic, so a seed gives byte-identical prompts on every platform.
//
// Thread safety: FormatCorpus is immutable after construction; concurrent const use is safe as
// long as each thread uses its own CorpusRng. The free functions are reentrant.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "graph/common/status.h"
#include "graph/templates/test_corpus.h"

namespace ringgraph::templates {

// The slot names a format may use, in a fixed order.
inline constexpr std::string_view kFormatSlotNames[] = {
    "question",    "context",     "passage", "document", "answer", "choice",
    "subject",     "instruction", "input",   "system",   "code",   "language",
    "source_lang", "target_lang", "number",  "name",     "title",  "sentence",
    "json",        "url",         "email",   "quote",    "topic",  "date"};

// The slots that carry a long filling; every format has at least one.
inline constexpr std::string_view kLongFormatSlotNames[] = {"question", "context",     "passage",
                                                            "document", "instruction", "input",
                                                            "code",     "sentence",    "answer"};

// The kinds a format may have.
inline constexpr std::string_view kFormatKinds[] = {"benchmark", "instruction", "chat",
                                                    "task",      "agent",       "eval"};

// One parsed block of the formats file. `text` is the format as written in the file (slots as
// {slot}, literal braces doubled), without the newlines that end the block.
struct PromptFormat {
  std::string name;
  std::string kind;
  std::string source;
  std::string text;
};

// A piece of a format's text: fixed text (with doubled braces already made single) or a slot.
struct FormatPiece {
  std::string text;  // the fixed text, or the slot's name
  bool is_slot = false;
};

// Splits a format's text at its slots. Adjacent fixed text is merged, so pieces alternate
// between fixed text and slots except where two slots touch.
// Errors (InvalidArgument, naming the line of `text`, counted from 1): a '{' or '}' that is
// neither doubled nor part of a slot ("unbalanced brace"), or a slot name that is not in
// kFormatSlotNames ("unknown slot").
Result<std::vector<FormatPiece>> SplitFormatText(std::string_view text);

// Parses the formats file described at the top of this header.
// Errors (InvalidArgument, each naming the line of the file, counted from 1, and the fix):
// text outside a block; a header without three '|'-separated fields; a block with no name; a
// duplicate name; an unknown kind; an unknown slot; an unbalanced brace; a format with no long
// slot. The first error found is returned.
Result<std::vector<PromptFormat>> ParsePromptFormats(std::string_view file_text);

// Reads and parses the formats file at `path`. Errors: IoError when the file cannot be read,
// else those of ParsePromptFormats; each message starts with the path.
Result<std::vector<PromptFormat>> LoadPromptFormats(const std::string& path);

struct FormatCorpusOptions {
  std::uint64_t seed = 1;
  std::uint32_t prompts_per_format = 30;
  std::uint32_t free_text_prompts = 1500;
  double non_english_share = 0.15;  // share of prompts whose text fillings are not English
};

namespace internal {
class SlotFiller;  // the vocabularies and per-slot fillers; defined in format_corpus.cc
}  // namespace internal

// Fills prompt formats into a labelled corpus. Owns a copy of the formats and the (read-only)
// vocabularies. Copyable; copies share the vocabularies.
class FormatCorpus {
 public:
  // REQUIRES: every format's text passes SplitFormatText (ParsePromptFormats guarantees it). A
  // format that does not is used as fixed text without slots.
  explicit FormatCorpus(std::vector<PromptFormat> formats, FormatCorpusOptions options = {});

  // prompts_per_format prompts of every format (family = the format's index), then
  // free_text_prompts free-text prompts (family = kFreeText), shuffled with the seed.
  std::vector<LabelledPrompt> Generate() const;

  // One prompt of `format`: its fixed text with every slot filled afresh.
  // REQUIRES: format < format_count().
  std::string Fill(std::uint32_t format, CorpusRng& rng) const;

  // One unrelated free-text prompt.
  std::string FreeText(CorpusRng& rng) const;

  std::uint32_t format_count() const { return static_cast<std::uint32_t>(formats_.size()); }
  const PromptFormat& format(std::uint32_t index) const { return formats_[index]; }
  const FormatCorpusOptions& options() const { return options_; }

 private:
  std::vector<PromptFormat> formats_;
  std::vector<std::vector<FormatPiece>> pieces_;  // per format, from SplitFormatText
  FormatCorpusOptions options_;
  std::shared_ptr<const internal::SlotFiller> filler_;
};

}  // namespace ringgraph::templates
