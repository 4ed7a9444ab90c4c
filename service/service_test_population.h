// For the service's unit tests: a real RingService over a real LMDB store in a temporary
// directory, fed a small seeded population (graph/population) through RingService::Ingest.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "graph/common/temp_dir.h"
#include "graph/population/population_generator.h"
#include "graph/signals/record_reader.h"
#include "graph/signals/secret_file.h"
#include "service/ring_service.h"

namespace ringgraph::service::test_population {

// 1000 accounts with three planted rings (a card farm, a hydra, a low-and-slow ring). Small
// enough to generate, ingest and detect in well under a second.
inline constexpr std::uint64_t kAccounts = 1000;
inline constexpr std::uint32_t kRings = 3;
inline constexpr std::uint64_t kSeed = 7;

struct Population {
  std::vector<RawRecord> records;
  std::map<std::string, std::string> group_of;  // account -> its group in truth.csv
  // The accounts of the first group whose name starts with `prefix` ("ring_cardfarm-").
  std::vector<std::string> GroupMembers(const std::string& prefix) const {
    std::string group;
    std::vector<std::string> members;
    for (const auto& [account, g] : group_of) {
      if (g.rfind(prefix, 0) != 0) continue;
      if (group.empty()) group = g;
      if (g == group) members.push_back(account);
    }
    return members;
  }
};

// The seeded population as the records the API would send, and its ground truth.
inline Population GeneratePopulation() {
  population::PopulationOptions options;
  options.accounts = kAccounts;
  options.rings = kRings;
  options.seed = kSeed;
  auto generator = population::PopulationGenerator::Create(options);
  EXPECT_TRUE(generator.ok()) << generator.status().ToString();
  std::string signals, truth;
  Status generated = (*generator)
                         ->Generate(
                             [&](std::string_view b) {
                               signals.append(b);
                               return Status::Ok();
                             },
                             [&](std::string_view b) {
                               truth.append(b);
                               return Status::Ok();
                             },
                             nullptr, nullptr);
  EXPECT_TRUE(generated.ok()) << generated.ToString();

  Population out;
  auto reader = RecordReader::FromString(std::move(signals), "signals.csv", InputFormat::kCsv);
  RawRecord record;
  std::string error;
  for (;;) {
    Result<RecordReader::Outcome> next = reader->Next(&record, &error);
    EXPECT_TRUE(next.ok()) << next.status().ToString();
    if (!next.ok() || *next == RecordReader::Outcome::kEnd) break;
    EXPECT_EQ(*next, RecordReader::Outcome::kRecord) << error;
    if (*next == RecordReader::Outcome::kRecord) out.records.push_back(record);
  }
  // truth.csv: "account,group,is_ring", one header line.
  std::size_t line_start = truth.find('\n') + 1;
  while (line_start < truth.size()) {
    std::size_t end = truth.find('\n', line_start);
    if (end == std::string::npos) end = truth.size();
    const std::string line = truth.substr(line_start, end - line_start);
    const std::size_t comma = line.find(',');
    const std::size_t comma2 = line.find(',', comma + 1);
    out.group_of[line.substr(0, comma)] = line.substr(comma + 1, comma2 - comma - 1);
    line_start = end + 1;
  }
  return out;
}

// A fresh secret in `dir` and the options a test service opens with.
inline ServiceOptions TestServiceOptions(const TempDir& dir) {
  const std::string secret = dir.Sub("secret");
  Result<Secret> created = CreateSecretFile(secret);
  EXPECT_TRUE(created.ok()) << created.status().ToString();
  ServiceOptions options;
  options.data_dir = dir.Sub("data");
  options.secret_file = secret;
  return options;
}

inline std::unique_ptr<RingService> OpenService(const ServiceOptions& options) {
  auto service = RingService::Open(options, nullptr);
  EXPECT_TRUE(service.ok()) << service.status().ToString();
  return service.ok() ? std::move(*service) : nullptr;
}

}  // namespace ringgraph::service::test_population
