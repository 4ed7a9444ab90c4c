// Streaming readers for signal records in CSV (RFC 4180) and JSON Lines.
//
// A reader turns bytes into RawRecords: four text fields and the line each record starts on. It
// checks structure, field limits and UTF-8. What the fields mean (known kind, valid timestamp,
// a parseable IP) is checked later by the ingest validator, so both formats share those rules.
//
// A malformed record is reported as kRejected with a "source:line: reason" message and the reader
// moves on to the next record; only I/O failures and an unusable CSV header end the stream.
//
// Thread safety: a reader is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "graph/common/status.h"

namespace ringgraph {

struct RawRecord {
  std::string account;
  std::string kind;
  std::string value;
  std::string ts;
  std::uint64_t line = 0;  // 1-based line the record starts on
};

enum class InputFormat { kCsv, kJsonLines };

// "csv" or "jsonl" (also "ndjson", "json").
Result<InputFormat> InputFormatFromName(std::string_view name);
// By extension: .csv, .jsonl, .ndjson, .json; anything else is an error naming --format.
Result<InputFormat> InputFormatFromPath(std::string_view path);

struct RecordLimits {
  std::size_t max_account_bytes = 256;
  std::size_t max_kind_bytes = 64;
  std::size_t max_value_bytes = 64 * 1024;
  std::size_t max_ts_bytes = 64;
};

class RecordReader {
 public:
  enum class Outcome { kRecord, kRejected, kEnd };

  virtual ~RecordReader() = default;
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  // Opens `path` ("-" for standard input). `source_name` is what error messages call it.
  static Result<std::unique_ptr<RecordReader>> Open(const std::string& path, InputFormat format,
                                                    RecordLimits limits = {});
  // Reads from an in-memory buffer; used by tests and the API's ingest.
  static std::unique_ptr<RecordReader> FromString(std::string data, std::string source_name,
                                                  InputFormat format, RecordLimits limits = {});

  // Reads records already split into fields, checking the same limits; a record's "line" is
  // its 1-based position. Used by the API's ingest.
  static std::unique_ptr<RecordReader> FromRecords(std::vector<RawRecord> records,
                                                   std::string source_name,
                                                   RecordLimits limits = {});

  // On kRecord fills *record; on kRejected fills *error with "source:line: reason" and sets
  // record->line (the other fields of *record are then unspecified). A non-OK
  // status means the stream cannot continue (I/O error, bad CSV header).
  virtual Result<Outcome> Next(RawRecord* record, std::string* error) = 0;

  // Bytes consumed so far and the input's size when known (0 for pipes), for progress.
  virtual std::uint64_t bytes_consumed() const = 0;
  virtual std::uint64_t total_bytes() const = 0;
  virtual const std::string& source_name() const = 0;

 protected:
  RecordReader() = default;
};

}  // namespace ringgraph
