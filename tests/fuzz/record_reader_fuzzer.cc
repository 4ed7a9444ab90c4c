// libFuzzer harness for the CSV and JSON Lines readers: the first byte picks the format, the
// rest is the file. Every record a reader returns must respect the field limits and be valid
// UTF-8; rejections must name their line; the reader must reach the end without crashing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "graph/signals/record_reader.h"
#include "graph/signals/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const ringgraph::InputFormat format =
      data[0] % 2 == 0 ? ringgraph::InputFormat::kCsv : ringgraph::InputFormat::kJsonLines;
  ringgraph::RecordLimits limits;
  limits.max_value_bytes = 4096;  // small limits reach the limit paths with small inputs
  limits.max_account_bytes = 64;
  auto reader = ringgraph::RecordReader::FromString(
      std::string(reinterpret_cast<const char*>(data) + 1, size - 1), "fuzz", format, limits);
  ringgraph::RawRecord record;
  std::string error;
  for (int guard = 0; guard < 1000000; ++guard) {
    auto outcome = reader->Next(&record, &error);
    if (!outcome.ok() || *outcome == ringgraph::RecordReader::Outcome::kEnd) break;
    if (*outcome == ringgraph::RecordReader::Outcome::kRejected) {
      if (error.rfind("fuzz:", 0) != 0) std::abort();  // a rejection names its source and line
      continue;
    }
    if (record.account.size() > limits.max_account_bytes ||
        record.value.size() > limits.max_value_bytes || !ringgraph::IsValidUtf8(record.account) ||
        !ringgraph::IsValidUtf8(record.kind) || !ringgraph::IsValidUtf8(record.value)) {
      std::abort();
    }
  }
  if (reader->bytes_consumed() > size) std::abort();
  return 0;
}
