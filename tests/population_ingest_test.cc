// End to end: a generated population goes through ringctl ingest, and ringctl stats agrees with
// what the generator wrote, counted independently from signals.csv and truth.csv.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "graph/signals/ip_address.h"
#include "graph/signals/record_reader.h"
#include "tests/cli_runner.h"

namespace ringgraph::e2e {
namespace {

TEST(PopulationIngestTest, StatsAgreeWithTheGeneratedFiles) {
  TempDir dir("population_ingest");
  std::string pop = dir.Sub("pop");
  CommandResult r =
      RunCommand(Ringctl() + " gen --accounts 5000 --rings 6 --seed 3 --out " + pop, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;

  // Count what the files hold, without the store.
  std::set<std::string> accounts;
  std::set<std::pair<std::string, std::string>> values;  // (kind, normalised value)
  std::set<std::tuple<std::string, std::string, std::string>> pairs;
  std::uint64_t records = 0, prompts = 0;
  auto reader = RecordReader::Open(pop + "/signals.csv", InputFormat::kCsv);
  ASSERT_TRUE(reader.ok());
  RawRecord record;
  std::string error;
  while (true) {
    auto outcome = (*reader)->Next(&record, &error);
    ASSERT_TRUE(outcome.ok());
    if (*outcome == RecordReader::Outcome::kEnd) break;
    ASSERT_EQ(*outcome, RecordReader::Outcome::kRecord) << error;
    ++records;
    accounts.insert(record.account);
    if (record.kind == "prompt") {
      ++prompts;
      continue;
    }
    std::string value = record.value;
    if (record.kind == "ip") value = *NormalizeIpAddress(value);
    values.emplace(record.kind, value);
    pairs.emplace(record.account, record.kind, value);
  }
  std::istringstream truth(ReadFile(pop + "/truth.csv"));
  std::string line;
  std::getline(truth, line);
  EXPECT_EQ(line, "account,group,is_ring");
  std::uint64_t truth_rows = 0;
  while (std::getline(truth, line)) ++truth_rows;
  EXPECT_EQ(truth_rows, 5000u);

  std::string ctl =
      Ringctl() + " --data " + dir.Sub("data") + " --secret-file " + dir.Sub("secret");
  r = RunCommand(ctl + " ingest --create-secret " + pop + "/signals.csv", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunCommand(ctl + " stats --json", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json stats = nlohmann::json::parse(r.out);
  EXPECT_EQ(stats["accounts"].get<std::uint64_t>(), accounts.size());
  EXPECT_EQ(stats["accounts"].get<std::uint64_t>(), truth_rows);
  EXPECT_EQ(stats["records"].get<std::uint64_t>(), records);
  EXPECT_EQ(stats["prompts"].get<std::uint64_t>(), prompts);
  for (const char* kind : {"payment", "ip", "device"}) {
    std::uint64_t expected = 0;
    for (const auto& [k, v] : values) expected += k == kind;
    EXPECT_EQ(stats["signals_by_kind"][kind].get<std::uint64_t>(), expected) << kind;
  }
  // Every identity pair is one adjacency entry; template pairs come on top.
  EXPECT_GE(stats["adjacency_entries"].get<std::uint64_t>(), pairs.size());
  std::uint64_t template_values = stats["signals_by_kind"]["template"].get<std::uint64_t>();
  if (template_values == 0) {
    EXPECT_EQ(stats["adjacency_entries"].get<std::uint64_t>(), pairs.size());
  }

  // Ingesting the same file again changes only counts: no new accounts, identity values or
  // identity pairs. (Templates are learned from how often text recurs, and every prompt now
  // recurs twice, so a phrase can become a template the second time; they may only grow.)
  r = RunCommand(ctl + " ingest " + pop + "/signals.csv", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunCommand(ctl + " stats --json", dir);
  nlohmann::json again = nlohmann::json::parse(r.out);
  EXPECT_EQ(again["accounts"], stats["accounts"]);
  for (const char* kind : {"payment", "ip", "device"}) {
    EXPECT_EQ(again["signals_by_kind"][kind], stats["signals_by_kind"][kind]) << kind;
  }
  EXPECT_GE(again["signals_by_kind"]["template"].get<std::uint64_t>(), template_values);
  EXPECT_EQ(again["signals"].get<std::uint64_t>() - stats["signals"].get<std::uint64_t>(),
            again["signals_by_kind"]["template"].get<std::uint64_t>() - template_values);
  EXPECT_GE(again["adjacency_entries"].get<std::uint64_t>(),
            stats["adjacency_entries"].get<std::uint64_t>());
  EXPECT_EQ(again["records"].get<std::uint64_t>(), 2 * records);
  EXPECT_EQ(again["prompts"].get<std::uint64_t>(), 2 * prompts);
}

}  // namespace
}  // namespace ringgraph::e2e
