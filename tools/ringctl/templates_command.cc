// ringctl templates: template ids for a file of prompts.
//
//   ringctl [--secret-file F] templates --in prompts.jsonl --out templates.csv
//
// Reads one JSON object {"text": "...", "account": ...} per line ("account" is optional, a
// string or a number; a prompt without one is its own account) and writes "line,template_id"
// with 1-based line numbers. A prompt that matches no template gets an empty template_id.
//
// The corpus-learned templates ingest uses (graph/templates/corpus_templates.h), ids t4-...: the
// whole file is sketched, its templates are mined (text that recurs across many prompts and at
// least --min-accounts accounts), and every prompt is matched against them. The file is one
// corpus, so templates learned from it need --min-prompts of its prompts.
//
// Keys: sketches are keyed hashes. With the global --secret-file the key is derived from the
// deployment secret (SketchKeyFromSecret), so ids match those of the deployment; without it a
// fixed public key (kPublicSketchKey in prompt_sketch.h) is used, fine for offline analysis but
// not secret. --dictionary-out saves the learned templates (keyed 32-bit shingle values and
// counts, no text). No prompt text is written anywhere.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "graph/signals/secret_file.h"
#include "graph/templates/corpus_templates.h"
#include "tools/ringctl/command.h"

namespace ringgraph::tools {
namespace {

struct TemplatesFlags {
  std::string in_path;
  std::string out_path;
  std::string dictionary_out;
  std::uint32_t min_prompts = 3;
  std::uint32_t min_accounts = 1;
  double min_containment = 0.5;
};

int RunTemplates(const TemplatesFlags& flags, const GlobalOptions& global) {
  templates::SketchKey key = templates::kPublicSketchKey;
  if (!global.secret_file.empty()) {
    Result<Secret> secret = LoadSecretFile(global.secret_file);
    if (!secret.ok()) {
      std::cerr << "ringctl templates: " << secret.status().ToString() << "\n";
      return kExitFailure;
    }
    key = templates::SketchKeyFromSecret(secret->bytes());
  }

  std::ifstream in(flags.in_path);
  if (!in) {
    std::cerr << "ringctl templates: cannot open " << flags.in_path << "; check the path\n";
    return kExitFailure;
  }
  std::uint64_t line_number = 0, rejected = 0;
  std::vector<std::string> texts;
  std::vector<std::uint64_t> lines;
  std::vector<std::uint32_t> accounts;
  std::unordered_map<std::string, std::uint32_t> account_ids;
  std::vector<std::uint32_t> unnamed;  // positions of prompts without an account
  std::string line;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank line
    nlohmann::json record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    const bool valid = !record.is_discarded() && record.is_object() && record.contains("text") &&
                       record["text"].is_string() &&
                       (!record.contains("account") || record["account"].is_string() ||
                        record["account"].is_number_integer());
    if (!valid) {
      // The message names the line, never its content: it may hold prompt text.
      std::cerr << "ringctl templates: " << flags.in_path << ":" << line_number
                << ": not a JSON object with a string \"text\" (and a string or integer "
                   "\"account\"); skipped\n";
      ++rejected;
      continue;
    }
    texts.push_back(record["text"].get<std::string>());
    lines.push_back(line_number);
    if (record.contains("account")) {
      const std::string name = record["account"].is_string()
                                   ? "s" + record["account"].get<std::string>()
                                   : "n" + record["account"].dump();
      auto [it, added] = account_ids.emplace(name, static_cast<std::uint32_t>(account_ids.size()));
      accounts.push_back(it->second);
    } else {
      unnamed.push_back(static_cast<std::uint32_t>(accounts.size()));
      accounts.push_back(0);
    }
  }
  if (in.bad()) {
    std::cerr << "ringctl templates: read error in " << flags.in_path << "\n";
    return kExitFailure;
  }
  // A prompt without an account is an account of its own.
  for (std::size_t k = 0; k < unnamed.size(); ++k) {
    accounts[unnamed[k]] = static_cast<std::uint32_t>(account_ids.size() + k);
  }

  std::vector<std::string_view> views(texts.begin(), texts.end());
  std::vector<std::string> ids;
  std::size_t templates_known = 0;
  templates::TemplateDictionary dictionary;
  {
    templates::CorpusTemplateOptions options;
    options.miner.min_prompts = flags.min_prompts;
    options.miner.min_accounts = flags.min_accounts;
    options.min_containment = flags.min_containment;
    Status status =
        templates::AssignCorpusTemplates(views, accounts, key, options, &ids, &dictionary);
    if (!status.ok()) {
      std::cerr << "ringctl templates: " << status.ToString() << "\n";
      return kExitFailure;
    }
    templates_known = dictionary.size();
  }

  std::ofstream out(flags.out_path);
  if (!out) {
    std::cerr << "ringctl templates: cannot create " << flags.out_path
              << "; check the directory exists and is writable\n";
    return kExitFailure;
  }
  out << "line,template_id\n";
  std::uint64_t with_template = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    out << lines[i] << ',' << ids[i] << '\n';
    with_template += !ids[i].empty();
  }
  out.flush();
  if (!out) {
    std::cerr << "ringctl templates: write error on " << flags.out_path << " (disk full?)\n";
    return kExitFailure;
  }
  if (!flags.dictionary_out.empty()) {
    std::ofstream dict(flags.dictionary_out, std::ios::binary | std::ios::trunc);
    const std::string bytes = dictionary.Serialize();
    dict.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!dict) {
      std::cerr << "ringctl templates: cannot write dictionary " << flags.dictionary_out << "\n";
      return kExitFailure;
    }
  }
  std::cerr << "ringctl templates: " << texts.size() << " prompts, " << with_template
            << " with a template, " << templates_known << " templates learned, " << rejected
            << " lines rejected"
            << (global.secret_file.empty()
                    ? " (public sketch key: pass --secret-file for the deployment's ids)"
                    : "")
            << "\n";
  return rejected ? kExitPartial : kExitOk;
}

}  // namespace

void RegisterTemplatesCommand(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<TemplatesFlags>();
  CLI::App* sub = app.add_subcommand(
      "templates",
      "Learn the prompt templates of a corpus and give each prompt its template id: reads JSONL "
      "{\"text\": ..., \"account\": ...}, writes CSV line,template_id (empty id: no template)");
  sub->add_option("--in", flags->in_path,
                  "Input JSONL file, one {\"text\": \"...\", \"account\": ...} per line "
                  "(account optional)")
      ->required();
  sub->add_option("--out", flags->out_path, "Output CSV file: line,template_id (1-based lines)")
      ->required();
  sub->add_option("--min-prompts", flags->min_prompts,
                  "Prompts a template must recur in before it is learned")
      ->check(CLI::Range(2, 1000000))
      ->capture_default_str();
  sub->add_option("--min-accounts", flags->min_accounts,
                  "Distinct accounts a template must recur across before it is learned")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  sub->add_option("--min-containment", flags->min_containment,
                  "Share of a template's fixed-text weight a prompt must hold to match it")
      ->check(CLI::Range(0.05, 1.0))
      ->capture_default_str();
  sub->add_option("--dictionary-out", flags->dictionary_out,
                  "Save the learned templates here (keyed shingle values and counts, no text)");
  sub->callback([flags, &context] { context.exit_code = RunTemplates(*flags, context.global); });
}

}  // namespace ringgraph::tools
