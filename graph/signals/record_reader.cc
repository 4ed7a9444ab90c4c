// CSV and JSON Lines readers over a buffered byte source.
#include "graph/signals/record_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <vector>

#include "graph/signals/utf8.h"
#include "graph/signals/value_shape.h"

namespace ringgraph {
namespace {

// Buffered bytes from a file descriptor or an in-memory string.
class ByteSource {
 public:
  static constexpr std::size_t kChunk = 1 << 20;

  explicit ByteSource(std::string data) : data_(std::move(data)), eof_(true) {
    total_ = data_.size();
  }
  ByteSource(int fd, std::uint64_t total) : fd_(fd), total_(total) { data_.reserve(kChunk); }
  ~ByteSource() {
    if (fd_ >= 0) ::close(fd_);
  }

  // Returns -1 at end of input; sets *status on a read error.
  int Get(Status* status) {
    if (pos_ == data_.size() && !Refill(status)) return -1;
    ++consumed_;
    return static_cast<unsigned char>(data_[pos_++]);
  }
  int Peek(Status* status) {
    if (pos_ == data_.size() && !Refill(status)) return -1;
    return static_cast<unsigned char>(data_[pos_]);
  }
  // Appends bytes up to (not including) the next '\n' to *out (at most `limit` bytes kept) and
  // consumes the '\n'. Returns false at end of input with nothing read.
  bool ReadLine(std::string* out, std::size_t limit, bool* overlong, Status* status) {
    out->clear();
    *overlong = false;
    bool any = false;
    while (true) {
      if (pos_ == data_.size() && !Refill(status)) return any;
      any = true;
      const char* begin = data_.data() + pos_;
      const char* end = data_.data() + data_.size();
      const char* nl = static_cast<const char*>(std::memchr(begin, '\n', end - begin));
      const char* stop = nl ? nl : end;
      std::size_t n = static_cast<std::size_t>(stop - begin);
      if (out->size() + n > limit) {
        *overlong = true;
        out->append(begin, std::min(n, limit - std::min(limit, out->size())));
      } else {
        out->append(begin, n);
      }
      pos_ += n;
      consumed_ += n;
      if (nl) {
        ++pos_;
        ++consumed_;
        return true;
      }
    }
  }
  std::uint64_t consumed() const { return consumed_; }
  std::uint64_t total() const { return total_; }

 private:
  bool Refill(Status* status) {
    if (eof_) return false;
    data_.resize(kChunk);
    ssize_t n;
    do {
      n = ::read(fd_, data_.data(), kChunk);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
      *status = Status::IoError(std::string("read failed: ") + std::strerror(errno));
      data_.clear();
      pos_ = 0;
      eof_ = true;
      return false;
    }
    data_.resize(static_cast<std::size_t>(n));
    pos_ = 0;
    if (n == 0) eof_ = true;
    return n > 0;
  }

  int fd_ = -1;
  std::string data_;
  std::size_t pos_ = 0;
  std::uint64_t consumed_ = 0;
  std::uint64_t total_ = 0;
  bool eof_ = false;
};

// Checks a complete record's fields against the limits and UTF-8. Returns "" when fine.
std::string CheckFields(const RawRecord& r, const RecordLimits& limits) {
  struct Field {
    const char* name;
    const std::string* text;
    std::size_t limit;
  };
  const Field fields[] = {{"account", &r.account, limits.max_account_bytes},
                          {"kind", &r.kind, limits.max_kind_bytes},
                          {"value", &r.value, limits.max_value_bytes},
                          {"ts", &r.ts, limits.max_ts_bytes}};
  for (const Field& f : fields) {
    if (f.text->size() > f.limit) {
      return std::string("field '") + f.name + "' is longer than " + std::to_string(f.limit) +
             " bytes";
    }
    std::size_t bad = 0;
    if (!IsValidUtf8(*f.text, &bad)) {
      return std::string("field '") + f.name + "' is not valid UTF-8 (byte " + std::to_string(bad) +
             ")";
    }
  }
  if (r.account.empty()) return "field 'account' is empty";
  if (r.kind.empty()) return "field 'kind' is empty";
  return "";
}

class CsvReader final : public RecordReader {
 public:
  CsvReader(std::unique_ptr<ByteSource> source, std::string name, RecordLimits limits)
      : source_(std::move(source)), name_(std::move(name)), limits_(limits) {}

