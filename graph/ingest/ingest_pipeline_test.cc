#include "graph/ingest/ingest_pipeline.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <mutex>
#include <random>
#include <thread>

#include "graph/common/temp_dir.h"
#include "graph/store/store_check.h"

namespace ringgraph::ingest {
namespace {

class IngestPipelineTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = std::move(store::AccountStore::Open(dir_.Sub("db"))).value(); }

  Status Ingest(const std::string& csv, IngestOptions options, IngestReport* report) {
    options.on_reject = [this](std::uint64_t, const std::string& m) { rejects_.push_back(m); };
    IngestPipeline pipeline(*store_, kinds_, hasher_, std::move(options));
    auto reader = RecordReader::FromString(csv, "in.csv", InputFormat::kCsv);
    return pipeline.Run(*reader, report);
  }

  TempDir dir_;
  std::unique_ptr<store::AccountStore> store_;
  KindRegistry kinds_ = KindRegistry::Builtin();
  KeyedHasher hasher_{*Secret::FromHex(std::string(64, 'c'))};
  std::vector<std::string> rejects_;
};

TEST_F(IngestPipelineTest, KeepsGoodRecordsAndReportsBadOnesWithFileAndLine) {
  IngestOptions options;
  options.batch_records = 2;  // several batches
  IngestReport report;
  Status s = Ingest(
      "account,kind,value,ts\n"
      "a1,ip,203.0.113.7,100\n"
      "a2,phone,555,100\n"        // line 3: unknown kind
      "a3,ip,not-an-ip,100\n"     // line 4: bad ip
      "a4,device,d1,yesterday\n"  // line 5: bad ts
      "a5,payment,card-1,2025-10-01T10:00:00Z\n"
      "a6,payment,,5\n",  // line 7: empty value
      options, &report);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(report.records_read, 6u);
  EXPECT_EQ(report.records_ingested, 2u);
  EXPECT_EQ(report.records_rejected, 4u);
  ASSERT_EQ(rejects_.size(), 4u);
  EXPECT_NE(rejects_[0].find("in.csv:3: field 'kind' names an unknown kind 'phone'"),
            std::string::npos);
  EXPECT_NE(rejects_[1].find("in.csv:4: field 'value' is not an IPv4 or IPv6 address (9 bytes: "
                             "letters, punctuation)"),
            std::string::npos)
      << rejects_[1];
  EXPECT_NE(rejects_[2].find("in.csv:5: field 'ts' is neither"), std::string::npos) << rejects_[2];
  // The rejected values themselves are never in the messages.
  for (const std::string& reject : rejects_) {
    EXPECT_EQ(reject.find("not-an-ip"), std::string::npos) << reject;
    EXPECT_EQ(reject.find("yesterday"), std::string::npos) << reject;
  }
  EXPECT_NE(rejects_[3].find("in.csv:7: field 'value' is empty"), std::string::npos);
  EXPECT_EQ(store_->Stats()->accounts, 2u);
}

TEST(AdaptiveBatchingTest, BatchFollowsTheKeysTheStoreHoldsWithinItsBounds) {
  AdaptiveBatching adaptive{.min_records = 100, .max_records = 1000};
  EXPECT_EQ(adaptive.RecordsFor(0), 100u);
  EXPECT_EQ(adaptive.RecordsFor(99), 100u);
  EXPECT_EQ(adaptive.RecordsFor(640), 640u);
  EXPECT_EQ(adaptive.RecordsFor(1000), 1000u);
  EXPECT_EQ(adaptive.RecordsFor(std::uint64_t{1} << 40), 1000u);
  AdaptiveBatching inverted{.min_records = 0, .max_records = 0};  // never a batch of nothing
  EXPECT_EQ(inverted.RecordsFor(0), 1u);
  EXPECT_EQ(inverted.RecordsFor(50), 1u);
}

