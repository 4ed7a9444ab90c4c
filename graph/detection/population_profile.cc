// Per-account behaviour and its population distribution. See population_profile.h.
#include "graph/detection/population_profile.h"

#include <tbb/parallel_sort.h>

#include <algorithm>
#include <cmath>

namespace ringgraph::detection {
namespace {

constexpr std::uint32_t kBurstWindowDays = 7;
constexpr std::size_t kBaselinePairs = 4096;

// The share of `total` prompts sent in the busiest kBurstWindowDays consecutive days.
float BusiestWindowShare(std::span<const store::DayCount> days, std::uint64_t total) {
  if (total == 0 || days.empty()) return 0.0f;
  std::uint64_t best = 0, window = 0;
  std::size_t first = 0;
  for (std::size_t i = 0; i < days.size(); ++i) {
    window += days[i].prompts;
    while (days[first].day + kBurstWindowDays <= days[i].day) window -= days[first++].prompts;
    best = std::max(best, window);
  }
  return static_cast<float>(static_cast<double>(best) / static_cast<double>(total));
}

// SplitMix64, for the deterministic sample of random pairs.
std::uint64_t Mix(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

double PopulationProfile::DayOverlap(std::span<const std::uint32_t> a,
                                     std::span<const std::uint32_t> b) {
  if (a.empty() && b.empty()) return 0.0;
  std::size_t i = 0, j = 0, shared = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++shared;
      ++i;
      ++j;
    }
  }
  return static_cast<double>(shared) / static_cast<double>(a.size() + b.size() - shared);
}

double PopulationProfile::MeanDayOverlap(std::span<const AccountId> accounts,
                                         std::uint32_t max_pairs) const {
  if (accounts.size() < 2) return 0.0;
  const std::uint64_t all_pairs = accounts.size() * (accounts.size() - 1) / 2;
  double sum = 0;
  if (all_pairs <= max_pairs) {
    for (std::size_t i = 0; i < accounts.size(); ++i) {
      for (std::size_t j = i + 1; j < accounts.size(); ++j) {
        sum += DayOverlap(days(accounts[i]), days(accounts[j]));
      }
    }
    return sum / static_cast<double>(all_pairs);
  }
  for (std::uint32_t k = 0; k < max_pairs; ++k) {
    const std::size_t i = (k * 7919u) % accounts.size();
    std::size_t j = (k * 104729u + 1) % accounts.size();
    if (j == i) j = (j + 1) % accounts.size();
    sum += DayOverlap(days(accounts[i]), days(accounts[j]));
  }
  return sum / max_pairs;
}

PopulationProfile::StepOverlap PopulationProfile::StepAcross(
    const std::vector<std::vector<AccountId>>& groups, std::uint32_t pairs) const {
  // Members with prompts, as lockstep counts them (cluster_features.cc), each with its group.
  std::vector<AccountId> active;
  std::vector<std::uint32_t> group_of;
  std::vector<std::uint64_t> pairs_before;  // within-group pairs of the groups before each
  std::vector<std::uint64_t> first_member;
  std::uint64_t within_pairs = 0;
  for (std::uint32_t p = 0; p < groups.size(); ++p) {
    const std::size_t start = active.size();
    for (AccountId a : groups[p]) {
      if (days(a).empty()) continue;
      active.push_back(a);
      group_of.push_back(p);
    }
    const std::uint64_t m = active.size() - start;
    first_member.push_back(start);
    pairs_before.push_back(within_pairs);
    within_pairs += m * (m - 1) / 2;
  }
  const std::uint64_t n = active.size();
  if (within_pairs == 0 || n < 2) return {};
  auto overlap = [&](std::uint64_t i, std::uint64_t j) {
    return DayOverlap(days(active[i]), days(active[j]));
  };
  // Pairs are drawn by a fixed generator, so the same pairs are drawn every run.
  std::uint64_t state = 0x9e3779b97f4a7c15ull;
  auto next = [&state] {  // splitmix64
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  };
  // Inside groups: every pair when there are few, else `pairs` drawn at random.
  double within_sum = 0, within_squares = 0;
  std::uint64_t within_counted = 0;
  const std::uint64_t within_samples = std::min<std::uint64_t>(within_pairs, pairs);
  for (std::uint64_t k = 0; k < within_samples; ++k) {
    const std::uint64_t t = within_samples == within_pairs ? k : next() % within_pairs;
    const std::size_t p =
        std::upper_bound(pairs_before.begin(), pairs_before.end(), t) - pairs_before.begin() - 1;
    // Decode the pair index inside group p: rows i < j, row i holding (m - 1 - i) pairs.
    std::uint64_t r = t - pairs_before[p];
    const std::uint64_t m = (p + 1 < groups.size() ? first_member[p + 1] : n) - first_member[p];
    std::uint64_t i = 0;
    while (r >= m - 1 - i) r -= m - 1 - i++;
    const double o = overlap(first_member[p] + i, first_member[p] + i + 1 + r);
    within_sum += o;
    within_squares += o * o;
    ++within_counted;
  }
  // Across groups: every pair of members of different groups when there are few, else `pairs`
  // drawn at random (the draws are capped, as one group may hold nearly every member).
  double cross_sum = 0, cross_squares = 0;
  std::uint64_t cross_counted = 0;
  auto add_cross = [&](std::uint64_t i, std::uint64_t j) {
    const double o = overlap(i, j);
    cross_sum += o;
    cross_squares += o * o;
    ++cross_counted;
  };
  const std::uint64_t cross_pairs = n * (n - 1) / 2 - within_pairs;
  if (cross_pairs <= pairs) {
    for (std::uint64_t i = 0; i < n; ++i) {
      for (std::uint64_t j = i + 1; j < n; ++j) {
        if (group_of[i] == group_of[j]) continue;
        add_cross(i, j);
      }
    }
  } else {
    for (std::uint64_t draws = 0; cross_counted < pairs && draws < 64 * pairs; ++draws) {
      const std::uint64_t i = next() % n, j = next() % n;
      if (group_of[i] == group_of[j]) continue;
      add_cross(i, j);
    }
  }
  if (cross_counted == 0) return {};
  // The standard error of each mean from its sample's variance; pairs that share a member are
  // not independent, so this is a lower bound, and a test on it errs towards "different".
  auto squared_error = [](double sum, double squares, std::uint64_t count) {
    const double k = static_cast<double>(count);
    const double mean = sum / k;
    const double variance = k > 1 ? std::max(0.0, (squares - k * mean * mean) / (k - 1)) : 0.0;
    return variance / k;
  };
  return {.within = within_sum / static_cast<double>(within_counted) - baseline_day_overlap_,
          .across = cross_sum / static_cast<double>(cross_counted) - baseline_day_overlap_,
          .measured = true,
          .gap_error = std::sqrt(squared_error(within_sum, within_squares, within_counted) +
                                 squared_error(cross_sum, cross_squares, cross_counted))};
}

bool PopulationProfile::StepOverlap::same_rhythm(double z) const {
  return telling() && within - across <= z * gap_error;
}

double PopulationProfile::StepOverlap::share() const {
  return telling() ? std::max(0.0, across) / within : 0.0;
}

double PopulationProfile::Percentile(const std::vector<double>& sorted, double x) {
  if (sorted.empty()) return 0.5;
  const auto below = std::lower_bound(sorted.begin(), sorted.end(), x) - sorted.begin();
  const auto not_above = std::upper_bound(sorted.begin(), sorted.end(), x) - sorted.begin();
  return (static_cast<double>(below) + 0.5 * static_cast<double>(not_above - below)) /
         static_cast<double>(sorted.size());
}

Result<PopulationProfile> PopulationProfile::Build(const store::StoreSnapshot& snapshot) {
  PopulationProfile profile;
  const std::size_t n = snapshot.num_accounts();
  profile.accounts_.resize(n);
  profile.day_offsets_.assign(n + 1, 0);
  std::vector<store::DayCount> days;
  for (AccountId a = 0; a < n; ++a) {
    AccountBehaviour& b = profile.accounts_[a];
    Result<store::AccountActivity> activity = snapshot.Activity(a);
    if (activity.ok()) {
      b.first_seen = activity->first_seen;
      b.last_seen = activity->last_seen;
      b.prompts = static_cast<std::uint32_t>(std::min<std::uint64_t>(activity->prompts, ~0u));
    }
    RINGGRAPH_RETURN_IF_ERROR(snapshot.AccountDays(a, &days));
    b.active_days = static_cast<std::uint32_t>(days.size());
    std::uint64_t daily_total = 0;
    for (const store::DayCount& d : days) {
      daily_total += d.prompts;
      profile.days_.push_back(d.day);
    }
    b.burst = BusiestWindowShare(days, daily_total);
    profile.day_offsets_[a + 1] = profile.days_.size();
  }

  std::vector<AccountId> with_prompts;
  for (AccountId a = 0; a < n; ++a) {
    const AccountBehaviour& b = profile.accounts_[a];
    profile.first_seens_.push_back(static_cast<double>(b.first_seen));
    if (b.prompts == 0) continue;
    with_prompts.push_back(a);
    profile.prompt_counts_.push_back(b.prompts);
    if (b.active_days > 0) profile.paces_.push_back(b.pace());
    if (b.active_days > 0 && b.prompts >= kMinBurstPrompts) profile.bursts_.push_back(b.burst);
  }
  for (std::vector<double>* v :
       {&profile.prompt_counts_, &profile.paces_, &profile.bursts_, &profile.first_seens_}) {
    tbb::parallel_sort(v->begin(), v->end());
  }

  // Baseline lockstep: the mean day overlap of a fixed sample of random pairs.
  if (with_prompts.size() >= 2) {
    double sum = 0;
    const std::size_t m = with_prompts.size();
    for (std::size_t k = 0; k < kBaselinePairs; ++k) {
      const std::size_t i = Mix(2 * k) % m;
      const std::size_t j = (i + 1 + Mix(2 * k + 1) % (m - 1)) % m;  // never i
      sum += DayOverlap(profile.days(with_prompts[i]), profile.days(with_prompts[j]));
    }
    profile.baseline_day_overlap_ = sum / kBaselinePairs;
  }
  return profile;
}

}  // namespace ringgraph::detection
