// Learning templates from sketches: recurring shingles, blocks of shingles that travel together
// (MinHash/LSH over posting lists, verified), prompt signatures, skeletons. See template_miner.h.
#include "graph/templates/template_miner.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <string>

#include "graph/templates/prompt_sketch.h"

namespace ringgraph::templates {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kPartBits = 12;  // phase 1 partitions shingle values on their top 12 bits
constexpr std::size_t kParts = std::size_t{1} << kPartBits;
constexpr std::uint64_t kMinHashSeed = 0x6d696e6873680001ULL;
constexpr std::uint64_t kIdOwnTag = 0x74342d6f776e2d31ULL;     // "t4-own-1"
constexpr std::uint64_t kIdSharedTag = 0x74342d7368617231ULL;  // "t4-shar1"
constexpr std::uint64_t kIdWholeTag = 0x74342d77686f6c31ULL;   // "t4-whol1"

// Union-find over shingle indices; Find without path compression is safe to call from many
// threads while nobody unites.
class DisjointSets {
 public:
  explicit DisjointSets(std::size_t n) : parent_(n) {
    std::iota(parent_.begin(), parent_.end(), 0u);
  }
  std::uint32_t FindConst(std::uint32_t x) const {
    while (parent_[x] != x) x = parent_[x];
    return x;
  }
  std::uint32_t Find(std::uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void Unite(std::uint32_t a, std::uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (b < a) std::swap(a, b);
    parent_[b] = a;  // the smaller index is the root, so blocks do not depend on link order
  }

 private:
  std::vector<std::uint32_t> parent_;
};

// Sorts one part of phase 1's (value << 32 | prompt) entries by value, keeping the prompts of
// each value in their (ascending) fill order: a stable LSD radix sort on the value's low 20 bits
// (the top 12 bits are the part), two passes of 10 bits.
void SortPart(std::uint64_t* entries, std::size_t size, std::vector<std::uint64_t>* buffer) {
  static_assert(kPartBits == 12, "two 10-bit passes cover the 20 low value bits");
  if (size < 64) {
    std::stable_sort(entries, entries + size,
                     [](std::uint64_t a, std::uint64_t b) { return (a >> 32) < (b >> 32); });
    return;
  }
  buffer->resize(size);
  std::uint64_t* from = entries;
  std::uint64_t* to = buffer->data();
  for (int shift : {32, 42}) {
    std::size_t counts[1024] = {};
    for (std::size_t i = 0; i < size; ++i) ++counts[(from[i] >> shift) & 1023];
    std::size_t at = 0;
    for (std::size_t& c : counts) {
      const std::size_t n = c;
      c = at;
      at += n;
    }
    for (std::size_t i = 0; i < size; ++i) to[counts[(from[i] >> shift) & 1023]++] = from[i];
    std::swap(from, to);
  }
  // Two passes: the sorted entries are back in `entries`.
}

std::uint64_t HashAnchors(std::uint64_t tag, std::span<const std::uint32_t> values) {
  std::uint64_t h = MixBits(tag);
  for (std::uint32_t v : values) h = MixBits(h ^ v);
  return h;
}

// Phase 5: a block's prompts are spread over its context's accounts when they reach no fewer
// accounts than as many random draws would, less this many standard deviations.
constexpr double kSpreadDeviations = 2.0;
// Phase 5: a block is kept by its accounts when every returning holder holding it every time
// has at most this chance (one in a thousand; I's precision was the same at 1e-2 and 1e-4).
constexpr double kKeptChance = 0.001;

// Phase 6: a group whose prompts all come from accounts that send nothing else is a crowd's
// phrase when that is less likely than this, the one-sided tail of two standard deviations.
constexpr double kOneTimeChance = 0.0228;

// Phase 5: the context of a prompt that holds no anchor.
constexpr std::uint32_t kNoAnchor = 0xffffffffu;

// Phase 5: the key of a pair of blocks, the lower in the high half.
std::uint64_t BlockPair(std::uint32_t a, std::uint32_t b) {
  return a < b ? (std::uint64_t{a} << 32) | b : (std::uint64_t{b} << 32) | a;
}

// Mean and variance of a count.
struct Moments {
  double mean = 0, variance = 0;
};

// How many distinct accounts `draws` prompts drawn at random from a context reach. `senders`
// holds (prompts an account sends, accounts that send that many); the context has `prompts`.
// Account a is missed by every draw with probability m_a = (1 - n_a / n)^h. Two accounts are
// missed together with probability (1 - (n_a + n_b) / n)^h, a little less than m_a m_b: the
// draws that miss one are likelier to hit the other. Summed over every pair, that covariance
// takes most of the variance away when the accounts are many, each sending a few prompts.
Moments AccountsReached(std::span<const std::pair<std::uint32_t, std::uint32_t>> senders,
                        double prompts, double draws) {
  Moments out;
  for (std::size_t x = 0; x < senders.size(); ++x) {
    const auto [count_x, senders_x] = senders[x];
    const double share_x = static_cast<double>(count_x) / prompts;
    const double missed_x = std::exp(draws * std::log1p(-share_x));
    out.mean += senders_x * (1 - missed_x);
    out.variance += senders_x * missed_x * (1 - missed_x);
    for (std::size_t y = x; y < senders.size(); ++y) {
      const auto [count_y, senders_y] = senders[y];
      const double share_y = static_cast<double>(count_y) / prompts;
      if (share_x + share_y >= 1) continue;
      const double pairs =
          x == y ? static_cast<double>(senders_x) * (senders_x - 1) : 2.0 * senders_x * senders_y;
      const double missed_y = std::exp(draws * std::log1p(-share_y));
      out.variance +=
          pairs * missed_x * missed_y *
          std::expm1(draws * std::log1p(-share_x * share_y / ((1 - share_x) * (1 - share_y))));
    }
  }
  out.variance = std::max(out.variance, 0.0);
  return out;
}

// How many of a context's `prompts` hold both of two blocks held by x and y of them, if the
// blocks were held independently: a hypergeometric draw.
Moments MeetingByChance(double x, double y, double prompts) {
  Moments out;
  out.mean = x * y / prompts;
  out.variance = prompts > 1 ? out.mean * (1 - x / prompts) * (prompts - y) / (prompts - 1) : 0.0;
  return out;
}

// The chance that `draws` prompts all hold something each holds with probability `share`, given
// that one at least does: share^draws / (1 - (1-share)^draws). Phase 5 asks it of a block an
// account sends every time, phase 6 of a shape an account sends alone.
double AllGivenOne(double share, std::uint32_t draws) {
  if (share >= 1) return 1.0;
  return std::pow(share, draws) / -std::expm1(draws * std::log1p(-share));
}

// Merges two templates' sorted accounts and the prompts each sends, summing where both have one.
void MergeCountedAccounts(std::span<const std::uint32_t> a, std::span<const std::uint32_t> a_sent,
                          std::span<const std::uint32_t> b, std::span<const std::uint32_t> b_sent,
                          std::vector<std::uint32_t>* out, std::vector<std::uint32_t>* out_sent) {
  std::size_t x = 0, y = 0;
  while (x < a.size() || y < b.size()) {
    if (y == b.size() || (x < a.size() && a[x] < b[y])) {
      out->push_back(a[x]);
      out_sent->push_back(a_sent[x++]);
    } else if (x == a.size() || b[y] < a[x]) {
      out->push_back(b[y]);
      out_sent->push_back(b_sent[y++]);
    } else {
      out->push_back(a[x]);
      out_sent->push_back(a_sent[x++] + b_sent[y++]);
    }
  }
}

// A group that is not a template after the edit variants (phase 6).
constexpr std::uint32_t kNoRank = 0xffffffffu;

// The upper median; reorders `values`.
double MedianOf(std::vector<double>& values) {
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

// A group's skeleton (phase 6) and what makes it a template.
struct GroupSkeleton {
  std::vector<std::uint32_t> values;  // sorted, distinct
  std::vector<std::uint8_t> core;     // per value: held by >= anchor_presence of its observers
  std::uint32_t labels = 0, text = 0;
  double share = 0;  // how much of its median member's sketch the skeleton's values make up

  // A label, a verbatim run of text, or a short template: min_text_shingles recurring values
  // (words around typed slots count) that are most of what its prompts say.
  bool IsTemplate(const MinerOptions& options) const {
    return labels > 0 || text >= options.min_text_shingles ||
           (values.size() >= options.min_text_shingles && share >= options.short_template_share);
  }
};

}  // namespace

// Working data of one Run(), freed when Run() returns.
struct TemplateMiner::State {
  // Phase 1-2: recurring shingles, sorted by value; their df and posting lists (prompts, sorted).
  std::vector<std::uint32_t> values;
  std::vector<std::uint32_t> df;
  std::vector<std::uint64_t> posting_offsets;
  std::vector<std::uint32_t> postings;
  // Phase 2: each prompt's recurring shingles (indices into values, ascending) and horizon.
  std::vector<std::uint64_t> prompt_offsets;
  std::vector<std::uint32_t> prompt_shingles;
  std::vector<std::uint32_t> horizon;
  std::vector<std::uint32_t> sketch_size;
  std::vector<std::uint32_t> accounts;  // one per prompt (filled in for an empty input)
  // Phase 3: band keys, shingle-major (shingle * bands + band).
  std::vector<std::uint32_t> band_keys;
  // Phase 4: blocks.
  std::vector<std::uint32_t> block_of;       // per recurring shingle
  std::vector<std::uint64_t> block_offsets;  // block -> its shingles' values (ascending)
  std::vector<std::uint32_t> block_values;
  std::vector<std::uint8_t> identity;  // per block
  // Phase 5: the identity blocks each prompt holds (ascending), and for each of them whether it
  // floats in the prompt's context (a filling's stock text).
  std::vector<std::uint64_t> held_offsets;
  std::vector<std::uint32_t> held_blocks;
  std::vector<std::uint8_t> held_floats;
  // Phase 5: groups of prompts with one signature.
  std::vector<std::uint64_t> group_offsets;
  std::vector<std::uint32_t> group_members;

