// Signal kinds: the built-in five and any declared in a kinds config file.
//
// A kind has a stable one-byte code that is written into store keys, so codes never change once
// data exists. Built-in codes are 1..5; declared kinds take codes 16..250.
//
// Thread safety: a KindRegistry is immutable after construction; concurrent const use is safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/common/status.h"

namespace ringgraph {

using KindCode = std::uint8_t;

// What happens to a record's value on the way into the store.
enum class ValueTreatment : std::uint8_t {
  kKeyedHash,   // normalised, then stored only as a keyed hash (payment, ip, device, declared)
  kPromptText,  // fingerprinted into a template signal; the text itself is never stored
  kTemplateId,  // an upstream template id; stored as a keyed hash like any other value
};

struct KindSpec {
  std::string name;
  KindCode code = 0;
  ValueTreatment treatment = ValueTreatment::kKeyedHash;
  bool is_ip = false;  // values are IP addresses and are normalised to canonical text
};

inline constexpr KindCode kPaymentKind = 1;
inline constexpr KindCode kIpKind = 2;
inline constexpr KindCode kDeviceKind = 3;
inline constexpr KindCode kPromptKind = 4;
inline constexpr KindCode kTemplateKind = 5;
inline constexpr KindCode kFirstDeclaredKind = 16;
inline constexpr KindCode kLastDeclaredKind = 250;

// The name of a built-in kind ("payment", "ip", "device", "prompt", "template"), or "declared"
// for codes a kinds config assigns. For reports where no registry is at hand.
std::string_view BuiltinKindName(KindCode code);

class KindRegistry {
 public:
  // The built-in kinds only: payment, ip, device, prompt, template.
  static KindRegistry Builtin();

  // The built-in kinds plus those declared in a JSON file of the form
  //   {"kinds": [{"name": "phone", "code": 16}, ...]}
  // Names are lower-case [a-z0-9_]{1,32}; codes are 16..250 and never reused.
  static Result<KindRegistry> LoadWithDeclared(const std::string& path);
  // Same, from the file's text; `source` names it in error messages.
  static Result<KindRegistry> ParseDeclared(std::string_view json_text, std::string_view source);

  const KindSpec* FindByName(std::string_view name) const;
  const KindSpec* FindByCode(KindCode code) const;
  const std::vector<KindSpec>& kinds() const { return kinds_; }
  // "payment, ip, device, prompt, template[, declared...]" for error messages.
  std::string NameList() const;

 private:
  std::vector<KindSpec> kinds_;
};

}  // namespace ringgraph
