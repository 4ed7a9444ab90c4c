// STIX 2.1 export and import of ring indicators. See stix_indicators.h.
#include "graph/sharing/stix_indicators.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <algorithm>
#include <boost/uuid/name_generator_sha1.hpp>
#include <boost/uuid/string_generator.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <nlohmann/json.hpp>
#include <regex>

#include "graph/signals/timestamp.h"

namespace ringgraph::sharing {
namespace {

using nlohmann::json;

// UUIDv5 namespace for ringgraph's STIX ids (a fixed random UUID).
constexpr const char* kIdNamespace = "8f3c2a1e-5b7d-4c9e-a2f1-6d0b9e3c7a54";
constexpr const char* kExtensionName = "ringgraph-ring-v1";
constexpr const char* kSignalObject = "x-ringgraph-signal";

std::string Uuid5(const std::string& name) {
  static const boost::uuids::uuid ns = boost::uuids::string_generator()(kIdNamespace);
  boost::uuids::name_generator_sha1 generate(ns);
  return boost::uuids::to_string(generate(name));
}

std::string ExtensionId() { return "extension-definition--" + Uuid5(kExtensionName); }

// The STIX 2.1 predefined TLP marking definitions.
struct Tlp {
  const char* level;  // as asked on the command line
  const char* id;
  const char* name;
  const char* definition;  // the STIX 2.1 TLP 1.0 definition's level
};
constexpr Tlp kTlp[] = {
    {"clear", "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", "TLP:WHITE", "white"},
    {"white", "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", "TLP:WHITE", "white"},
    {"green", "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "TLP:GREEN", "green"},
    {"amber", "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", "TLP:AMBER", "amber"},
    {"red", "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", "TLP:RED", "red"},
};

std::string Timestamp(UnixSeconds seconds) {
  std::string text = FormatRfc3339(seconds);  // "...T12:00:00Z"
  return text.substr(0, text.size() - 1) + ".000Z";
}

std::string KindName(KindCode kind) { return std::string(BuiltinKindName(kind)); }

Result<KindCode> KindOfName(const std::string& name) {
  for (KindCode kind : {kPaymentKind, kIpKind, kDeviceKind, kTemplateKind}) {
    if (name == BuiltinKindName(kind)) return kind;
  }
  return Status::InvalidArgument("kind '" + name + "' is not shared");
}

// The string property `name` of `object`, or "" when `object` is not an object or the property
// is missing or not a string. A bundle's types are its sender's choice, and json::value() would
// throw on a property of another type instead of letting the check that follows refuse it.
std::string StringProperty(const json& object, const char* name) {
  if (!object.is_object()) return "";
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// What the MAC covers: the indicator's identity and every property an importer acts on.
// REQUIRES: "confidence", when present, is an integer.
std::string MacInput(const json& indicator, const std::string& key_id) {
  return StringProperty(indicator, "id") + "|" + StringProperty(indicator, "modified") + "|" +
         StringProperty(indicator, "pattern") + "|" + StringProperty(indicator, "valid_from") +
         "|" + StringProperty(indicator, "valid_until") + "|" +
         std::to_string(indicator.value("confidence", -1)) + "|" + key_id;
}

std::string Mac(const ConsortiumKey& key, const std::string& input) {
  return HashToHex(key.Hash(0, input));  // kind 0 keeps MACs apart from value hashes
}

std::string Pattern(const std::vector<std::pair<KindCode, ValueHash>>& values) {
  std::string pattern;
  for (const auto& [kind, hash] : values) {
    if (!pattern.empty()) pattern += " OR ";
    pattern += std::string("[") + kSignalObject + ":kind = '" + KindName(kind) + "' AND " +
               kSignalObject + ":value_hash = '" + HashToHex(hash) + "']";
  }
  return pattern;
}

Result<std::vector<std::pair<KindCode, ValueHash>>> ParsePattern(const std::string& pattern) {
  static const std::regex term(
      R"(\[x-ringgraph-signal:kind = '(payment|ip|device|template)' AND x-ringgraph-signal:value_hash = '([0-9a-f]{32})'\])");
  std::vector<std::pair<KindCode, ValueHash>> values;
  std::size_t pos = 0;
  while (pos < pattern.size()) {
    const std::size_t end = pattern.find(" OR ", pos);
    const std::string one =
        pattern.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    std::smatch m;
    if (!std::regex_match(one, m, term)) {
      return Status::InvalidArgument("pattern term '" + one.substr(0, 80) +
                                     "' is not [x-ringgraph-signal:kind = '...' AND "
                                     "x-ringgraph-signal:value_hash = '<32 hex>']");
    }
    RINGGRAPH_ASSIGN_OR_RETURN(KindCode kind, KindOfName(m[1].str()));
    ValueHash hash{};
    const std::string hex = m[2].str();
    for (std::size_t i = 0; i < hash.size(); ++i) {
      hash[i] = static_cast<std::uint8_t>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
    }
    values.emplace_back(kind, hash);
    if (end == std::string::npos) break;
    pos = end + 4;
  }
  if (values.empty()) return Status::InvalidArgument("pattern is empty");
  return values;
}

// The longest STIX id: a type is at most 250 characters, then "--" and a 36-character UUID.
constexpr std::size_t kMaxStixIdBytes = 250 + 2 + 36;
// The longest timestamp taken: 19 characters to the seconds, "Z", and up to 20 fraction digits.
constexpr std::size_t kMaxTimestampBytes = 19 + 1 + 1 + 20;

// The lengths are checked before the regexes run: std::regex matches by recursion, one frame
// per character, so a long id or fraction in a partner's bundle would overflow the stack.
bool ValidStixId(const std::string& id, const std::string& type) {
  if (id.size() > kMaxStixIdBytes) return false;
  static const std::regex format(
      R"(([a-z][a-z0-9-]*[a-z0-9])--[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})");
  std::smatch m;
  return std::regex_match(id, m, format) && m[1].str() == type;
}

// RFC 3339 in UTC with a "Z", as STIX requires.
Result<UnixSeconds> StixTimestamp(const json& object, const char* property, bool required) {
  auto it = object.find(property);
  if (it == object.end()) {
    if (required) return Status::InvalidArgument(std::string("'") + property + "' is missing");
    return UnixSeconds{0};
  }
  static const std::regex format(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z)");
  if (!it->is_string() || it->get_ref<const std::string&>().size() > kMaxTimestampBytes ||
      !std::regex_match(it->get<std::string>(), format)) {
    return Status::InvalidArgument(std::string("'") + property +
                                   "' is not an RFC 3339 timestamp in UTC ending in Z");
  }
  Result<UnixSeconds> parsed = ParseTimestamp(it->get<std::string>());
  if (!parsed.ok()) {
    return Status::InvalidArgument(std::string("'") + property + "' " + parsed.status().message());
  }
  return *parsed;
}

}  // namespace

Result<std::string> ExportIndicators(const store::StoreSnapshot& snapshot,
                                     const store::ClusteringStore& clusterings,
                                     const ConsortiumKey& key, const ExportOptions& options,
                                     ExportReport* report) {
  *report = ExportReport{};
  const Tlp* tlp = nullptr;
  for (const Tlp& t : kTlp) {
    if (options.tlp == t.level) tlp = &t;
  }
  if (tlp == nullptr) {
    return Status::InvalidArgument("TLP level '" + options.tlp +
                                   "' is not clear, green, amber or red");
  }
  if (options.valid_days <= 0) return Status::InvalidArgument("validity must be at least one day");
  RINGGRAPH_ASSIGN_OR_RETURN(std::optional<store::ClusteringHeader> latest, clusterings.Latest());
  if (!latest.has_value()) {
    return Status::FailedPrecondition("no clustering yet; run detection before exporting");
  }
  const std::string created = Timestamp(latest->computed_at);
  const std::string valid_until = Timestamp(latest->computed_at + options.valid_days * 86400LL);
  const std::string identity_id = "identity--" + Uuid5("lab|" + options.lab);

  json objects = json::array();
  objects.push_back({{"type", "identity"},
                     {"spec_version", "2.1"},
                     {"id", identity_id},
                     {"created", created},
                     {"modified", created},
                     {"name", options.lab},
                     {"identity_class", "organization"}});
  objects.push_back({{"type", "marking-definition"},
                     {"spec_version", "2.1"},
                     {"id", tlp->id},
                     {"created", "2017-01-20T00:00:00.000Z"},
                     {"definition_type", "tlp"},
                     {"name", tlp->name},
                     {"definition", {{"tlp", tlp->definition}}}});
  objects.push_back({{"type", "extension-definition"},
                     {"spec_version", "2.1"},
                     {"id", ExtensionId()},
                     {"created_by_ref", identity_id},
                     {"created", "2026-11-23T00:00:00.000Z"},
                     {"modified", "2026-11-23T00:00:00.000Z"},
                     {"name", kExtensionName},
                     {"description",
                      "ringgraph extraction-ring indicator: ring size and score, the "
                      "consortium key id its values are hashed under, and a MAC "
                      "under that key"},
                     {"schema", "ringgraph README, section 'Sharing indicators'"},
                     {"version", "1.0.0"},
                     {"extension_types", {"property-extension"}}});

  const absl::flat_hash_set<std::uint64_t> wanted(options.rings.begin(), options.rings.end());
  std::vector<std::pair<std::uint64_t, store::ClusterRecord>> rings;
  RINGGRAPH_RETURN_IF_ERROR(
      clusterings.ForEachCluster(latest->version, [&](const store::ClusterRecord& c) {
        if (!c.flagged || c.ring_score < options.min_score) return Status::Ok();
        if (!wanted.empty() && !wanted.contains(c.id)) return Status::Ok();
        rings.emplace_back(c.id, c);
        return Status::Ok();
      }));
  if (!wanted.empty() && rings.size() != wanted.size()) {
    return Status::NotFound(
        "some of the rings asked for are not flagged rings of clustering version " +
        std::to_string(latest->version));
  }
  std::vector<AccountId> members;
  std::vector<store::AccountSignal> signals;
  for (const auto& [id, ring] : rings) {
    RINGGRAPH_RETURN_IF_ERROR(clusterings.Members(latest->version, id, &members));
    // Values held by at least two members, not generic for their kind.
    absl::flat_hash_map<SignalId, std::uint32_t> held;
    for (AccountId a : members) {
      RINGGRAPH_RETURN_IF_ERROR(snapshot.AccountSignals(a, &signals));
      for (const store::AccountSignal& s : signals) ++held[s.signal];
    }
    std::vector<std::pair<KindCode, ValueHash>> values;
    for (const auto& [signal, count] : held) {
      if (count < 2) continue;
      RINGGRAPH_ASSIGN_OR_RETURN(store::SignalInfo info, snapshot.Signal(signal));
      if (!IsSharedKind(info.kind)) continue;
      if (info.account_count >
          projection::MaxHolders(options.projection, info.kind, snapshot.num_accounts())) {
        continue;  // generic for its kind (or a kind that never links)
      }
      RINGGRAPH_ASSIGN_OR_RETURN(std::optional<ValueHash> shared,
                                 snapshot.SharedHash(key.tag(), signal));
      if (shared.has_value()) values.emplace_back(info.kind, *shared);
    }
    if (values.empty()) {
      ++report->rings_without_shared_values;
      continue;
    }
    std::sort(values.begin(), values.end());
    if (values.size() > options.max_values_per_ring) values.resize(options.max_values_per_ring);
    json by_kind = json::object();
    for (const auto& [kind, hash] : values)
      by_kind[KindName(kind)] = by_kind.value(KindName(kind), 0) + 1;
    json indicator = {
        {"type", "indicator"},
        {"spec_version", "2.1"},
        {"id", "indicator--" +
                   Uuid5("ring|" + options.lab + "|" + key.key_id() + "|" + std::to_string(id))},
        {"created_by_ref", identity_id},
        {"created", created},
        {"modified", created},
        {"name", "ringgraph extraction ring " + std::to_string(id)},
        {"description", "Accounts holding these values were run as one extraction ring"},
        {"indicator_types", {"malicious-activity"}},
        {"pattern", Pattern(values)},
        {"pattern_type", "stix"},
        {"pattern_version", "2.1"},
        {"valid_from", created},
        {"valid_until", valid_until},
        {"confidence", static_cast<int>(std::lround(std::clamp(ring.ring_score, 0.0, 1.0) * 100))},
        {"object_marking_refs", {tlp->id}},
    };
    indicator["extensions"][ExtensionId()] = {{"extension_type", "property-extension"},
                                              {"ring_size", ring.size},
                                              {"ring_score", ring.ring_score},
                                              {"values_by_kind", by_kind},
                                              {"consortium_key_id", key.key_id()}};
    indicator["extensions"][ExtensionId()]["mac"] = Mac(key, MacInput(indicator, key.key_id()));
    objects.push_back(std::move(indicator));
    ++report->indicators;
    report->values += values.size();
  }
  std::string ids;
  for (const json& o : objects) ids += o["id"].get<std::string>() + "|";
  json bundle = {
      {"type", "bundle"}, {"id", "bundle--" + Uuid5("bundle|" + ids)}, {"objects", objects}};
  return bundle.dump(2) + "\n";
}

Result<std::vector<store::PartnerIndicator>> ParseIndicators(std::string_view bundle_json,
                                                             const std::vector<ConsortiumKey>& keys,
                                                             const std::string& partner) {
  json bundle = json::parse(bundle_json, nullptr, false);
  if (bundle.is_discarded()) return Status::InvalidArgument("the bundle is not valid JSON");
  if (!bundle.is_object() || StringProperty(bundle, "type") != "bundle") {
    return Status::InvalidArgument("the document is not a STIX bundle (type must be 'bundle')");
  }
  if (!bundle["id"].is_string() || !ValidStixId(bundle["id"].get<std::string>(), "bundle")) {
    return Status::InvalidArgument("the bundle's id is not 'bundle--<UUID>'");
  }
  if (!bundle.contains("objects") || !bundle["objects"].is_array() || bundle["objects"].empty()) {
    return Status::InvalidArgument("the bundle has no objects");
  }
  absl::flat_hash_map<std::string, std::string> identities;  // id -> name
  std::vector<store::PartnerIndicator> out;
  const std::string extension = ExtensionId();
  std::size_t index = 0;
  for (const json& object : bundle["objects"]) {
    const std::string where = "object " + std::to_string(index++);
    auto bad = [&](const std::string& why) {
      std::string id = StringProperty(object, "id");
      if (id.size() > kMaxStixIdBytes) id.clear();  // too long to be an id; not echoed
      return Status::InvalidArgument(where + (id.empty() ? "" : " (" + id + ")") + ": " + why);
    };
    if (!object.is_object()) return bad("not a JSON object");
    if (!object.contains("type") || !object["type"].is_string()) return bad("'type' is missing");
    const std::string type = object["type"].get<std::string>();
    if (StringProperty(object, "spec_version") != "2.1") {
      return bad("'spec_version' must be \"2.1\"");
    }
    if (!object.contains("id") || !object["id"].is_string() ||
        !ValidStixId(object["id"].get<std::string>(), type)) {
      return bad("'id' is not '" + type + "--<UUID>'");
    }
    if (type == "marking-definition") continue;  // created is its only timestamp; read as is
    Result<UnixSeconds> created = StixTimestamp(object, "created", true);
    if (!created.ok()) return bad(created.status().message());
    Result<UnixSeconds> modified = StixTimestamp(object, "modified", true);
    if (!modified.ok()) return bad(modified.status().message());
    if (*modified < *created) return bad("'modified' is before 'created'");
    if (type == "identity") {
      // An empty name would leave the partner of its indicators blank in every explanation.
      if (StringProperty(object, "name").empty()) return bad("'name' is missing or empty");
      identities[object["id"].get<std::string>()] = object["name"].get<std::string>();
      continue;
    }
    if (type != "indicator") continue;  // other objects are allowed and ignored
    if (!object.contains("pattern") || !object["pattern"].is_string())
      return bad("'pattern' is missing");
    if (StringProperty(object, "pattern_type") != "stix") {
      return bad("'pattern_type' must be \"stix\"");
    }
    Result<UnixSeconds> valid_from = StixTimestamp(object, "valid_from", true);
    if (!valid_from.ok()) return bad(valid_from.status().message());
    Result<UnixSeconds> valid_until = StixTimestamp(object, "valid_until", false);
    if (!valid_until.ok()) return bad(valid_until.status().message());
    if (*valid_until != 0 && *valid_until <= *valid_from)
      return bad("'valid_until' is not after 'valid_from'");
    const json& confidence = object.contains("confidence") ? object["confidence"] : json(nullptr);
    // As a 64-bit value: get<int>() would wrap 2^32 + 50 to 50 and let it through.
    if (!confidence.is_number_integer() || confidence.get<std::int64_t>() < 0 ||
        confidence.get<std::int64_t>() > 100) {
      return bad("'confidence' must be an integer from 0 to 100");
    }
    if (!object.contains("extensions") || !object["extensions"].contains(extension)) {
      return bad("the ringgraph extension (" + extension + ") is missing");
    }
    const json& ext = object["extensions"][extension];
    const std::string key_id = StringProperty(ext, "consortium_key_id");
    const ConsortiumKey* key = nullptr;
    for (const ConsortiumKey& k : keys) {
      if (k.key_id() == key_id) key = &k;
    }
    if (key == nullptr) {
      return bad("its values are hashed under consortium key " + key_id +
                 ", which is not configured here (--share-key)");
    }
    Result<std::vector<std::pair<KindCode, ValueHash>>> values =
        ParsePattern(object["pattern"].get<std::string>());
    if (!values.ok()) return bad(values.status().message());
    if (StringProperty(ext, "mac") != Mac(*key, MacInput(object, key_id))) {
      return bad("the MAC does not match its content: the indicator was altered after export");
    }
    store::PartnerIndicator indicator;
    indicator.id = object["id"].get<std::string>();
    indicator.modified = object["modified"].get<std::string>();
    indicator.partner = partner;
    if (indicator.partner.empty()) {
      auto it = identities.find(StringProperty(object, "created_by_ref"));
      indicator.partner = it != identities.end() ? it->second : "unnamed partner";
    }
    indicator.confidence = confidence.get<int>();
    indicator.valid_from = *valid_from;
    indicator.valid_until = *valid_until;
    indicator.key_id = key_id;
    indicator.values = std::move(*values);
    out.push_back(std::move(indicator));
  }
  if (out.empty()) return Status::InvalidArgument("the bundle holds no indicator");
  return out;
}

}  // namespace ringgraph::sharing
