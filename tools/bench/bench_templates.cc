// Template-fingerprint throughput: prompts per second, against baselines measured in the same run.
//
//   bench_templates [--prompts N] [--batch N] [--trials N]
//
// The prompts come from the labelled test corpus (graph/templates/test_corpus.h): template
// families with long varied fillings plus free text (the average size is printed). Measured:
//   tokenize     the baseline: masking and tokenizing only (PromptShingler::CountTokens), 1 thread
//   ingest       FingerprintBatch on a fresh fingerprinter, in batches as ingest sends them:
//                shingle, match, learn from the unmatched, rematch; 1 thread and 2 threads
//   match        FingerprintBatch with learning off against the dictionary learned above
//                (a later day's ingest), 1 thread and 2 threads
//   fixed text   FixedTextFingerprinter::FingerprintBatch, the stateless default that ingest and
//                `ringctl templates` use, 1 thread and 2 threads
//   anchor       AnchorFingerprinter::FingerprintBatch, the former first-line default
// Each figure is the median of --trials runs; ratios are printed against 1 thread and against
// the tokenize baseline, with peak resident memory (getrusage ru_maxrss).
#include <sys/resource.h>
#include <tbb/global_control.h>

#include <span>

#include "graph/templates/anchor_fingerprint.h"
#include "graph/templates/fixed_text_fingerprint.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "graph/templates/prompt_shingles.h"
#include "graph/templates/template_fingerprint.h"
#include "graph/templates/test_corpus.h"

namespace {

using Clock = std::chrono::steady_clock;

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

long PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

// Seconds to fingerprint all prompts in batches of `batch` with a fingerprinter built from
// `options`, optionally pre-loaded with `dictionary`.
double TimeFingerprints(const std::vector<std::string_view>& prompts, std::size_t batch,
                        const ringgraph::templates::FingerprintOptions& options,
                        const std::string& dictionary, std::size_t* with_template,
                        std::string* learned) {
  ringgraph::templates::TemplateFingerprinter fingerprinter(options);
  if (!dictionary.empty() && !fingerprinter.LoadDictionary(dictionary).ok()) {
    std::fprintf(stderr, "bench_templates: cannot load the learned dictionary\n");
    std::exit(1);
  }
  std::vector<std::string> ids;
  std::size_t matched = 0;
  auto start = Clock::now();
  for (std::size_t begin = 0; begin < prompts.size(); begin += batch) {
    std::size_t end = std::min(prompts.size(), begin + batch);
    std::span<const std::string_view> slice(prompts.data() + begin, end - begin);
    if (!fingerprinter.FingerprintBatch(slice, &ids).ok()) {
      std::fprintf(stderr, "bench_templates: FingerprintBatch failed\n");
      std::exit(1);
    }
    for (const std::string& id : ids) matched += !id.empty();
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (with_template) *with_template = matched;
  if (learned) *learned = fingerprinter.SerializeDictionary();
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t prompt_count = 200000, batch = 50000, trials = 3;
  for (int i = 1; i < argc; ++i) {
    auto value = [&](const char* name) -> std::size_t {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "bench_templates: %s needs a value\n", name);
        std::exit(2);
      }
      return std::strtoull(argv[++i], nullptr, 10);
    };
    if (!std::strcmp(argv[i], "--prompts")) {
      prompt_count = value("--prompts");
    } else if (!std::strcmp(argv[i], "--batch")) {
      batch = value("--batch");
    } else if (!std::strcmp(argv[i], "--trials")) {
      trials = value("--trials");
    } else {
      std::fprintf(stderr, "usage: bench_templates [--prompts N] [--batch N] [--trials N]\n");
      return std::strcmp(argv[i], "--help") ? 2 : 0;
    }
  }
  if (prompt_count == 0 || batch == 0 || trials == 0) {
    std::fprintf(stderr, "bench_templates: --prompts, --batch and --trials must be positive\n");
    return 2;
  }

  // Two thirds template traffic (1000 families), one third free text.
  ringgraph::templates::TestCorpusOptions corpus_options;
  corpus_options.seed = 42;
  corpus_options.template_families = 1000;
  corpus_options.popular_families = 12;
  corpus_options.prompts_per_family =
      static_cast<std::uint32_t>(std::max<std::size_t>(1, prompt_count * 2 / 3 / 1012));
  corpus_options.free_text_prompts = static_cast<std::uint32_t>(
      prompt_count - std::min(prompt_count, std::size_t{corpus_options.prompts_per_family} * 1012));
  auto generate_start = Clock::now();
  std::vector<ringgraph::templates::LabelledPrompt> corpus =
      ringgraph::templates::TestCorpus(corpus_options).Generate();
  std::vector<std::string_view> prompts;
  std::size_t bytes = 0;
  for (const auto& p : corpus) {
    prompts.push_back(p.text);
    bytes += p.text.size();
  }
  std::printf("corpus: %zu prompts, %.0f bytes on average, generated in %.2f s\n", prompts.size(),
              static_cast<double>(bytes) / prompts.size(),
              std::chrono::duration<double>(Clock::now() - generate_start).count());