  Result<Outcome> Next(RawRecord* record, std::string* error) override {
    if (!header_read_) {
      Status s = ReadHeader();
      if (!s.ok()) return s;
    }
    while (true) {
      std::uint64_t start_line = line_;
      std::string problem;
      Status io;
      bool at_end = false;
      if (!ReadRow(&problem, &at_end, &io)) {
        if (!io.ok()) return io.WithContext(name_);
        return Outcome::kEnd;
      }
      if (!io.ok()) return io.WithContext(name_);
      if (fields_.size() == 1 && fields_[0].empty() && problem.empty()) continue;  // empty line
      if (problem.empty() && fields_.size() != column_count_) {
        problem = "expected " + std::to_string(column_count_) + " fields, found " +
                  std::to_string(fields_.size());
      }
      if (problem.empty()) {
        record->account = std::move(fields_[account_col_]);
        record->kind = std::move(fields_[kind_col_]);
        record->value = std::move(fields_[value_col_]);
        record->ts = std::move(fields_[ts_col_]);
        record->line = start_line;
        problem = CheckFields(*record, limits_);
      }
      if (!problem.empty()) {
        record->line = start_line;
        *error = name_ + ":" + std::to_string(start_line) + ": " + problem;
        return Outcome::kRejected;
      }
      return Outcome::kRecord;
    }
  }

  std::uint64_t bytes_consumed() const override { return source_->consumed(); }
  std::uint64_t total_bytes() const override { return source_->total(); }
  const std::string& source_name() const override { return name_; }

 private:
  // Largest field the parser buffers; longer fields are truncated here and rejected by the
  // limits check, so a hostile file cannot make the reader allocate without bound.
  std::size_t FieldCap() const { return limits_.max_value_bytes + 1; }

  Status ReadHeader() {
    header_read_ = true;
    std::string problem;
    Status io;
    bool at_end = false;
    // Skip leading empty lines.
    while (true) {
      if (!ReadRow(&problem, &at_end, &io)) {
        if (!io.ok()) return io.WithContext(name_);
        return Status::InvalidArgument(name_ +
                                       ": the file is empty; a CSV input starts with "
                                       "the header account,kind,value,ts");
      }
      if (!(fields_.size() == 1 && fields_[0].empty())) break;
    }
    if (!fields_.empty() && fields_[0].rfind("\xEF\xBB\xBF", 0) == 0) fields_[0].erase(0, 3);
    std::size_t* slots[] = {&account_col_, &kind_col_, &value_col_, &ts_col_};
    const char* names[] = {"account", "kind", "value", "ts"};
    for (std::size_t* slot : slots) *slot = SIZE_MAX;
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      for (int k = 0; k < 4; ++k) {
        if (fields_[i] == names[k]) {
          if (*slots[k] != SIZE_MAX) return BadHeader();
          *slots[k] = i;
        }
      }
    }
    for (std::size_t* slot : slots) {
      if (*slot == SIZE_MAX) return BadHeader();
    }
    if (fields_.size() != 4) return BadHeader();
    column_count_ = fields_.size();
    return Status::Ok();
  }

  Status BadHeader() const {
    // A file without a header has a record here, so only names that read as names are shown.
    std::string got;
    for (std::size_t i = 0; i < fields_.size() && i < 8; ++i) {
      if (i > 0) got.push_back(',');
      got += IdentifierOrShape(fields_[i]);
    }
    if (fields_.size() > 8) got += ",...";
    return Status::InvalidArgument(name_ + ":" + std::to_string(line_ - 1) +
                                   ": the header must be account,kind,value,ts (in any order); "
                                   "got " +
                                   std::to_string(fields_.size()) + " fields: " + got);
  }

