// A consistency check of a ringgraph store, read from one snapshot: what the tables say about
// each other is recounted and compared. Operators run it after a crash or a restore
// (`ringctl check`); the crash loop (tests/crash_loop.cc) runs it after every kill -9.
//
// What is checked, phase by phase (account_store.h and the stores
// of detection_store.h describe the tables):
//   accounts     account_ids and account_names map the same names to the same ids, the ids are
//                dense from 0 (new ids are numbered from the count), and every account has one
//                account_activity entry.
//   signals      signal_ids and signal_info map the same (kind, hash) to the same ids, the ids
//                are dense from 0, and meta's signals-per-kind counts equal a recount.
//   adjacency    every account_signals entry has its signal_accounts counterpart and the other
//                way round; each signal_info's holder count and observation count equal a
//                recount of the adjacency.
//   totals       meta's record and prompt totals equal the sums over account_activity; no
//                account has more prompts in account_days than in its activity (a store that
//                predates daily volumes has fewer); kept prompt sketches name known accounts.
//   sharing      shared_hashes and shared_lookup agree and name known signals.
//   clusterings  versions are consecutive; each header's cluster, flagged and account counts
//                equal a recount; each cluster's size equals its member list; memberships and
//                member lists agree both ways and name known accounts; cluster ids are below the
//                header's next id; no table holds entries of a version without a header.
//   labels       decode, carry a known verdict, and an account label names a known account;
//                real-time flags name known accounts and no version newer than the latest.
//
// A problem is stored data that disagrees; it is reported, not returned as an error. An error
// (a non-OK Status) means the check itself could not read the store.
//
// Thread safety: a StoreChecker is used by one thread at a time. The stores may be written
// meanwhile: the check sees the snapshot it opened first.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "graph/common/status.h"
#include "graph/store/account_store.h"
#include "graph/store/detection_store.h"

namespace ringgraph::store {

// What a check looked at, and what it found wrong.
struct StoreCheckReport {
  std::uint64_t accounts = 0;
  std::uint64_t signals = 0;
  std::uint64_t adjacency_entries = 0;          // account -> signal, each looked up the other way
  std::uint64_t reverse_adjacency_entries = 0;  // signal -> account, each looked up the other way
  std::uint64_t records = 0;                    // meta's total, as recounted
  std::uint64_t account_days = 0;
  std::uint64_t pending_prompts = 0;
  std::uint64_t staged_observations = 0;  // staged by an ingest and not merged yet
  std::uint64_t shared_hashes = 0;
  bool clusterings_checked = false;  // false when the store has no clustering tables
  std::uint64_t clustering_versions = 0;
  std::uint64_t oldest_version = 0;  // 0 when there is no clustering
  std::uint64_t latest_version = 0;
  std::uint64_t clusters = 0;     // over all kept versions
  std::uint64_t memberships = 0;  // over all kept versions
  std::uint64_t labels = 0;
  std::uint64_t realtime_flags = 0;

  // One line per problem, naming the table, the entry (by id, never by account name or value)
  // and what disagrees. At most kMaxListedProblems are listed; the rest are only counted.
  static constexpr std::size_t kMaxListedProblems = 100;
  std::vector<std::string> problems;
  std::uint64_t unlisted_problems = 0;

  bool consistent() const { return problems.empty(); }
  std::uint64_t problem_count() const { return problems.size() + unlisted_problems; }
};

class StoreChecker {
 public:
  // REQUIRES: `store` outlives the checker; `detection` is null (the account tables only) or
  // was opened over `store` and outlives the checker.
  StoreChecker(const AccountStore& store, const DetectionStore* detection);
  StoreChecker(const StoreChecker&) = delete;
  StoreChecker& operator=(const StoreChecker&) = delete;

  // Runs every phase over one snapshot. Fails only when the store cannot be read.
  Result<StoreCheckReport> Run();

 private:
  // Each phase reads snapshot_ and adds what it counts and finds to report_.
  Status CheckStaged();
  Status CheckAccounts();
  Status CheckSignals();
  Status CheckAdjacency();
  Status CheckTotals();
  Status CheckSharedHashes();
  Status CheckClusterings();
  Status CheckLabelsAndFlags();

  void Problem(std::string text);

  const AccountStore& store_;
  const DetectionStore* detection_;
  const StoreSnapshot* snapshot_ = nullptr;  // during Run()
  StoreCheckReport report_;
  // Recounts that later phases compare against, indexed by account or signal id.
  std::vector<std::uint64_t> account_prompts_;
  std::vector<bool> staged_accounts_;  // named by a staged observation (CheckStaged)
  std::vector<std::uint32_t> signal_holders_claimed_;
  std::vector<std::uint64_t> signal_observations_claimed_;
  std::vector<KindCode> signal_kind_;
};

// Runs a StoreChecker over `store` and, when not null, `detection`.
Result<StoreCheckReport> CheckStore(const AccountStore& store, const DetectionStore* detection);

}  // namespace ringgraph::store
