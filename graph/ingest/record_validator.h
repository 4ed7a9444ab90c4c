// Turns a RawRecord into what the store keeps: a known kind, a normalised value, a timestamp.
//
// Thread safety: RecordValidator is immutable after construction; Validate() may run on many
// threads at once.
#pragma once

#include <string>

#include "graph/common/status.h"
#include "graph/common/types.h"
#include "graph/signals/record_reader.h"
#include "graph/signals/signal_kind.h"

namespace ringgraph::ingest {

struct ValidatedRecord {
  const KindSpec* kind = nullptr;
  std::string normalized_value;  // for ip: canonical text; otherwise the value as given
  UnixSeconds ts = 0;
};

class RecordValidator {
 public:
  explicit RecordValidator(const KindRegistry& kinds) : kinds_(kinds) {}

  // Returns the reason a record is bad (without a "file:line" prefix), or the validated record.
  Result<ValidatedRecord> Validate(const RawRecord& record) const;

 private:
  const KindRegistry& kinds_;
};

}  // namespace ringgraph::ingest
