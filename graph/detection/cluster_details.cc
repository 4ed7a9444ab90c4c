// ClusterDetails and its stored JSON. See cluster_details.h.
#include "graph/detection/cluster_details.h"

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <type_traits>

namespace ringgraph::detection {
namespace {

using Json = nlohmann::json;

constexpr const char* kKindShares = "evidence_share_by_kind";

struct NamedDouble {
  const char* name;
  double MeasuredFeatures::*field;
  // Added after stores were first written: a record without it reads as 0, not as corrupt, so
  // clusterings kept from an older build still open.
  bool added_later = false;
};

// The measured features stored as floating-point numbers, under their stored names.
constexpr NamedDouble kMeasuredDoubles[] = {
    {"internal_weight", &MeasuredFeatures::internal_weight},
    {"density", &MeasuredFeatures::density},
    {"weight_per_member", &MeasuredFeatures::weight_per_member},
    {"conductance", &MeasuredFeatures::conductance},
    {"prompts_per_member", &MeasuredFeatures::prompts_per_member},
    {"median_prompts", &MeasuredFeatures::median_prompts},
    {"median_prompts_per_active_day", &MeasuredFeatures::median_prompts_per_active_day},
    {"median_span_days", &MeasuredFeatures::median_span_days},
    {"volume_percentile", &MeasuredFeatures::volume_percentile},
    {"pace_percentile", &MeasuredFeatures::pace_percentile},
    {"burst_percentile", &MeasuredFeatures::burst_percentile},
    {"first_seen_percentile", &MeasuredFeatures::first_seen_percentile},
    {"lockstep", &MeasuredFeatures::lockstep},
    {"campaign_share", &MeasuredFeatures::campaign_share},
    {"known_campaign_share", &MeasuredFeatures::known_campaign_share, /*added_later=*/true},
    {"reuse", &MeasuredFeatures::reuse},
    {"rotation", &MeasuredFeatures::rotation},
    {"reuse_with_rotation", &MeasuredFeatures::reuse_with_rotation, /*added_later=*/true},
    {"payment_values_per_member", &MeasuredFeatures::payment_values_per_member},
    {"payment_shared_fraction", &MeasuredFeatures::payment_shared_fraction},
    {"device_values_per_member", &MeasuredFeatures::device_values_per_member},
    {"device_shared_fraction", &MeasuredFeatures::device_shared_fraction},
    {"ip_values_per_member", &MeasuredFeatures::ip_values_per_member},
    {"ip_shared_fraction", &MeasuredFeatures::ip_shared_fraction},
    {"co_located", &MeasuredFeatures::co_located, /*added_later=*/true},
};

// --- Writing ---

Json FactorJson(const DetailFactor& factor) {
  const Json value = std::visit([](auto v) { return Json(v); }, factor.value);
  return {{"name", factor.name}, {"value", value}, {"contribution", factor.contribution}};
}

Json EvidenceJson(const DetailEvidence& e) {
  return {{"kind", e.kind},
          {"value_id", e.value_id},
          {"members_sharing", e.members_sharing},
          {"holders_total", e.holders_total},
          {"pair_weight", e.pair_weight},
          {"first_seen", e.first_seen},
          {"last_seen", e.last_seen}};
}

Json FeaturesJson(const DetailFeatures& features) {
  Json out;
  out["size"] = features.size;
  if (!features.measured.has_value()) return out;
  const MeasuredFeatures& m = *features.measured;
  out["internal_links"] = m.internal_links;
  for (const NamedDouble& d : kMeasuredDoubles) out[d.name] = m.*d.field;
  out[kKindShares] = Json::object();
  for (const auto& [kind, share] : m.evidence_share_by_kind) out[kKindShares][kind] = share;
  return out;
}

// --- Reading ---

template <typename T>
bool Holds(const Json& v) {
  if constexpr (std::is_same_v<T, std::string>) {
    return v.is_string();
  } else if constexpr (std::is_same_v<T, bool>) {
    return v.is_boolean();
  } else if constexpr (std::is_floating_point_v<T>) {
    return v.is_number();
  } else if constexpr (std::is_unsigned_v<T>) {
    return v.is_number_unsigned() && v.get<std::uint64_t>() <= std::numeric_limits<T>::max();
  } else {
    constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<T>::max());
    return v.is_number_unsigned() ? v.get<std::uint64_t>() <= kMax : v.is_number_integer();
  }
}

template <typename T>
const char* Expected() {
  if constexpr (std::is_same_v<T, std::string>) return "a string";
  if constexpr (std::is_same_v<T, bool>) return "true or false";
  if constexpr (std::is_floating_point_v<T>) return "a number";
  if constexpr (std::is_unsigned_v<T>) return "a whole number >= 0 in range";
  return "a whole number in range";
}

Status Corrupt(const std::string& field, std::string_view problem) {
  return Status::Corruption("cluster details: field '" + field + "' " + std::string(problem));
}

template <typename T>
Status ReadValue(const Json& v, const std::string& field, T& out) {
  if (!Holds<T>(v)) return Corrupt(field, std::string("is not ") + Expected<T>());
  out = v.get<T>();
  return Status::Ok();
}

// The fields of one JSON object, named "<path>.<key>" in errors.
class Fields {
 public:
  Fields(const Json& object, std::string path) : object_(&object), path_(std::move(path)) {}

