// The detection tables opened together, and what a read-only open says before any detection.
#include "graph/store/detection_store.h"

#include <gtest/gtest.h>

#include "graph/common/temp_dir.h"

namespace ringgraph::store {
namespace {

TEST(DetectionStoreTest, ReadOnlyOpenBeforeAnyDetectionSaysWhatToRun) {
  TempDir dir;
  { auto store = std::move(AccountStore::Open(dir.Sub("db"))).value(); }
  StoreOptions read_only;
  read_only.read_only = true;
  auto store = std::move(AccountStore::Open(dir.Sub("db"), read_only)).value();
  auto detection = DetectionStore::Open(*store);
  EXPECT_EQ(detection.status().code(), Status::Code::kFailedPrecondition);
  EXPECT_NE(detection.status().message().find("ringctl detect"), std::string::npos);
}

}  // namespace
}  // namespace ringgraph::store
