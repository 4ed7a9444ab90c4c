// Per-account behaviour and its population distribution. See population_profile.h.
#include "graph/detection/population_profile.h"

#include <tbb/parallel_sort.h>

#include <algorithm>

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