  std::string Name(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }
  bool Has(std::string_view key) const { return object_->contains(std::string(key)); }
  std::size_t size() const { return object_->size(); }
  const Json& object() const { return *object_; }

  Result<const Json*> Get(std::string_view key) const {
    auto it = object_->find(std::string(key));
    if (it == object_->end()) return Corrupt(Name(key), "is missing");
    return &*it;
  }
  template <typename T>
  Status Read(std::string_view key, T& out) const {
    RINGGRAPH_ASSIGN_OR_RETURN(const Json* value, Get(key));
    return ReadValue(*value, Name(key), out);
  }
  Result<const Json*> Array(std::string_view key) const {
    RINGGRAPH_ASSIGN_OR_RETURN(const Json* value, Get(key));
    if (!value->is_array()) return Corrupt(Name(key), "is not an array");
    return value;
  }
  Result<Fields> Object(std::string_view key) const {
    RINGGRAPH_ASSIGN_OR_RETURN(const Json* value, Get(key));
    if (!value->is_object()) return Corrupt(Name(key), "is not an object");
    return Fields(*value, Name(key));
  }

 private:
  const Json* object_;
  std::string path_;
};

std::string Element(const std::string& array, std::size_t i) {
  return array + "[" + std::to_string(i) + "]";
}

template <typename T>
Status ReadList(const Fields& fields, std::string_view key, std::vector<T>& out) {
  RINGGRAPH_ASSIGN_OR_RETURN(const Json* array, fields.Array(key));
  out.resize(array->size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    T value{};
    RINGGRAPH_RETURN_IF_ERROR(ReadValue((*array)[i], Element(fields.Name(key), i), value));
    out[i] = std::move(value);
  }
  return Status::Ok();
}

// Reads each element of the array `key`, which must be an object, with `read`.
template <typename T, typename Read>
Status ReadObjects(const Fields& fields, std::string_view key, std::vector<T>& out, Read read) {
  RINGGRAPH_ASSIGN_OR_RETURN(const Json* array, fields.Array(key));
  out.resize(array->size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::string name = Element(fields.Name(key), i);
    if (!(*array)[i].is_object()) return Corrupt(name, "is not an object");
    RINGGRAPH_RETURN_IF_ERROR(read(Fields((*array)[i], name), out[i]));
  }
  return Status::Ok();
}

// A whole number stays one (a partner's confidence); anything else is a fraction.
Status ReadFactorValue(const Fields& fields, std::variant<double, std::int64_t>& out) {
  RINGGRAPH_ASSIGN_OR_RETURN(const Json* value, fields.Get("value"));
  if (value->is_number_integer()) {
    std::int64_t whole = 0;
    RINGGRAPH_RETURN_IF_ERROR(fields.Read("value", whole));
    out = whole;
    return Status::Ok();
  }
  double fraction = 0;
  RINGGRAPH_RETURN_IF_ERROR(fields.Read("value", fraction));
  out = fraction;
  return Status::Ok();
}

Status ReadFactor(const Fields& fields, DetailFactor& out) {
  RINGGRAPH_RETURN_IF_ERROR(fields.Read("name", out.name));
  RINGGRAPH_RETURN_IF_ERROR(ReadFactorValue(fields, out.value));
  return fields.Read("contribution", out.contribution);
}

Status ReadEvidence(const Fields& fields, DetailEvidence& out) {
  RINGGRAPH_RETURN_IF_ERROR(fields.Read("kind", out.kind));
  RINGGRAPH_RETURN_IF_ERROR(fields.Read("value_id", out.value_id));
  RINGGRAPH_RETURN_IF_ERROR(fields.Read("members_sharing", out.members_sharing));
  RINGGRAPH_RETURN_IF_ERROR(fields.Read("holders_total", out.holders_total));
  RINGGRAPH_RETURN_IF_ERROR(fields.Read("pair_weight", out.pair_weight));
  RINGGRAPH_RETURN_IF_ERROR(fields.Read("first_seen", out.first_seen));
  return fields.Read("last_seen", out.last_seen);
}

Status ReadMeasured(const Fields& fields, MeasuredFeatures& out) {
  RINGGRAPH_RETURN_IF_ERROR(fields.Read("internal_links", out.internal_links));
  for (const NamedDouble& d : kMeasuredDoubles) {
    if (d.added_later && !fields.Has(d.name)) {
      out.*d.field = 0.0;
      continue;
    }
    RINGGRAPH_RETURN_IF_ERROR(fields.Read(d.name, out.*d.field));
  }
  RINGGRAPH_ASSIGN_OR_RETURN(const Fields kinds, fields.Object(kKindShares));
  for (const auto& [kind, share] : kinds.object().items()) {
    RINGGRAPH_RETURN_IF_ERROR(ReadValue(share, kinds.Name(kind), out.evidence_share_by_kind[kind]));
  }
  return Status::Ok();
}

// Only "size" is a cluster nothing was measured on; anything more needs every measured feature.
Status ReadFeatures(const Fields& fields, DetailFeatures& out) {
  RINGGRAPH_RETURN_IF_ERROR(fields.Read("size", out.size));
  if (fields.size() == 1) return Status::Ok();
  return ReadMeasured(fields, out.measured.emplace());
}

Status ReadDetails(const Fields& fields, ClusterDetails& out) {
  RINGGRAPH_RETURN_IF_ERROR(fields.Read("summary", out.summary));
  RINGGRAPH_RETURN_IF_ERROR(fields.Read("score", out.score));
  RINGGRAPH_RETURN_IF_ERROR(fields.Read("flagged", out.flagged));
  RINGGRAPH_RETURN_IF_ERROR(ReadObjects(fields, "factors", out.factors, ReadFactor));
  RINGGRAPH_ASSIGN_OR_RETURN(const Fields features, fields.Object("features"));
  RINGGRAPH_RETURN_IF_ERROR(ReadFeatures(features, out.features));
  RINGGRAPH_RETURN_IF_ERROR(ReadObjects(fields, "evidence", out.evidence, ReadEvidence));
  if (fields.Has("member_evidence")) {
    RINGGRAPH_RETURN_IF_ERROR(ReadList(fields, "member_evidence", out.member_evidence));
  }
  return ReadList(fields, "labels", out.labels);
}

}  // namespace