  std::span<const std::uint32_t> Posting(std::uint32_t s) const {
    return {postings.data() + posting_offsets[s], postings.data() + posting_offsets[s + 1]};
  }
  std::span<const std::uint32_t> Recurring(std::size_t p) const {
    return {prompt_shingles.data() + prompt_offsets[p],
            prompt_shingles.data() + prompt_offsets[p + 1]};
  }
  std::span<const std::uint32_t> Held(std::size_t p) const {
    return {held_blocks.data() + held_offsets[p], held_blocks.data() + held_offsets[p + 1]};
  }
  bool HoldsFloating(std::size_t p) const {
    return std::find(held_floats.begin() + static_cast<std::ptrdiff_t>(held_offsets[p]),
                     held_floats.begin() + static_cast<std::ptrdiff_t>(held_offsets[p + 1]),
                     1) != held_floats.begin() + static_cast<std::ptrdiff_t>(held_offsets[p + 1]);
  }
  // Whether `block` is one prompt p holds and it floats there.
  bool Floats(std::size_t p, std::uint32_t block) const {
    std::span<const std::uint32_t> held = Held(p);
    const auto it = std::lower_bound(held.begin(), held.end(), block);
    return it != held.end() && *it == block &&
           held_floats[held_offsets[p] + static_cast<std::uint64_t>(it - held.begin())] != 0;
  }
  std::span<const std::uint32_t> BlockValues(std::uint32_t b) const {
    return {block_values.data() + block_offsets[b], block_values.data() + block_offsets[b + 1]};
  }

  // Each prompt of group g and of the groups it absorbed (phase 6), in that order.
  template <typename Visit>
  void ForEachMember(std::size_t g, const std::vector<std::vector<std::size_t>>& absorbed,
                     Visit&& visit) const {
    for (std::uint64_t k = group_offsets[g]; k < group_offsets[g + 1]; ++k) visit(group_members[k]);
    for (std::size_t a : absorbed[g]) {
      for (std::uint64_t k = group_offsets[a]; k < group_offsets[a + 1]; ++k) {
        visit(group_members[k]);
      }
    }
  }

  // The skeleton of a group of prompts: every recurring shingle held by >= presence of the
  // members that observe it. `count` has one zero per recurring shingle, and is zero again on
  // return; `touched` and `horizons` are scratch.
  void SkeletonOf(std::span<const std::uint32_t> members, const MinerOptions& options,
                  std::vector<std::uint32_t>& count, std::vector<std::uint32_t>& touched,
                  std::vector<std::uint32_t>& horizons, GroupSkeleton* out) const {
    *out = GroupSkeleton();
    touched.clear();
    horizons.clear();
    for (std::uint32_t p : members) {
      horizons.push_back(horizon[p]);
      const bool holds_floating = HoldsFloating(p);
      for (std::uint32_t s : Recurring(p)) {
        if (holds_floating && Floats(p, block_of[s])) continue;  // a filling's stock text
        if (count[s]++ == 0) touched.push_back(s);
      }
    }
    std::sort(horizons.begin(), horizons.end());
    std::sort(touched.begin(), touched.end());  // ascending index is ascending value
    for (std::uint32_t s : touched) {
      const std::uint32_t value = values[s];
      const auto observing = static_cast<std::size_t>(
          horizons.end() - std::lower_bound(horizons.begin(), horizons.end(), value));
      const double held = count[s];
      count[s] = 0;
      if (observing < options.min_prompts ||
          held < options.presence * static_cast<double>(observing)) {
        continue;
      }
      out->values.push_back(value);
      out->core.push_back(held >= options.anchor_presence * static_cast<double>(observing));
      out->labels += IsLabelShingle(value);
      out->text += IsTextShingle(value);
    }
    if (out->labels == 0 && out->text < options.min_text_shingles && !members.empty()) {
      std::vector<double> shares;
      shares.reserve(members.size());
      for (std::uint32_t p : members) {
        shares.push_back(std::min(
            1.0, static_cast<double>(out->values.size()) / static_cast<double>(sketch_size[p])));
      }
      out->share = MedianOf(shares);
    }
  }
};

TemplateMiner::TemplateMiner(std::span<const std::vector<std::uint32_t>> sketches,
                             std::span<const std::uint32_t> accounts, MinerOptions options,
                             std::span<const std::uint8_t> sends_elsewhere)
    : sketches_(sketches),
      accounts_(accounts),
      options_(std::move(options)),
      sends_elsewhere_(sends_elsewhere) {}

TemplateMiner::~TemplateMiner() = default;

Status TemplateMiner::Validate() const {
  if (!accounts_.empty() && accounts_.size() != sketches_.size()) {
    return Status::InvalidArgument("template miner: " + std::to_string(accounts_.size()) +
                                   " accounts for " + std::to_string(sketches_.size()) +
                                   " prompts; pass one account per prompt or none");
  }
  if (!sends_elsewhere_.empty() && sends_elsewhere_.size() != sketches_.size()) {
    return Status::InvalidArgument("template miner: " + std::to_string(sends_elsewhere_.size()) +
                                   " sends-elsewhere flags for " +
                                   std::to_string(sketches_.size()) +
                                   " prompts; pass one per prompt or none");
  }
  if (options_.bands == 0 || options_.rows == 0 || options_.min_prompts == 0 ||
      options_.max_shingles == 0 || options_.anchor_shingles == 0) {
    return Status::InvalidArgument(
        "template miner: bands, rows, min_prompts, max_shingles and anchor_shingles must be "
        "positive");
  }
  for (double share : {options_.block_similarity, options_.hold_share, options_.presence,
                       options_.anchor_presence, options_.edit_share}) {
    if (!(share > 0 && share <= 1)) {
      return Status::InvalidArgument(
          "template miner: block_similarity, hold_share, presence, anchor_presence and "
          "edit_share must be in (0, 1]");
    }
  }
  if (sketches_.size() >= 0xffffffffu) {
    return Status::InvalidArgument("template miner: at most 2^32 - 2 prompts per run");
  }
  for (std::size_t p = 0; p < sketches_.size(); ++p) {
    const std::vector<std::uint32_t>& sketch = sketches_[p];
    for (std::size_t k = 1; k < sketch.size(); ++k) {
      if (sketch[k - 1] >= sketch[k]) {
        return Status::InvalidArgument("template miner: sketch " + std::to_string(p) +
                                       " is not sorted and distinct; pass "
                                       "PromptSketcher::Sketch output");
      }
    }
  }
  return Status::Ok();
}

Status TemplateMiner::Run() {
  RINGGRAPH_RETURN_IF_ERROR(Validate());
  templates_.clear();
  prompt_templates_.assign(sketches_.size(), -1);
  stats_ = MinerStats{};
  if (sketches_.empty()) return Status::Ok();

  State state;
  auto timed = [this, &state](std::string_view name, void (TemplateMiner::*phase)(State&)) {
    const auto start = Clock::now();
    (this->*phase)(state);
    if (options_.on_phase) {
      options_.on_phase(name, std::chrono::duration<double>(Clock::now() - start).count());
    }
  };
  timed("count shingles", &TemplateMiner::CountShingles);
  timed("keep recurring", &TemplateMiner::KeepRecurring);
  timed("sketch and bucket", &TemplateMiner::SketchAndBucket);
  timed("link verified", &TemplateMiner::LinkVerified);
  timed("group by signature", &TemplateMiner::GroupBySignature);
  timed("build skeletons", &TemplateMiner::BuildSkeletons);
  return Status::Ok();
}

void TemplateMiner::CountShingles(State& state) {
  const std::size_t n = sketches_.size();
  state.accounts.resize(n);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), [&](const auto& r) {
    for (std::size_t p = r.begin(); p != r.end(); ++p) {
      state.accounts[p] = accounts_.empty() ? static_cast<std::uint32_t>(p) : accounts_[p];
    }
  });

