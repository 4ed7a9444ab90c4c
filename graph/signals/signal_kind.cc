// Signal kinds: the built-in table and the parser for declared kinds.
#include "graph/signals/signal_kind.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace ringgraph {
namespace {

bool IsValidKindName(std::string_view name) {
  if (name.empty() || name.size() > 32) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string_view BuiltinKindName(KindCode code) {
  switch (code) {
    case kPaymentKind:
      return "payment";
    case kIpKind:
      return "ip";
    case kDeviceKind:
      return "device";
    case kPromptKind:
      return "prompt";
    case kTemplateKind:
      return "template";
    default:
      return "declared";
  }
}

KindRegistry KindRegistry::Builtin() {
  KindRegistry registry;
  registry.kinds_ = {
      {"payment", kPaymentKind, ValueTreatment::kKeyedHash, false},
      {"ip", kIpKind, ValueTreatment::kKeyedHash, true},
      {"device", kDeviceKind, ValueTreatment::kKeyedHash, false},
      {"prompt", kPromptKind, ValueTreatment::kPromptText, false},
      {"template", kTemplateKind, ValueTreatment::kTemplateId, false},
  };
  return registry;
}

Result<KindRegistry> KindRegistry::LoadWithDeclared(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::IoError("cannot read kinds config '" + path +
                           "'; check the path and its permissions");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseDeclared(text.str(), path);
}

Result<KindRegistry> KindRegistry::ParseDeclared(std::string_view json_text,
                                                 std::string_view source) {
  std::string where(source);
  nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("kinds") ||
      !doc["kinds"].is_array()) {
    return Status::InvalidArgument(where +
                                   ": expected a JSON object {\"kinds\": [{\"name\": ..., "
                                   "\"code\": ...}, ...]}");
  }
  KindRegistry registry = Builtin();
  std::size_t index = 0;
  for (const nlohmann::json& entry : doc["kinds"]) {
    std::string at = where + ": kinds[" + std::to_string(index++) + "]";
    if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string() ||
        !entry.contains("code") || !entry["code"].is_number_integer()) {
      return Status::InvalidArgument(at + ": needs a string \"name\" and an integer \"code\"");
    }
    std::string name = entry["name"].get<std::string>();
    std::int64_t code = entry["code"].get<std::int64_t>();
    if (!IsValidKindName(name)) {
      return Status::InvalidArgument(at + ": name '" + name +
                                     "' must be 1-32 characters of [a-z0-9_]");
    }
    if (code < kFirstDeclaredKind || code > kLastDeclaredKind) {
      return Status::InvalidArgument(at + ": code " + std::to_string(code) + " for '" + name +
                                     "' must be between 16 and 250");
    }
    if (registry.FindByName(name) != nullptr) {
      return Status::InvalidArgument(at + ": kind '" + name + "' is declared twice or is built in");
    }
    if (registry.FindByCode(static_cast<KindCode>(code)) != nullptr) {
      return Status::InvalidArgument(at + ": code " + std::to_string(code) + " is already used");
    }
    registry.kinds_.push_back(
        {name, static_cast<KindCode>(code), ValueTreatment::kKeyedHash, false});
  }
  return registry;
}

const KindSpec* KindRegistry::FindByName(std::string_view name) const {
  for (const KindSpec& kind : kinds_) {
    if (kind.name == name) return &kind;
  }
  return nullptr;
}

const KindSpec* KindRegistry::FindByCode(KindCode code) const {
  for (const KindSpec& kind : kinds_) {
    if (kind.code == code) return &kind;
  }
  return nullptr;
}

std::string KindRegistry::NameList() const {
  std::string out;
  for (const KindSpec& kind : kinds_) {
    if (!out.empty()) out += ", ";
    out += kind.name;
  }
  return out;
}

}  // namespace ringgraph