  // Parses one row into fields_. Returns false at end of input before any byte of a row.
  bool ReadRow(std::string* problem, bool* at_end, Status* io) {
    fields_.clear();
    fields_.emplace_back();
    problem->clear();
    int c = source_->Peek(io);
    if (c < 0) return false;
    const std::size_t cap = FieldCap();
    std::uint64_t quote_line = 0;
    enum { kFieldStart, kUnquoted, kQuoted, kAfterQuote } state = kFieldStart;
    while (true) {
      c = source_->Get(io);
      if (c < 0) {
        if (state == kQuoted && problem->empty()) {
          *problem = "unterminated quoted field (opened on line " + std::to_string(quote_line) +
                     "); the input may be truncated";
        }
        *at_end = true;
        ++line_;
        return true;
      }
      std::string& field = fields_.back();
      switch (state) {
        case kFieldStart:
          if (c == '"') {
            state = kQuoted;
            quote_line = line_;
            continue;
          }
          state = kUnquoted;
          [[fallthrough]];
        case kUnquoted:
          if (c == ',') {
            fields_.emplace_back();
            state = kFieldStart;
          } else if (c == '\n') {
            ++line_;
            StripCr();
            return true;
          } else if (c == '"') {
            if (problem->empty()) *problem = "a double quote inside an unquoted field";
          } else if (field.size() < cap) {
            field.push_back(static_cast<char>(c));
          }
          break;
        case kQuoted:
          if (c == '"') {
            state = kAfterQuote;
          } else {
            if (c == '\n') ++line_;
            if (field.size() < cap) field.push_back(static_cast<char>(c));
          }
          break;
        case kAfterQuote:
          if (c == '"') {
            if (field.size() < cap) field.push_back('"');
            state = kQuoted;
          } else if (c == ',') {
            fields_.emplace_back();
            state = kFieldStart;
          } else if (c == '\n') {
            ++line_;
            return true;
          } else if (c == '\r' && source_->Peek(io) == '\n') {
            // CRLF after a closing quote
          } else if (problem->empty()) {
            *problem = "unexpected character after a closing quote";
          }
          break;
      }
    }
  }

  // An unquoted last field keeps the CR of a CRLF line ending; drop it.
  void StripCr() {
    std::string& last = fields_.back();
    if (!last.empty() && last.back() == '\r') last.pop_back();
  }

  std::unique_ptr<ByteSource> source_;
  std::string name_;
  RecordLimits limits_;
  std::vector<std::string> fields_;
  std::uint64_t line_ = 1;
  bool header_read_ = false;
  std::size_t column_count_ = 4;
  std::size_t account_col_ = 0, kind_col_ = 1, value_col_ = 2, ts_col_ = 3;
};

class JsonLinesReader final : public RecordReader {
 public:
  JsonLinesReader(std::unique_ptr<ByteSource> source, std::string name, RecordLimits limits)
      : source_(std::move(source)), name_(std::move(name)), limits_(limits) {}

  Result<Outcome> Next(RawRecord* record, std::string* error) override {
    while (true) {
      bool overlong = false;
      Status io;
      const std::size_t line_cap = limits_.max_value_bytes * 6 + 4096;  // \uXXXX escapes
      bool got = source_->ReadLine(&line_text_, line_cap, &overlong, &io);
      if (!io.ok()) return io.WithContext(name_);
      if (!got) return Outcome::kEnd;
      std::uint64_t line = ++line_;
      if (!line_text_.empty() && line_text_.back() == '\r') line_text_.pop_back();
      if (line_text_.find_first_not_of(" \t") == std::string::npos) continue;
      auto reject = [&](const std::string& why) {
        record->line = line;
        *error = name_ + ":" + std::to_string(line) + ": " + why;
        return Outcome::kRejected;
      };
      if (overlong) return reject("line is longer than " + std::to_string(line_cap) + " bytes");
      nlohmann::json doc = nlohmann::json::parse(line_text_, nullptr, /*allow_exceptions=*/false);
      if (doc.is_discarded()) return reject("not valid JSON (or not valid UTF-8)");
      if (!doc.is_object()) return reject("expected a JSON object");
      const char* names[] = {"account", "kind", "value"};
      std::string* outs[] = {&record->account, &record->kind, &record->value};
      for (int k = 0; k < 3; ++k) {
        auto it = doc.find(names[k]);
        if (it == doc.end()) return reject(std::string("missing field '") + names[k] + "'");
        if (!it->is_string())
          return reject(std::string("field '") + names[k] + "' must be a string");
        *outs[k] = it->get_ref<const std::string&>();
      }
      auto ts = doc.find("ts");
      if (ts == doc.end()) return reject("missing field 'ts'");
      if (ts->is_number_unsigned() || ts->is_number_integer()) {
        if (ts->is_number_integer() && ts->get<std::int64_t>() < 0) {
          return reject("field 'ts' must not be negative");
        }
        record->ts = std::to_string(ts->get<std::uint64_t>());
      } else if (ts->is_string()) {
        record->ts = ts->get_ref<const std::string&>();
      } else {
        return reject("field 'ts' must be an integer or an RFC 3339 string");
      }
      record->line = line;
      std::string problem = CheckFields(*record, limits_);
      if (!problem.empty()) return reject(problem);
      return Outcome::kRecord;
    }
  }

