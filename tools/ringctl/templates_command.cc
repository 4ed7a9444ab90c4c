// ringctl templates: template ids for a file of prompts.
//
//   ringctl templates --in prompts.jsonl --out templates.csv
//
// Reads one JSON object {"text": "..."} per line and writes "line,template_id" with 1-based line
// numbers. A prompt that matches no template gets an empty template_id.
//
// --method fixed (the default, what ingest uses): the stateless fixed-text fingerprint
// (graph/templates/fixed_text_fingerprint.h), ids t3-...; --method anchor: the older first-line
// fingerprint, ids t1-...; --method learned: the corpus-learned dictionary, ids t2-....
// For the learned method prompts are read in batches (--batch-size); templates learned from a
// batch are matched in later ones, so a file should be processed in as few batches as memory
// allows. --dictionary-in loads templates learned before (the ids then stay those of the earlier
// run); --dictionary-out saves what is known at the end. No prompt text is written anywhere; the
// dictionary holds shingle hashes only.
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "graph/templates/anchor_fingerprint.h"
#include "graph/templates/fixed_text_fingerprint.h"
#include "graph/templates/template_fingerprint.h"
#include "tools/ringctl/command.h"

namespace ringgraph::tools {
namespace {

struct TemplatesFlags {
  std::string in_path;
  std::string out_path;
  std::string dictionary_in;
  std::string dictionary_out;
  std::size_t batch_size = 200000;
  double min_containment = 0.5;
  std::uint32_t min_cluster_prompts = 3;
  bool no_masking = false;
  bool no_learning = false;
  std::string method = "fixed";
};

int RunTemplates(const TemplatesFlags& flags) {
  templates::FingerprintOptions options;
  options.min_containment = flags.min_containment;
  options.learner.min_cluster_prompts = flags.min_cluster_prompts;
  options.shingles.mask_slots = !flags.no_masking;
  options.learn = !flags.no_learning;
  templates::TemplateFingerprinter fingerprinter(options);
  templates::AnchorOptions anchor_options;
  anchor_options.mask_slots = !flags.no_masking;
  const templates::AnchorFingerprinter anchor(anchor_options);
  templates::FixedTextOptions fixed_options;
  fixed_options.mask_slots = !flags.no_masking;
  const templates::FixedTextFingerprinter fixed(fixed_options);
  // The stateless methods need no dictionary and report distinct ids instead of templates known.
  const bool stateless = flags.method != "learned";

  if (!flags.dictionary_in.empty()) {
    std::ifstream in(flags.dictionary_in, std::ios::binary);
    if (!in) {
      std::cerr << "ringctl templates: cannot open dictionary " << flags.dictionary_in
                << "; check the path\n";
      return kExitFailure;
    }
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Status status = fingerprinter.LoadDictionary(bytes);
    if (!status.ok()) {
      std::cerr << "ringctl templates: " << flags.dictionary_in << ": " << status.ToString() << "\n";
      return kExitFailure;
    }
  }

  std::ifstream in(flags.in_path);
  if (!in) {
    std::cerr << "ringctl templates: cannot open " << flags.in_path << "; check the path\n";
    return kExitFailure;
  }
  std::ofstream out(flags.out_path);
  if (!out) {
    std::cerr << "ringctl templates: cannot create " << flags.out_path
              << "; check the directory exists and is writable\n";
    return kExitFailure;
  }
  out << "line,template_id\n";

  std::uint64_t line_number = 0, rejected = 0, prompts = 0, with_template = 0;
  std::vector<std::string> texts;
  std::vector<std::uint64_t> lines;
  std::vector<std::string> ids;
  std::set<std::string> distinct_ids;
  auto flush = [&]() -> bool {
    std::vector<std::string_view> views(texts.begin(), texts.end());
    Status status;
    if (flags.method == "fixed") {
      fixed.FingerprintBatch(views, &ids);
    } else if (flags.method == "anchor") {
      anchor.FingerprintBatch(views, &ids);
    } else {
      status = fingerprinter.FingerprintBatch(views, &ids);
    }
    if (!status.ok()) {
      std::cerr << "ringctl templates: " << status.ToString() << "\n";
      return false;
    }
    for (std::size_t i = 0; i < ids.size(); ++i) {
      out << lines[i] << ',' << ids[i] << '\n';
      with_template += !ids[i].empty();
      if (stateless && !ids[i].empty()) distinct_ids.insert(ids[i]);
    }
    prompts += texts.size();
    texts.clear();
    lines.clear();
    return true;
  };
  std::string line;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank line
    nlohmann::json record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (record.is_discarded() || !record.is_object() || !record.contains("text") ||
        !record["text"].is_string()) {
      // The message names the line, never its content: it may hold prompt text.
      std::cerr << "ringctl templates: " << flags.in_path << ":" << line_number
                << ": not a JSON object with a string \"text\"; skipped\n";
      ++rejected;
      continue;
    }
    texts.push_back(record["text"].get<std::string>());
    lines.push_back(line_number);
    if (texts.size() >= flags.batch_size && !flush()) return kExitFailure;
  }
  if (in.bad()) {
    std::cerr << "ringctl templates: read error in " << flags.in_path << "\n";
    return kExitFailure;
  }
  if (!texts.empty() && !flush()) return kExitFailure;
  out.flush();
  if (!out) {
    std::cerr << "ringctl templates: write error on " << flags.out_path << " (disk full?)\n";
    return kExitFailure;
  }