  // Count: how many (value, prompt) entries fall in each part, per chunk of prompts.
  const std::size_t chunks = std::max<std::size_t>(1, std::min<std::size_t>(n / 1024, 64));
  auto chunk_begin = [n, chunks](std::size_t c) { return n * c / chunks; };
  std::vector<std::uint64_t> histogram(chunks * kParts, 0);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    std::uint64_t* row = histogram.data() + c * kParts;
    for (std::size_t p = chunk_begin(c); p < chunk_begin(c + 1); ++p) {
      for (std::uint32_t v : sketches_[p]) ++row[v >> (32 - kPartBits)];
    }
  });
  // Prefix sum: part-major, so each part's entries are contiguous.
  std::vector<std::uint64_t> part_begin(kParts + 1, 0);
  std::uint64_t total = 0;
  for (std::size_t part = 0; part < kParts; ++part) {
    part_begin[part] = total;
    for (std::size_t c = 0; c < chunks; ++c) {
      const std::uint64_t count = histogram[c * kParts + part];
      histogram[c * kParts + part] = total;
      total += count;
    }
  }
  part_begin[kParts] = total;
  stats_.shingle_occurrences = total;
  // Fill, then sort each part: a run of equal values is one shingle's posting list.
  std::unique_ptr<std::uint64_t[]> entries(new std::uint64_t[std::max<std::uint64_t>(total, 1)]);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    std::uint64_t* cursor = histogram.data() + c * kParts;
    for (std::size_t p = chunk_begin(c); p < chunk_begin(c + 1); ++p) {
      for (std::uint32_t v : sketches_[p]) {
        entries[cursor[v >> (32 - kPartBits)]++] = (static_cast<std::uint64_t>(v) << 32) | p;
      }
    }
  });
  histogram = {};

  // Per part: the recurring runs (df >= min_prompts, accounts >= min_accounts).
  const std::uint32_t min_prompts = options_.min_prompts;
  const std::uint32_t min_accounts = options_.min_accounts;
  std::vector<std::uint64_t> part_shingles(kParts + 1, 0), part_occurrences(kParts + 1, 0);
  tbb::enumerable_thread_specific<std::vector<std::uint32_t>> scratch;
  auto is_recurring = [&](const std::uint64_t* run, std::size_t size) {
    if (size < min_prompts) return false;
    if (min_accounts <= 1) return true;
    const std::uint32_t first = state.accounts[static_cast<std::uint32_t>(run[0])];
    std::size_t k = 1;
    while (k < size && state.accounts[static_cast<std::uint32_t>(run[k])] == first) ++k;
    if (k == size) return false;
    if (min_accounts == 2) return true;
    std::vector<std::uint32_t>& seen = scratch.local();
    seen.clear();
    for (std::size_t j = 0; j < size; ++j) {
      seen.push_back(state.accounts[static_cast<std::uint32_t>(run[j])]);
    }
    std::sort(seen.begin(), seen.end());
    return static_cast<std::size_t>(std::unique(seen.begin(), seen.end()) - seen.begin()) >=
           min_accounts;
  };
  auto for_each_run = [&](std::size_t part, auto&& visit) {
    std::uint64_t i = part_begin[part];
    const std::uint64_t end = part_begin[part + 1];
    while (i < end) {
      std::uint64_t j = i + 1;
      while (j < end && (entries[j] >> 32) == (entries[i] >> 32)) ++j;
      visit(&entries[i], static_cast<std::size_t>(j - i));
      i = j;
    }
  };
  tbb::enumerable_thread_specific<std::vector<std::uint64_t>> sort_buffers;
  tbb::parallel_for(std::size_t{0}, kParts, [&](std::size_t part) {
    SortPart(entries.get() + part_begin[part], part_begin[part + 1] - part_begin[part],
             &sort_buffers.local());
    std::uint64_t shingles = 0, occurrences = 0;
    for_each_run(part, [&](const std::uint64_t* run, std::size_t size) {
      if (!is_recurring(run, size)) return;
      ++shingles;
      occurrences += size;
    });
    part_shingles[part + 1] = shingles;
    part_occurrences[part + 1] = occurrences;
  });
  for (std::size_t part = 0; part < kParts; ++part) {
    part_shingles[part + 1] += part_shingles[part];
    part_occurrences[part + 1] += part_occurrences[part];
  }
  const std::uint64_t shingles = part_shingles[kParts];
  state.values.resize(shingles);
  state.df.resize(shingles);
  state.posting_offsets.resize(shingles + 1);
  state.postings.resize(part_occurrences[kParts]);
  state.posting_offsets[shingles] = part_occurrences[kParts];
  tbb::parallel_for(std::size_t{0}, kParts, [&](std::size_t part) {
    std::uint64_t s = part_shingles[part], at = part_occurrences[part];
    for_each_run(part, [&](const std::uint64_t* run, std::size_t size) {
      if (!is_recurring(run, size)) return;
      state.values[s] = static_cast<std::uint32_t>(run[0] >> 32);
      state.df[s] = static_cast<std::uint32_t>(size);
      state.posting_offsets[s] = at;
      for (std::size_t k = 0; k < size; ++k) {
        state.postings[at + k] = static_cast<std::uint32_t>(run[k]);
      }
      ++s;
      at += size;
    });
  });
  stats_.recurring_shingles = shingles;
  stats_.recurring_occurrences = part_occurrences[kParts];
}

void TemplateMiner::KeepRecurring(State& state) {
  const std::size_t n = sketches_.size();
  const std::size_t shingles = state.values.size();
  state.horizon.resize(n);
  state.sketch_size.resize(n);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), [&](const auto& r) {
    for (std::size_t p = r.begin(); p != r.end(); ++p) {
      state.horizon[p] = SketchHorizon(sketches_[p], options_.max_shingles);
      state.sketch_size[p] =
          static_cast<std::uint32_t>(std::max<std::size_t>(sketches_[p].size(), 1));
    }
  });
  // The transpose of the posting lists, in chunks of shingles: count per (chunk, prompt), turn
  // the counts into write positions, fill. Chunks are ascending ranges of shingles, so each R(p)
  // comes out sorted.
  const std::size_t chunks = std::max<std::size_t>(1, std::min<std::size_t>(8, shingles / 4096));
  auto chunk_begin = [shingles, chunks](std::size_t c) { return shingles * c / chunks; };
  std::vector<std::vector<std::uint32_t>> position(chunks);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    position[c].assign(n, 0);
    for (std::size_t s = chunk_begin(c); s < chunk_begin(c + 1); ++s) {
      for (std::uint32_t p : state.Posting(static_cast<std::uint32_t>(s))) ++position[c][p];
    }
  });
  state.prompt_offsets.assign(n + 1, 0);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), [&](const auto& r) {
    for (std::size_t p = r.begin(); p != r.end(); ++p) {
      std::uint64_t count = 0;
      for (std::size_t c = 0; c < chunks; ++c) count += position[c][p];
      state.prompt_offsets[p + 1] = count;
    }
  });
  for (std::size_t p = 0; p < n; ++p) state.prompt_offsets[p + 1] += state.prompt_offsets[p];
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), [&](const auto& r) {
    for (std::size_t p = r.begin(); p != r.end(); ++p) {
      std::uint64_t at = state.prompt_offsets[p];
      for (std::size_t c = 0; c < chunks; ++c) {
        const std::uint32_t count = position[c][p];
        position[c][p] = static_cast<std::uint32_t>(at - state.prompt_offsets[p]);
        at += count;
      }
    }
  });
  state.prompt_shingles.resize(state.prompt_offsets[n]);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    for (std::size_t s = chunk_begin(c); s < chunk_begin(c + 1); ++s) {
      for (std::uint32_t p : state.Posting(static_cast<std::uint32_t>(s))) {
        state.prompt_shingles[state.prompt_offsets[p] + position[c][p]++] =
            static_cast<std::uint32_t>(s);
      }
    }
  });
}

void TemplateMiner::SketchAndBucket(State& state) {
  const std::size_t n = sketches_.size();
  const std::size_t shingles = state.values.size();
  const std::uint32_t bands = options_.bands, rows = options_.rows;
  // A prompt's MinHash rank under row j: the top 4 bits order prompts by how much of the value
  // space their sketch observes (untruncated first), the low 28 bits are a hash of the prompt.
  std::vector<std::uint64_t> prompt_hash(n);
  std::vector<std::uint32_t> prompt_bin(n);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), [&](const auto& r) {
    for (std::size_t p = r.begin(); p != r.end(); ++p) {
      prompt_hash[p] = MixBits(kMinHashSeed ^ (p * 0x9e3779b97f4a7c15ULL));
      const std::uint32_t horizon = state.horizon[p];
      prompt_bin[p] = horizon == 0xffffffffu ? 0 : (1u + std::min(14u, (~horizon) >> 28)) << 28;
    }
  });
  // One-permutation hashing: each prompt falls in one of bands * rows bins (the top bits of its
  // hash) with a rank; a bin's value is its smallest rank. Empty bins borrow from the next
  // non-empty bin, mixed with the distance (rotation densification), so small posting lists
  // still get full signatures and equal lists equal ones.
  const std::uint32_t bins = bands * rows;
  state.band_keys.resize(shingles * bands);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, shingles, 256), [&](const auto& r) {
    std::vector<std::uint32_t> minimum(bins), dense(bins);
    for (std::size_t s = r.begin(); s != r.end(); ++s) {
      std::fill(minimum.begin(), minimum.end(), 0xffffffffu);
      for (std::uint32_t p : state.Posting(static_cast<std::uint32_t>(s))) {
        const std::uint64_t h = prompt_hash[p];
        const auto bin = static_cast<std::uint32_t>(((h >> 32) * bins) >> 32);
        const std::uint32_t rank = prompt_bin[p] | static_cast<std::uint32_t>(h & 0x0fffffffu);
        minimum[bin] = std::min(minimum[bin], rank);
      }
      // Walk twice round the bins backwards, remembering the nearest non-empty bin ahead.
      std::uint32_t next = 0;
      for (std::uint32_t step = 2 * bins; step-- > 0;) {
        const std::uint32_t j = step % bins;
        if (minimum[j] != 0xffffffffu) next = j;
        if (step >= bins) continue;
        const std::uint32_t distance = (next + bins - j) % bins;
        dense[j] = distance == 0 ? minimum[j]
                                 : static_cast<std::uint32_t>(
                                       MixBits((std::uint64_t{distance} << 32) | minimum[next]));
      }
      for (std::uint32_t b = 0; b < bands; ++b) {
        std::uint64_t key = MixBits(kMinHashSeed ^ (b + 1));
        for (std::uint32_t row = 0; row < rows; ++row) key = MixBits(key ^ dense[b * rows + row]);
        state.band_keys[s * bands + b] = static_cast<std::uint32_t>(key >> 32);
      }
    }
  });
}