TEST_F(IngestPipelineTest, AdaptiveBatchesGrowWithTheStore) {
  // 40 accounts with one distinct ip each: every record adds two keys, so with a floor of 2
  // records the batches read 2, 4, 8, 16 (the keys so far) and the rest: 5 commits, or up to 7
  // when the read stage runs two batches ahead of the commits. Fixed batches of 2 would take 20.
  std::string csv = "account,kind,value,ts\n";
  for (int i = 0; i < 40; ++i) {
    csv += "acct-" + std::to_string(i) + ",ip,10.0.0." + std::to_string(i) + ",100\n";
  }
  IngestOptions options;
  options.adaptive = {.min_records = 2, .max_records = 1000};
  IngestReport report;
  ASSERT_TRUE(Ingest(csv, options, &report).ok());
  EXPECT_EQ(report.records_ingested, 40u);
  EXPECT_LT(report.batches, 10u);
  EXPECT_GE(report.batches, 4u);
  EXPECT_EQ(store_->Stats()->accounts, 40u);

  // A fixed size overrides the adaptive one.
  IngestOptions fixed;
  fixed.batch_records = 4;
  std::string more = "account,kind,value,ts\n";
  for (int i = 0; i < 40; ++i) more += "acct-" + std::to_string(i) + ",device,d,200\n";
  ASSERT_TRUE(Ingest(more, fixed, &report).ok());
  EXPECT_EQ(report.batches, 10u);
}

TEST(AdaptiveBatchingTest, StagedRecordsFollowTheStoreBetweenOneBatchAndTheCeiling) {
  AdaptiveBatching adaptive{.min_records = 10, .max_records = 100, .max_staged_records = 5000};
  EXPECT_EQ(adaptive.StagedRecordsFor(0), 100u);
  EXPECT_EQ(adaptive.StagedRecordsFor(1250), 2500u);  // twice the store's keys
  EXPECT_EQ(adaptive.StagedRecordsFor(std::uint64_t{1} << 40), 5000u);
  adaptive.staged_per_store_key = 1;
  EXPECT_EQ(adaptive.StagedRecordsFor(1250), 1250u);
}

// Input in time order (every account comes back in every batch) is staged and merged several
// times within the run, and gives exactly the store that writing each batch whole gives.
TEST_F(IngestPipelineTest, StagedRunsMergeIntoTheStoreDirectWritesMake) {
  std::string csv = "account,kind,value,ts\n";
  for (int t = 0; t < 40; ++t) {
    for (int a = 0; a < 25; ++a) {
      const int ts = 1000 + t * 100 + a;
      csv += "acct-" + std::to_string(a) + ",ip,10.0." + std::to_string((a + t) % 7) + ".1," +
             std::to_string(ts) + "\n";
      if ((a + t) % 3 == 0) {
        csv += "acct-" + std::to_string(a) + ",device,dev-" + std::to_string(a % 5) + "," +
               std::to_string(ts) + "\n";
      }
    }
  }
  IngestOptions staged;
  staged.adaptive = {.min_records = 40, .max_records = 40, .max_staged_records = 150};
  IngestReport report;
  ASSERT_TRUE(Ingest(csv, staged, &report).ok());
  EXPECT_GE(report.merges, 5u);
  EXPECT_EQ(*store_->StagedObservations(), 0u);

  auto direct_store = std::move(store::AccountStore::Open(dir_.Sub("direct"))).value();
  IngestOptions direct = staged;
  direct.stage_batches = false;
  IngestPipeline pipeline(*direct_store, kinds_, hasher_, direct);
  auto reader = RecordReader::FromString(csv, "in.csv", InputFormat::kCsv);
  IngestReport direct_report;
  ASSERT_TRUE(pipeline.Run(*reader, &direct_report).ok());
  EXPECT_EQ(direct_report.merges, 0u);
  EXPECT_EQ(direct_report.records_ingested, report.records_ingested);

  const store::StoreStats a = *store_->Stats(), b = *direct_store->Stats();
  EXPECT_EQ(a.records, b.records);
  EXPECT_EQ(a.accounts, b.accounts);
  EXPECT_EQ(a.signals, b.signals);
  EXPECT_EQ(a.adjacency_entries, b.adjacency_entries);
  auto x = std::move(store_->Snapshot()).value(), y = std::move(direct_store->Snapshot()).value();
  for (AccountId id = 0; id < x->num_accounts(); ++id) {
    std::vector<store::AccountSignal> xs, ys;
    ASSERT_TRUE(x->AccountSignals(id, &xs).ok());
    ASSERT_TRUE(y->AccountSignals(id, &ys).ok());
    ASSERT_EQ(xs.size(), ys.size());
    for (std::size_t i = 0; i < xs.size(); ++i) {
      EXPECT_EQ(xs[i].signal, ys[i].signal);
      EXPECT_EQ(xs[i].count, ys[i].count);
      EXPECT_EQ(xs[i].first_seen, ys[i].first_seen);
      EXPECT_EQ(xs[i].last_seen, ys[i].last_seen);
    }
    EXPECT_EQ(x->Activity(id)->records, y->Activity(id)->records);
    EXPECT_EQ(x->Activity(id)->last_seen, y->Activity(id)->last_seen);
  }
  for (SignalId s = 0; s < x->num_signals(); ++s) {
    EXPECT_EQ(x->Signal(s)->observations, y->Signal(s)->observations);
    EXPECT_EQ(x->Signal(s)->account_count, y->Signal(s)->account_count);
  }
}

