// Template refreshes against a real store: ids stay stable when a template is mined again.
#include "graph/ingest/template_refresh.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "graph/common/temp_dir.h"
#include "graph/ingest/ingest_pipeline.h"

namespace ringgraph::ingest {
namespace {

class TemplateRefreshTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(store::AccountStore::Open(dir_.Sub("db"))).value();
    auto snapshot = std::move(store_->Snapshot()).value();
    templates_ = std::move(PromptTemplates::Load(*snapshot, secret_)).value();
  }

  // Two prompts of one grading template from each of `accounts` new accounts, each with its own
  // filling, matched against `match_with` (whose dictionary may be empty: nothing matches).
  void IngestGrading(int first, int accounts, const PromptTemplates& match_with) {
    static const char* kWords[] = {"amber",  "basil",  "cedar",  "delta",   "ember", "fjord",
                                   "garnet", "harbor", "indigo", "juniper", "kelp",  "lumen"};
    std::string csv = "account,kind,value,ts\n";
    for (int a = first; a < first + accounts; ++a) {
      for (int p = 0; p < 2; ++p) {
        csv += "acct-" + std::to_string(a) +
               ",prompt,\"Grade the answer below against the rubric. For every criterion give a "
               "score from 1 to 10 and explain in detail why. Answer: " +
               kWords[(a * 5 + p) % 12] + " " + kWords[(a * 7 + 3 * p + 1) % 12] + " " +
               std::to_string(a * 100 + p) + "\"," + std::to_string(1000 + a * 10 + p) + "\n";
      }
    }
    IngestOptions options;
    options.assign_templates = MakePromptTemplateAssigner(match_with);
    IngestPipeline pipeline(*store_, kinds_, hasher_, std::move(options));
    auto reader = RecordReader::FromString(csv, "in.csv", InputFormat::kCsv);
    IngestReport report;
    ASSERT_TRUE(pipeline.Run(*reader, &report).ok());
    ASSERT_EQ(report.records_ingested, static_cast<std::uint64_t>(2 * accounts));
  }

  TempDir dir_;
  std::unique_ptr<store::AccountStore> store_;
  KindRegistry kinds_ = KindRegistry::Builtin();
  Secret secret_ = *Secret::FromHex(std::string(64, 'c'));
  KeyedHasher hasher_{secret_};
  std::unique_ptr<PromptTemplates> templates_;
};

TEST_F(TemplateRefreshTest, ATemplateMinedAgainKeepsItsFirstId) {
  // First learning: six accounts' prompts, kept unmatched, then mined.
  IngestGrading(0, 6, *templates_);
  TemplateRefresh refresh(*store_, *templates_, hasher_, nullptr);
  TemplateRefreshReport report;
  ASSERT_TRUE(refresh.Run(&report).ok());
  ASSERT_EQ(report.learned, 1u);
  EXPECT_EQ(report.settled, 12u);
  const templates::LearnedTemplate first = templates_->dictionary()->templates().at(0);

  // The id a later run would give the same skeleton can differ (it depends on the run's other
  // templates); stand for that by holding the template under another id.
  templates::LearnedTemplate held = first;
  held.id = first.id ^ 0x5a5a5a5a5a5a5a5aULL;
  templates::TemplateDictionary dictionary(templates_->dictionary()->options());
  ASSERT_TRUE(dictionary.Add(held));
  ASSERT_TRUE(store_->SettlePendingPrompts(dictionary.Serialize(), {}, {}, 0).ok());
  templates_->Replace(std::move(dictionary));

  // Prompts of the same template that matched nothing when they arrived (here: matched against
  // an empty dictionary) are mined again in the next refresh.
  auto snapshot = std::move(store_->Snapshot()).value();
  auto unmatched = std::move(PromptTemplates::Load(*snapshot, secret_)).value();
  unmatched->Replace(templates::TemplateDictionary(templates_->dictionary()->options()));
  snapshot.reset();
  IngestGrading(6, 6, *unmatched);
  ASSERT_TRUE(refresh.Run(&report).ok());
  EXPECT_EQ(report.learned, 0u);
  EXPECT_EQ(report.held, 1u);
  EXPECT_EQ(report.settled, 12u);
  ASSERT_EQ(templates_->dictionary()->size(), 1u);
  EXPECT_EQ(templates_->dictionary()->templates()[0].id, held.id);
  // The second six hold the template under the id the dictionary holds (the first six, under
  // the one they were settled with before this test changed it).
  EXPECT_EQ(store_->Stats()->signals_by_kind[kTemplateKind], 2u);
  snapshot = std::move(store_->Snapshot()).value();
  const ValueHash value =
      hasher_.Hash(kTemplateKind, templates::TemplateDictionary::IdText(held.id));
  auto signal = snapshot->FindSignal(kTemplateKind, value);
  ASSERT_TRUE(signal.ok());
  ASSERT_TRUE(signal->has_value());
  std::vector<AccountId> holders;
  ASSERT_TRUE(snapshot->SignalAccounts(**signal, &holders).ok());
  EXPECT_EQ(holders.size(), 6u);
}

