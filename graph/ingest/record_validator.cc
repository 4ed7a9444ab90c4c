// Record validation shared by file ingest and the API's ingest.
#include "graph/ingest/record_validator.h"

#include "graph/signals/ip_address.h"
#include "graph/signals/timestamp.h"

namespace ringgraph::ingest {

Result<ValidatedRecord> RecordValidator::Validate(const RawRecord& record) const {
  ValidatedRecord out;
  out.kind = kinds_.FindByName(record.kind);
  if (out.kind == nullptr) {
    return Status::InvalidArgument("kind '" + record.kind.substr(0, 64) + "' is unknown (known: " +
                                   kinds_.NameList() + "); declare new kinds with --kinds");
  }
  if (record.account.empty()) return Status::InvalidArgument("field 'account' is empty");
  if (record.value.empty()) return Status::InvalidArgument("field 'value' is empty");
  Result<UnixSeconds> ts = ParseTimestamp(record.ts);
  if (!ts.ok()) return ts.status();
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