// kill -9 at random moments of staged runs (between commits, inside a commit, inside a merge):
// after each kill a read-write open merges what was staged, the store is consistent, and it
// holds every record the run acknowledged, and no more than it was given.
TEST(IngestPipelineKillTest, EveryAcknowledgedRecordSurvivesKillNineOfAStagedRun) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  KindRegistry kinds = KindRegistry::Builtin();
  KeyedHasher hasher{*Secret::FromHex(std::string(64, 'c'))};
  std::string csv = "account,kind,value,ts\n";
  constexpr int kRecords = 60000;
  for (int i = 0; i < kRecords; ++i) {  // time order: accounts come back all along
    csv += "acct-" + std::to_string(i % 3000) + ",ip,10." + std::to_string(i % 11) + "." +
           std::to_string(i % 97) + ".1," + std::to_string(1000 + i) + "\n";
  }
  std::mt19937 rng(20261207);
  std::uint64_t given = 0;
  int kills = 0;
  for (int round = 0; round < 6; ++round) {
    int acknowledged[2];
    ASSERT_EQ(pipe(acknowledged), 0);
    pid_t child = fork();
    if (child == 0) {
      close(acknowledged[0]);
      auto store = store::AccountStore::Open(path);
      if (!store.ok()) _exit(2);
      IngestOptions options;
      options.adaptive = {.min_records = 500, .max_records = 500, .max_staged_records = 4000};
      options.on_progress = [&](std::uint64_t, std::uint64_t, std::uint64_t records) {
        if (write(acknowledged[1], &records, sizeof records) != sizeof records) _exit(3);
      };
      IngestPipeline pipeline(**store, kinds, hasher, options);
      auto reader = RecordReader::FromString(csv, "in.csv", InputFormat::kCsv);
      IngestReport report;
      _exit(pipeline.Run(*reader, &report).ok() ? 0 : 4);
    }
    close(acknowledged[1]);
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + rng() % 200));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    std::uint64_t last = 0, records = 0;
    while (read(acknowledged[0], &records, sizeof records) == sizeof records) last = records;
    close(acknowledged[0]);
    if (WIFSIGNALED(status)) ++kills;
    given += kRecords;

    auto store = std::move(store::AccountStore::Open(path)).value();  // merges what was staged
    EXPECT_EQ(*store->StagedObservations(), 0u);
    Result<store::StoreCheckReport> check = store::CheckStore(*store, nullptr);
    ASSERT_TRUE(check.ok()) << check.status().ToString();
    EXPECT_TRUE(check->consistent()) << check->problems[0];
    const std::uint64_t stored = store->Stats()->records;
    EXPECT_GE(stored, given - kRecords + last) << "round " << round;
    EXPECT_LE(stored, given);
    given = stored;  // the next round counts from what this one kept
  }
  EXPECT_GE(kills, 3);
}

