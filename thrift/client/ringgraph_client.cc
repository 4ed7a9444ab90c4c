// ringd's C++ client. See ringgraph_client.h.
#include "thrift/client/ringgraph_client.h"

#include <openssl/ssl.h>
#include <signal.h>
#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/transport/TBufferTransports.h>
#include <thrift/transport/TSSLSocket.h>
#include <thrift/transport/TSocket.h>
#include <thrift/transport/TTransportException.h>

namespace ringgraph::client {
namespace {

const char* CodeName(api::ErrorCode::type code) {
  switch (code) {
    case api::ErrorCode::INVALID_ARGUMENT:
      return "invalid argument";
    case api::ErrorCode::NOT_FOUND:
      return "not found";
    case api::ErrorCode::UNAUTHENTICATED:
      return "unauthenticated";
    case api::ErrorCode::PERMISSION_DENIED:
      return "permission denied";
    case api::ErrorCode::UNAVAILABLE:
      return "unavailable";
    case api::ErrorCode::RESOURCE_EXHAUSTED:
      return "resource exhausted";
    case api::ErrorCode::FAILED_PRECONDITION:
      return "failed precondition";
    case api::ErrorCode::INTERNAL:
      return "internal";
  }
  return "error";
}

Result<std::shared_ptr<TlsSocketFactory>> MakeClientTlsFactory(const TlsClientOptions& tls) {
  auto factory = std::make_shared<TlsSocketFactory>();
  RINGGRAPH_RETURN_IF_ERROR(factory->ApplyModernTls());
  try {
    factory->loadTrustedCertificates(tls.ca_file.c_str());
  } catch (const std::exception& e) {
    return Status::InvalidArgument("cannot load --tls-ca '" + tls.ca_file + "': " + e.what());
  }
  if (tls.cert_file.empty() != tls.key_file.empty()) {
    return Status::InvalidArgument("--tls-cert and --tls-key go together");
  }
  if (!tls.cert_file.empty()) {
    try {
      factory->loadCertificate(tls.cert_file.c_str());
    } catch (const std::exception& e) {
      return Status::InvalidArgument("cannot load --tls-cert '" + tls.cert_file + "': " + e.what());
    }
    try {
      factory->loadPrivateKey(tls.key_file.c_str());
    } catch (const std::exception& e) {
      return Status::InvalidArgument("cannot load --tls-key '" + tls.key_file + "': " + e.what());
    }
  }
  factory->authenticate(true);  // the server's certificate must verify
  // ...and name the host we dialled.
  factory->access(std::make_shared<apache::thrift::transport::DefaultClientAccessManager>());
  return factory;
}

// OpenSSL writes to its socket with write(), not send(MSG_NOSIGNAL) as Thrift's plain sockets do,
// so a server that drops the connection mid-handshake (a refused certificate) would kill the
// client with SIGPIPE. Ignore it, unless the program has its own handler.
void IgnoreSigpipeUnlessHandled() {
  struct sigaction current {};
  if (::sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
    ::signal(SIGPIPE, SIG_IGN);
  }
}

}  // namespace

Status TlsSocketFactory::ApplyModernTls() {
  if (SSL_CTX_set_min_proto_version(ctx_->get(), TLS1_2_VERSION) != 1) {
    return Status::Internal("OpenSSL refused the TLS 1.2 floor");
  }
  try {
    ciphers(kTls12Ciphers);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("OpenSSL refused the cipher list: ") + e.what());
  }
  return Status::Ok();
}

Result<std::pair<std::string, int>> SplitAddress(const std::string& address) {
  const std::size_t colon = address.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == address.size()) {
    return Status::InvalidArgument("'" + address + "' is not HOST:PORT");
  }
  const std::string port_text = address.substr(colon + 1);
  if (port_text.find_first_not_of("0123456789") != std::string::npos || port_text.size() > 5) {
    return Status::InvalidArgument("'" + address + "' has a bad port");
  }
  const int port = std::stoi(port_text);
  if (port <= 0 || port > 65535) {
    return Status::InvalidArgument("'" + address + "' has a port out of range");
  }
  std::string host = address.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return std::make_pair(host, port);
}

Connection::~Connection() {
  try {
    if (transport_) transport_->close();
  } catch (...) {
  }
}

