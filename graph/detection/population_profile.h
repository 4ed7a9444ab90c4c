// The behaviour of every account and its distribution over the population, so that cluster
// features are measured relative to the population they come from (a percentile), not against
// absolute scales fitted to one generator: "heavy" is heavier than most accounts here, whether
// most accounts send three prompts a month or three hundred.
//
// Per account, from the store's activity and daily volumes:
//   prompts        sampled prompts in all
//   active days    UTC days with at least one prompt
//   pace           prompts per active day
//   burst          the share of its prompts sent in its busiest seven consecutive days (its
//                  percentile is among accounts with at least kMinBurstPrompts prompts)
//   first seen     its first record of any kind
// Percentiles are mid-ranks (ties count half), among accounts with at least one prompt for the
// prompt measures and among all accounts for first seen. The day sets are kept for lockstep: the
// mean overlap of two random accounts' active days is the population's baseline.
//
// Thread safety: immutable after Build(); concurrent const use is safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "graph/common/status.h"
#include "graph/common/types.h"
#include "graph/store/account_store.h"

namespace ringgraph::detection {

struct AccountBehaviour {
  std::uint32_t prompts = 0;
  std::uint32_t active_days = 0;
  float burst = 0;  // share of prompts in the busiest 7 consecutive days (0 without prompts)
  UnixSeconds first_seen = 0;
  UnixSeconds last_seen = 0;
  double pace() const {
    return active_days == 0 ? 0.0 : static_cast<double>(prompts) / active_days;
  }
};

class PopulationProfile {
 public:
  // Burst is measured only for accounts with at least this many prompts: a couple of prompts
  // always fall in one week.
  static constexpr std::uint32_t kMinBurstPrompts = 5;

  // Reads every account's activity and daily volumes (in parallel).
  static Result<PopulationProfile> Build(const store::StoreSnapshot& snapshot);

  std::size_t num_accounts() const { return accounts_.size(); }
  const AccountBehaviour& account(AccountId id) const { return accounts_[id]; }
  // The UTC days on which `id` sent prompts, ascending.
  std::span<const std::uint32_t> days(AccountId id) const {
    return {days_.data() + day_offsets_[id], days_.data() + day_offsets_[id + 1]};
  }

  // Mid-rank percentiles in [0, 1].
  double VolumePercentile(double prompts) const { return Percentile(prompt_counts_, prompts); }
  double PacePercentile(double pace) const { return Percentile(paces_, pace); }
  double BurstPercentile(double burst) const { return Percentile(bursts_, burst); }
  double FirstSeenPercentile(UnixSeconds first_seen) const {
    return Percentile(first_seens_, static_cast<double>(first_seen));
  }
  // The mean Jaccard overlap of the active days of two random accounts with prompts.
  double baseline_day_overlap() const { return baseline_day_overlap_; }

  // |a ∩ b| / |a ∪ b| of two ascending day lists (0 when both are empty).
  static double DayOverlap(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b);
  // The mean DayOverlap of pairs of `accounts`: every pair when there are at most `max_pairs`,
  // else a fixed spread of `max_pairs` of them (the same pairs every run). 0 for fewer than two.
  double MeanDayOverlap(std::span<const AccountId> accounts, std::uint32_t max_pairs) const;

  // How much more in step than two random accounts the members of `groups` are, inside a group
  // and across two. One operator runs all its accounts on the same days, so for groups of one
  // operation the two are alike; rings of different operators that copy one template or buy
  // from one provider keep their own days. Members without prompts are not counted; at most
  // `pairs` pairs are sampled each way (the same pairs every run).
  struct StepOverlap {
    double within = 0;      // mean day overlap of two members of one group, minus the baseline
    double across = 0;      // of two members of different groups, minus the baseline
    bool measured = false;  // pairs were found both ways
    double gap_error = 0;   // standard error of within - across, from the pairs drawn
    // Whether the test can tell: members of one group are in step above the population.
    bool telling() const { return measured && within > 0; }
    // `across` as a share of `within`: about 1 for one operator, about 0 for several; 0 when
    // the test cannot tell.
    double share() const;
    // Whether the members of different groups overlap as much as members of one group do, up
    // to `z` standard errors of the difference: one schedule, not two schedules in one season.
    bool same_rhythm(double z) const;
  };
  StepOverlap StepAcross(const std::vector<std::vector<AccountId>>& groups,
                         std::uint32_t pairs) const;

 private:
  static double Percentile(const std::vector<double>& sorted, double x);

  std::vector<AccountBehaviour> accounts_;
  std::vector<std::uint64_t> day_offsets_;
  std::vector<std::uint32_t> days_;
  std::vector<double> prompt_counts_, paces_, bursts_, first_seens_;  // sorted
  double baseline_day_overlap_ = 0;
};

}  // namespace ringgraph::detection
