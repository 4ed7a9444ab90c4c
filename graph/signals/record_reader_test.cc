#include "graph/signals/record_reader.h"

#include <gtest/gtest.h>

#include <vector>

namespace ringgraph {
namespace {

struct ReadAll {
  std::vector<RawRecord> records;
  std::vector<std::string> errors;
  Status status;
};

ReadAll Read(std::string text, InputFormat format, RecordLimits limits = {}) {
  ReadAll out;
  auto reader = RecordReader::FromString(std::move(text), "in", format, limits);
  while (true) {
    RawRecord record;
    std::string error;
    auto outcome = reader->Next(&record, &error);
    if (!outcome.ok()) {
      out.status = outcome.status();
      return out;
    }
    if (*outcome == RecordReader::Outcome::kEnd) return out;
    if (*outcome == RecordReader::Outcome::kRecord) out.records.push_back(record);
    if (*outcome == RecordReader::Outcome::kRejected) out.errors.push_back(error);
  }
}

TEST(CsvReaderTest, QuotedFieldsKeepCommasDoubledQuotesAndNewlines) {
  auto got = Read(
      "account,kind,value,ts\n"
      "a1,prompt,\"Solve, then \"\"explain\"\"\nstep by step\",1759312800\n"
      "a2,ip,203.0.113.7,2025-10-01T10:00:00Z\n",
      InputFormat::kCsv);
  ASSERT_TRUE(got.status.ok());
  ASSERT_EQ(got.records.size(), 2u);
  EXPECT_EQ(got.records[0].value, "Solve, then \"explain\"\nstep by step");
  EXPECT_EQ(got.records[0].line, 2u);
  EXPECT_EQ(got.records[1].line, 4u);  // the quoted newline moved it down one line
  EXPECT_EQ(got.records[1].ts, "2025-10-01T10:00:00Z");
}

TEST(CsvReaderTest, CrlfEmptyLinesAndReorderedHeader) {
  auto got = Read("ts,account,kind,value\r\n\r\n5,a1,ip,1.2.3.4\r\n\n6,a2,device,\"d\"\r\n",
                  InputFormat::kCsv);
  ASSERT_TRUE(got.status.ok()) << got.status.ToString();
  ASSERT_EQ(got.records.size(), 2u);
  EXPECT_EQ(got.records[0].value, "1.2.3.4");
  EXPECT_EQ(got.records[0].ts, "5");
  EXPECT_EQ(got.records[1].value, "d");
  EXPECT_TRUE(got.errors.empty());
}

TEST(CsvReaderTest, BadRecordsGetLineNumbersAndGoodOnesAreKept) {
  std::string overlong(300, 'x');
  auto got = Read(
      "account,kind,value,ts\n"
      "a1,ip,1.2.3.4\n"     // line 2: missing column
      "a2,ip,\xff\xfe,5\n"  // line 3: bad UTF-8
          + overlong +
          ",ip,1.2.3.4,5\n"                // line 4: account too long
          "a3,ip,bad\"quote,5\n"           // line 5: stray quote
          "a4,device,ok,7\n"               // line 6: good
          "a5,prompt,\"never closed,8\n",  // line 7: truncated last record
      InputFormat::kCsv);
  ASSERT_TRUE(got.status.ok());
  ASSERT_EQ(got.records.size(), 1u);
  EXPECT_EQ(got.records[0].account, "a4");
  ASSERT_EQ(got.errors.size(), 5u);
  EXPECT_EQ(got.errors[0], "in:2: expected 4 fields, found 3");
  EXPECT_NE(got.errors[1].find("in:3: field 'value' is not valid UTF-8"), std::string::npos);
  EXPECT_NE(got.errors[2].find("in:4: field 'account' is longer than 256"), std::string::npos);
  EXPECT_NE(got.errors[3].find("in:5: a double quote inside an unquoted field"), std::string::npos);
  EXPECT_NE(got.errors[4].find("in:7: unterminated quoted field"), std::string::npos);
}

TEST(CsvReaderTest, OverlongValueIsRejectedWithoutBufferingItAll) {
  RecordLimits limits;
  limits.max_value_bytes = 16;
  auto got = Read("account,kind,value,ts\na,prompt," + std::string(100000, 'v') + ",5\nb,ip,x,6\n",
                  InputFormat::kCsv, limits);
  ASSERT_EQ(got.errors.size(), 1u);
  EXPECT_NE(got.errors[0].find("longer than 16 bytes"), std::string::npos);
  ASSERT_EQ(got.records.size(), 1u);
  EXPECT_EQ(got.records[0].account, "b");
}

TEST(CsvReaderTest, LastLineWithoutNewlineIsRead) {
  auto got = Read("account,kind,value,ts\na,ip,1.2.3.4,5", InputFormat::kCsv);
  ASSERT_EQ(got.records.size(), 1u);
  EXPECT_EQ(got.records[0].ts, "5");
}

TEST(CsvReaderTest, WrongHeaderStopsTheStream) {
  auto got = Read("user,kind,value,ts\na,ip,1.2.3.4,5\n", InputFormat::kCsv);
  EXPECT_EQ(got.status.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(got.status.message().find("account,kind,value,ts"), std::string::npos);
  EXPECT_FALSE(Read("", InputFormat::kCsv).status.ok());
}

TEST(JsonLinesReaderTest, ReadsRecordsWithNumericOrTextTimestamps) {
  auto got = Read(
      "{\"account\":\"a1\",\"kind\":\"ip\",\"value\":\"1.2.3.4\",\"ts\":5}\n"
      "\n"
      "{\"account\":\"a2\",\"kind\":\"prompt\",\"value\":\"x, \\\"y\\\"\\nz\","
      "\"ts\":\"2025-10-01T10:00:00Z\"}",
      InputFormat::kJsonLines);
  ASSERT_TRUE(got.status.ok());
  ASSERT_EQ(got.records.size(), 2u);
  EXPECT_EQ(got.records[0].ts, "5");
  EXPECT_EQ(got.records[1].value, "x, \"y\"\nz");
  EXPECT_EQ(got.records[1].line, 3u);
}

TEST(JsonLinesReaderTest, BadLinesAreRejectedWithTheReason) {
  auto got = Read(
      "{\"account\":\"a1\",\"kind\":\"ip\",\"value\":\"1.2.3.4\"}\n"        // no ts
      "[1,2]\n"                                                             // not an object
      "{\"account\":\"a1\",\"kind\":\"ip\",\"value\":7,\"ts\":1}\n"         // value not a string
      "{\"account\":\"a1\",\"kind\":\"ip\",\"value\":\"\xff\",\"ts\":1}\n"  // bad UTF-8
      "{\"account\":\"a1\",\"kind\":\n"                                     // truncated
      "{\"account\":\"ok\",\"kind\":\"ip\",\"value\":\"1.2.3.4\",\"ts\":-1}\n"
      "{\"account\":\"ok\",\"kind\":\"ip\",\"value\":\"1.2.3.4\",\"ts\":1}\n",
      InputFormat::kJsonLines);
  ASSERT_EQ(got.records.size(), 1u);
  ASSERT_EQ(got.errors.size(), 6u);
  EXPECT_EQ(got.errors[0], "in:1: missing field 'ts'");
  EXPECT_EQ(got.errors[1], "in:2: expected a JSON object");
  EXPECT_EQ(got.errors[2], "in:3: field 'value' must be a string");
  EXPECT_NE(got.errors[3].find("in:4: not valid JSON"), std::string::npos);
  EXPECT_NE(got.errors[4].find("in:5: not valid JSON"), std::string::npos);
  EXPECT_EQ(got.errors[5], "in:6: field 'ts' must not be negative");
}

TEST(InputFormatTest, ChosenByExtensionOrName) {
  EXPECT_EQ(*InputFormatFromPath("x/signals.csv"), InputFormat::kCsv);
  EXPECT_EQ(*InputFormatFromPath("a.jsonl"), InputFormat::kJsonLines);
  EXPECT_FALSE(InputFormatFromPath("a.txt").ok());
  EXPECT_FALSE(InputFormatFromName("xml").ok());
}

}  // namespace
}  // namespace ringgraph
