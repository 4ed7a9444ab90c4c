// A connection to a running ringd for ringctl's query commands: framed binary Thrift over TCP,
// authenticated with the client token from --token-file (or $RINGGRAPH_TOKEN_FILE).
#pragma once

#include <memory>
#include <string>

#include "RingGraph.h"
#include "graph/common/status.h"
#include "tools/ringctl/command.h"

namespace ringgraph::tools {

class RemoteClient {
 public:
  // Connects to global.remote (HOST:PORT) and authenticates.
  static Result<std::unique_ptr<RemoteClient>> Connect(const GlobalOptions& global);
  ~RemoteClient();

  api::RingGraphClient& api() { return *client_; }
  const std::string& address() const { return address_; }

 private:
  RemoteClient() = default;
  std::string address_;
  std::shared_ptr<apache::thrift::transport::TTransport> transport_;
  std::unique_ptr<api::RingGraphClient> client_;
};

// Runs `call` and turns Thrift failures into a Status with a message for people.
Status RemoteCall(RemoteClient& client, const std::function<void(api::RingGraphClient&)>& call);

}  // namespace ringgraph::tools