void TemplateMiner::LinkVerified(State& state) {
  const std::size_t shingles = state.values.size();
  const std::uint32_t bands = options_.bands;
  const double similarity = options_.block_similarity;
  DisjointSets sets(shingles);
  // Jaccard of two posting lists over the prompts whose sketches observe both shingles.
  auto similar = [&](std::uint32_t a, std::uint32_t b) {
    const std::uint32_t higher = std::max(state.values[a], state.values[b]);
    std::span<const std::uint32_t> pa = state.Posting(a), pb = state.Posting(b);
    std::size_t i = 0, j = 0, both = 0, either = 0;
    while (i < pa.size() && j < pb.size()) {
      if (pa[i] == pb[j]) {
        ++both, ++either, ++i, ++j;
      } else if (pa[i] < pb[j]) {
        either += state.horizon[pa[i++]] >= higher;
      } else {
        either += state.horizon[pb[j++]] >= higher;
      }
    }
    for (; i < pa.size(); ++i) either += state.horizon[pa[i]] >= higher;
    for (; j < pb.size(); ++j) either += state.horizon[pb[j]] >= higher;
    return either > 0 && static_cast<double>(both) >= similarity * static_cast<double>(either);
  };
  std::vector<std::uint64_t> entries(shingles);
  std::vector<std::uint64_t> run_starts;
  tbb::enumerable_thread_specific<std::vector<std::pair<std::uint32_t, std::uint32_t>>> links;
  for (std::uint32_t b = 0; b < bands; ++b) {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, shingles), [&](const auto& r) {
      for (std::size_t s = r.begin(); s != r.end(); ++s) {
        entries[s] = (static_cast<std::uint64_t>(state.band_keys[s * bands + b]) << 32) | s;
      }
    });
    tbb::parallel_sort(entries.begin(), entries.end());
    run_starts.clear();
    for (std::size_t i = 0; i < shingles; ++i) {
      if (i == 0 || (entries[i] >> 32) != (entries[i - 1] >> 32)) run_starts.push_back(i);
    }
    run_starts.push_back(shingles);
    // Verify in parallel against the union-find as it stood before this band; unite after.
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, run_starts.size() - 1),
                      [&](const auto& r) {
                        auto& out = links.local();
                        for (std::size_t k = r.begin(); k != r.end(); ++k) {
                          const std::size_t begin = run_starts[k], end = run_starts[k + 1];
                          if (end - begin < 2) continue;
                          const auto first = static_cast<std::uint32_t>(entries[begin]);
                          const std::uint32_t first_root = sets.FindConst(first);
                          for (std::size_t i = begin + 1; i < end; ++i) {
                            const auto other = static_cast<std::uint32_t>(entries[i]);
                            if (sets.FindConst(other) == first_root) continue;
                            if (similar(first, other)) out.emplace_back(first, other);
                          }
                        }
                      });
    for (auto& out : links) {
      for (const auto& [x, y] : out) sets.Unite(x, y);
      out.clear();
    }
  }
  state.band_keys = {};

  // Blocks: one per root, numbered in order of their smallest shingle.
  state.block_of.resize(shingles);
  std::vector<std::uint32_t> block_index(shingles, 0xffffffffu);
  std::uint32_t blocks = 0;
  for (std::size_t s = 0; s < shingles; ++s) {
    const std::uint32_t root = sets.Find(static_cast<std::uint32_t>(s));
    if (block_index[root] == 0xffffffffu) block_index[root] = blocks++;
    state.block_of[s] = block_index[root];
  }
  state.block_offsets.assign(blocks + 1, 0);
  for (std::size_t s = 0; s < shingles; ++s) ++state.block_offsets[state.block_of[s] + 1];
  for (std::uint32_t k = 0; k < blocks; ++k) state.block_offsets[k + 1] += state.block_offsets[k];
  state.block_values.resize(shingles);
  std::vector<std::uint32_t> block_shingles(shingles);  // the same order, as shingle indices
  {
    std::vector<std::uint64_t> cursor(state.block_offsets.begin(), state.block_offsets.end() - 1);
    for (std::size_t s = 0; s < shingles; ++s) {
      const std::uint64_t at = cursor[state.block_of[s]]++;
      state.block_values[at] = state.values[s];  // ascending: s is
      block_shingles[at] = static_cast<std::uint32_t>(s);
    }
  }
  // Identity blocks: a label, or a verbatim run of text, or a short template (a run of words
  // around typed slots that is most of what its prompts say).
  state.identity.assign(blocks, 0);
  std::vector<std::uint32_t> maybe_short;
  for (std::uint32_t k = 0; k < blocks; ++k) {
    std::uint32_t labels = 0, text = 0;
    for (std::uint32_t v : state.BlockValues(k)) {
      labels += IsLabelShingle(v);
      text += IsTextShingle(v);
    }
    state.identity[k] = labels > 0 || text >= options_.min_text_shingles;
    if (!state.identity[k] && state.BlockValues(k).size() >= options_.min_text_shingles) {
      maybe_short.push_back(k);
    }
  }
  const std::size_t n = sketches_.size();
  tbb::enumerable_thread_specific<std::vector<std::uint32_t>> counters(
      [n] { return std::vector<std::uint32_t>(n, 0); });
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, maybe_short.size(), 1), [&](const auto& r) {
    std::vector<std::uint32_t>& held = counters.local();
    std::vector<std::uint32_t> touched;
    std::vector<double> shares;
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      const std::uint32_t k = maybe_short[i];
      const std::uint64_t begin = state.block_offsets[k], end = state.block_offsets[k + 1];
      touched.clear();
      for (std::uint64_t at = begin; at < end; ++at) {
        for (std::uint32_t p : state.Posting(block_shingles[at])) {
          if (held[p]++ == 0) touched.push_back(p);
        }
      }
      shares.clear();
      for (std::uint32_t p : touched) {
        if (static_cast<double>(held[p]) >=
            options_.hold_share * static_cast<double>(end - begin)) {
          shares.push_back(static_cast<double>(held[p]) /
                           static_cast<double>(state.sketch_size[p]));
        }
        held[p] = 0;
      }
      state.identity[k] = !shares.empty() && MedianOf(shares) >= options_.short_template_share;
    }
  });
  const auto identity_blocks =
      static_cast<std::uint64_t>(std::count(state.identity.begin(), state.identity.end(), 1));
  stats_.blocks = blocks;
  stats_.identity_blocks = identity_blocks;
}

void TemplateMiner::HoldBlocks(State& state) const {
  const std::size_t n = sketches_.size();
  // The identity blocks prompt p holds, ascending, into *out.
  auto blocks_held_by = [&](std::size_t p,
                            std::vector<std::pair<std::uint32_t, std::uint32_t>>& held,
                            std::vector<std::uint32_t>* out) {
    held.clear();  // (block, shingles held)
    out->clear();
    for (std::uint32_t s : state.Recurring(p)) {
      const std::uint32_t block = state.block_of[s];
      if (!state.identity[block]) continue;
      auto it = std::find_if(held.begin(), held.end(),
                             [block](const auto& h) { return h.first == block; });
      if (it == held.end()) {
        held.emplace_back(block, 1);
      } else {
        ++it->second;
      }
    }
    std::sort(held.begin(), held.end());
    const std::uint32_t horizon = state.horizon[p];
    for (const auto& [block, count] : held) {
      std::span<const std::uint32_t> values = state.BlockValues(block);
      const auto observable = static_cast<std::size_t>(
          std::upper_bound(values.begin(), values.end(), horizon) - values.begin());
      if (observable == 0 ||
          static_cast<double>(count) < options_.hold_share * static_cast<double>(observable)) {
        continue;
      }
      out->push_back(block);
    }
  };
  // Each chunk of prompts fills its own list once; the lists are then laid end to end.
  const std::size_t chunks = std::max<std::size_t>(1, std::min<std::size_t>(n / 1024, 64));
  auto chunk_begin = [n, chunks](std::size_t c) { return n * c / chunks; };
  std::vector<std::vector<std::uint32_t>> chunk_blocks(chunks);
  state.held_offsets.assign(n + 1, 0);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> scratch;
    std::vector<std::uint32_t> blocks;
    for (std::size_t p = chunk_begin(c); p < chunk_begin(c + 1); ++p) {
      blocks_held_by(p, scratch, &blocks);
      state.held_offsets[p + 1] = blocks.size();
      chunk_blocks[c].insert(chunk_blocks[c].end(), blocks.begin(), blocks.end());
    }
  });
  for (std::size_t p = 0; p < n; ++p) state.held_offsets[p + 1] += state.held_offsets[p];
  state.held_blocks.resize(state.held_offsets[n]);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    std::copy(chunk_blocks[c].begin(), chunk_blocks[c].end(),
              state.held_blocks.begin() +
                  static_cast<std::ptrdiff_t>(state.held_offsets[chunk_begin(c)]));
  });
  state.held_floats.assign(state.held_blocks.size(), 0);
}

