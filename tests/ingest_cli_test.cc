// End to end: ringctl ingest, stats, check and backup on real files and a real LMDB directory.
#include <gtest/gtest.h>
#include <lmdb.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/cli_runner.h"

namespace ringgraph::e2e {
namespace {

class IngestCliTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_.Sub(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::string Ctl(const std::string& args) {
    return Ringctl() + " --data " + dir_.Sub("data") + " --secret-file " + dir_.Sub("secret") +
           " " + args;
  }
  nlohmann::json Stats() {
    CommandResult r = RunCommand(Ctl("stats --json"), dir_);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }
  TempDir dir_{"ingest_cli"};
};

TEST_F(IngestCliTest, BadRecordsGetFileLineErrorsAndGoodOnesAreKept) {
  std::string csv = Write("in.csv",
                          "account,kind,value,ts\n"
                          "a1,ip,203.0.113.7,1759312800\n"
                          "a2,phone,555-1234,1759312800\n"
                          "a3,ip,203.0.113.7,1759312800\n"
                          "a4,device,d1\n");
  CommandResult r = RunCommand(Ctl("ingest --create-secret " + csv), dir_);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find(csv + ":3: field 'kind' names an unknown kind 'phone'"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(csv + ":5: expected 4 fields, found 3"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("read 4 records, ingested 2, rejected 2"), std::string::npos) << r.out;
  nlohmann::json stats = Stats();
  EXPECT_EQ(stats["accounts"], 2);
  EXPECT_EQ(stats["signals_by_kind"]["ip"], 1);
}

TEST_F(IngestCliTest, CheckPassesAnIngestedStoreAndListsAnEntryCorruptedBehindItsBack) {
  std::string csv = Write("in.csv",
                          "account,kind,value,ts\n"
                          "a1,ip,203.0.113.7,1759312800\n"
                          "a2,ip,203.0.113.7,1759312800\n"
                          "a3,device,d1,1759312800\n");
  ASSERT_EQ(RunCommand(Ctl("ingest --create-secret " + csv), dir_).exit_code, 0);
  CommandResult r = RunCommand(Ctl("check"), dir_);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("accounts         3:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("3 account->signal and 3 signal->account entries"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("clusterings      none: no detection has run"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\nconsistent\n"), std::string::npos) << r.out;

  // A reverse adjacency entry for an account id the store never assigned.
  MDB_env* env = nullptr;
  ASSERT_EQ(mdb_env_create(&env), 0);
  mdb_env_set_maxdbs(env, 32);
  ASSERT_EQ(mdb_env_open(env, dir_.Sub("data").c_str(), 0, 0640), 0);
  MDB_txn* txn = nullptr;
  ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
  MDB_dbi dbi;
  ASSERT_EQ(mdb_dbi_open(txn, "signal_accounts",
                         MDB_INTEGERKEY | MDB_DUPSORT | MDB_DUPFIXED | MDB_INTEGERDUP, &dbi),
            0);
  std::uint32_t signal = 0, account = 7;
  MDB_val k{sizeof signal, &signal}, d{sizeof account, &account};
  ASSERT_EQ(mdb_put(txn, dbi, &k, &d, 0), 0);
  ASSERT_EQ(mdb_txn_commit(txn), 0);
  mdb_env_close(env);

  r = RunCommand(Ctl("check"), dir_);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("signal_accounts: signal 0 -> account 7: no such account"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("\nconsistent\n"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("is inconsistent"), std::string::npos) << r.err;
}

TEST_F(IngestCliTest, StrictCommitsNothingOfTheBatchWithTheBadRecord) {
  std::string csv = Write("in.csv",
                          "account,kind,value,ts\n"
                          "a1,ip,203.0.113.7,1759312800\n"
                          "a2,ip,not-an-ip,1759312800\n");
  CommandResult r = RunCommand(Ctl("ingest --create-secret --strict " + csv), dir_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(csv + ":3: field 'value' is not an IPv4 or IPv6 address"), std::string::npos)
      << r.err;
  EXPECT_EQ(Stats()["accounts"], 0);
}

TEST_F(IngestCliTest, JsonLinesFromStdinWithExplicitFormat) {
  std::string jsonl = Write("in.data",
                            "{\"account\":\"a1\",\"kind\":\"device\",\"value\":\"d\",\"ts\":5}\n"
                            "{\"account\":\"a2\",\"kind\":\"device\",\"value\":\"d\","
                            "\"ts\":\"2026-10-01T00:00:00Z\"}\n");
  CommandResult r =
      RunCommand("cat " + jsonl + " | " + Ctl("ingest --create-secret --format jsonl"), dir_);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json stats = Stats();
  EXPECT_EQ(stats["accounts"], 2);
  EXPECT_EQ(stats["adjacency_entries"], 2);
}

TEST_F(IngestCliTest, UnknownExtensionAndMissingFileAreUsageAndIoErrors) {
  std::string txt = Write("in.txt", "x");
  CommandResult r = RunCommand(Ctl("ingest --create-secret " + txt), dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--format"), std::string::npos) << r.err;
  r = RunCommand(Ctl("ingest --create-secret " + dir_.Sub("absent.csv")), dir_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot open"), std::string::npos) << r.err;
}

TEST_F(IngestCliTest, MissingSecretIsAClearErrorAndWritesNothing) {
  std::string csv = Write("in.csv", "account,kind,value,ts\na1,ip,203.0.113.7,5\n");
  CommandResult r = RunCommand(Ctl("ingest " + csv), dir_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--create-secret"), std::string::npos) << r.err;
  r = RunCommand(Ctl("stats"), dir_);
  EXPECT_NE(r.exit_code, 0);
}

TEST_F(IngestCliTest, ASecondSecretIsRefused) {
  std::string csv = Write("in.csv", "account,kind,value,ts\na1,ip,203.0.113.7,5\n");
  ASSERT_EQ(RunCommand(Ctl("ingest --create-secret " + csv), dir_).exit_code, 0);
  CommandResult r = RunCommand(Ringctl() + " --data " + dir_.Sub("data") + " --secret-file " +
                                   dir_.Sub("other-secret") + " ingest --create-secret " + csv,
                               dir_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("original secret"), std::string::npos) << r.err;
  EXPECT_EQ(Stats()["records"], 1);
}

TEST_F(IngestCliTest, BackupCopiesAStoreThatStatsCanRead) {
  std::string csv =
      Write("in.csv", "account,kind,value,ts\na1,ip,203.0.113.7,5\na2,ip,203.0.113.7,5\n");
  ASSERT_EQ(RunCommand(Ctl("ingest --create-secret " + csv), dir_).exit_code, 0);
  CommandResult r = RunCommand(Ctl("backup " + dir_.Sub("copy")), dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunCommand(Ringctl() + " --data " + dir_.Sub("copy") + " stats --json", dir_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["accounts"], 2);
  r = RunCommand(Ctl("backup " + dir_.Sub("copy")), dir_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("not empty"), std::string::npos);
}

// About 1.5 MB of account names: more than a 1 MiB map holds.
std::string MoreThanOneMebibyte() {
  std::string csv = "account,kind,value,ts\n";
  for (int i = 0; i < 6000; ++i) {
    csv += std::string(240, 'x') + std::to_string(i) + ",ip,10.1.0." + std::to_string(i % 250) +
           ",5\n";
  }
  return csv;
}

TEST_F(IngestCliTest, MaxMapMibIsTheCeilingAndTheFullMapErrorNamesIt) {
  std::string csv = Write("big.csv", MoreThanOneMebibyte());
  CommandResult r = RunCommand(Ctl("ingest --create-secret --max-map-mib 1 " + csv), dir_);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.err.find("raise --max-map-mib"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("deprecated"), std::string::npos) << r.err;
  r = RunCommand(Ctl("ingest --help"), dir_);
  EXPECT_NE(r.out.find("--max-map-mib"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("--max-map-size"), std::string::npos) << r.out;  // hidden
}

TEST_F(IngestCliTest, OldMaxMapSizeSpellingStillSetsTheCeilingWithADeprecationWarning) {
  std::string csv = Write("big.csv", MoreThanOneMebibyte());
  CommandResult r = RunCommand(Ctl("ingest --create-secret --max-map-size 1 " + csv), dir_);
  EXPECT_NE(r.err.find("ringctl ingest: --max-map-size is deprecated and will be removed in the "
                       "next release; use --max-map-mib"),
            std::string::npos)
      << r.err;
  // The old spelling set the same ceiling: the 1 MiB map is full.
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.err.find("raise --max-map-mib"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace ringgraph::e2e
