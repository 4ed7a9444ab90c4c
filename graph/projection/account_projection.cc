// The account-graph projection. See account_projection.h for the weighting and the bound.
#include "graph/projection/account_projection.h"

#include "graph/common/csr_builder.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <numeric>

namespace ringgraph::projection {
namespace {

struct LinkingValue {
  std::uint64_t holders_begin;  // into the flat holders array
  std::uint32_t holders;
  float pair_weight;
};

class PhaseTimer {
 public:
  explicit PhaseTimer(const std::function<void(std::string_view, double)>& sink) : sink_(sink) {}
  void Mark(std::string_view phase) {
    auto now = std::chrono::steady_clock::now();
    if (sink_) sink_(phase, std::chrono::duration<double>(now - last_).count());
    last_ = now;
  }

 private:
  const std::function<void(std::string_view, double)>& sink_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace

Result<ValueWeights> ComputeValueWeights(const store::StoreSnapshot& snapshot,
                                         const ProjectionOptions& options) {
  ValueWeights out;
  const std::size_t n = snapshot.num_signals();
  out.kind.assign(n, 0);
  out.pair_weight.assign(n, 0.0f);
  out.holders.assign(n, 0);
  std::vector<UnixSeconds> last_seen(n, 0);
  UnixSeconds latest = 0;
  RINGGRAPH_RETURN_IF_ERROR(
      snapshot.ForEachSignal([&](SignalId id, const store::SignalInfo& info) -> Status {
        if (id >= n) return Status::Corruption("signal id " + std::to_string(id) + " out of range");
        out.kind[id] = info.kind;
        out.holders[id] = info.account_count;
        last_seen[id] = info.last_seen;
        out.kind_entries[info.kind] += info.account_count;
        latest = std::max(latest, info.last_seen);
        const KindPolicy& policy = options.kinds[info.kind];
        if (policy.weight > 0 && info.account_count > policy.generic_cutoff) ++out.generic_values;
        return Status::Ok();
      }));
  out.reference_time = options.reference_time != 0 ? options.reference_time : latest;
  for (std::size_t id = 0; id < n; ++id) {
    out.pair_weight[id] = static_cast<float>(AccountProjection::ValueWeight(
        options, out.kind[id], out.holders[id], last_seen[id], out.reference_time));
  }
  return out;
}

std::array<KindPolicy, 256> ProjectionOptions::DefaultKindPolicies() {
  std::array<KindPolicy, 256> kinds{};
  for (int code = kFirstDeclaredKind; code <= kLastDeclaredKind; ++code) kinds[code] = {1.0, 25};
  kinds[kPaymentKind] = {3.0, 10};
  kinds[kDeviceKind] = {2.5, 10};
  kinds[kIpKind] = {1.0, 25};
  kinds[kTemplateKind] = {1.5, 250};
  kinds[kPromptKind] = {0.0, 0};  // prompts reach the graph only as template signals
  return kinds;
}

double AccountProjection::ValueWeight(const ProjectionOptions& options, KindCode kind,
                                      std::uint32_t holders, UnixSeconds last_seen,
                                      UnixSeconds reference_time) {
  const KindPolicy& policy = options.kinds[kind];
  if (policy.weight <= 0 || holders < 2 || holders > policy.generic_cutoff) return 0.0;
  double rarity = 1.0 / std::log(static_cast<double>(holders) + options.rarity_offset);
  double decay = 1.0;
  if (options.half_life_days > 0 && reference_time > last_seen) {
    double age_days = static_cast<double>(reference_time - last_seen) / 86400.0;
    decay = std::exp2(-age_days / options.half_life_days);
  }
  return policy.weight * rarity * decay;
}

AccountProjection::AccountProjection(const store::StoreSnapshot& snapshot,
                                     ProjectionOptions options)
    : snapshot_(snapshot), options_(std::move(options)) {}

Status AccountProjection::Run() {
  const auto start = std::chrono::steady_clock::now();
  PhaseTimer timer(options_.on_phase);
  report_ = ProjectionReport{};
  const NodeId n = static_cast<NodeId>(snapshot_.num_accounts());

  // Phase 1, scan: which values link accounts, with what weight, and who holds them.
  RINGGRAPH_ASSIGN_OR_RETURN(ValueWeights weights, ComputeValueWeights(snapshot_, options_));
  report_.signals_scanned = weights.kind.size();
  report_.signals_generic = weights.generic_values;
  for (int kind = 0; kind < 256; ++kind) {
    std::uint32_t cutoff = options_.kinds[kind].generic_cutoff;
    if (options_.kinds[kind].weight > 0 && cutoff >= 2) {
      report_.pair_bound += (cutoff - 1) * weights.kind_entries[kind] / 2;
    }
  }
  const std::vector<float>& value_weight = weights.pair_weight;
  std::vector<LinkingValue> values;
  std::vector<AccountId> holders;

  RINGGRAPH_RETURN_IF_ERROR(snapshot_.ForEachSignalHolders(
      [&](SignalId id) { return id < value_weight.size() && value_weight[id] > 0.0f; },
      [&](SignalId id, std::span<const AccountId> accounts) -> Status {
        values.push_back({holders.size(), static_cast<std::uint32_t>(accounts.size()),
                          value_weight[id]});
        holders.insert(holders.end(), accounts.begin(), accounts.end());
        return Status::Ok();
      }));
  report_.signals_linking = values.size();
  timer.Mark("scan");

  // Phase 2, expand: every linking value adds a pair for each two of its holders.
  tbb::enumerable_thread_specific<std::vector<WeightedPair>> local_pairs;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, values.size(), 256),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      std::vector<WeightedPair>& out = local_pairs.local();
                      for (std::size_t i = range.begin(); i < range.end(); ++i) {
                        const LinkingValue& value = values[i];
                        const AccountId* h = holders.data() + value.holders_begin;
                        for (std::uint32_t a = 0; a < value.holders; ++a) {
                          for (std::uint32_t b = a + 1; b < value.holders; ++b) {
                            out.push_back({h[a], h[b], value.pair_weight});
                          }
                        }
                      }
                    });
  std::vector<std::vector<WeightedPair>> buffers;
  for (auto& buffer : local_pairs) {
    report_.pairs_generated += buffer.size();
    buffers.push_back(std::move(buffer));
  }
  std::vector<AccountId>().swap(holders);
  timer.Mark("expand");

  // Phase 3, build: count, prefix-sum, scatter, then sort and merge each vertex's list.
  graph_ = BuildUndirectedCsr(n, buffers);
  timer.Mark("build");
  report_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return Status::Ok();
}

}  // namespace ringgraph::projection
