// The API's methods. See api_methods.h.
#include "service/api_methods.h"

#include <thrift/Thrift.h>
#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/transport/TBufferTransports.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>

namespace ringgraph::service {
namespace {

struct MethodTraits {
  Method method;
  std::string_view name;
  MethodCost cost;
};

constexpr MethodCost kQuick = MethodCost::kQuick;
constexpr MethodCost kOffloaded = MethodCost::kOffloaded;

// In the order of Method.
constexpr std::array<MethodTraits, static_cast<std::size_t>(Method::kCount)> kMethods{{
    {Method::kAuthenticate, "authenticate", kQuick},
    {Method::kGetCluster, "getCluster", kQuick},
    {Method::kGetClusters, "getClusters", kQuick},
    {Method::kGetClusterDetail, "getClusterDetail", kOffloaded},
    {Method::kExplainCluster, "explainCluster", kOffloaded},
    {Method::kExplainLink, "explainLink", kOffloaded},
    {Method::kTopRings, "topRings", kOffloaded},
    {Method::kIngest, "ingest", kOffloaded},
    {Method::kLabel, "label", kOffloaded},
    {Method::kRunDetection, "runDetection", kOffloaded},
    {Method::kDetectionStatus, "detectionStatus", kQuick},
    {Method::kHealth, "health", kQuick},
    {Method::kVersion, "version", kQuick},
    {Method::kExportIndicators, "exportIndicators", kOffloaded},
    {Method::kImportIndicators, "importIndicators", kOffloaded},
}};

constexpr bool InMethodOrder() {
  for (std::size_t i = 0; i < kMethods.size(); ++i) {
    if (static_cast<std::size_t>(kMethods[i].method) != i) return false;
  }
  return true;
}
static_assert(InMethodOrder(), "kMethods must list every Method in the enum's order");

}  // namespace

std::string_view MethodName(Method method) {
  return kMethods[static_cast<std::size_t>(method)].name;
}

MethodCost CostOf(Method method) { return kMethods[static_cast<std::size_t>(method)].cost; }

std::optional<Method> FindMethod(std::string_view name) {
  for (const MethodTraits& traits : kMethods) {
    if (traits.name == name) return traits.method;
  }
  return std::nullopt;
}

bool FrameIsOffloaded(const char* frame, std::size_t size) {
  if (size > kLargestQuickFrame) return true;
  // The message header, read by the protocol the server speaks (strict binary) from the frame
  // in place. The buffer and protocol are per thread: one event loop reads frames one at a time.
  using apache::thrift::protocol::TBinaryProtocol;
  using apache::thrift::transport::TMemoryBuffer;
  thread_local const std::shared_ptr<TMemoryBuffer> buffer = std::make_shared<TMemoryBuffer>();
  // Method names are short: a longer name fails here instead of allocating what the frame
  // claims.
  constexpr std::int32_t kLongestName = 64;
  thread_local TBinaryProtocol protocol(buffer, kLongestName, 0, /*strict_read=*/true,
                                        /*strict_write=*/true);
  buffer->resetBuffer(reinterpret_cast<std::uint8_t*>(const_cast<char*>(frame)),
                      static_cast<std::uint32_t>(size), TMemoryBuffer::OBSERVE);
  std::string name;
  apache::thrift::protocol::TMessageType type;
  std::int32_t sequence = 0;
  try {
    protocol.readMessageBegin(name, type, sequence);
  } catch (const apache::thrift::TException&) {
    return false;
  }
  const std::optional<Method> method = FindMethod(name);
  return !method.has_value() || CostOf(*method) == MethodCost::kOffloaded;
}

}  // namespace ringgraph::service
