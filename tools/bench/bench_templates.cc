// Template throughput: prompts per second, against a baseline measured in the same run.
//
//   bench_templates [--prompts N] [--mine-prompts N] [--trials N]
//
// The prompts come from the labelled test corpus (graph/templates/test_corpus.h): 1,012 template
// families with long varied fillings (two thirds of the prompts) plus free text (the average size
// is printed). Measured:
//   tokenize     the baseline: masking and tokenizing only (PromptSketcher::CountTokens), 1 thread
//   sketch       PromptSketcher::Sketch alone, 1 thread
//   mine         TemplateMiner::Run on the sketches of --mine-prompts prompts, 1 and 2 threads
//                (the batch learning step; its phases are printed)
//   ingest       the ingest path: Sketch + TemplateDictionary::Match per prompt against the
//                dictionary mined above, 1 and 2 threads
// Each figure is the median of --trials runs; ratios are printed against 1 thread and against
// the tokenize baseline, with the pairwise precision / recall of the mined ids on the corpus and
// peak resident memory (getrusage ru_maxrss).
#include <sys/resource.h>
#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/templates/pairwise_score.h"
#include "graph/templates/prompt_sketch.h"
#include "graph/templates/template_dictionary.h"
#include "graph/templates/template_miner.h"
#include "graph/templates/test_corpus.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace tpl = ringgraph::templates;

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

long PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

std::vector<tpl::LabelledPrompt> MakeCorpus(std::size_t prompt_count) {
  // Two thirds template traffic (1000 families + 12 popular), one third free text.
  tpl::TestCorpusOptions options;
  options.seed = 42;
  options.template_families = 1000;
  options.popular_families = 12;
  options.prompts_per_family =
      static_cast<std::uint32_t>(std::max<std::size_t>(1, prompt_count * 2 / 3 / 1012));
  options.free_text_prompts = static_cast<std::uint32_t>(
      prompt_count - std::min(prompt_count, std::size_t{options.prompts_per_family} * 1012));
  return tpl::TestCorpus(options).Generate();
}