std::vector<std::uint32_t> TemplateMiner::ContextsOf(const State& state,
                                                     std::span<const std::uint8_t> anchor) const {
  const std::size_t n = sketches_.size();
  std::vector<std::uint32_t> context_of(n, kNoAnchor);
  auto anchors_held_by = [&](std::size_t p, std::vector<std::uint32_t>& out) {
    out.clear();
    for (std::uint32_t b : state.Held(p)) {
      if (anchor[b]) out.push_back(b);
    }
  };
  // Per account, how many of its prompts hold each anchor (x, x) and each pair of anchors (x, y).
  struct Entry {
    std::uint32_t account, x, y;
    auto operator<=>(const Entry&) const = default;
  };
  std::vector<Entry> entries;
  std::vector<std::uint32_t> held;
  bool any_pair = false;
  for (std::size_t p = 0; p < n; ++p) {
    anchors_held_by(p, held);
    any_pair |= held.size() >= 2;
    for (std::uint32_t x : held) {
      for (std::uint32_t y : held) entries.push_back({state.accounts[p], x, y});
    }
  }
  // Over the accounts that send x and y in one prompt: their prompts that hold y but not x.
  absl::flat_hash_map<std::uint64_t, std::uint32_t> y_without_x;  // x << 32 | y
  if (any_pair) {
    tbb::parallel_sort(entries.begin(), entries.end());
    absl::flat_hash_map<std::uint32_t, std::uint32_t> alone;  // anchor -> the account's prompts
    for (std::size_t i = 0; i < entries.size();) {
      std::size_t j = i;
      alone.clear();
      while (j < entries.size() && entries[j].account == entries[i].account) {
        std::size_t k = j;
        while (k < entries.size() && entries[k] == entries[j]) ++k;
        if (entries[j].x == entries[j].y) alone[entries[j].x] = static_cast<std::uint32_t>(k - j);
        j = k;
      }
      for (std::size_t e = i; e < j;) {
        std::size_t k = e;
        while (k < j && entries[k] == entries[e]) ++k;
        const auto [account, x, y] = entries[e];
        if (x != y)
          y_without_x[(std::uint64_t{x} << 32) | y] +=
              alone.at(y) - static_cast<std::uint32_t>(k - e);
        e = k;
      }
      i = j;
    }
  }
  // x is a filling of y when the accounts that send both send y without x more often than x
  // without y: a template's users send it with one stock document or snippet and then another,
  // while a snippet comes with that template whenever they send it.
  auto filling_of = [&](std::uint32_t x, std::uint32_t y) {
    const auto forward = y_without_x.find((std::uint64_t{x} << 32) | y);
    const auto backward = y_without_x.find((std::uint64_t{y} << 32) | x);
    return forward != y_without_x.end() &&
           forward->second > (backward == y_without_x.end() ? 0 : backward->second);
  };
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), [&](const auto& r) {
    std::vector<std::uint32_t> held;
    for (std::size_t p = r.begin(); p != r.end(); ++p) {
      anchors_held_by(p, held);
      std::size_t longest = 0, longest_main = 0;
      std::uint32_t main = kNoAnchor;
      for (std::uint32_t x : held) {
        const std::size_t size = state.BlockValues(x).size();
        if (size > longest) {
          longest = size;
          context_of[p] = x;
        }
        const bool filling = std::any_of(held.begin(), held.end(),
                                         [&](std::uint32_t y) { return filling_of(x, y); });
        if (!filling && size > longest_main) {
          longest_main = size;
          main = x;
        }
      }
      if (main != kNoAnchor) context_of[p] = main;
    }
  });
  return context_of;
}

