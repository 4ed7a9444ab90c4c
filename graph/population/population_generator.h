// The seeded population generator: honest accounts, their hard look-alikes, and planted
// extraction rings, written as signal records (signals.csv) with the ground truth (truth.csv).
//
// What it models follows shared/DOMAIN.md. Every account belongs to one group, the set of
// accounts one real-world actor controls; the group's type is the prefix of its name in truth.csv:
//
//   individual-N      one person: home IP(s), own card (or none), 1-3 devices, mostly free text;
//                     some also sit on public Wi-Fi hotspots shared by a few dozen strangers
//   family-N          2-5 people sharing one card, one home IP and a family device
//   company-N         5-250 employees behind one office NAT with shared corporate card(s) and the
//                     company's internal tool templates; weekday office hours, old accounts
//   university-N      a lab of 4-25 behind its university's campus NAT (shared by all the
//                     university's labs), benchmark-harness templates, own cards or none, some
//                     labs share an eval-server device; bursts before a lab deadline
//   cgnat_user-N      one mobile user behind carrier-grade NAT (100.64.0.0/10) whose addresses
//                     are shared by thousands of strangers, plus mobile IPv6
//   proxy_customer-N  one honest customer of a residential-proxy reseller: uses the same exit
//                     IPs as the hydra rings on that reseller and nothing else of theirs
//   ring_cardfarm-N   a ring that buys prepaid cards (each reused by 2-4 accounts) or a fresh card
//                     per account, runs on 2-6 automation hosts and a small pool of VPS addresses
//   ring_hydra-N      a large ring behind a reseller's rotating residential exits: each exit is
//                     used by a few ring accounts and by honest customers; spoofed unique devices
//   ring_lowslow-N    a small ring that spreads modest volume over the month with few, diverse
//                     signals: cards shared in pairs, 2-3 hosts, random exits, more template
//                     families and more camouflage
//
// The ring figures above are those at the default sweep parameters; PopulationOptions says which
// of them each parameter scales.
//
// The singleton types (individual, cgnat_user, proxy_customer) get one group per account.
// Ring accounts are young (created inside the month; their first record is their creation) and
// send most prompts in bursts in the 48 hours after the month's model-release days; honest
// accounts are mostly older (first record within the first days of the month).
//
// Output (see WriteTo): records are grouped per account, accounts in name order
// (acct-000000, acct-000001, ...), each account's records sorted by ts. About 10% of ts are
// RFC 3339 ("2026-10-05T13:22:01Z"), the rest Unix seconds. Membership is a random permutation
// of names, so a name says nothing about its group.
//
// Determinism: the output is a pure function of PopulationOptions. Accounts are generated in
// parallel chunks, each account from its own seeded generator, and chunks are written in order,
// so the bytes do not depend on the thread count.
//
// Thread safety: a PopulationGenerator is immutable after Create(); WriteTo/Generate may be called
// from several threads at once (each call uses TBB internally).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "graph/common/status.h"
#include "graph/common/types.h"

namespace ringgraph::templates {
class PromptCorpus;
}

namespace ringgraph::population {

enum class GroupType : std::uint8_t {
  kIndividual = 0,
  kFamily,
  kCompany,
  kUniversity,
  kCgnatUser,
  kProxyCustomer,
  kRingCardFarm,
  kRingHydra,
  kRingLowSlow,
};
inline constexpr int kGroupTypeCount = 9;

// "individual", "family", "company", "university", "cgnat_user", "proxy_customer",
// "ring_cardfarm", "ring_hydra", "ring_lowslow".
std::string_view GroupTypePrefix(GroupType type);
bool IsRingType(GroupType type);

// 2026-10-01T00:00:00Z, the default start of the generated month.
inline constexpr UnixSeconds kDefaultEpoch = 1790812800;

struct PopulationOptions {
  std::uint64_t accounts = 100000;
  std::uint32_t rings = 40;
  std::uint64_t seed = 1;
  UnixSeconds epoch = kDefaultEpoch;  // all ts lie in [epoch, epoch + days * 86400)
  std::uint32_t days = 30;
  // Accounts per parallel work item. Changing it does not change the output.
  std::uint32_t accounts_per_chunk = 1024;

