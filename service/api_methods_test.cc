#include "service/api_methods.h"

#include <gtest/gtest.h>
#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/transport/TBufferTransports.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "RingGraph.h"

namespace ringgraph::service {
namespace {

using apache::thrift::protocol::TBinaryProtocol;
using apache::thrift::transport::TMemoryBuffer;

// The frame the generated client writes for one call (without the frame's length prefix,
// which the server strips before classifying).
std::string FrameOf(const std::function<void(api::RingGraphClient&)>& send) {
  auto buffer = std::make_shared<TMemoryBuffer>();
  auto protocol = std::make_shared<TBinaryProtocol>(buffer);
  api::RingGraphClient client(protocol);
  send(client);
  return buffer->getBufferAsString();
}

bool Offloaded(const std::string& frame) { return FrameIsOffloaded(frame.data(), frame.size()); }

TEST(ApiMethodsTest, EveryMethodHasOneNameThatFindsItAgain) {
  std::set<std::string_view> names;
  for (int m = 0; m < static_cast<int>(Method::kCount); ++m) {
    const auto method = static_cast<Method>(m);
    const std::string_view name = MethodName(method);
    EXPECT_FALSE(name.empty());
    EXPECT_TRUE(names.insert(name).second) << name << " named twice";
    ASSERT_TRUE(FindMethod(name).has_value()) << name;
    EXPECT_EQ(*FindMethod(name), method);
  }
  EXPECT_FALSE(FindMethod("getcluster").has_value());
  EXPECT_FALSE(FindMethod("").has_value());
}

TEST(ApiMethodsTest, OnlyTheLookupsAreQuick) {
  std::set<std::string_view> quick;
  for (int m = 0; m < static_cast<int>(Method::kCount); ++m) {
    if (CostOf(static_cast<Method>(m)) == MethodCost::kQuick) {
      quick.insert(MethodName(static_cast<Method>(m)));
    }
  }
  EXPECT_EQ(quick, (std::set<std::string_view>{"authenticate", "getCluster", "getClusters",
                                               "detectionStatus", "health", "version"}));
}

TEST(ApiMethodsTest, FramesFromTheGeneratedClientAreClassifiedByTheirMethod) {
  EXPECT_FALSE(Offloaded(FrameOf([](auto& c) { c.send_getCluster("acct-1"); })));
  EXPECT_FALSE(Offloaded(FrameOf([](auto& c) { c.send_getClusters({"a", "b"}); })));
  EXPECT_FALSE(Offloaded(FrameOf([](auto& c) { c.send_health(); })));
  EXPECT_TRUE(Offloaded(FrameOf([](auto& c) { c.send_explainLink("a", "b"); })));
  EXPECT_TRUE(Offloaded(FrameOf([](auto& c) { c.send_ingest({}); })));
}

TEST(ApiMethodsTest, ALargeFrameIsOffloadedWhateverItCalls) {
  const std::vector<std::string> accounts(20000, "acct-000000");
  const std::string frame = FrameOf([&](auto& c) { c.send_getClusters(accounts); });
  ASSERT_GT(frame.size(), kLargestQuickFrame);
  EXPECT_TRUE(Offloaded(frame));
}

TEST(ApiMethodsTest, UnknownMethodsAreOffloadedAndGarbageStaysForTheProtocolToReject) {
  auto buffer = std::make_shared<TMemoryBuffer>();
  TBinaryProtocol protocol(buffer);
  protocol.writeMessageBegin("dropEverything", apache::thrift::protocol::T_CALL, 1);
  protocol.writeMessageEnd();
  EXPECT_TRUE(Offloaded(buffer->getBufferAsString()));

  // Too short for a header; a header that claims a 2 GiB name; not a strict header at all.
  EXPECT_FALSE(Offloaded(std::string("\x80\x01", 2)));
  const std::string huge_name(
      "\x80\x01\x00\x01\x7f\xff\xff\xff"
      "getCluster",
      18);
  EXPECT_FALSE(Offloaded(huge_name));
  EXPECT_FALSE(Offloaded(std::string(32, 'x')));
  // A valid frame still classifies after the garbage (the per-thread buffer was reset).
  EXPECT_FALSE(Offloaded(FrameOf([](auto& c) { c.send_getCluster("acct-1"); })));
}

}  // namespace
}  // namespace ringgraph::service
