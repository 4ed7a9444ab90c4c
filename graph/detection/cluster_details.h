// ClusterDetails: what detection stores about each cluster for explanations (the record's
// details_json), as a typed value with one JSON serializer and one parser.
//
// The JSON layout is the stored format: clusterings written by earlier builds are read by
// ParseClusterDetails, and for JSON that detection wrote, ToJson(ParseClusterDetails(json))
// gives back the same bytes (ringctl explain --cluster prints them).
//
// Thread safety: values; the functions keep no state.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "graph/common/status.h"
#include "graph/common/types.h"

namespace ringgraph::detection {

// One factor of the ring score.
struct DetailFactor {
  std::string name;  // "volume", "campaign", ..., "partner_indicator"
  // A scored factor's x_i in [0, 1]; for "partner_indicator", the partner's confidence in
  // percent, stored as a whole number. Kept as written so that the stored bytes round-trip.
  std::variant<double, std::int64_t> value = 0.0;
  double contribution = 0;  // weight_i * x_i
  bool operator==(const DetailFactor&) const = default;
};

// One value the members share (SharedValue, with its hash as hex).
struct DetailEvidence {
  std::string kind;      // the built-in kind's name: "payment", "device", ...
  std::string value_id;  // the value's keyed hash, 32 hex digits
  std::uint32_t members_sharing = 0;
  std::uint32_t holders_total = 0;
  double pair_weight = 0;
  UnixSeconds first_seen = 0;
  UnixSeconds last_seen = 0;
  bool operator==(const DetailEvidence&) const = default;
};

// What ClusterFeatures measure, under their stored names.
struct MeasuredFeatures {
  std::uint64_t internal_links = 0;
  double internal_weight = 0;
  double density = 0;
  double weight_per_member = 0;
  double conductance = 0;
  double prompts_per_member = 0;
  double median_prompts = 0;
  double median_prompts_per_active_day = 0;
  double median_span_days = 0;
  double volume_percentile = 0;
  double pace_percentile = 0;
  double burst_percentile = 0;
  double first_seen_percentile = 0;
  double lockstep = 0;
  double campaign_share = 0;
  double known_campaign_share = 0;
  double reuse = 0;
  double rotation = 0;
  double reuse_with_rotation = 0;
  double payment_values_per_member = 0;
  double payment_shared_fraction = 0;
  double device_values_per_member = 0;
  double device_shared_fraction = 0;
  double ip_values_per_member = 0;
  double ip_shared_fraction = 0;
  // 1 when most members connect through one address of the cluster's own (lockstep counted
  // for the members that reuse only: ClusterFeatures::co_located), else 0.
  double co_located = 0;
  std::map<std::string, double> evidence_share_by_kind;  // by built-in kind name
  bool operator==(const MeasuredFeatures&) const = default;
};

struct DetailFeatures {
  std::uint64_t size = 0;
  // Absent for a one-account cluster made for a partner's indicator: nothing was measured.
  std::optional<MeasuredFeatures> measured;
  bool operator==(const DetailFeatures&) const = default;
};

struct ClusterDetails {
  std::string summary;  // one line an analyst reads (SummarizeCluster)
  double score = 0;
  bool flagged = false;
  std::vector<DetailFactor> factors;  // strongest first
  DetailFeatures features;
  std::vector<DetailEvidence> evidence;  // strongest first
  // Each member's own evidence, members in ascending account id; empty is not written.
  std::vector<double> member_evidence;
  std::vector<std::string> labels;  // what analysts' and partners' labels say about it
  bool operator==(const ClusterDetails&) const = default;
};

// The stored JSON of `details`.
std::string ToJson(const ClusterDetails& details);

// Reads what ToJson wrote. A missing or mistyped field, or text that is not a JSON object,
// gives Corruption naming the field ("features.rotation", "factors[1].name").
Result<ClusterDetails> ParseClusterDetails(std::string_view json);
// The same for the stored details of cluster `cluster_id`; an error names the cluster too.
Result<ClusterDetails> ParseClusterDetails(std::uint64_t cluster_id, std::string_view json);

// Every feature as a number: "size", "density", ..., "evidence_share_by_kind.payment".
std::map<std::string, double> FlattenFeatures(const DetailFeatures& features);

}  // namespace ringgraph::detection