TEST_F(IngestPipelineTest, InMemoryRecordsAreRejectedByTheirPosition) {
  std::vector<RawRecord> records = {
      {"a1", "ip", "203.0.113.7", "100"},
      {"a2", "phone", "555", "100"},                   // position 2: unknown kind
      {std::string(300, 'x'), "ip", "10.0.0.1", "1"},  // position 3: account too long
      {"a4", "device", "d1", "100"},
  };
  std::vector<std::pair<std::uint64_t, std::string>> rejects;
  IngestOptions options;
  options.on_reject = [&](std::uint64_t line, const std::string& m) {
    rejects.emplace_back(line, m);
  };
  IngestPipeline pipeline(*store_, kinds_, hasher_, std::move(options));
  auto reader = RecordReader::FromRecords(std::move(records), "api");
  IngestReport report;
  ASSERT_TRUE(pipeline.Run(*reader, &report).ok());
  EXPECT_EQ(report.records_ingested, 2u);
  ASSERT_EQ(rejects.size(), 2u);
  EXPECT_EQ(rejects[0].first, 3u);  // reader rejections come first within a batch
  EXPECT_NE(rejects[0].second.find("api:3: field 'account' is longer than 256 bytes"),
            std::string::npos);
  EXPECT_EQ(rejects[1].first, 2u);
  EXPECT_NE(rejects[1].second.find("unknown kind 'phone'"), std::string::npos);
}

TEST_F(IngestPipelineTest, StrictStopsAtTheFirstBadRecordAndCommitsNothingOfItsBatch) {
  IngestOptions options;
  options.strict = true;
  IngestReport report;
  Status s = Ingest(
      "account,kind,value,ts\n"
      "a1,ip,203.0.113.7,100\n"
      "a2,ip,203.0.113.8,100\n"
      "a3,phone,555,100\n"
      "a4,ip,203.0.113.9,100\n",
      options, &report);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("in.csv:4"), std::string::npos) << s.ToString();
  EXPECT_TRUE(report.stopped_by_strict);
  EXPECT_EQ(report.records_ingested, 0u);
  EXPECT_EQ(store_->Stats()->accounts, 0u);
}

TEST_F(IngestPipelineTest, StrictKeepsBatchesCommittedBeforeTheBadOne) {
  IngestOptions options;
  options.strict = true;
  options.batch_records = 1;
  IngestReport report;
  Status s = Ingest("account,kind,value,ts\na1,ip,1.2.3.4,1\na2,ip,1.2.3.4,x\n", options, &report);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(report.records_ingested, 1u);
  EXPECT_EQ(store_->Stats()->accounts, 1u);
}

TEST_F(IngestPipelineTest, EquivalentIpSpellingsBecomeOneSignal) {
  IngestReport report;
  ASSERT_TRUE(Ingest("account,kind,value,ts\n"
                     "a1,ip,2001:DB8::1,1\n"
                     "a2,ip,[2001:db8:0::1],2\n",
                     {}, &report)
                  .ok());
  EXPECT_EQ(store_->Stats()->signals, 1u);
  EXPECT_EQ(store_->Stats()->adjacency_entries, 2u);
}

