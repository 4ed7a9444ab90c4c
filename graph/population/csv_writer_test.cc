// Tests for the RFC 4180 appenders: quoting only when needed, and a round trip through a small
// parser written here from the RFC and through the engine's own CSV record reader.
#include "graph/population/csv_writer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "graph/population/csv_test_parser.h"
#include "graph/signals/record_reader.h"

namespace ringgraph::population {
namespace {

TEST(CsvWriterTest, PlainFieldsAreNotQuoted) {
  std::string out;
  AppendCsvRow(&out, {"acct-000001", "ip", "2001:db8::1", "1790812800"});
  EXPECT_EQ(out, "acct-000001,ip,2001:db8::1,1790812800\n");
}

TEST(CsvWriterTest, QuotesFieldsWithCommasQuotesAndLineBreaks) {
  std::string out;
  AppendCsvField(&out, "a,b");
  EXPECT_EQ(out, "\"a,b\"");
  out.clear();
  AppendCsvField(&out, "say \"hi\"");
  EXPECT_EQ(out, "\"say \"\"hi\"\"\"");
  out.clear();
  AppendCsvField(&out, "one\ntwo");
  EXPECT_EQ(out, "\"one\ntwo\"");
  out.clear();
  AppendCsvField(&out, "cr\ronly");
  EXPECT_EQ(out, "\"cr\ronly\"");
  EXPECT_FALSE(CsvFieldNeedsQuotes("no specials: ;'\t"));
}

const std::vector<std::string>& TrickyFields() {
  static const std::vector<std::string> kFields = {
      "",
      "\"",
      ",",
      "\"\"\"",
      "Translate, please: \"bonjour\"\nthen explain\r\nstep by step.",
      "ends with a quote\"",
      "\n",
      "plain",
  };
  return kFields;
}

TEST(CsvWriterTest, TrickyFieldsRoundTripThroughAnRfc4180Parser) {
  std::string text;
  for (const std::string& field : TrickyFields()) AppendCsvRow(&text, {"acct-1", field, "x"});
  std::vector<std::vector<std::string>> rows;
  ASSERT_TRUE(csv_test::ParseCsv(text, &rows)) << text;
  ASSERT_EQ(rows.size(), TrickyFields().size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 3u) << "row " << i;
    EXPECT_EQ(rows[i][0], "acct-1");
    EXPECT_EQ(rows[i][1], TrickyFields()[i]) << "row " << i;
    EXPECT_EQ(rows[i][2], "x");
  }
}

TEST(CsvWriterTest, TrickyPromptsRoundTripThroughTheIngestReader) {
  std::string text = "account,kind,value,ts\n";
  for (const std::string& field : TrickyFields()) {
    AppendCsvRow(&text, {"acct-000001", "prompt", field, "1790812800"});
  }
  auto reader = RecordReader::FromString(text, "tricky.csv", InputFormat::kCsv);
  RawRecord record;
  std::string error;
  for (const std::string& field : TrickyFields()) {
    Result<RecordReader::Outcome> outcome = reader->Next(&record, &error);
    ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
    ASSERT_EQ(*outcome, RecordReader::Outcome::kRecord) << error;
    EXPECT_EQ(record.value, field);
  }
  Result<RecordReader::Outcome> end = reader->Next(&record, &error);
  ASSERT_TRUE(end.ok());
  EXPECT_EQ(*end, RecordReader::Outcome::kEnd);
}

}  // namespace
}  // namespace ringgraph::population
