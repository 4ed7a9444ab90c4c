// Tests for the population generator: reproducibility, counts, the look-alikes' presence and
// shape, the file format (read back by an independent parser and by the ingest reader and
// validator), timestamps inside the month, and that each sweep parameter moves what it claims.
#include "graph/population/population_generator.h"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/common/temp_dir.h"
#include "graph/ingest/record_validator.h"
#include "graph/population/csv_test_parser.h"
#include "graph/signals/record_reader.h"
#include "graph/signals/signal_kind.h"
#include "graph/signals/timestamp.h"
#include "graph/templates/prompt_corpus.h"

namespace ringgraph::population {
namespace {

constexpr std::uint64_t kAccounts = 5000;
constexpr std::uint32_t kRings = 6;

struct Output {
  std::string signals;
  std::string truth;
  PopulationSummary summary;
};

Output Generate(PopulationOptions options) {
  auto gen = PopulationGenerator::Create(options);
  EXPECT_TRUE(gen.ok()) << gen.status().ToString();
  Output out;
  Status status = (*gen)->Generate(
      [&](std::string_view b) {
        out.signals.append(b);
        return Status::Ok();
      },
      [&](std::string_view b) {
        out.truth.append(b);
        return Status::Ok();
      },
      nullptr, &out.summary);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return out;
}

PopulationOptions SmallOptions(std::uint64_t seed = 7) {
  PopulationOptions options;
  options.accounts = kAccounts;
  options.rings = kRings;
  options.seed = seed;
  options.accounts_per_chunk = 256;
  return options;
}

// One generated population, parsed once and shared by the tests that only read it.
struct Parsed {
  Output out;
  std::vector<std::vector<std::string>> signal_rows;  // without the header
  std::map<std::string, std::string> group_of;        // account -> group
  std::map<std::string, bool> is_ring;
  std::map<std::string, std::set<std::string>> accounts_by_group;
  // (kind, value) -> accounts holding it
  std::map<std::pair<std::string, std::string>, std::set<std::string>> holders;
  std::map<std::string, UnixSeconds> first_ts;
};

std::string TypeOf(const std::string& group) { return group.substr(0, group.rfind('-')); }

const Parsed& Population() {
  static const Parsed* parsed = [] {
    auto* p = new Parsed;
    p->out = Generate(SmallOptions());
    std::vector<std::vector<std::string>> rows;
    EXPECT_TRUE(csv_test::ParseCsv(p->out.signals, &rows));
    EXPECT_FALSE(rows.empty());
    if (!rows.empty()) p->signal_rows.assign(rows.begin() + 1, rows.end());
    std::vector<std::vector<std::string>> truth;
    EXPECT_TRUE(csv_test::ParseCsv(p->out.truth, &truth));
    for (std::size_t i = 1; i < truth.size(); ++i) {
      EXPECT_EQ(truth[i].size(), 3u);
      p->group_of[truth[i][0]] = truth[i][1];
      p->is_ring[truth[i][0]] = truth[i][2] == "1";
      p->accounts_by_group[truth[i][1]].insert(truth[i][0]);
    }
    for (const auto& row : p->signal_rows) {
      if (row.size() != 4) continue;
      p->holders[{row[1], row[2]}].insert(row[0]);
      Result<UnixSeconds> ts = ParseTimestamp(row[3]);
      if (!ts.ok()) continue;
      auto [it, inserted] = p->first_ts.emplace(row[0], *ts);
      if (!inserted) it->second = std::min(it->second, *ts);
    }
    return p;
  }();
  return *parsed;
}

TEST(PopulationGeneratorTest, SameSeedGivesIdenticalBytesWhateverTheThreadsAndChunks) {
  Output a = Generate(SmallOptions());
  PopulationOptions other_chunks = SmallOptions();
  other_chunks.accounts_per_chunk = 97;
  Output b;
  tbb::task_arena one_thread(1);
  one_thread.execute([&] { b = Generate(other_chunks); });
  EXPECT_EQ(a.signals.size(), b.signals.size());
  EXPECT_TRUE(a.signals == b.signals);
  EXPECT_TRUE(a.truth == b.truth);
}

// FNV-1a, 64 bits: a digest that needs no library and is easy to recompute outside the test
// (for example with a few lines of Python over the files `ringctl gen` writes).
std::uint64_t Fnv1a64(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  return hash;
}

// Pins the bytes of a default population so that a change to the generator cannot move them by
// accident: detection is tuned on these populations. The digests were computed with the generator
// as it was before the sweep parameters were added (`ringctl gen --accounts 2000 --seed 5`).
// Change them only on purpose, and say why in the commit.
TEST(PopulationGeneratorTest, DefaultOptionsKeepTheirPinnedBytes) {
  PopulationOptions options;
  options.accounts = 2000;
  options.seed = 5;
  Output out = Generate(options);
  EXPECT_EQ(out.signals.size(), 5658679u);
  EXPECT_EQ(out.truth.size(), 56706u);
  EXPECT_EQ(Fnv1a64(out.signals), 0x6ab00eb08424708dull);
  EXPECT_EQ(Fnv1a64(out.truth), 0x5c5b150224b37756ull);
}

TEST(PopulationGeneratorTest, DifferentSeedsGiveDifferentPopulations) {
  Output a = Generate(SmallOptions(7));
  Output b = Generate(SmallOptions(8));
  EXPECT_NE(a.signals, b.signals);
  EXPECT_NE(a.truth, b.truth);
}

TEST(PopulationGeneratorTest, TruthHasOneRowPerAccountAndTheRequestedRings) {
  const Parsed& p = Population();
  EXPECT_TRUE(p.out.truth.starts_with("account,group,is_ring\n"));
  EXPECT_EQ(p.group_of.size(), kAccounts);
  EXPECT_EQ(p.out.summary.accounts, kAccounts);
  std::set<std::string> rings;
  std::uint64_t ring_accounts = 0;
  for (const auto& [account, group] : p.group_of) {
    const bool ring_group = group.starts_with("ring_");
    EXPECT_EQ(p.is_ring.at(account), ring_group) << account << " in " << group;
    if (ring_group) {
      rings.insert(group);
      ++ring_accounts;
    }
  }
  EXPECT_EQ(rings.size(), kRings);
  EXPECT_EQ(ring_accounts, p.out.summary.ring_accounts);
  // Every account with signals is in truth, and every account has signals.
  std::set<std::string> with_signals;
  for (const auto& row : p.signal_rows) with_signals.insert(row[0]);
  EXPECT_EQ(with_signals.size(), kAccounts);
  for (const std::string& account : with_signals) EXPECT_TRUE(p.group_of.count(account)) << account;
}

TEST(PopulationGeneratorTest, EveryHonestLookAlikeAndRingStyleIsPresent) {
  const Parsed& p = Population();
  std::map<std::string, std::set<std::string>> groups_by_type;
  for (const auto& [group, accounts] : p.accounts_by_group)
    groups_by_type[TypeOf(group)].insert(group);
  const std::map<std::string, std::size_t> kMinimumGroups = {
      {"individual", 1000}, {"family", 20},      {"company", 3},
      {"university", 3},    {"cgnat_user", 200}, {"proxy_customer", 50},
      {"ring_cardfarm", 1}, {"ring_hydra", 1},   {"ring_lowslow", 1}};
  for (const auto& [type, minimum] : kMinimumGroups) {
    EXPECT_GE(groups_by_type[type].size(), minimum) << type;
  }
  EXPECT_EQ(groups_by_type.size(), kMinimumGroups.size()) << "an undocumented group type";
}

TEST(PopulationGeneratorTest, SignalsFileHasTheIngestHeaderAndFourFieldsPerRecord) {
  const Parsed& p = Population();
  EXPECT_TRUE(p.out.signals.starts_with("account,kind,value,ts\n"));
  std::map<std::string, std::uint64_t> by_kind;
  for (const auto& row : p.signal_rows) {
    ASSERT_EQ(row.size(), 4u);
    ++by_kind[row[1]];
  }
  EXPECT_EQ(by_kind.size(), 4u);
  EXPECT_EQ(p.signal_rows.size(), p.out.summary.records);
  for (std::size_t k = 0; k < kEmittedKinds.size(); ++k) {
    EXPECT_EQ(by_kind[std::string(kEmittedKinds[k])], p.out.summary.records_by_kind[k]);
  }
  double per_account = static_cast<double>(p.signal_rows.size()) / kAccounts;
  EXPECT_GT(per_account, 10.0);
  EXPECT_LT(per_account, 22.0);
}

TEST(PopulationGeneratorTest, RecordsAreGroupedPerAccountInNameOrderAndSortedByTime) {
  const Parsed& p = Population();
  std::string previous_account;
  UnixSeconds previous_ts = 0;
  for (const auto& row : p.signal_rows) {
    UnixSeconds ts = *ParseTimestamp(row[3]);
    if (row[0] == previous_account) {
      EXPECT_GE(ts, previous_ts) << row[0];
    } else {
      EXPECT_LT(previous_account, row[0]);
    }
    previous_account = row[0];
    previous_ts = ts;
  }
}

TEST(PopulationGeneratorTest, TimestampsLieInTheMonthInBothFormats) {
  const Parsed& p = Population();
  std::uint64_t unix_seconds = 0, rfc3339 = 0;
  for (const auto& row : p.signal_rows) {
    Result<UnixSeconds> ts = ParseTimestamp(row[3]);
    ASSERT_TRUE(ts.ok()) << row[3];
    EXPECT_GE(*ts, kDefaultEpoch);
    EXPECT_LT(*ts, kDefaultEpoch + 30 * 86400);
    (row[3].find('T') != std::string::npos ? rfc3339 : unix_seconds)++;
  }
  EXPECT_GT(rfc3339, p.signal_rows.size() / 20);
  EXPECT_GT(unix_seconds, p.signal_rows.size() * 8 / 10);
  EXPECT_EQ(rfc3339, p.out.summary.rfc3339_timestamps);
}

TEST(PopulationGeneratorTest, EveryRecordPassesTheIngestReaderAndValidator) {
  const Parsed& p = Population();
  auto reader = RecordReader::FromString(p.out.signals, "signals.csv", InputFormat::kCsv);
  KindRegistry kinds = KindRegistry::Builtin();
  ingest::RecordValidator validator(kinds);
  RawRecord record;
  std::string error;
  std::uint64_t records = 0, ipv6 = 0;
  while (true) {
    Result<RecordReader::Outcome> outcome = reader->Next(&record, &error);
    ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
    if (*outcome == RecordReader::Outcome::kEnd) break;
    ASSERT_EQ(*outcome, RecordReader::Outcome::kRecord) << error;
    Result<ingest::ValidatedRecord> valid = validator.Validate(record);
    ASSERT_TRUE(valid.ok()) << record.account << "," << record.kind << "," << record.value << ": "
                            << valid.status().ToString();
    if (record.kind == "ip" && record.value.find(':') != std::string::npos) ++ipv6;
    ++records;
  }
  EXPECT_EQ(records, p.signal_rows.size());
  EXPECT_GT(ipv6, 0u);
}

TEST(PopulationGeneratorTest, PromptsNeedQuotingSometimes) {
  const Parsed& p = Population();
  std::uint64_t prompts = 0, with_comma = 0, with_newline = 0;
  std::set<std::string> distinct;
  for (const auto& row : p.signal_rows) {
    if (row[1] != "prompt") continue;
    ++prompts;
    distinct.insert(row[2]);
    with_comma += row[2].find(',') != std::string::npos;
    with_newline += row[2].find('\n') != std::string::npos;
  }
  EXPECT_GT(with_comma, 0u);
  EXPECT_GT(with_newline, 0u);
  // Fillings vary: the same text is rare.
  EXPECT_GT(distinct.size(), prompts * 8 / 10);
}

// Counts the accounts of each group type among `accounts`.
std::map<std::string, std::size_t> TypesAmong(const Parsed& p,
                                              const std::set<std::string>& accounts) {
  std::map<std::string, std::size_t> types;
  for (const std::string& a : accounts) ++types[TypeOf(p.group_of.at(a))];
  return types;
}

TEST(PopulationGeneratorTest, CompaniesShareAnOfficeAddressAndACard) {
  const Parsed& p = Population();
  std::size_t companies = 0, sharing_ip = 0, sharing_card = 0;
  for (const auto& [group, accounts] : p.accounts_by_group) {
    if (TypeOf(group) != "company" || accounts.size() < 8) continue;
    ++companies;
    std::size_t best_ip = 0, best_card = 0;
    for (const auto& [key, holders] : p.holders) {
      std::size_t inside = 0;
      for (const std::string& a : holders) inside += accounts.count(a);
      if (key.first == "ip") best_ip = std::max(best_ip, inside);
      if (key.first == "payment") best_card = std::max(best_card, inside);
    }
    sharing_ip += best_ip * 2 >= accounts.size();
    sharing_card += best_card >= 3;
  }
  ASSERT_GT(companies, 0u);
  EXPECT_EQ(sharing_ip, companies);
  EXPECT_EQ(sharing_card, companies);
}

TEST(PopulationGeneratorTest, CarrierNatAddressesAreSharedByManyStrangers) {
  const Parsed& p = Population();
  std::size_t largest = 0;
  for (const auto& [key, holders] : p.holders) {
    if (key.first == "ip" && key.second.starts_with("100."))
      largest = std::max(largest, holders.size());
  }
  EXPECT_GE(largest, 100u);
}

TEST(PopulationGeneratorTest, HydraExitsAlsoCarryHonestProxyCustomers) {
  const Parsed& p = Population();
  std::size_t mixed_exits = 0, hydra_exits = 0;
  for (const auto& [key, holders] : p.holders) {
    if (key.first != "ip") continue;
    auto types = TypesAmong(p, holders);
    if (types["ring_hydra"] >= 2) ++hydra_exits;
    if (types["ring_hydra"] >= 1 && types["proxy_customer"] >= 1) ++mixed_exits;
  }
  EXPECT_GT(hydra_exits, 10u);
  EXPECT_GT(mixed_exits, 5u);
}

TEST(PopulationGeneratorTest, FamiliesShareACardAndADevice) {
  const Parsed& p = Population();
  std::size_t shared_card = 0, shared_device = 0, families = 0;
  for (const auto& [key, holders] : p.holders) {
    auto types = TypesAmong(p, holders);
    if (types.size() != 1 || types.begin()->first != "family" || holders.size() < 2) continue;
    if (key.first == "payment") ++shared_card;
    if (key.first == "device") ++shared_device;
  }
  for (const auto& [group, accounts] : p.accounts_by_group) families += TypeOf(group) == "family";
  EXPECT_GT(shared_card, families / 2);
  EXPECT_GT(shared_device, families / 2);
}

TEST(PopulationGeneratorTest, RingAccountsAreYoungerThanHonestOnes) {
  const Parsed& p = Population();
  std::vector<UnixSeconds> ring, honest;
  for (const auto& [account, ts] : p.first_ts)
    (p.is_ring.at(account) ? ring : honest).push_back(ts);
  ASSERT_FALSE(ring.empty());
  std::nth_element(ring.begin(), ring.begin() + ring.size() / 2, ring.end());
  std::nth_element(honest.begin(), honest.begin() + honest.size() / 2, honest.end());
  EXPECT_GT(ring[ring.size() / 2], honest[honest.size() / 2] + 2 * 86400);
}

TEST(PopulationGeneratorTest, RingsSendMorePromptsThanHonestAccounts) {
  const Parsed& p = Population();
  std::uint64_t ring_prompts = 0, honest_prompts = 0;
  for (const auto& row : p.signal_rows) {
    if (row[1] == "prompt") (p.is_ring.at(row[0]) ? ring_prompts : honest_prompts)++;
  }
  const double ring_rate = static_cast<double>(ring_prompts) / p.out.summary.ring_accounts;
  const double honest_rate =
      static_cast<double>(honest_prompts) / (kAccounts - p.out.summary.ring_accounts);
  EXPECT_GT(ring_rate, 2 * honest_rate);
}

TEST(PopulationGeneratorTest, RejectsMoreRingsThanThePopulationCanHold) {
  PopulationOptions options = SmallOptions();
  options.accounts = 1000;
  options.rings = 200;
  auto gen = PopulationGenerator::Create(options);
  ASSERT_FALSE(gen.ok());
  EXPECT_EQ(gen.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(gen.status().message().find("--rings"), std::string::npos);
}

TEST(PopulationGeneratorTest, ZeroRingsIsAnAllHonestPopulation) {
  PopulationOptions options = SmallOptions();
  options.accounts = 500;
  options.rings = 0;
  Output out = Generate(options);
  EXPECT_EQ(out.summary.ring_accounts, 0u);
  EXPECT_EQ(out.truth.find(",1\n"), std::string::npos);
}

TEST(PopulationGeneratorTest, WritesBothFilesAndReportsAnUnwritableDirectory) {
  TempDir dir("population_test");
  PopulationOptions options = SmallOptions();
  options.accounts = 300;
  options.rings = 2;
  auto gen = PopulationGenerator::Create(options);
  ASSERT_TRUE(gen.ok());
  std::uint64_t last_progress = 0;
  PopulationSummary summary;
  ASSERT_TRUE((*gen)
                  ->WriteTo(
                      dir.Sub("out"),
                      [&](std::uint64_t done, std::uint64_t) { last_progress = done; }, &summary)
                  .ok());
  EXPECT_EQ(last_progress, 300u);
  EXPECT_EQ(std::filesystem::file_size(dir.Sub("out/signals.csv")), summary.signals_bytes);
  EXPECT_EQ(std::filesystem::file_size(dir.Sub("out/truth.csv")), summary.truth_bytes);

  std::ofstream(dir.Sub("a_file")) << "not a directory";
  Status status = (*gen)->WriteTo(dir.Sub("a_file/out"), nullptr, nullptr);
  EXPECT_EQ(status.code(), Status::Code::kIoError);
  EXPECT_NE(status.message().find("a_file"), std::string::npos) << status.message();
}

TEST(PopulationGeneratorTest, StopsAndReportsWhenTheSinkFails) {
  auto gen = PopulationGenerator::Create(SmallOptions());
  ASSERT_TRUE(gen.ok());
  int writes = 0;
  Status status = (*gen)->Generate(
      [&](std::string_view) { return ++writes == 3 ? Status::IoError("disk full") : Status::Ok(); },
      [](std::string_view) { return Status::Ok(); }, nullptr, nullptr);
  EXPECT_EQ(status.code(), Status::Code::kIoError);
  EXPECT_EQ(writes, 3);
}

// ---------------------------------------------------------------------------------------------
// Sweep parameters.

using ScaleField = double PopulationOptions::*;

struct SweepParameter {
  const char* option;
  ScaleField field;
};

class SweepParameterTest : public ::testing::TestWithParam<SweepParameter> {};

TEST_P(SweepParameterTest, RejectsValuesOutsideTheAllowedRangeNamingTheOption) {
  for (double value : {0.0, 0.09, 10.5, -1.0, std::nan("")}) {
    PopulationOptions options = SmallOptions();
    options.*GetParam().field = value;
    auto gen = PopulationGenerator::Create(options);
    ASSERT_FALSE(gen.ok()) << GetParam().option << " = " << value;
    EXPECT_EQ(gen.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(gen.status().message().find(GetParam().option), std::string::npos)
        << gen.status().message();
    EXPECT_NE(gen.status().message().find("0.1 to 10"), std::string::npos)
        << gen.status().message();
  }
}

TEST_P(SweepParameterTest, AcceptsBothEndsOfTheRange) {
  for (double value : {kMinSweepScale, kMaxSweepScale}) {
    PopulationOptions options = SmallOptions();
    options.accounts = 20000;  // room for rings ten times their usual size
    options.rings = 3;
    options.*GetParam().field = value;
    auto gen = PopulationGenerator::Create(options);
    EXPECT_TRUE(gen.ok()) << GetParam().option << " = " << value << ": " << gen.status().ToString();
  }
}

INSTANTIATE_TEST_SUITE_P(
    EachSweepParameter, SweepParameterTest,
    ::testing::Values(SweepParameter{"ring_size_scale", &PopulationOptions::ring_size_scale},
                      SweepParameter{"share_rate_scale", &PopulationOptions::share_rate_scale},
                      SweepParameter{"template_scale", &PopulationOptions::template_scale},
                      SweepParameter{"ring_volume_scale", &PopulationOptions::ring_volume_scale}),
    [](const ::testing::TestParamInfo<SweepParameter>& info) {
      return std::string(info.param.option);
    });

// Sweep populations: more rings than SmallOptions() so that every ring style appears several
// times (four card farms, four hydras, four low-and-slow rings).
PopulationOptions SweepOptions(ScaleField field, double value) {
  PopulationOptions options = SmallOptions();
  options.rings = 12;
  options.*field = value;
  return options;
}

// The first fixed segment of every extraction family (opener and the family's own phrase, up to
// the blank line before the first slot), and each variant with one word dropped (the corpus's
// light edit), mapped to the family. Built from the corpus's own Skeleton(), so the test reads
// the family of a prompt without trusting the template fingerprinter under test elsewhere.
std::unordered_map<std::string, std::uint32_t> ExtractionFamilyHeads(std::uint64_t seed,
                                                                     std::uint32_t families) {
  templates::PromptCorpus corpus(seed);
  std::unordered_map<std::string, std::uint32_t> heads;
  for (std::uint32_t family = 0; family < families; ++family) {
    const std::string skeleton =
        corpus.Skeleton(templates::PromptCorpus::Style::kExtraction, family);
    const std::string head = skeleton.substr(0, skeleton.find("{slot}"));
    heads.emplace(head, family);
    for (std::size_t space = head.find(' '); space != std::string::npos;) {
      const std::size_t next = head.find(' ', space + 1);
      if (next == std::string::npos) break;
      heads.emplace(head.substr(0, space) + head.substr(next), family);
      space = next;
    }
  }
  return heads;
}

// What the sweep tests measure in one generated population, read back from its two files.
struct RingMeasures {
  std::map<std::string, std::uint64_t> accounts_by_type;  // ring types only
  // ring type -> kind -> distinct values held by that type's accounts
  std::map<std::string, std::map<std::string, std::set<std::string>>> values;
  std::uint64_t ring_accounts = 0;
  std::uint64_t ring_prompts = 0;
  std::uint64_t templated_ring_prompts = 0;  // ring prompts from an extraction family
  std::map<std::string, std::set<std::uint32_t>> families_by_ring;  // ring group -> families seen
  std::uint64_t honest_prompts = 0;

  double DistinctPerAccount(const std::string& type, const std::string& kind) const {
    return static_cast<double>(values.at(type).at(kind).size()) / accounts_by_type.at(type);
  }
  double PromptsPerRingAccount() const { return static_cast<double>(ring_prompts) / ring_accounts; }
  double TemplatedShare() const {
    return static_cast<double>(templated_ring_prompts) / ring_prompts;
  }
  double FamiliesPerRing() const {
    std::uint64_t total = 0;
    for (const auto& [ring, families] : families_by_ring) total += families.size();
    return static_cast<double>(total) / families_by_ring.size();
  }
};

RingMeasures Measure(const PopulationOptions& options) {
  const Output out = Generate(options);
  static const auto* heads = new std::unordered_map<std::string, std::uint32_t>(
      ExtractionFamilyHeads(SmallOptions().seed, /*families=*/512));
  EXPECT_EQ(options.seed, SmallOptions().seed) << "the family heads are built for one seed";
  RingMeasures m;
  std::vector<std::vector<std::string>> truth, signals;
  EXPECT_TRUE(csv_test::ParseCsv(out.truth, &truth));
  EXPECT_TRUE(csv_test::ParseCsv(out.signals, &signals));
  std::unordered_map<std::string, std::string> ring_group;  // ring account -> its group
  for (std::size_t i = 1; i < truth.size(); ++i) {
    if (truth[i][2] != "1") continue;
    ring_group[truth[i][0]] = truth[i][1];
    ++m.accounts_by_type[TypeOf(truth[i][1])];
    ++m.ring_accounts;
  }
  for (std::size_t i = 1; i < signals.size(); ++i) {
    const std::vector<std::string>& row = signals[i];
    auto ring = ring_group.find(row[0]);
    if (ring == ring_group.end()) {
      m.honest_prompts += row[1] == "prompt";
      continue;
    }
    m.values[TypeOf(ring->second)][row[1]].insert(row[2]);
    if (row[1] != "prompt") continue;
    ++m.ring_prompts;
    const std::size_t blank_line = row[2].find("\n\n");
    if (blank_line == std::string::npos) continue;
    auto family = heads->find(row[2].substr(0, blank_line + 2));
    if (family == heads->end()) continue;
    ++m.templated_ring_prompts;
    m.families_by_ring[ring->second].insert(family->second);
  }
  return m;
}

TEST(PopulationSweepTest, RingSizeScaleScalesTheRingAccounts) {
  auto ring_accounts = [](double scale) {
    PopulationOptions options = SweepOptions(&PopulationOptions::ring_size_scale, scale);
    options.accounts = 20000;
    auto gen = PopulationGenerator::Create(options);
    EXPECT_TRUE(gen.ok()) << gen.status().ToString();
    std::uint64_t planned_in_rings = 0;
    for (std::uint64_t a = 0; a < options.accounts; ++a) {
      planned_in_rings += IsRingType((*gen)->GroupTypeOf(a));
    }
    EXPECT_EQ(planned_in_rings, (*gen)->ring_accounts());
    return static_cast<double>((*gen)->ring_accounts());
  };
  const double normal = ring_accounts(1.0);
  EXPECT_NEAR(ring_accounts(0.5) / normal, 0.5, 0.05);
  EXPECT_NEAR(ring_accounts(1.5) / normal, 1.5, 0.05);
  EXPECT_NEAR(ring_accounts(3.0) / normal, 3.0, 0.1);
}

TEST(PopulationSweepTest, RingSizeScaleKeepsAtLeastFourAccountsPerRing) {
  PopulationOptions options = SweepOptions(&PopulationOptions::ring_size_scale, 0.1);
  auto gen = PopulationGenerator::Create(options);
  ASSERT_TRUE(gen.ok()) << gen.status().ToString();
  std::map<std::string, std::uint64_t> ring_sizes;
  for (std::uint64_t a = 0; a < options.accounts; ++a) {
    if (IsRingType((*gen)->GroupTypeOf(a))) ++ring_sizes[(*gen)->GroupNameOf(a)];
  }
  EXPECT_EQ(ring_sizes.size(), options.rings);
  for (const auto& [ring, size] : ring_sizes) EXPECT_GE(size, 4u) << ring;
}

TEST(PopulationSweepTest, RingSizeScaleStillRejectsRingsOverHalfThePopulation) {
  PopulationOptions options = SweepOptions(&PopulationOptions::ring_size_scale, 1.0);
  options.accounts = 1000;
  ASSERT_TRUE(PopulationGenerator::Create(options).ok());
  options.ring_size_scale = 10;
  auto gen = PopulationGenerator::Create(options);
  ASSERT_FALSE(gen.ok());
  EXPECT_EQ(gen.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(gen.status().message().find("--ring-size-scale"), std::string::npos)
      << gen.status().message();
}

TEST(PopulationSweepTest, ShareRateScaleMakesRingMembersShareMore) {
  const RingMeasures low = Measure(SweepOptions(&PopulationOptions::share_rate_scale, 0.5));
  const RingMeasures normal = Measure(SweepOptions(&PopulationOptions::share_rate_scale, 1.0));
  const RingMeasures high = Measure(SweepOptions(&PopulationOptions::share_rate_scale, 2.0));
  // The plan's sizes do not depend on the parameter, so the per-account ratios compare alike.
  EXPECT_EQ(low.accounts_by_type, high.accounts_by_type);
  // Fewer distinct values per account = more sharing. Each line is one scaled quantity.
  const std::vector<std::pair<std::string, std::string>> kShared = {
      {"ring_cardfarm", "payment"},  // accounts per prepaid card
      {"ring_cardfarm", "ip"},       // VPS pool
      {"ring_cardfarm", "device"},   // automation hosts
      {"ring_hydra", "payment"},     // chance that a pair shares a card
      {"ring_hydra", "ip"},          // slice of the reseller's exits
      {"ring_lowslow", "payment"},   // accounts per shared card
      {"ring_lowslow", "device"},    // automation hosts
  };
  for (const auto& [type, kind] : kShared) {
    EXPECT_GT(low.DistinctPerAccount(type, kind), normal.DistinctPerAccount(type, kind))
        << type << " " << kind;
    EXPECT_GT(normal.DistinctPerAccount(type, kind), high.DistinctPerAccount(type, kind))
        << type << " " << kind;
  }
  // At 0.5 low-and-slow accounts stop sharing cards at all: one card each.
  EXPECT_DOUBLE_EQ(low.DistinctPerAccount("ring_lowslow", "payment"), 1.0);
}

TEST(PopulationSweepTest, TemplateScaleMultipliesFamiliesAndTheTemplatedShare) {
  const RingMeasures low = Measure(SweepOptions(&PopulationOptions::template_scale, 0.5));
  const RingMeasures normal = Measure(SweepOptions(&PopulationOptions::template_scale, 1.0));
  const RingMeasures high = Measure(SweepOptions(&PopulationOptions::template_scale, 1.5));
  ASSERT_EQ(normal.families_by_ring.size(), 12u);
  // Families per ring: 2-4 (4-6 low-and-slow) at 1.0; about half and one and a half as many.
  EXPECT_LT(low.FamiliesPerRing(), normal.FamiliesPerRing() * 0.7);
  EXPECT_GT(high.FamiliesPerRing(), normal.FamiliesPerRing() * 1.3);
  // Templated share: 70-85% at 1.0, half of it at 0.5, capped at 100% (no camouflage) at 1.5.
  EXPECT_GT(normal.TemplatedShare(), 0.7);
  EXPECT_LT(normal.TemplatedShare(), 0.9);
  EXPECT_NEAR(low.TemplatedShare(), normal.TemplatedShare() / 2, 0.05);
  EXPECT_DOUBLE_EQ(high.TemplatedShare(), 1.0);
  // Prompt counts and honest accounts do not move.
  EXPECT_EQ(low.ring_prompts, normal.ring_prompts);
  EXPECT_EQ(high.honest_prompts, normal.honest_prompts);
}

TEST(PopulationSweepTest, RingVolumeScaleScalesPromptsPerRingAccount) {
  const RingMeasures low = Measure(SweepOptions(&PopulationOptions::ring_volume_scale, 0.5));
  const RingMeasures normal = Measure(SweepOptions(&PopulationOptions::ring_volume_scale, 1.0));
  const RingMeasures high = Measure(SweepOptions(&PopulationOptions::ring_volume_scale, 1.5));
  EXPECT_EQ(low.ring_accounts, normal.ring_accounts);
  EXPECT_NEAR(low.PromptsPerRingAccount() / normal.PromptsPerRingAccount(), 0.5, 0.05);
  EXPECT_NEAR(high.PromptsPerRingAccount() / normal.PromptsPerRingAccount(), 1.5, 0.05);
  EXPECT_EQ(low.honest_prompts, normal.honest_prompts);
  EXPECT_EQ(high.honest_prompts, normal.honest_prompts);
}

}  // namespace
}  // namespace ringgraph::population
