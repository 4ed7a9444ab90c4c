// ringctl's ringd client. See remote_client.h.
#include "tools/ringctl/remote_client.h"

#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/transport/TBufferTransports.h>
#include <thrift/transport/TSocket.h>
#include <thrift/transport/TTransportException.h>

#include <cstdlib>
#include <fstream>

namespace ringgraph::tools {
namespace {

Result<std::string> ReadToken(const GlobalOptions& global) {
  std::string path = global.token_file;
  if (path.empty()) {
    if (const char* env = std::getenv("RINGGRAPH_TOKEN_FILE"); env != nullptr) path = env;
  }
  if (path.empty()) {
    return Status::InvalidArgument(
        "no client token: pass --token-file FILE or set RINGGRAPH_TOKEN_FILE");
  }
  std::ifstream in(path);
  std::string token;
  if (!in || !std::getline(in, token)) {
    return Status::IoError("cannot read the client token from '" + path + "'");
  }
  while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) token.pop_back();
  return token;
}

const char* CodeName(api::ErrorCode::type code) {
  switch (code) {
    case api::ErrorCode::INVALID_ARGUMENT: return "invalid argument";
    case api::ErrorCode::NOT_FOUND: return "not found";
    case api::ErrorCode::UNAUTHENTICATED: return "unauthenticated";
    case api::ErrorCode::PERMISSION_DENIED: return "permission denied";
    case api::ErrorCode::UNAVAILABLE: return "unavailable";
    case api::ErrorCode::RESOURCE_EXHAUSTED: return "resource exhausted";
    case api::ErrorCode::FAILED_PRECONDITION: return "failed precondition";
    case api::ErrorCode::INTERNAL: return "internal";
  }
  return "error";
}

}  // namespace

RemoteClient::~RemoteClient() {
  try {
    if (transport_) transport_->close();
  } catch (...) {
  }
}

Result<std::unique_ptr<RemoteClient>> RemoteClient::Connect(const GlobalOptions& global) {
  const std::size_t colon = global.remote.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Status::InvalidArgument("--remote '" + global.remote + "' is not HOST:PORT");
  }
  const std::string host = global.remote.substr(0, colon);
  const int port = std::atoi(global.remote.c_str() + colon + 1);
  if (port <= 0 || port > 65535) return Status::InvalidArgument("--remote has a bad port");
  RINGGRAPH_ASSIGN_OR_RETURN(std::string token, ReadToken(global));
  std::unique_ptr<RemoteClient> client(new RemoteClient());
  client->address_ = global.remote;
  auto socket = std::make_shared<apache::thrift::transport::TSocket>(host, port);
  socket->setConnTimeout(5000);
  client->transport_ = std::make_shared<apache::thrift::transport::TFramedTransport>(socket);
  client->client_ = std::make_unique<api::RingGraphClient>(
      std::make_shared<apache::thrift::protocol::TBinaryProtocol>(client->transport_));
  try {
    client->transport_->open();
  } catch (const apache::thrift::TException& e) {
    return Status::IoError("cannot reach ringd at " + global.remote + ": " + e.what());
  }
  RINGGRAPH_RETURN_IF_ERROR(RemoteCall(*client, [&](api::RingGraphClient& api) {
    api::Session session;
    api.authenticate(session, token);
  }));
  return client;
}

Status RemoteCall(RemoteClient& client, const std::function<void(api::RingGraphClient&)>& call) {
  try {
    call(client.api());
    return Status::Ok();
  } catch (const api::RingGraphError& e) {
    const std::string message = std::string("ringd: ") + CodeName(e.code) + ": " + e.message;
    switch (e.code) {
      case api::ErrorCode::INVALID_ARGUMENT: return Status::InvalidArgument(message);
      case api::ErrorCode::NOT_FOUND: return Status::NotFound(message);
      case api::ErrorCode::FAILED_PRECONDITION: return Status::FailedPrecondition(message);
      case api::ErrorCode::RESOURCE_EXHAUSTED: return Status::ResourceExhausted(message);
      default: return Status::Internal(message);
    }
  } catch (const apache::thrift::TException& e) {
    return Status::IoError("lost ringd at " + client.address() + ": " + e.what());
  }
}

}  // namespace ringgraph::tools