std::string ToJson(const ClusterDetails& details) {
  Json j;
  j["summary"] = details.summary;
  j["score"] = details.score;
  j["flagged"] = details.flagged;
  j["factors"] = Json::array();
  for (const DetailFactor& factor : details.factors) j["factors"].push_back(FactorJson(factor));
  j["features"] = FeaturesJson(details.features);
  j["evidence"] = Json::array();
  for (const DetailEvidence& e : details.evidence) j["evidence"].push_back(EvidenceJson(e));
  if (!details.member_evidence.empty()) j["member_evidence"] = details.member_evidence;
  j["labels"] = details.labels;
  return j.dump();
}

Result<ClusterDetails> ParseClusterDetails(std::string_view json) {
  const Json root = Json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
  if (!root.is_object()) return Status::Corruption("cluster details are not a JSON object");
  ClusterDetails details;
  RINGGRAPH_RETURN_IF_ERROR(ReadDetails(Fields(root, ""), details));
  return details;
}

Result<ClusterDetails> ParseClusterDetails(std::uint64_t cluster_id, std::string_view json) {
  Result<ClusterDetails> details = ParseClusterDetails(json);
  if (!details.ok()) return details.status().WithContext("cluster " + std::to_string(cluster_id));
  return details;
}

std::map<std::string, double> FlattenFeatures(const DetailFeatures& features) {
  std::map<std::string, double> out{{"size", static_cast<double>(features.size)}};
  if (!features.measured.has_value()) return out;
  const MeasuredFeatures& m = *features.measured;
  out["internal_links"] = static_cast<double>(m.internal_links);
  for (const NamedDouble& d : kMeasuredDoubles) out[d.name] = m.*d.field;
  for (const auto& [kind, share] : m.evidence_share_by_kind)
    out[kKindShares + ("." + kind)] = share;
  return out;
}

}  // namespace ringgraph::detection
