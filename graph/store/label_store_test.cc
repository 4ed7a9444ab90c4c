// Analysts' labels: checked before they are stored, stored all or nothing, read back.
#include "graph/store/label_store.h"

#include <gtest/gtest.h>

#include "graph/common/temp_dir.h"
#include "graph/store/detection_store.h"

namespace ringgraph::store {
namespace {

TEST(ValidateLabelsTest, AcceptsWellFormedLabelsWithoutAStore) {
  const std::vector<Label> good = {
      {"cluster:7", "ring", "confirmed by payments team", 5},
      {"account:acct-1", "benign", "", 6},
      {"cluster:" + std::string(19, '9'), "ring", std::string(kMaxLabelNoteBytes, 'x'), 7},
  };
  EXPECT_TRUE(ValidateLabels(good).ok());
}

TEST(ValidateLabelsTest, RefusesEachMalformedPartAndSaysWhy) {
  struct Case {
    Label label;
    std::string expected;
  } cases[] = {
      {{"cluster:7", "maybe", "", 1}, "label: verdict 'maybe' must be ring or benign"},
      {{"cluster:7", "ring", std::string(kMaxLabelNoteBytes + 1, 'x'), 1},
       "label: note is longer than 4096 bytes"},
      {{"cluster:", "ring", "", 1}, "label: a cluster target is 'cluster:' followed by a number"},
      {{"cluster:12a", "ring", "", 1}, "followed by a number"},
      {{"cluster:" + std::string(20, '9'), "ring", "", 1}, "followed by a number"},
      {{"account:", "ring", "", 1}, "label: the target must be 'account:NAME' or 'cluster:ID'"},
      {{"user:alice", "ring", "", 1}, "the target must be 'account:NAME' or 'cluster:ID'"},
  };
  for (const Case& c : cases) {
    Status s = ValidateLabels({&c.label, 1});
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << c.label.target;
    EXPECT_NE(s.message().find(c.expected), std::string::npos) << s.message();
  }
}

TEST(ValidateLabelsTest, NamesTheFirstBadLabelOfSeveralByPosition) {
  const std::vector<Label> batch = {
      {"cluster:1", "ring", "", 1}, {"cluster:2", "unsure", "", 1}, {"cluster:x", "ring", "", 1}};
  Status s = ValidateLabels(batch);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(s.message().rfind("label 2: verdict 'unsure'", 0), 0u) << s.message();
}

// A stream consumer's mark goes with the label it applies, and a refused label moves no mark.
TEST(LabelStoreTest, AStreamMarkIsStoredWithTheLabelAndNotWithARefusedOne) {
  TempDir dir;
  auto store = std::move(AccountStore::Open(dir.Sub("db"))).value();
  StoreRecord record;
  record.account = "acct-1";
  record.kind = kDeviceKind;
  record.ts = 1;
  ASSERT_TRUE(store->IngestBatch({&record, 1}).ok());
  auto detection = std::move(DetectionStore::Open(*store)).value();
  LabelStore& labels = detection->labels();
  const StreamMark first{"replica-1-analyst", /*sequence=*/7};
  ASSERT_TRUE(labels.PutLabel({"account:acct-1", "ring", "seen", 5}, &first).ok());
  EXPECT_EQ(store->StreamSequence("replica-1-analyst").value(), 7u);
  EXPECT_EQ(labels.GetLabel("account:acct-1").value()->note, "seen");
  const StreamMark second{"replica-1-analyst", /*sequence=*/8};
  EXPECT_EQ(labels.PutLabel({"account:nobody", "ring", "", 6}, &second).code(),
            Status::Code::kNotFound);
  EXPECT_EQ(store->StreamSequence("replica-1-analyst").value(), 7u);
}

TEST(LabelStoreTest, CheckLabelsRefusesWhatPutLabelsRefusesAndStoresNothing) {
  TempDir dir;
  auto store = std::move(AccountStore::Open(dir.Sub("db"))).value();
  StoreRecord record;
  record.account = "acct-1";
  record.kind = kDeviceKind;
  record.ts = 1;
  ASSERT_TRUE(store->IngestBatch({&record, 1}).ok());
  auto detection = std::move(DetectionStore::Open(*store)).value();
  LabelStore& labels = detection->labels();
  const Label good{"account:acct-1", "ring", "", 1};
  const Label unknown{"account:acct-2", "ring", "", 1};
  const Label bad_verdict{"cluster:3", "maybe", "", 1};
  EXPECT_TRUE(labels.CheckLabels({&good, 1}).ok());
  Status s = labels.CheckLabels({&unknown, 1});
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_EQ(s.message(), "label: account 'acct-2' is not in the store");
  EXPECT_EQ(labels.CheckLabels({&bad_verdict, 1}).code(), Status::Code::kInvalidArgument);
  EXPECT_FALSE(labels.GetLabel("account:acct-1").value().has_value());
}

TEST(LabelStoreTest, LabelsPersistAndBadVerdictsAreRefused) {
  TempDir dir;
  {
    auto store = std::move(AccountStore::Open(dir.Sub("db"))).value();
    StoreRecord record;
    record.account = "acct-1";
    record.kind = kDeviceKind;
    record.ts = 1;
    ASSERT_TRUE(store->IngestBatch({&record, 1}).ok());
    auto detection = std::move(DetectionStore::Open(*store)).value();
    LabelStore* labels = &detection->labels();
    ASSERT_TRUE(labels->PutLabel({"cluster:7", "ring", "confirmed by payments team", 5}).ok());
    ASSERT_TRUE(labels->PutLabel({"account:acct-1", "benign", "", 6}).ok());
    EXPECT_EQ(labels->PutLabel({"account:acct-1", "maybe", "", 7}).code(),
              Status::Code::kInvalidArgument);
    // A batch with one bad label stores none of them, and names the bad one.
    std::vector<Label> batch = {{"cluster:9", "ring", "", 8}, {"account:nobody", "ring", "", 8}};
    Status unknown = labels->PutLabels(batch);
    EXPECT_EQ(unknown.code(), Status::Code::kNotFound);
    EXPECT_NE(unknown.message().find("label 2"), std::string::npos) << unknown.ToString();
    batch = {{"cluster:10", "ring", "", 8}, {"group:3", "ring", "", 8}};
    EXPECT_EQ(labels->PutLabels(batch).code(), Status::Code::kInvalidArgument);
    batch = {{"cluster:11", "ring", std::string(kMaxLabelNoteBytes + 1, 'x'), 8}};
    EXPECT_EQ(labels->PutLabels(batch).code(), Status::Code::kInvalidArgument);
    EXPECT_FALSE(labels->GetLabel("cluster:9")->has_value());
  }
  StoreOptions read_only;
  read_only.read_only = true;
  auto store = std::move(AccountStore::Open(dir.Sub("db"), read_only)).value();
  auto detection = std::move(DetectionStore::Open(*store)).value();
  LabelStore* labels = &detection->labels();
  Label label = labels->GetLabel("cluster:7")->value();
  EXPECT_EQ(label.verdict, "ring");
  EXPECT_EQ(label.note, "confirmed by payments team");
  int count = 0;
  ASSERT_TRUE(labels
                  ->ForEachLabel([&](const Label&) {
                    ++count;
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(count, 2);
}

}  // namespace
}  // namespace ringgraph::store
