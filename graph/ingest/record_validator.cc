// Record validation shared by file ingest and the API's ingest.
#include "graph/ingest/record_validator.h"

#include "graph/signals/ip_address.h"
#include "graph/signals/timestamp.h"
#include "graph/signals/value_shape.h"

namespace ringgraph::ingest {
namespace {

// A kind name is echoed only when it reads as one; a value shifted into the kind column is not.
std::string QuotedKind(std::string_view kind) {
  return LooksLikeIdentifier(kind) ? "'" + std::string(kind) + "'" : IdentifierOrShape(kind);
}

}  // namespace

Result<ValidatedRecord> RecordValidator::Validate(const RawRecord& record) const {
  ValidatedRecord out;
  out.kind = kinds_.FindByName(record.kind);
  if (out.kind == nullptr) {
    return Status::InvalidArgument("field 'kind' names an unknown kind " + QuotedKind(record.kind) +
                                   " (known: " + kinds_.NameList() +
                                   "); declare new kinds with --kinds");
  }
  if (record.account.empty()) return Status::InvalidArgument("field 'account' is empty");
  if (record.value.empty()) return Status::InvalidArgument("field 'value' is empty");
  Result<UnixSeconds> ts = ParseTimestamp(record.ts);
  if (!ts.ok()) return Status::InvalidArgument("field 'ts' " + ts.status().message());
  out.ts = *ts;
  if (out.kind->is_ip) {
    Result<std::string> ip = NormalizeIpAddress(record.value);
    if (!ip.ok()) return ip.status();
    out.normalized_value = std::move(ip).value();
  } else if (out.kind->treatment != ValueTreatment::kPromptText) {
    out.normalized_value = record.value;
  }
  return out;
}

}  // namespace ringgraph::ingest
