// The API's methods, declared once: the name the IDL gives each, and whether a call is quick
// enough to be answered on the event loop that read it or goes to the epoll server's offload
// pool. The metrics label calls by these names; the handler counts each call under its method;
// the epoll server classifies each request frame here.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace ringgraph::service {

enum class Method {
  kAuthenticate,
  kGetCluster,
  kGetClusters,
  kGetClusterDetail,
  kExplainCluster,
  kExplainLink,
  kTopRings,
  kIngest,
  kLabel,
  kRunDetection,
  kDetectionStatus,
  kHealth,
  kVersion,
  kExportIndicators,
  kImportIndicators,
  kCount
};

// Quick: a lookup of microseconds, answered on the event loop. Offloaded: anything that may
// take long enough (a write, an explanation, a walk of the graph) to hold up the other
// connections of its event loop.
enum class MethodCost { kQuick, kOffloaded };

std::string_view MethodName(Method method);
MethodCost CostOf(Method method);
// The method the IDL calls `name`, if there is one.
std::optional<Method> FindMethod(std::string_view name);

// Frames over this size are offloaded whatever they call: a large batch takes long to decode.
inline constexpr std::size_t kLargestQuickFrame = 64 * 1024;

// Whether a request frame (framed binary protocol, without its 4-byte length) is offloaded:
// it is large, calls an offloaded method, or calls a method the API does not have. A frame
// whose message header does not parse is not: the protocol rejects it on the event loop.
bool FrameIsOffloaded(const char* frame, std::size_t size);

}  // namespace ringgraph::service