  std::uint64_t bytes_consumed() const override { return source_->consumed(); }
  std::uint64_t total_bytes() const override { return source_->total(); }
  const std::string& source_name() const override { return name_; }

 private:
  std::unique_ptr<ByteSource> source_;
  std::string name_;
  RecordLimits limits_;
  std::string line_text_;
  std::uint64_t line_ = 0;
};

// Records already split into fields, as the API receives them; "lines" are 1-based positions.
class RecordListReader final : public RecordReader {
 public:
  RecordListReader(std::vector<RawRecord> records, std::string name, RecordLimits limits)
      : records_(std::move(records)), name_(std::move(name)), limits_(limits) {
    for (const RawRecord& r : records_) {
      total_ += r.account.size() + r.kind.size() + r.value.size() + r.ts.size();
    }
  }

  Result<Outcome> Next(RawRecord* record, std::string* error) override {
    if (next_ == records_.size()) return Outcome::kEnd;
    const std::uint64_t line = next_ + 1;
    *record = std::move(records_[next_++]);
    record->line = line;
    consumed_ +=
        record->account.size() + record->kind.size() + record->value.size() + record->ts.size();
    std::string problem = CheckFields(*record, limits_);
    if (!problem.empty()) {
      *error = name_ + ":" + std::to_string(line) + ": " + problem;
      return Outcome::kRejected;
    }
    return Outcome::kRecord;
  }

  std::uint64_t bytes_consumed() const override { return consumed_; }
  std::uint64_t total_bytes() const override { return total_; }
  const std::string& source_name() const override { return name_; }

 private:
  std::vector<RawRecord> records_;
  std::string name_;
  RecordLimits limits_;
  std::size_t next_ = 0;
  std::uint64_t consumed_ = 0;
  std::uint64_t total_ = 0;
};

std::unique_ptr<RecordReader> MakeReader(std::unique_ptr<ByteSource> source, std::string name,
                                         InputFormat format, RecordLimits limits) {
  if (format == InputFormat::kCsv) {
    return std::make_unique<CsvReader>(std::move(source), std::move(name), limits);
  }
  return std::make_unique<JsonLinesReader>(std::move(source), std::move(name), limits);
}

}  // namespace

Result<InputFormat> InputFormatFromName(std::string_view name) {
  if (name == "csv") return InputFormat::kCsv;
  if (name == "jsonl" || name == "ndjson" || name == "json") return InputFormat::kJsonLines;
  return Status::InvalidArgument("format '" + std::string(name) + "' is unknown; use csv or jsonl");
}

Result<InputFormat> InputFormatFromPath(std::string_view path) {
  auto ends_with = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
  };
  if (ends_with(".csv")) return InputFormat::kCsv;
  if (ends_with(".jsonl") || ends_with(".ndjson") || ends_with(".json")) {
    return InputFormat::kJsonLines;
  }
  return Status::InvalidArgument("cannot tell the format of '" + std::string(path) +
                                 "' from its extension; name it .csv or .jsonl, or pass --format");
}

Result<std::unique_ptr<RecordReader>> RecordReader::Open(const std::string& path,
                                                         InputFormat format, RecordLimits limits) {
  int fd = path == "-" ? ::dup(STDIN_FILENO) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Status::IoError("cannot open '" + path + "': " + std::strerror(errno));
  }
  struct stat info;
  std::uint64_t total = 0;
  if (::fstat(fd, &info) == 0) {
    if (S_ISDIR(info.st_mode)) {
      ::close(fd);
      return Status::InvalidArgument("'" + path + "' is a directory, not an input file");
    }
    if (S_ISREG(info.st_mode)) total = static_cast<std::uint64_t>(info.st_size);
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  std::string name = path == "-" ? "<stdin>" : path;
  return MakeReader(std::make_unique<ByteSource>(fd, total), std::move(name), format, limits);
}

std::unique_ptr<RecordReader> RecordReader::FromString(std::string data, std::string source_name,
                                                       InputFormat format, RecordLimits limits) {
  return MakeReader(std::make_unique<ByteSource>(std::move(data)), std::move(source_name), format,
                    limits);
}

std::unique_ptr<RecordReader> RecordReader::FromRecords(std::vector<RawRecord> records,
                                                        std::string source_name,
                                                        RecordLimits limits) {
  return std::make_unique<RecordListReader>(std::move(records), std::move(source_name), limits);
}

}  // namespace ringgraph