Result<std::unique_ptr<Connection>> Connection::Open(const ConnectOptions& options) {
  std::unique_ptr<Connection> connection(new Connection());
  connection->options_ = options;
  for (std::size_t start = 0; start <= options.address.size();) {
    std::size_t comma = options.address.find(',', start);
    if (comma == std::string::npos) comma = options.address.size();
    std::string one = options.address.substr(start, comma - start);
    if (!one.empty()) {
      RINGGRAPH_RETURN_IF_ERROR(SplitAddress(one).status());
      connection->addresses_.push_back(std::move(one));
    }
    start = comma + 1;
  }
  if (connection->addresses_.empty()) {
    return Status::InvalidArgument("'" + options.address + "' is not HOST:PORT");
  }
  if (options.tls.enabled()) {
    IgnoreSigpipeUnlessHandled();
    RINGGRAPH_ASSIGN_OR_RETURN(connection->tls_factory_, MakeClientTlsFactory(options.tls));
  } else if (!options.tls.cert_file.empty() || !options.tls.key_file.empty()) {
    return Status::InvalidArgument(
        "--tls-cert and --tls-key need --tls-ca (the CA that "
        "signed ringd's certificate)");
  }
  Status first_failure;
  for (std::size_t i = 0; i < connection->addresses_.size(); ++i) {
    Status dialled = connection->Dial(i);
    if (dialled.ok()) return connection;
    // A refused token or certificate is the same on every replica: say so at once.
    if (dialled.code() != Status::Code::kIoError) return dialled;
    if (first_failure.ok()) first_failure = dialled;
  }
  if (connection->addresses_.size() == 1) return first_failure;
  return Status::IoError("no replica of " + options.address +
                         " answered; the first: " + first_failure.message());
}

Status Connection::Dial(std::size_t index) {
  const std::string& address = addresses_[index];
  RINGGRAPH_ASSIGN_OR_RETURN(auto host_port, SplitAddress(address));
  std::shared_ptr<apache::thrift::transport::TSocket> socket;
  if (tls_factory_) {
    socket = tls_factory_->createSocket(host_port.first, host_port.second);
  } else {
    socket =
        std::make_shared<apache::thrift::transport::TSocket>(host_port.first, host_port.second);
  }
  socket->setConnTimeout(options_.connect_timeout_ms);
  if (options_.io_timeout_ms > 0) {
    socket->setRecvTimeout(options_.io_timeout_ms);
    socket->setSendTimeout(options_.io_timeout_ms);
  }
  try {
    if (transport_) transport_->close();
  } catch (...) {
  }
  current_ = index;
  transport_ = std::make_shared<apache::thrift::transport::TFramedTransport>(socket);
  client_ = std::make_unique<api::RingGraphClient>(
      std::make_shared<apache::thrift::protocol::TBinaryProtocol>(transport_));
  try {
    transport_->open();
  } catch (const apache::thrift::TException& e) {
    return Status::IoError("cannot reach ringd at " + address + ": " + e.what());
  }
  if (!options_.token.empty()) {
    bool transport_failed = false;
    RINGGRAPH_RETURN_IF_ERROR(CallHere(
        [&](api::RingGraphClient& api) {
          api::Session session;
          api.authenticate(session, options_.token);
        },
        &transport_failed));
  }
  return Status::Ok();
}

Status Connection::Call(const std::function<void(api::RingGraphClient&)>& call) {
  bool transport_failed = false;
  Status result = CallHere(call, &transport_failed);
  // Each other replica once, in order after the one that failed.
  const std::size_t failed = current_;
  for (std::size_t step = 1; transport_failed && step < addresses_.size(); ++step) {
    const std::size_t next = (failed + step) % addresses_.size();
    if (!Dial(next).ok()) continue;
    transport_failed = false;
    result = CallHere(call, &transport_failed);
  }
  return result;
}

Status Connection::CallHere(const std::function<void(api::RingGraphClient&)>& call,
                            bool* transport_failed) {
  *transport_failed = false;
  try {
    call(*client_);
    return Status::Ok();
  } catch (const api::RingGraphError& e) {
    const std::string message = std::string("ringd: ") + CodeName(e.code) + ": " + e.message;
    switch (e.code) {
      case api::ErrorCode::INVALID_ARGUMENT:
        return Status::InvalidArgument(message);
      case api::ErrorCode::NOT_FOUND:
        return Status::NotFound(message);
      case api::ErrorCode::FAILED_PRECONDITION:
        return Status::FailedPrecondition(message);
      case api::ErrorCode::RESOURCE_EXHAUSTED:
        return Status::ResourceExhausted(message);
      default:
        return Status::Internal(message);
    }
  } catch (const apache::thrift::TException& e) {
    *transport_failed = true;
    return Status::IoError(
        "lost ringd at " + address() + ": " + e.what() +
        (tls_factory_ ? " (TLS: check --tls-ca, --tls-cert and --tls-key)" : ""));
  }
}

}  // namespace ringgraph::client