// Templates learned after a commit reach the batches kLiveBatches behind it, whichever stage
// is slower: a refresh that outruns the prepare stage must not reach a batch earlier, nor one
// that lags it a batch later, or the same input would hold different templates run to run.
TEST_F(IngestPipelineTest, EachBatchIsMatchedAgainstTheTemplatesInForceKLiveBatchesCommitsBefore) {
  constexpr int kPrompts = 12;
  std::string csv = "account,kind,value,ts\n";
  for (int i = 0; i < kPrompts; ++i) {
    csv += "acct-" + std::to_string(i) + ",prompt,prompt number " + std::to_string(i) + "," +
           std::to_string(1000 + i) + "\n";
  }
  // kLookup: looking up the current version takes long, so that a pipeline that looked it up
  // while preparing a batch would find what later commits learned meanwhile.
  enum class Slow { kNeither, kCommit, kPrepare, kLookup };
  for (Slow slow : {Slow::kNeither, Slow::kCommit, Slow::kPrepare, Slow::kLookup}) {
    SCOPED_TRACE(static_cast<int>(slow));
    std::mutex mutex;
    const TemplateVersion initial = std::make_shared<const templates::TemplateDictionary>();
    TemplateVersion now = initial;
    std::vector<TemplateVersion> made_after_commit;  // [k]: learned after batch k committed
    std::vector<TemplateVersion> matched(kPrompts);  // [i]: what prompt i was matched against
    IngestOptions options;
    options.batch_records = 1;
    options.assign_templates.current = [&] {
      if (slow == Slow::kLookup) std::this_thread::sleep_for(std::chrono::milliseconds(3));
      std::lock_guard<std::mutex> lock(mutex);
      return now;
    };
    options.assign_templates.assign =
        [&](const TemplateVersion& version, std::span<const std::string_view> prompts,
            std::vector<std::string>* ids, std::vector<std::vector<std::uint32_t>>* sketches) {
          if (slow == Slow::kPrepare) std::this_thread::sleep_for(std::chrono::milliseconds(3));
          ids->assign(prompts.size(), "");
          sketches->assign(prompts.size(), {});
          std::lock_guard<std::mutex> lock(mutex);
          for (std::string_view prompt : prompts) {
            matched[std::stoi(std::string(prompt.substr(prompt.rfind(' ') + 1)))] = version;
          }
        };
    options.after_commit = [&]() -> Status {
      if (slow == Slow::kCommit) std::this_thread::sleep_for(std::chrono::milliseconds(3));
      std::lock_guard<std::mutex> lock(mutex);
      now = std::make_shared<const templates::TemplateDictionary>();
      made_after_commit.push_back(now);
      return Status::Ok();
    };
    IngestReport report;
    ASSERT_TRUE(Ingest(csv, std::move(options), &report).ok());
    ASSERT_GE(made_after_commit.size(), static_cast<std::size_t>(kPrompts));  // and the empty last
    for (int i = 0; i < kPrompts; ++i) {
      const TemplateVersion& expected =
          i < static_cast<int>(kLiveBatches) ? initial : made_after_commit[i - kLiveBatches];
      EXPECT_EQ(matched[i], expected) << "prompt " << i;
    }
  }
}

TEST_F(IngestPipelineTest, RawValuesAndPromptTextNeverReachTheDataFile) {
  IngestOptions options;
  // The first prompt gets a template id; the second matches none, so its keyed sketch is kept.
  options.assign_templates.assign =
      [](const TemplateVersion&, std::span<const std::string_view> prompts,
         std::vector<std::string>* ids, std::vector<std::vector<std::uint32_t>>* sketches) {
        ids->assign(prompts.size(), "");
        sketches->assign(prompts.size(), {});
        for (std::size_t i = 0; i < prompts.size(); ++i) {
          if (prompts[i].find("zebrafish") != std::string_view::npos) {
            (*ids)[i] = "tmpl-fixed";
          } else {
            (*sketches)[i] = {7, 11, 13};
          }
        }
      };
  IngestReport report;
  ASSERT_TRUE(Ingest("account,kind,value,ts\n"
                     "acct-1,ip,198.51.100.77,1\n"
                     "acct-1,payment,card-4111111111111111,1\n"
                     "acct-1,device,device-hash-zz9plural,1\n"
                     "acct-1,prompt,\"Explain step by step: the quick brown zebrafish\",1\n"
                     "acct-1,prompt,\"Summarize the marmalade treatise\",2\n",
                     options, &report)
                  .ok());
  EXPECT_EQ(store_->Stats()->prompts, 2u);
  EXPECT_EQ(store_->Stats()->pending_prompts, 1u);
  EXPECT_EQ(store_->Stats()->signals_by_kind[kTemplateKind], 1u);
  store_.reset();  // flush and close
  std::ifstream in(dir_.Sub("db") + "/data.mdb", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(bytes.empty());
  EXPECT_NE(bytes.find("acct-1"), std::string::npos);  // account names are stored, as designed
  for (const char* secret_text :
       {"198.51.100.77", "4111111111111111", "zz9plural", "zebrafish", "tmpl-fixed", "marmalade"}) {
    EXPECT_EQ(bytes.find(secret_text), std::string::npos) << secret_text;
  }
}

}  // namespace
}  // namespace ringgraph::ingest