void TemplateMiner::FloatStockText(State& state) {
  const std::size_t n = sketches_.size();
  const std::size_t blocks = state.identity.size();
  // Anchors: identity blocks with a label or a frame shingle, where a template starts, ends or
  // is labelled.
  std::vector<std::uint8_t> anchor(blocks, 0);
  for (std::uint32_t k = 0; k < blocks; ++k) {
    if (!state.identity[k]) continue;
    for (std::uint32_t v : state.BlockValues(k)) anchor[k] |= v < kLayoutClassBase;
  }
  // A prompt's context is its template's main text (ContextsOf); kNoAnchor for free text and
  // templates with slots at both ends. The context's own anchor never floats; any other block
  // may, a stock ending of a customer's message ("Can you send a replacement?") or a document's
  // opening sentence as well.
  const std::vector<std::uint32_t> context_of = ContextsOf(state, anchor);
  std::vector<std::uint32_t> by_context(n);
  std::iota(by_context.begin(), by_context.end(), 0u);
  tbb::parallel_sort(by_context.begin(), by_context.end(), [&](std::uint32_t a, std::uint32_t b) {
    return context_of[a] != context_of[b] ? context_of[a] < context_of[b] : a < b;
  });
  std::vector<std::size_t> context_starts;
  for (std::size_t i = 0; i < n; ++i) {
    if (i == 0 || context_of[by_context[i]] != context_of[by_context[i - 1]]) {
      context_starts.push_back(i);
    }
  }
  context_starts.push_back(n);

  tbb::parallel_for(std::size_t{0}, context_starts.size() - 1, [&](std::size_t c) {
    const std::size_t begin = context_starts[c], end = context_starts[c + 1];
    std::vector<std::uint64_t> held_pairs;  // block << 32 | account, but the context's anchor
    absl::flat_hash_map<std::uint32_t, std::uint32_t> prompts_of;  // account -> its prompts here
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint32_t p = by_context[i];
      ++prompts_of[state.accounts[p]];
      for (std::uint32_t b : state.Held(p)) {
        if (b != context_of[p]) held_pairs.push_back((std::uint64_t{b} << 32) | state.accounts[p]);
      }
    }
    if (held_pairs.empty()) return;
    std::sort(held_pairs.begin(), held_pairs.end());
    // Accounts by how many prompts they send here: (prompts, accounts that send that many).
    std::vector<std::pair<std::uint32_t, std::uint32_t>> senders;
    {
      absl::flat_hash_map<std::uint32_t, std::uint32_t> by_count;
      for (const auto& [account, count] : prompts_of) ++by_count[count];
      senders.assign(by_count.begin(), by_count.end());
      std::sort(senders.begin(), senders.end());  // the same sums on every run
    }
    const auto prompts = static_cast<double>(end - begin);

    // Spread blocks, with their holders: a block is spread when its h holders reach at least as
    // many accounts as h prompts drawn at random from the context would, less kSpreadDeviations
    // standard deviations (AccountsReached).
    absl::flat_hash_map<std::uint32_t, std::uint32_t> spread;  // block -> holders
    // Blocks used now and then: most of the accounts that send the context more than once and
    // hold the block in some of their prompts send it without the block in others.
    absl::flat_hash_set<std::uint32_t> used_now_and_then;
    absl::flat_hash_set<std::uint32_t> kept;  // kept by their accounts (below): never float
    absl::flat_hash_map<std::uint32_t, Moments> reach_of;  // by holders
    for (std::size_t i = 0; i < held_pairs.size();) {
      const auto b = static_cast<std::uint32_t>(held_pairs[i] >> 32);
      std::size_t block_end = i;
      while (block_end < held_pairs.size() && (held_pairs[block_end] >> 32) == b) ++block_end;
      // The share of the context's prompts that hold the block. Held by each prompt at random
      // with that chance, a block is held every time by an account that sends the context
      // `sent` times and holds it at least once with probability AllGivenOne(share, sent).
      const double share = static_cast<double>(block_end - i) / prompts;
      std::size_t j = i, accounts = 0, returning = 0, without = 0;
      double log_every_time = 0;  // of every returning holder holding it every time, by chance
      while (j < block_end) {
        std::size_t k = j;
        while (k < block_end && held_pairs[k] == held_pairs[j]) ++k;
        const std::uint32_t sent = prompts_of.at(static_cast<std::uint32_t>(held_pairs[j]));
        ++accounts;
        returning += sent >= 2;
        without += sent >= 2 && k - j < sent;
        if (sent >= 2) log_every_time += std::log(AllGivenOne(share, sent));
        j = k;
      }
      // Kept by its accounts: every account that sends the context more than once sends it
      // with the block every time, where chance would have that with at most kKeptChance. A
      // template's own text before a shared ending is its users' every time; a filling's stock
      // text is not (a sentence from a pool of reviews, a question asked again).
      if (without == 0 && log_every_time < std::log(kKeptChance)) kept.insert(b);
      if (2 * without > returning) used_now_and_then.insert(b);
      auto [reach, fresh] = reach_of.try_emplace(static_cast<std::uint32_t>(j - i));
      if (fresh) reach->second = AccountsReached(senders, prompts, static_cast<double>(j - i));
      const auto& [mean, variance] = reach->second;
      if (static_cast<double>(accounts) >= mean - kSpreadDeviations * std::sqrt(variance)) {
        spread.emplace(b, static_cast<std::uint32_t>(j - i));
      }
      i = j;
    }
    if (spread.empty()) return;

    // How often two spread blocks are held together, then whether they are one text.
    absl::flat_hash_map<std::uint64_t, std::uint32_t> together;  // lower << 32 | higher -> prompts
    std::vector<std::uint32_t> held_spread;
    auto spread_held_by = [&](std::uint32_t p) {
      held_spread.clear();
      for (std::uint32_t b : state.Held(p)) {
        if (spread.contains(b)) held_spread.push_back(b);
      }
    };
    for (std::size_t i = begin; i < end; ++i) {
      spread_held_by(by_context[i]);
      for (std::size_t x = 0; x < held_spread.size(); ++x) {
        for (std::size_t y = x + 1; y < held_spread.size(); ++y) {
          ++together[BlockPair(held_spread[x], held_spread[y])];
        }
      }
    }
    absl::flat_hash_set<std::uint64_t> apart;
    // Two blocks are parts of one text when most of the rarer's holders hold the other as well,
    // and more of them than if the two were held independently: h_x and h_y of the context's n
    // prompts meet in h_x h_y / n of them on average, with a hypergeometric variance. Blocks
    // that most prompts hold meet in most of them either way; they are one text only when
    // chance, kSpreadDeviations standard deviations above its mean, cannot account for it, or
    // cannot be told from one text at all. `apart` keeps the pairs that are not one text.
    for (auto& [key, count] : together) {
      const auto x = static_cast<double>(spread.at(static_cast<std::uint32_t>(key >> 32)));
      const auto y = static_cast<double>(spread.at(static_cast<std::uint32_t>(key)));
      const auto held_together = static_cast<double>(count);
      const Moments meeting = MeetingByChance(x, y, prompts);
      const double chance = meeting.mean + kSpreadDeviations * std::sqrt(meeting.variance);
      const bool one_text = held_together >= options_.anchor_presence * std::min(x, y) &&
                            (held_together > chance || chance >= std::min(x, y));
      if (!one_text) apart.insert(key);
    }
    // A spread block floats when most of its holders hold another spread block that is not part
    // of the same text: stock sentences come a few at a time.
    absl::flat_hash_map<std::uint32_t, std::uint32_t> with_others;  // block -> such holders
    for (std::size_t i = begin; i < end; ++i) {
      spread_held_by(by_context[i]);
      for (std::uint32_t b : held_spread) {
        with_others[b] += std::any_of(
            held_spread.begin(), held_spread.end(),
            [&](std::uint32_t other) { return other != b && apart.contains(BlockPair(b, other)); });
      }
    }
    std::vector<std::uint32_t> floating;
    for (const auto& [b, count] : with_others) {
      if (2 * count > spread.at(b)) floating.push_back(b);
    }
    // A spread block that few of its prompts hold with another floats as well when its users
    // also send the context without it and no other spread block excludes it. A sparse stock
    // phrase of a review ("We'll see how it holds up.") is used by an account now and then; the
    // own texts of two templates after one opener, sent by the same accounts, exclude each other:
    // they meet in fewer prompts than chance would have them, kSpreadDeviations standard
    // deviations below its mean. Where every account sends one prompt, nothing says a block is
    // used now and then, and it stays.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> by_holders;  // (holders, block)
    for (const auto& [b, holders] : spread) by_holders.emplace_back(holders, b);
    std::sort(by_holders.rbegin(), by_holders.rend());
    std::sort(floating.begin(), floating.end());
    const std::size_t floating_by_company = floating.size();
    std::vector<std::pair<std::uint32_t, std::uint32_t>> candidates;  // as by_holders
    for (const auto& [holders, b] : by_holders) {
      if (used_now_and_then.contains(b) &&
          !std::binary_search(floating.begin(), floating.begin() + floating_by_company, b)) {
        candidates.emplace_back(holders, b);
      }
    }
    // The blocks each account holds here, and the accounts that hold each block.
    absl::flat_hash_map<std::uint32_t, std::vector<std::uint32_t>> blocks_of_account;
    absl::flat_hash_map<std::uint32_t, std::vector<std::uint32_t>> accounts_of_block;
    for (std::size_t i = 0; !candidates.empty() && i < held_pairs.size(); ++i) {
      if (i > 0 && held_pairs[i] == held_pairs[i - 1]) continue;
      const auto b = static_cast<std::uint32_t>(held_pairs[i] >> 32);
      const auto a = static_cast<std::uint32_t>(held_pairs[i]);
      blocks_of_account[a].push_back(b);
      accounts_of_block[b].push_back(a);
    }
    const auto context_accounts = static_cast<double>(prompts_of.size());
    absl::flat_hash_map<std::uint32_t, std::uint32_t> shared;  // block -> accounts shared with b
    for (const auto& [x_holders, b] : candidates) {
      // Tied to a group of accounts: most of the accounts that hold it hold another block too,
      // more of them than chance would have (a hypergeometric draw over the context's
      // accounts). One operator's templates after a public opener are sent by its own accounts,
      // each now and then; a stock phrase's users are any of the template's.
      shared.clear();
      for (std::uint32_t a : accounts_of_block.at(b)) {
        for (std::uint32_t c : blocks_of_account.at(a)) {
          if (c != b) ++shared[c];
        }
      }
      const auto xa = static_cast<double>(accounts_of_block.at(b).size());
      const bool tied = std::any_of(shared.begin(), shared.end(), [&](const auto& entry) {
        const auto& [c, count] = entry;
        const auto ya = static_cast<double>(accounts_of_block.at(c).size());
        const Moments meeting = MeetingByChance(xa, ya, context_accounts);
        return 2 * count > xa &&
               count > meeting.mean + kSpreadDeviations * std::sqrt(meeting.variance);
      });
      if (tied) continue;
      const auto x = static_cast<double>(x_holders);
      bool excluded = false;
      for (const auto& [y_holders, c] : by_holders) {  // most holders first: the likeliest
        if (c == b) continue;
        const auto y = static_cast<double>(y_holders);
        const Moments meeting = MeetingByChance(x, y, static_cast<double>(prompts));
        const double fewest = meeting.mean - kSpreadDeviations * std::sqrt(meeting.variance);
        if (fewest <= 0) break;  // nor with any block held by fewer
        const auto met = together.find(BlockPair(b, c));
        if ((met == together.end() ? 0.0 : static_cast<double>(met->second)) < fewest) {
          excluded = true;
          break;
        }
      }
      if (!excluded) floating.push_back(b);
    }
    std::erase_if(floating, [&](std::uint32_t b) { return kept.contains(b); });
    if (floating.empty()) return;
    std::sort(floating.begin(), floating.end());
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint32_t p = by_context[i];
      for (std::uint64_t k = state.held_offsets[p]; k < state.held_offsets[p + 1]; ++k) {
        state.held_floats[k] =
            std::binary_search(floating.begin(), floating.end(), state.held_blocks[k]);
      }
    }
  });
  // Stock text is stock text wherever it is held: a block that floats for most of the prompts
  // that hold it floats for all of them, also where it is a context's own anchor (a stock
  // passage that opens the prompts of one template while it fills the others').
  {
    std::vector<std::uint32_t> holders(blocks, 0), floats(blocks, 0);
    for (std::size_t k = 0; k < state.held_blocks.size(); ++k) {
      ++holders[state.held_blocks[k]];
      floats[state.held_blocks[k]] += state.held_floats[k];
    }
    for (std::size_t k = 0; k < state.held_blocks.size(); ++k) {
      const std::uint32_t b = state.held_blocks[k];
      if (2 * floats[b] > holders[b]) state.held_floats[k] = 1;
    }
  }
  stats_.floating_held =
      static_cast<std::uint64_t>(std::count(state.held_floats.begin(), state.held_floats.end(), 1));
}

void TemplateMiner::GroupBySignature(State& state) {
  const std::size_t n = sketches_.size();
  HoldBlocks(state);
  FloatStockText(state);
  // Each prompt's signature: the identity blocks it holds, but the floating ones.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> signatures(n, {0, 0});
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), [&](const auto& r) {
    for (std::size_t p = r.begin(); p != r.end(); ++p) {
      std::uint64_t signature = 0;
      for (std::uint64_t k = state.held_offsets[p]; k < state.held_offsets[p + 1]; ++k) {
        if (state.held_floats[k] == 0) {
          signature = MixBits(signature ^ (state.held_blocks[k] + 0x9e3779b97f4a7c15ULL));
        }
      }
      signatures[p] = {signature, static_cast<std::uint32_t>(p)};
    }
  });
  tbb::parallel_sort(signatures.begin(), signatures.end());
  state.group_offsets.clear();
  state.group_members.clear();
  state.group_offsets.push_back(0);
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && signatures[j].first == signatures[i].first) ++j;
    if (signatures[i].first != 0) {  // 0: no identity block held
      ++stats_.signature_groups;
      if (j - i >= options_.min_prompts) {
        for (std::size_t k = i; k < j; ++k) state.group_members.push_back(signatures[k].second);
        state.group_offsets.push_back(state.group_members.size());
      }
    }
    i = j;
  }
}