  ringgraph::templates::PromptShingler shingler;
  ringgraph::templates::FingerprintOptions learn_options;
  ringgraph::templates::FingerprintOptions match_options;
  match_options.learn = false;
  std::vector<double> tokenize, ingest1, ingest2, match1, match2, anchor1, anchor2, fixed1, fixed2;
  const ringgraph::templates::AnchorFingerprinter anchor;
  const ringgraph::templates::FixedTextFingerprinter fixed;
  std::size_t fixed_with_template = 0;
  // Seconds for a stateless fingerprinter to fingerprint all prompts, in ingest's batches.
  auto time_stateless = [&](const auto& fingerprinter, std::size_t* with_id) {
    std::vector<std::string> ids;
    std::size_t matched = 0;
    auto start = Clock::now();
    for (std::size_t at = 0; at < prompts.size(); at += batch) {
      std::size_t end = std::min(prompts.size(), at + batch);
      fingerprinter.FingerprintBatch(
          std::span<const std::string_view>(prompts.data() + at, end - at), &ids);
      for (const std::string& id : ids) matched += !id.empty();
    }
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (with_id) *with_id = matched;
    return seconds;
  };
  std::size_t with_template = 0;
  std::string dictionary;
  for (std::size_t t = 0; t < trials; ++t) {
    {
      tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
      auto start = Clock::now();
      std::size_t tokens = 0;
      for (std::string_view p : prompts) tokens += shingler.CountTokens(p);
      tokenize.push_back(std::chrono::duration<double>(Clock::now() - start).count());
      if (tokens == 0) std::printf("(no tokens)\n");
      ingest1.push_back(TimeFingerprints(prompts, batch, learn_options, "", nullptr, nullptr));
    }
    {
      tbb::global_control two(tbb::global_control::max_allowed_parallelism, 2);
      ingest2.push_back(
          TimeFingerprints(prompts, batch, learn_options, "", &with_template, &dictionary));
    }
    {
      tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
      match1.push_back(TimeFingerprints(prompts, batch, match_options, dictionary, nullptr, nullptr));
    }
    {
      tbb::global_control two(tbb::global_control::max_allowed_parallelism, 2);
      match2.push_back(TimeFingerprints(prompts, batch, match_options, dictionary, nullptr, nullptr));
    }
    {
      tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
      anchor1.push_back(time_stateless(anchor, nullptr));
      fixed1.push_back(time_stateless(fixed, nullptr));
    }
    {
      tbb::global_control two(tbb::global_control::max_allowed_parallelism, 2);
      anchor2.push_back(time_stateless(anchor, nullptr));
      fixed2.push_back(time_stateless(fixed, &fixed_with_template));
    }
  }
  const double n = static_cast<double>(prompts.size());
  auto rate = [n](const std::vector<double>& seconds) { return n / Median(seconds); };
  std::printf("batch %zu prompts, %zu trials (medians); %zu of %zu prompts got a template\n", batch,
              trials, with_template, prompts.size());
  std::printf("%-34s %12.0f prompts/s\n", "baseline tokenize only, 1 thread", rate(tokenize));
  std::printf("%-34s %12.0f prompts/s  (%.2fx of tokenize)\n", "ingest (learn+match), 1 thread",
              rate(ingest1), rate(ingest1) / rate(tokenize));
  std::printf("%-34s %12.0f prompts/s  (%.2fx of 1 thread, %.2fx of tokenize)\n",
              "ingest (learn+match), 2 threads", rate(ingest2), rate(ingest2) / rate(ingest1),
              rate(ingest2) / rate(tokenize));
  std::printf("%-34s %12.0f prompts/s  (%.2fx of tokenize)\n", "match known templates, 1 thread",
              rate(match1), rate(match1) / rate(tokenize));
  std::printf("%-34s %12.0f prompts/s  (%.2fx of 1 thread, %.2fx of tokenize)\n",
              "match known templates, 2 threads", rate(match2), rate(match2) / rate(match1),
              rate(match2) / rate(tokenize));
  std::printf("%-34s %12.0f prompts/s  (%.2fx of tokenize)\n", "anchor (former default), 1 thread",
              rate(anchor1), rate(anchor1) / rate(tokenize));
  std::printf("%-34s %12.0f prompts/s  (%.2fx of 1 thread, %.2fx of tokenize)\n",
              "anchor (former default), 2 threads", rate(anchor2), rate(anchor2) / rate(anchor1),
              rate(anchor2) / rate(tokenize));
  const double megabytes = static_cast<double>(bytes) / (1 << 20);
  std::printf("%-34s %12.0f prompts/s  (%.2fx of tokenize, %.0f MiB/s)\n",
              "fixed text (ingest uses), 1 thread", rate(fixed1), rate(fixed1) / rate(tokenize),
              megabytes / Median(fixed1));
  std::printf("%-34s %12.0f prompts/s  (%.2fx of 1 thread, %.2fx of tokenize, %.0f MiB/s)\n",
              "fixed text (ingest uses), 2 threads", rate(fixed2), rate(fixed2) / rate(fixed1),
              rate(fixed2) / rate(tokenize), megabytes / Median(fixed2));
  std::printf("fixed text: %zu of %zu prompts got a template\n", fixed_with_template, prompts.size());
  std::printf("peak memory (ru_maxrss): %ld MiB\n", PeakRssMiB());
  return 0;
}