void SketchAll(const tpl::PromptSketcher& sketcher, const std::vector<std::string_view>& prompts,
               std::vector<std::vector<std::uint32_t>>* sketches) {
  sketches->resize(prompts.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, prompts.size(), 256), [&](const auto& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) sketcher.Sketch(prompts[i], &(*sketches)[i]);
  });
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t prompt_count = 200000, mine_count = 0, trials = 3;
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
    } else if (!std::strcmp(argv[i], "--mine-prompts")) {
      mine_count = value("--mine-prompts");
    } else if (!std::strcmp(argv[i], "--trials")) {
      trials = value("--trials");
    } else {
      std::fprintf(stderr,
                   "usage: bench_templates [--prompts N] [--mine-prompts N] [--trials N]\n"
                   "  --prompts       prompts for the ingest-path and baseline timings (200000)\n"
                   "  --mine-prompts  prompts mined per trial (default: --prompts)\n"
                   "  --trials        trials per figure; medians are printed (3)\n");
      return std::strcmp(argv[i], "--help") ? 2 : 0;
    }
  }
  if (mine_count == 0) mine_count = prompt_count;
  if (prompt_count == 0 || trials == 0) {
    std::fprintf(stderr, "bench_templates: --prompts and --trials must be positive\n");
    return 2;
  }

  auto generate_start = Clock::now();
  std::vector<tpl::LabelledPrompt> corpus = MakeCorpus(std::max(prompt_count, mine_count));
  std::vector<std::string_view> all_prompts;
  std::vector<std::int32_t> families;
  for (const auto& p : corpus) {
    all_prompts.push_back(p.text);
    families.push_back(p.family);
  }
  const std::vector<std::string_view> prompts(
      all_prompts.begin(), all_prompts.begin() + std::min(prompt_count, all_prompts.size()));
  std::size_t bytes = 0;
  for (std::string_view p : prompts) bytes += p.size();
  std::printf("corpus: %zu prompts (%zu mined), %.0f bytes on average, generated in %.2f s\n",
              prompts.size(), std::min(mine_count, all_prompts.size()),
              static_cast<double>(bytes) / static_cast<double>(prompts.size()),
              Seconds(generate_start));

  const tpl::PromptSketcher sketcher(tpl::kPublicSketchKey);
  // The mining corpus: sketched once (2 threads), mined per trial.
  const std::vector<std::string_view> mine_prompts(
      all_prompts.begin(), all_prompts.begin() + std::min(mine_count, all_prompts.size()));
  std::vector<std::vector<std::uint32_t>> mine_sketches;
  {
    tbb::global_control two(tbb::global_control::max_allowed_parallelism, 2);
    SketchAll(sketcher, mine_prompts, &mine_sketches);
  }

  std::vector<double> tokenize, sketch1, mine1, mine2, ingest1, ingest2;
  tpl::TemplateDictionary dictionary(
      tpl::DictionaryOptions{sketcher.options().max_shingles, 0.5, sketcher.KeyId()});
  std::vector<std::string> mined_ids(mine_prompts.size());
  // Seconds for the ingest path: Sketch + Match per prompt, in parallel.
  auto time_ingest = [&](std::size_t* matched_out) {
    std::vector<std::uint8_t> matched(prompts.size(), 0);
    auto start = Clock::now();
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, prompts.size(), 256), [&](const auto& r) {
      std::vector<std::uint32_t> sketch;
      for (std::size_t i = r.begin(); i != r.end(); ++i) {
        sketcher.Sketch(prompts[i], &sketch);
        matched[i] = dictionary.Match(sketch).has_value();
      }
    });
    const double seconds = Seconds(start);
    if (matched_out)
      *matched_out = static_cast<std::size_t>(std::count(matched.begin(), matched.end(), 1));
    return seconds;
  };
  std::size_t with_template = 0;
  for (std::size_t t = 0; t < trials; ++t) {
    {
      tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
      auto start = Clock::now();
      std::size_t tokens = 0;
      for (std::string_view p : prompts) tokens += sketcher.CountTokens(p);
      tokenize.push_back(Seconds(start));
      if (tokens == 0) std::printf("(no tokens)\n");
      start = Clock::now();
      std::vector<std::uint32_t> sketch;
      for (std::string_view p : prompts) sketcher.Sketch(p, &sketch);
      sketch1.push_back(Seconds(start));
    }
    for (int threads : {1, 2}) {
      tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
      tpl::MinerOptions options;
      if (t == 0 && threads == 2) {
        options.on_phase = [](std::string_view phase, double seconds) {
          std::printf("  mine phase %-20.*s %6.2f s\n", static_cast<int>(phase.size()),
                      phase.data(), seconds);
        };
      }
      tpl::TemplateMiner miner(mine_sketches, {}, options);
      auto start = Clock::now();
      if (!miner.Run().ok()) {
        std::fprintf(stderr, "bench_templates: TemplateMiner::Run failed\n");
        return 1;
      }
      (threads == 1 ? mine1 : mine2).push_back(Seconds(start));
      if (t == 0 && threads == 2) {
        const tpl::MinerStats& stats = miner.stats();
        std::printf(
            "  mined: %zu templates; %llu recurring of %llu shingle occurrences, %llu "
            "blocks (%llu identity), %llu signatures\n",
            miner.templates().size(), static_cast<unsigned long long>(stats.recurring_occurrences),
            static_cast<unsigned long long>(stats.shingle_occurrences),
            static_cast<unsigned long long>(stats.blocks),
            static_cast<unsigned long long>(stats.identity_blocks),
            static_cast<unsigned long long>(stats.signature_groups));
        for (const tpl::LearnedTemplate& learned : miner.templates()) dictionary.Add(learned);
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, mine_prompts.size(), 256),
                          [&](const auto& r) {
                            for (std::size_t i = r.begin(); i != r.end(); ++i) {
                              auto id = dictionary.Match(mine_sketches[i]);
                              if (id) mined_ids[i] = tpl::TemplateDictionary::IdText(*id);
                            }
                          });
      }
    }
    {
      tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
      ingest1.push_back(time_ingest(nullptr));
    }
    {
      tbb::global_control two(tbb::global_control::max_allowed_parallelism, 2);
      ingest2.push_back(time_ingest(&with_template));
    }
  }
  const std::vector<std::int32_t> mined_families(families.begin(),
                                                 families.begin() + mine_prompts.size());
  const tpl::PairwiseScore score = tpl::ScorePairs(mined_families, mined_ids);
  const double n = static_cast<double>(prompts.size());
  const double m = static_cast<double>(mine_prompts.size());
  auto rate = [n](const std::vector<double>& seconds) { return n / Median(seconds); };
  auto mine_rate = [m](const std::vector<double>& seconds) { return m / Median(seconds); };
  std::printf(
      "%zu trials (medians); mined ids on the mined corpus: precision %.4f recall %.4f; "
      "%zu of %zu ingest prompts matched a template\n",
      trials, score.precision, score.recall, with_template, prompts.size());
  std::printf("%-36s %12.0f prompts/s\n", "baseline tokenize only, 1 thread", rate(tokenize));
  std::printf("%-36s %12.0f prompts/s  (%.2fx of tokenize)\n", "sketch only, 1 thread",
              rate(sketch1), rate(sketch1) / rate(tokenize));
  std::printf("%-36s %12.0f prompts/s  (%.2fx of tokenize)\n", "ingest (sketch+match), 1 thread",
              rate(ingest1), rate(ingest1) / rate(tokenize));
  std::printf("%-36s %12.0f prompts/s  (%.2fx of 1 thread, %.2fx of tokenize; goal >= 50k)\n",
              "ingest (sketch+match), 2 threads", rate(ingest2), rate(ingest2) / rate(ingest1),
              rate(ingest2) / rate(tokenize));
  std::printf("%-36s %12.0f prompts/s  (%.2f s for %zu prompts)\n", "mine, 1 thread",
              mine_rate(mine1), Median(mine1), mine_prompts.size());
  std::printf("%-36s %12.0f prompts/s  (%.2f s, %.2fx of 1 thread)\n", "mine, 2 threads",
              mine_rate(mine2), Median(mine2), mine_rate(mine2) / mine_rate(mine1));
  std::printf("peak memory (ru_maxrss): %ld MiB\n", PeakRssMiB());
  return 0;
}