void TemplateMiner::MergeFillingShapes(State& state, std::span<const std::size_t> by_size,
                                       std::vector<LearnedTemplate>& built,
                                       std::vector<std::vector<std::uint8_t>>& core,
                                       std::vector<std::vector<std::size_t>>& absorbed) const {
  // The templates left after the edit variants, larger first, with their distinct accounts.
  std::vector<std::size_t> kept;
  for (std::size_t g : by_size) {
    if (!built[g].skeleton.empty()) kept.push_back(g);
  }
  auto add_members = [&](std::size_t g, std::vector<std::uint32_t>* out) {
    state.ForEachMember(g, absorbed, [out](std::uint32_t p) { out->push_back(p); });
  };
  // Each template's distinct accounts (sorted) and how many of its prompts each sends.
  std::vector<std::vector<std::uint32_t>> accounts(kept.size()), sent(kept.size());
  std::vector<std::uint32_t> members;
  for (std::size_t rank = 0; rank < kept.size(); ++rank) {
    members.clear();
    add_members(kept[rank], &members);
    for (std::uint32_t& p : members) p = state.accounts[p];
    std::sort(members.begin(), members.end());
    for (std::size_t i = 0; i < members.size();) {
      std::size_t j = i;
      while (j < members.size() && members[j] == members[i]) ++j;
      accounts[rank].push_back(members[i]);
      sent[rank].push_back(static_cast<std::uint32_t>(j - i));
      i = j;
    }
  }

  // What two skeletons share, and whether either holds a label outside the other.
  struct Comparison {
    std::uint32_t common_labels = 0, common_text = 0;
    bool own_label = false;
  };
  auto compare = [&](std::size_t small, std::size_t large) {
    Comparison c;
    const std::vector<std::uint32_t>& a = built[small].skeleton;
    const std::vector<std::uint32_t>& b = built[large].skeleton;
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
      if (j == b.size() || (i < a.size() && a[i] < b[j])) {
        c.own_label = c.own_label || IsLabelShingle(a[i]);
        ++i;
      } else if (i == a.size() || b[j] < a[i]) {
        c.own_label = c.own_label || IsLabelShingle(b[j]);
        ++j;
      } else {
        c.common_labels += IsLabelShingle(a[i]);
        c.common_text += IsTextShingle(a[i]);
        ++i;
        ++j;
      }
    }
    return c;
  };

  // shapes[m]: the groups planned to join m; done below, once m is known to stay a template.
  std::vector<std::vector<std::size_t>> shapes(built.size());
  absl::flat_hash_map<std::uint32_t, std::vector<std::uint32_t>> main_holders;  // value -> ranks
  std::vector<std::uint32_t> candidates;
  for (std::size_t rank = 0; rank < kept.size(); ++rank) {
    const std::size_t g = kept[rank];
    candidates.clear();
    for (std::uint32_t v : built[g].skeleton) {
      auto it = main_holders.find(v);
      if (it != main_holders.end())
        candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    }
    std::sort(candidates.begin(), candidates.end());  // larger templates first
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    bool merged = false;
    for (std::uint32_t larger : candidates) {
      const std::size_t m = kept[larger];
      const Comparison c = compare(g, m);
      // What they share must be a template by itself, and they may differ from it in words
      // only: a label of its own makes a format of its own (the examples of a few-shot format
      // repeat its labels on lines of their own). How much they differ does not matter: a
      // filling's recurring shape can be longer than the template around it.
      if (c.common_labels == 0 && c.common_text < options_.min_text_shingles) continue;
      if (c.own_label) continue;
      // Used by the same accounts: a filling's shapes are; another party's template around the
      // same public text is not. Were the two groups' prompts one population, each sent as one
      // shape or the other at random (the smaller's share r of them), an account that sends k
      // prompts to them in all, one at least as the smaller shape, would send the larger too
      // with probability 1 - r^k / (1 - (1-r)^k). Fewer of the smaller's accounts send the
      // larger than that, by kSpreadDeviations standard deviations: another party's. Where
      // accounts send one prompt each, nothing tells the parties apart, and the shapes join.
      const double small_share = static_cast<double>(built[g].prompts) /
                                 static_cast<double>(built[g].prompts + built[m].prompts);
      double also_there = 0, also_expected = 0, also_variance = 0;
      for (std::size_t i = 0; i < accounts[rank].size(); ++i) {
        const auto it =
            std::lower_bound(accounts[larger].begin(), accounts[larger].end(), accounts[rank][i]);
        const bool there = it != accounts[larger].end() && *it == accounts[rank][i];
        const std::uint32_t k =
            sent[rank][i] + (there ? sent[larger][it - accounts[larger].begin()] : 0);
        also_there += there;
        if (k < 2) continue;
        const double p = std::clamp(1.0 - AllGivenOne(small_share, k), 0.0, 1.0);
        also_expected += p;
        also_variance += p * (1.0 - p);
      }
      const double fewest = also_expected - kSpreadDeviations * std::sqrt(also_variance);
      if (fewest > 0 ? also_there < fewest
                     : also_there < options_.shape_account_share *
                                        static_cast<double>(accounts[rank].size())) {
        continue;
      }
      // ...and spread over them as a filling's shapes are, not gathered on a few of them as a
      // ring's own variant of a popular template is: it reaches at least shape_account_share of
      // the accounts that as many prompts drawn at random from the larger group's would.
      const auto users = static_cast<double>(accounts[larger].size());
      const double expected =
          users * -std::expm1(static_cast<double>(built[g].prompts) * std::log1p(-1.0 / users));
      if (users > 1 &&
          static_cast<double>(accounts[rank].size()) < options_.shape_account_share * expected) {
        continue;
      }
      shapes[m].push_back(g);
      std::vector<std::uint32_t> joined, joined_sent;
      MergeCountedAccounts(accounts[larger], sent[larger], accounts[rank], sent[rank], &joined,
                           &joined_sent);
      accounts[larger] = std::move(joined);
      sent[larger] = std::move(joined_sent);
      merged = true;
      break;
    }
    if (merged) continue;
    for (std::uint32_t v : built[g].skeleton) {
      main_holders[v].push_back(static_cast<std::uint32_t>(rank));
    }
  }

  // A template that took in shapes of its filling is what all its prompts share: its skeleton
  // is counted again over them, so that no one shape's text is in it.
  std::vector<std::size_t> grown;
  std::vector<GroupSkeleton> recounted;
  {
    std::vector<std::uint32_t> count(state.values.size(), 0), touched, horizons;
    for (std::size_t m = 0; m < built.size(); ++m) {
      if (shapes[m].empty()) continue;
      members.clear();
      add_members(m, &members);
      for (std::size_t g : shapes[m]) add_members(g, &members);
      GroupSkeleton skeleton;
      state.SkeletonOf(members, options_, count, touched, horizons, &skeleton);
      if (!skeleton.IsTemplate(options_)) continue;
      grown.push_back(m);
      recounted.push_back(std::move(skeleton));
    }
  }
  // What the shapes share must be text of this template's own: when it is only text that other
  // templates hold too (one operator's templates around a public opener, told apart by their
  // own sentences), the shared part would match other parties' prompts as well as these; they
  // stay apart. A template that holds the joined text but stays apart (a shape of the same
  // filling with a label of its own, or one sent mostly by other accounts) does not take that
  // text from it when most of its accounts are the joined template's: its users are this
  // template's users.
  absl::flat_hash_map<std::uint32_t, std::vector<std::uint32_t>> holders;  // value -> templates
  std::vector<std::uint8_t> is_grown(built.size(), 0), is_shape(built.size(), 0);
  for (std::size_t m : grown) {
    is_grown[m] = 1;
    for (std::size_t g : shapes[m]) is_shape[g] = 1;
  }
  for (std::size_t g = 0; g < built.size(); ++g) {
    if (built[g].skeleton.empty() || is_grown[g] || is_shape[g]) continue;
    for (std::uint32_t v : built[g].skeleton) holders[v].push_back(static_cast<std::uint32_t>(g));
  }
  for (std::size_t k = 0; k < grown.size(); ++k) {
    for (std::uint32_t v : recounted[k].values) {
      holders[v].push_back(static_cast<std::uint32_t>(grown[k]));
    }
  }
  std::vector<std::uint32_t> rank_of(built.size(), kNoRank);
  for (std::size_t rank = 0; rank < kept.size(); ++rank) {
    rank_of[kept[rank]] = static_cast<std::uint32_t>(rank);
  }
  for (std::size_t k = 0; k < grown.size(); ++k) {
    const std::size_t m = grown[k];
    GroupSkeleton& skeleton = recounted[k];
    const std::vector<std::uint32_t>& users = accounts[rank_of[m]];  // joined
    absl::flat_hash_map<std::uint32_t, bool> same_users_of;          // per holding template, once
    auto same_users = [&](std::uint32_t t) {
      if (rank_of[t] == kNoRank) return false;
      auto [it, inserted] = same_users_of.try_emplace(t, false);
      if (inserted) {
        const std::vector<std::uint32_t>& theirs = accounts[rank_of[t]];
        std::size_t among = 0;
        for (std::uint32_t a : theirs) among += std::binary_search(users.begin(), users.end(), a);
        it->second = static_cast<double>(among) >=
                     options_.shape_account_share * static_cast<double>(theirs.size());
      }
      return it->second;
    };
    std::uint32_t own_labels = 0, own_text = 0;
    for (std::size_t i = 0; i < skeleton.values.size(); ++i) {
      if (!skeleton.core[i]) continue;
      const std::vector<std::uint32_t>& held_by = holders.at(skeleton.values[i]);
      if (!std::all_of(held_by.begin(), held_by.end(),
                       [&](std::uint32_t t) { return t == m || same_users(t); })) {
        continue;
      }
      own_labels += IsLabelShingle(skeleton.values[i]);
      own_text += IsTextShingle(skeleton.values[i]);
    }
    if (own_labels == 0 && own_text < options_.min_text_shingles) continue;
    for (std::size_t g : shapes[m]) {
      absorbed[m].push_back(g);
      absorbed[m].insert(absorbed[m].end(), absorbed[g].begin(), absorbed[g].end());
      absorbed[g].clear();
      built[m].prompts += built[g].prompts;
      built[g].skeleton.clear();
    }
    built[m].skeleton = std::move(skeleton.values);
    core[m] = std::move(skeleton.core);
  }
}

