// A connection to a running ringd for ringctl's query commands, through ringd's C++ client
// (thrift/client/ringgraph_client.h): framed binary Thrift over TCP or TLS (--tls-ca, with
// --tls-cert and --tls-key for mutual TLS), authenticated with the client token from
// --token-file (or $RINGGRAPH_TOKEN_FILE), or by the client certificate alone.
#pragma once

#include <memory>
#include <string>

#include "RingGraph.h"
#include "graph/common/status.h"
#include "thrift/client/ringgraph_client.h"
#include "tools/ringctl/command.h"

namespace ringgraph::tools {

class RemoteClient {
 public:
  // Connects to global.remote (HOST:PORT) and authenticates.
  static Result<std::unique_ptr<RemoteClient>> Connect(const GlobalOptions& global);

  api::RingGraphClient& api() { return connection_->api(); }
  const std::string& address() const { return connection_->address(); }
  client::Connection& connection() { return *connection_; }

 private:
  explicit RemoteClient(std::unique_ptr<client::Connection> connection)
      : connection_(std::move(connection)) {}
  std::unique_ptr<client::Connection> connection_;
};

// Runs `call` and turns Thrift failures into a Status with a message for people.
Status RemoteCall(RemoteClient& client, const std::function<void(api::RingGraphClient&)>& call);

}  // namespace ringgraph::tools