  if (!flags.dictionary_out.empty()) {
    std::ofstream dict(flags.dictionary_out, std::ios::binary | std::ios::trunc);
    std::string bytes = fingerprinter.SerializeDictionary();
    dict.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!dict) {
      std::cerr << "ringctl templates: cannot write dictionary " << flags.dictionary_out << "\n";
      return kExitFailure;
    }
  }
  std::cerr << "ringctl templates: " << prompts << " prompts, " << with_template
            << " with a template, "
            << (stateless ? distinct_ids.size() : fingerprinter.template_count())
            << (stateless ? " distinct templates, " : " templates known, ")
            << rejected << " lines rejected\n";
  return rejected ? kExitPartial : kExitOk;
}

}  // namespace

void RegisterTemplatesCommand(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<TemplatesFlags>();
  CLI::App* sub = app.add_subcommand(
      "templates",
      "Fingerprint prompts into template ids: reads JSONL {\"text\": ...}, writes CSV "
      "line,template_id (empty id: no template)");
  sub->add_option("--in", flags->in_path, "Input JSONL file, one {\"text\": \"...\"} per line")
      ->required();
  sub->add_option("--out", flags->out_path, "Output CSV file: line,template_id (1-based lines)")
      ->required();
  sub->add_option("--dictionary-in", flags->dictionary_in,
                  "Load templates learned before (bytes written by --dictionary-out)");
  sub->add_option("--dictionary-out", flags->dictionary_out,
                  "Save the learned template dictionary (shingle hashes, no text) here");
  sub->add_option("--batch-size", flags->batch_size,
                  "Prompts learned and matched together; larger batches learn rarer templates")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--min-containment", flags->min_containment,
                  "Share of a template's shingle weight a prompt must hold to match it")
      ->check(CLI::Range(0.05, 1.0))
      ->capture_default_str();
  sub->add_option("--min-cluster-prompts", flags->min_cluster_prompts,
                  "Prompts in one batch needed before a template is learned")
      ->check(CLI::Range(2, 1000000))
      ->capture_default_str();
  sub->add_flag("--no-masking", flags->no_masking,
                "Do not mask numbers, quotes, code, URLs, e-mail, ids and options (for diagnosis)");
  sub->add_option("--method", flags->method,
                  "fixed: the stateless fixed-text fingerprint ingest uses (ids t3-...); "
                  "anchor: the older first-line fingerprint (ids t1-...); "
                  "learned: the corpus-learned skeleton dictionary (ids t2-...)")
      ->check(CLI::IsMember({"fixed", "anchor", "learned"}))
      ->capture_default_str();
  sub->add_flag("--no-learning", flags->no_learning,
                "Only match the templates of --dictionary-in; learn nothing new");
  sub->callback([flags, &context] { context.exit_code = RunTemplates(*flags); });
}

}  // namespace ringgraph::tools