  // Sweep parameters: multipliers on the ring model, for checking that detection does not
  // depend on the generator's exact settings. Each must lie in [kMinSweepScale, kMaxSweepScale].
  // At 1.0 (the default) a parameter changes nothing: the bytes are those of a generator without
  // it, because no random draw is added, removed or reordered at any value. Counts are scaled
  // and rounded to the nearest integer (halves away from zero), then held at the stated floor.
  //
  // ring_size_scale: multiplies every ring's planned size (base size x style factor x jitter,
  // then x scale), at least 4 accounts per ring. Create() still rejects a plan whose rings
  // would hold more than half the population.
  double ring_size_scale = 1.0;
  // share_rate_scale: how much ring members share infrastructure with each other; above 1 they
  // share more. It scales, in these directions:
  //   - card farm (reusing variant): accounts per prepaid card, x scale, at least 1. Card farms
  //     that buy a fresh card per account stay unshared.
  //   - card farm and low-and-slow: automation hosts, / scale, at least 1 (fewer hosts, more
  //     accounts per host).
  //   - card farm: VPS address pool, / scale, at least 2.
  //   - hydra: its slice of the reseller's exit pool, / scale, at least 2 (each exit carries
  //     more ring accounts). The reseller's whole pool, which its honest customers draw from, is
  //     never smaller than at 1.0, so honest customers are not crowded onto fewer exits.
  //   - hydra: the chance that a pair of accounts shares a card, 0.3 x scale, at most 1.
  //   - low-and-slow: accounts per shared card, 2 x scale, at least 1 (1: no card sharing).
  // Device spoofing, CGNAT use and random exits are not scaled.
  double share_rate_scale = 1.0;
  // template_scale: extraction template families per ring, x scale, at least 1 (card farm and
  // hydra draw 2-4, low-and-slow 4-6); and the share of ring prompts drawn from those families,
  // (1 - camouflage) x scale, at most 1, so camouflage (free text and popular public templates:
  // 20% card farm, 15% hydra, 30% low-and-slow) shrinks as the scale grows.
  double template_scale = 1.0;
  // ring_volume_scale: prompts each ring account sends (card farm and hydra 10-22, low-and-slow
  // 5-9), x scale, at least 1. Payment, address and device records are not scaled.
  double ring_volume_scale = 1.0;
};

// The allowed range of every sweep parameter in PopulationOptions, inclusive.
inline constexpr double kMinSweepScale = 0.1;
inline constexpr double kMaxSweepScale = 10.0;

// Record kinds the generator emits, in the order of PopulationSummary::records_by_kind.
inline constexpr std::array<std::string_view, 4> kEmittedKinds = {"payment", "ip", "device",
                                                                  "prompt"};

struct PopulationSummary {
  std::uint64_t accounts = 0;
  std::uint64_t ring_accounts = 0;
  std::uint32_t rings = 0;
  std::array<std::uint64_t, kEmittedKinds.size()> records_by_kind{};
  std::uint64_t records = 0;
  std::uint64_t rfc3339_timestamps = 0;
  std::array<std::uint64_t, kGroupTypeCount> groups_by_type{};
  std::array<std::uint64_t, kGroupTypeCount> accounts_by_type{};
  std::uint64_t signals_bytes = 0;
  std::uint64_t truth_bytes = 0;
  std::vector<UnixSeconds> release_times;  // the model releases ring traffic bursts after
};

// Called from one thread after each chunk is written: accounts written so far, and the total.
using ProgressCallback = std::function<void(std::uint64_t done, std::uint64_t total)>;

// Receives output bytes in order; returns a non-OK status to stop generation.
using OutputSink = std::function<Status(std::string_view bytes)>;

class PopulationGenerator {
 public:
  // Plans the groups. Errors (kInvalidArgument): accounts outside [100, 200M], days outside
  // [7, 366], zero accounts_per_chunk, a sweep parameter outside [kMinSweepScale,
  // kMaxSweepScale] (the message names it), more ring accounts than half the population (too
  // many --rings for --accounts, or too large a ring_size_scale).
  static Result<std::unique_ptr<PopulationGenerator>> Create(const PopulationOptions& options);
  ~PopulationGenerator();
  PopulationGenerator(const PopulationGenerator&) = delete;
  PopulationGenerator& operator=(const PopulationGenerator&) = delete;

  // Creates `out_dir` if needed and writes out_dir/signals.csv and out_dir/truth.csv.
  // Errors: kIoError naming the path when the directory cannot be created or a file written.
  Status WriteTo(const std::string& out_dir, const ProgressCallback& progress,
                 PopulationSummary* summary) const;

  // Streams both files to sinks (used by WriteTo and by tests). The signals sink receives the
  // header "account,kind,value,ts" first; the truth sink "account,group,is_ring".
  Status Generate(const OutputSink& signals, const OutputSink& truth,
                  const ProgressCallback& progress, PopulationSummary* summary) const;

  const PopulationOptions& options() const { return options_; }
  std::uint64_t ring_accounts() const { return ring_accounts_; }

  // The planned group of one account, by index (the N in acct-N).
  GroupType GroupTypeOf(std::uint64_t account) const;
  std::string GroupNameOf(std::uint64_t account) const;
  std::string AccountName(std::uint64_t account) const;

 private:
  struct Group;
  struct Account;
  class AccountWriter;
  struct ChunkOutput;

  explicit PopulationGenerator(const PopulationOptions& options);
  Status Plan();
  void GenerateChunk(std::uint64_t chunk, ChunkOutput* out) const;

  PopulationOptions options_;
  int name_width_ = 6;
  std::vector<Group> groups_;
  std::vector<std::uint32_t> account_group_;       // by account index
  std::vector<std::uint32_t> account_member_;      // index inside its group
  std::vector<std::uint32_t> reseller_pool_size_;  // exits per proxy reseller
  std::vector<UnixSeconds> release_times_;
  std::array<std::uint64_t, kGroupTypeCount> groups_by_type_{};
  std::array<std::uint64_t, kGroupTypeCount> accounts_by_type_{};
  std::uint64_t ring_accounts_ = 0;
  std::uint32_t cgnat_pool_per_carrier_ = 4;
  std::uint32_t hotspot_count_ = 1;
  std::unique_ptr<templates::PromptCorpus> corpus_;
};

}  // namespace ringgraph::population
