// libFuzzer harness for the Thrift request decoding ringd does: the input is one request body
// (what follows a frame's length) and goes through the generated processor with the protocol
// limits ringd sets, then into every method's argument struct directly. The handler answers
// with fixed values: this harness tests decoding, not the store.
#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/transport/TBufferTransports.h>

#include <cstddef>
#include <cstdint>

#include "RingGraph.h"

namespace {

using namespace ringgraph::api;

class FixedHandler final : public RingGraphIf {
 public:
  void authenticate(Session& out, const std::string&) override { out.client = "fuzz"; }
  void getCluster(Membership& out, const std::string& account) override { out.account = account; }
  void getClusters(std::vector<Membership>& out,
                   const std::vector<std::string>& accounts) override {
    out.resize(accounts.size());
  }
  void getClusterDetail(ClusterDetail&, int64_t, int32_t, int32_t) override {}
  void explainCluster(ClusterExplanation&, int64_t) override {}
  void explainLink(LinkExplanation&, const std::string&, const std::string&) override {}
  void topRings(std::vector<RingSummary>&, int32_t, double) override {}
  void ingest(IngestResult& out, const std::vector<Signal>& signals) override {
    out.acknowledged = static_cast<int32_t>(signals.size());
  }
  void label(const std::string&, const std::string&, const std::string&) override {}
  void runDetection(DetectionStatus&) override {}
  void detectionStatus(DetectionStatus&) override {}
  void exportIndicators(std::string&, const std::string&, double, const std::vector<int64_t>&,
                        const std::string&, const std::string&) override {}
  void importIndicators(ImportResult&, const std::string&, const std::string&) override {}
  void health(HealthStatus&) override {}
  void version(std::string& out) override { out = "fuzz"; }
};

using Protocol = apache::thrift::protocol::TBinaryProtocol;
using apache::thrift::transport::TMemoryBuffer;

std::shared_ptr<Protocol> Input(const std::uint8_t* data, std::size_t size) {
  auto buffer = std::make_shared<TMemoryBuffer>(const_cast<std::uint8_t*>(data),
                                                static_cast<std::uint32_t>(size));
  return std::make_shared<Protocol>(buffer, 1 << 20, 100000, /*strict_read=*/true, true);
}

template <typename Args>
void Decode(const std::uint8_t* data, std::size_t size) {
  Args args;
  try {
    args.read(Input(data, size).get());
  } catch (const apache::thrift::TException&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static auto handler = std::make_shared<FixedHandler>();
  static RingGraphProcessor processor(handler);
  try {
    auto output = std::make_shared<Protocol>(std::make_shared<TMemoryBuffer>());
    processor.process(Input(data, size), output, nullptr);
  } catch (const apache::thrift::TException&) {
  }
  Decode<RingGraph_authenticate_args>(data, size);
  Decode<RingGraph_getCluster_args>(data, size);
  Decode<RingGraph_getClusters_args>(data, size);
  Decode<RingGraph_getClusterDetail_args>(data, size);
  Decode<RingGraph_explainCluster_args>(data, size);
  Decode<RingGraph_explainLink_args>(data, size);
  Decode<RingGraph_topRings_args>(data, size);
  Decode<RingGraph_ingest_args>(data, size);
  Decode<RingGraph_label_args>(data, size);
  Decode<RingGraph_exportIndicators_args>(data, size);
  Decode<RingGraph_importIndicators_args>(data, size);
  return 0;
}
