// ringctl's ringd client. See remote_client.h.
#include "tools/ringctl/remote_client.h"

#include <cstdlib>
#include <fstream>

namespace ringgraph::tools {
namespace {

// The client token, or an empty string when a client certificate stands in for it.
Result<std::string> ReadToken(const GlobalOptions& global) {
  std::string path = global.token_file;
  if (path.empty()) {
    if (const char* env = std::getenv("RINGGRAPH_TOKEN_FILE"); env != nullptr) path = env;
  }
  if (path.empty()) {
    if (!global.tls_cert.empty()) return std::string();
    return Status::InvalidArgument(
        "no client token: pass --token-file FILE or set RINGGRAPH_TOKEN_FILE (or, against a "
        "ringd with --tls-client-roles, a client certificate with --tls-cert and --tls-key)");
  }
  std::ifstream in(path);
  std::string token;
  if (!in || !std::getline(in, token)) {
    return Status::IoError("cannot read the client token from '" + path + "'");
  }
  while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) token.pop_back();
  return token;
}

}  // namespace

Result<std::unique_ptr<RemoteClient>> RemoteClient::Connect(const GlobalOptions& global) {
  client::ConnectOptions options;
  options.address = global.remote;
  RINGGRAPH_ASSIGN_OR_RETURN(options.token, ReadToken(global));
  options.tls = {global.tls_ca, global.tls_cert, global.tls_key};
  Result<std::unique_ptr<client::Connection>> connection = client::Connection::Open(options);
  if (!connection.ok()) {
    if (connection.status().code() == Status::Code::kInvalidArgument &&
        connection.status().message().rfind("'", 0) == 0) {
      return Status::InvalidArgument("--remote " + connection.status().message());
    }
    return connection.status();
  }
  return std::unique_ptr<RemoteClient>(new RemoteClient(std::move(*connection)));
}

Status RemoteCall(RemoteClient& client, const std::function<void(api::RingGraphClient&)>& call) {
  return client.connection().Call(call);
}

}  // namespace ringgraph::tools