void TemplateMiner::DropOneTimeSendersPhrases(const State& state,
                                              const std::vector<std::vector<std::size_t>>& absorbed,
                                              std::vector<LearnedTemplate>& built) const {
  const std::size_t n = state.accounts.size();
  absl::flat_hash_map<std::uint32_t, std::uint32_t> sent;  // account -> its prompts
  for (std::uint32_t a : state.accounts) ++sent[a];
  std::vector<std::uint8_t> returns(n);  // the prompt's account sends another
  for (std::size_t p = 0; p < n; ++p) {
    returns[p] =
        sent.at(state.accounts[p]) >= 2 || (!sends_elsewhere_.empty() && sends_elsewhere_[p]);
  }
  const auto one_time = static_cast<std::size_t>(std::count(returns.begin(), returns.end(), 0));
  if (one_time == 0 || one_time == n) return;  // nobody or everybody sends once: no evidence
  const double log_one_time_share =
      std::log(static_cast<double>(one_time) / static_cast<double>(n));
  // The blocks that some returning sender holds, in any prompt: a public template's text that
  // one-time senders copied is sent by returning users too, elsewhere.
  std::vector<std::uint8_t> sent_by_returning(state.identity.size(), 0);
  for (std::size_t p = 0; p < n; ++p) {
    if (!returns[p]) continue;
    for (std::uint32_t b : state.Held(p)) sent_by_returning[b] = 1;
  }
  tbb::parallel_for(std::size_t{0}, built.size(), [&](std::size_t g) {
    if (built[g].skeleton.empty() ||
        static_cast<double>(built[g].prompts) * log_one_time_share >= std::log(kOneTimeChance)) {
      return;
    }
    bool returning = false;
    state.ForEachMember(g, absorbed, [&](std::uint32_t p) {
      if (returning || returns[p]) {
        returning = true;
        return;
      }
      std::span<const std::uint32_t> held = state.Held(p);
      for (std::size_t k = 0; k < held.size(); ++k) {
        returning |=
            state.held_floats[state.held_offsets[p] + k] == 0 && sent_by_returning[held[k]];
      }
    });
    if (!returning) built[g].skeleton.clear();
  });
}

void TemplateMiner::BuildSkeletons(State& state) {
  const std::size_t groups = state.group_offsets.size() - 1;
  const std::size_t shingles = state.values.size();
  std::vector<LearnedTemplate> built(groups);
  std::vector<std::vector<std::uint8_t>> core(groups);  // per skeleton value: held by nearly all
  tbb::enumerable_thread_specific<std::vector<std::uint32_t>> counters(
      [shingles] { return std::vector<std::uint32_t>(shingles, 0); });
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, groups, 1), [&](const auto& r) {
    std::vector<std::uint32_t>& count = counters.local();
    std::vector<std::uint32_t> touched, horizons, accounts;
    for (std::size_t g = r.begin(); g != r.end(); ++g) {
      std::span<const std::uint32_t> members(
          state.group_members.data() + state.group_offsets[g],
          state.group_members.data() + state.group_offsets[g + 1]);
      accounts.clear();
      for (std::uint32_t p : members) accounts.push_back(state.accounts[p]);
      std::sort(accounts.begin(), accounts.end());
      const auto distinct_accounts = static_cast<std::uint32_t>(
          std::unique(accounts.begin(), accounts.end()) - accounts.begin());
      if (distinct_accounts < options_.min_accounts) continue;

      GroupSkeleton skeleton;
      state.SkeletonOf(members, options_, count, touched, horizons, &skeleton);
      if (!skeleton.IsTemplate(options_)) continue;
      LearnedTemplate& t = built[g];
      t.skeleton = std::move(skeleton.values);
      core[g] = std::move(skeleton.core);
      t.prompts = static_cast<std::uint32_t>(members.size());
      t.accounts = distinct_accounts;
    }
  });

  // Edit variants: a group whose core differs from a larger group's skeleton by at most
  // edit_shingles values, and the larger group's core from its skeleton likewise, and that has
  // at most edit_share as many prompts, is that template with a recurring light edit (a greeting
  // before a label, a word dropped): it joins the larger group. Core values only, so a stock phrase
  // that half of a small group happens to hold does not count as a difference.
  std::vector<std::size_t> by_size;
  for (std::size_t g = 0; g < groups; ++g) {
    if (!built[g].skeleton.empty()) by_size.push_back(g);
  }
  std::stable_sort(by_size.begin(), by_size.end(), [&](std::size_t a, std::size_t b) {
    return built[a].prompts > built[b].prompts;
  });
  auto core_outside = [&](std::size_t a, std::size_t b) {  // core values of a not in b
    std::size_t outside = 0;
    const std::vector<std::uint32_t>& other = built[b].skeleton;
    for (std::size_t i = 0; i < built[a].skeleton.size(); ++i) {
      outside +=
          core[a][i] && !std::binary_search(other.begin(), other.end(), built[a].skeleton[i]);
    }
    return outside;
  };
  std::vector<std::vector<std::size_t>> absorbed(groups);
  absl::flat_hash_map<std::uint32_t, std::vector<std::uint32_t>> main_holders;
  std::vector<std::uint32_t> candidates;
  for (std::size_t rank = 0; rank < by_size.size(); ++rank) {
    const std::size_t g = by_size[rank];
    candidates.clear();
    std::size_t probes = 0;
    for (std::size_t i = 0; i < built[g].skeleton.size() && probes <= options_.edit_shingles; ++i) {
      if (!core[g][i]) continue;
      ++probes;  // an edit removes at most edit_shingles values: one of these is in the target
      auto it = main_holders.find(built[g].skeleton[i]);
      if (it != main_holders.end())
        candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    }
    std::sort(candidates.begin(), candidates.end());  // by rank in by_size: larger first
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    bool merged = false;
    for (std::uint32_t larger : candidates) {
      const std::size_t m = by_size[larger];
      if (static_cast<double>(built[g].prompts) >
          options_.edit_share * static_cast<double>(built[m].prompts)) {
        continue;  // not a minority: a format of its own that differs in a word
      }
      if (core_outside(g, m) <= options_.edit_shingles &&
          core_outside(m, g) <= options_.edit_shingles) {
        absorbed[m].push_back(g);
        built[m].prompts += built[g].prompts;
        built[g].skeleton.clear();
        merged = true;
        break;
      }
    }
    if (merged) continue;
    for (std::uint32_t v : built[g].skeleton) {
      main_holders[v].push_back(static_cast<std::uint32_t>(rank));
    }
  }
  if (options_.merge_filling_shapes) MergeFillingShapes(state, by_size, built, core, absorbed);
  tbb::parallel_for(std::size_t{0}, groups, [&](std::size_t g) {
    if (absorbed[g].empty()) return;
    std::vector<std::uint32_t> accounts;
    state.ForEachMember(g, absorbed,
                        [&](std::uint32_t p) { accounts.push_back(state.accounts[p]); });
    std::sort(accounts.begin(), accounts.end());
    built[g].accounts = static_cast<std::uint32_t>(std::unique(accounts.begin(), accounts.end()) -
                                                   accounts.begin());
  });

  DropOneTimeSendersPhrases(state, absorbed, built);

  // Ids: anchors are the smallest core values that no other template's skeleton holds (see the
  // header); they do not depend on how many prompts each template was learned from.
  absl::flat_hash_map<std::uint32_t, std::uint32_t> holders;
  for (const LearnedTemplate& t : built) {
    for (std::uint32_t v : t.skeleton) ++holders[v];
  }
  tbb::parallel_for(std::size_t{0}, groups, [&](std::size_t g) {
    LearnedTemplate& t = built[g];
    if (t.skeleton.empty()) return;
    // Frame shingles come last: greetings and edits at the ends of a prompt touch them most.
    std::vector<std::uint32_t> own, shared, own_frame, shared_frame;
    for (std::size_t i = 0; i < t.skeleton.size(); ++i) {
      if (!core[g][i]) continue;
      const std::uint32_t v = t.skeleton[i];
      const bool frame = ShingleClassOf(v) == ShingleClass::kFrame;
      (holders.at(v) == 1 ? (frame ? own_frame : own) : (frame ? shared_frame : shared))
          .push_back(v);
    }
    own.insert(own.end(), own_frame.begin(), own_frame.end());
    shared.insert(shared.end(), shared_frame.begin(), shared_frame.end());
    const std::size_t k = options_.anchor_shingles;
    if (!own.empty()) {
      own.resize(std::min(own.size(), k));
      t.id = HashAnchors(kIdOwnTag, own);
    } else {
      std::vector<std::uint32_t>& anchors = shared.empty() ? t.skeleton : shared;
      t.id = HashAnchors(kIdSharedTag, std::span<const std::uint32_t>(anchors.data(),
                                                                      std::min(anchors.size(), k)));
    }
  });

  std::vector<std::size_t> order;
  for (std::size_t g = 0; g < groups; ++g) {
    if (!built[g].skeleton.empty()) order.push_back(g);
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (built[a].prompts != built[b].prompts) return built[a].prompts > built[b].prompts;
    if (built[a].id != built[b].id) return built[a].id < built[b].id;
    return built[a].skeleton < built[b].skeleton;
  });
  absl::flat_hash_set<std::uint64_t> used;
  for (std::size_t g : order) {
    LearnedTemplate& t = built[g];
    if (used.contains(t.id)) t.id = HashAnchors(kIdWholeTag, t.skeleton);
    used.insert(t.id);
    const auto index = static_cast<std::int32_t>(templates_.size());
    state.ForEachMember(g, absorbed, [&](std::uint32_t p) { prompt_templates_[p] = index; });
    templates_.push_back(std::move(t));
  }
}

}  // namespace ringgraph::templates