// What the refreshes of one ingest run learned and settled, summed.
struct Learned {
  std::uint64_t learned = 0, settled = 0;
  bool operator==(const Learned&) const = default;
};
void PrintTo(const Learned& l, std::ostream* os) {
  *os << "learned " << l.learned << ", settled " << l.settled;
}

// ringctl ingest learns templates after commits while batches are still staged. Learning reads
// each one-prompt account's prompt count, which staged batches have not added yet (the account
// may have no activity at all): the refresh merges first, and learns what direct writes give.
// Which batches a learned template matches, and so how many prompts the refreshes settle, is
// the same whichever pipeline stage is slow (ingest_pipeline.h, "Determinism"); it once
// depended on how far the prepare stage ran ahead (12 or 4 settled under load).
TEST_F(TemplateRefreshTest,
       ARefreshBetweenStagedBatchesLearnsWhatDirectWritesGiveWhateverTheTiming) {
  std::string csv = "account,kind,value,ts\n";
  for (int a = 0; a < 16; ++a) {
    csv += "solo-" + std::to_string(a) +
           ",prompt,\"Summarize the following support ticket in three bullet points and name the "
           "product area it concerns. Ticket number " +
           std::to_string(7000 + a * 13) + " from customer " + std::to_string(a * 31) + "\"," +
           std::to_string(2000 + a) + "\n";
  }
  enum class Slow { kNeither, kCommit, kLookup };
  auto learn_while_ingesting = [&](store::AccountStore& store, bool staged, Slow slow) {
    auto snapshot = std::move(store.Snapshot()).value();
    auto templates = std::move(PromptTemplates::Load(*snapshot, secret_)).value();
    snapshot.reset();
    TemplateRefresh refresh(store, *templates, hasher_, nullptr);
    Learned total;
    IngestOptions options;
    options.batch_records = 4;
    options.stage_batches = staged;
    options.adaptive.max_staged_records = 1000;  // no merge of the pipeline's own before the end
    options.assign_templates = MakePromptTemplateAssigner(*templates);
    auto current = options.assign_templates.current;
    options.assign_templates.current = [current, slow] {
      if (slow == Slow::kLookup) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      return current();
    };
    options.after_commit = [&]() -> Status {
      if (slow == Slow::kCommit) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      TemplateRefreshReport report;
      RINGGRAPH_RETURN_IF_ERROR(refresh.Run(&report));
      total.learned += report.learned;
      total.settled += report.settled;
      return Status::Ok();
    };
    IngestPipeline pipeline(store, kinds_, hasher_, std::move(options));
    auto reader = RecordReader::FromString(csv, "in.csv", InputFormat::kCsv);
    IngestReport report;
    Status s = pipeline.Run(*reader, &report);
    EXPECT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(report.records_ingested, 16u);
    EXPECT_EQ(*store.StagedObservations(), 0u);
    return total;
  };
  const Learned first = learn_while_ingesting(*store_, true, Slow::kNeither);
  EXPECT_EQ(first.learned, 1u);
  EXPECT_GT(first.settled, 0u);
  std::vector<std::unique_ptr<store::AccountStore>> stores;
  int run = 0;
  for (auto [staged, slow] : {std::pair{true, Slow::kCommit}, std::pair{true, Slow::kLookup},
                              std::pair{false, Slow::kNeither}, std::pair{false, Slow::kLookup}}) {
    stores.push_back(
        std::move(store::AccountStore::Open(dir_.Sub("run" + std::to_string(++run)))).value());
    EXPECT_EQ(learn_while_ingesting(*stores.back(), staged, slow), first) << "run " << run;
  }
  stores.push_back(std::move(store_));
  for (const auto& store : stores) {
    const store::StoreStats stats = *store->Stats();
    EXPECT_EQ(stats.signals_by_kind[kTemplateKind], 1u);
    EXPECT_EQ(stats.adjacency_entries, 16u);  // each account holds the template
    EXPECT_EQ(stats.records, 16u);
    EXPECT_EQ(stats.prompts, 16u);
    EXPECT_EQ(stats.pending_prompts, 0u);
  }
}

}  // namespace
}  // namespace ringgraph::ingest
