// The two server models. See thrift_server.h.
#include "service/thrift_server.h"

#include <sys/socket.h>
#include <thrift/TConfiguration.h>
#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/server/TNonblockingServer.h>
#include <thrift/server/TThreadedServer.h>
#include <thrift/transport/TBufferTransports.h>
#include <thrift/transport/TNonblockingServerSocket.h>
#include <thrift/transport/TServerSocket.h>
#include <thrift/transport/TSocket.h>
#include <thrift/transport/TTransportException.h>

#include <atomic>
#include <map>
#include <mutex>

#include "service/epoll_server.h"
#include "service/tls_transport.h"

namespace ringgraph::service {
namespace {

using apache::thrift::TConfiguration;
using apache::thrift::protocol::TBinaryProtocolFactory;
using apache::thrift::server::TNonblockingServer;
using apache::thrift::server::TServer;
using apache::thrift::server::TServerEventHandler;
using apache::thrift::server::TThreadedServer;
using apache::thrift::transport::TTransport;

// A receive buffer under the framed transport, so that a small frame's length and body arrive
// in one recv(). Thrift 0.17 counts the bytes a buffered or framed transport consumes against
// the configured message size for the connection's whole life; both counts restart after every
// message here, or a long-lived connection would be cut after max_frame_bytes in total.
class ReceiveBuffer final : public apache::thrift::transport::TBufferedTransport {
 public:
  using TBufferedTransport::TBufferedTransport;
  void MessageDone() { resetConsumedMessageSize(); }
};

class BufferedFramedTransport final : public apache::thrift::transport::TFramedTransport {
 public:
  BufferedFramedTransport(std::shared_ptr<ReceiveBuffer> buffer,
                          std::shared_ptr<TConfiguration> config)
      : TFramedTransport(buffer, std::move(config)), buffer_(std::move(buffer)) {}
  uint32_t readEnd() override {
    buffer_->MessageDone();
    const uint32_t bytes = TFramedTransport::readEnd();
    resetConsumedMessageSize();  // strings read by borrow/consume count here too
    return bytes;
  }

 private:
  std::shared_ptr<ReceiveBuffer> buffer_;
};

// Framed transport whose frames are capped by our configuration, not the library default.
class LimitedFramedTransportFactory final : public apache::thrift::transport::TTransportFactory {
 public:
  explicit LimitedFramedTransportFactory(std::shared_ptr<TConfiguration> config)
      : config_(std::move(config)) {}
  std::shared_ptr<TTransport> getTransport(std::shared_ptr<TTransport> transport) override {
    return std::make_shared<BufferedFramedTransport>(
        std::make_shared<ReceiveBuffer>(transport, 4096, config_), config_);
  }

 private:
  std::shared_ptr<TConfiguration> config_;
};

class ListeningNotifier final : public TServerEventHandler {
 public:
  explicit ListeningNotifier(std::function<void()> notify) : notify_(std::move(notify)) {}
  void preServe() override { notify_(); }

 private:
  std::function<void()> notify_;
};

std::shared_ptr<TBinaryProtocolFactory> LimitedProtocol(const ServerOptions& options) {
  // Strict reads: a message must start with the protocol version, so garbage fails at once.
  return std::make_shared<TBinaryProtocolFactory>(options.max_string_bytes,
                                                  options.max_container_items,
                                                  /*strict_read=*/true, /*strict_write=*/true);
}

Status BindFailure(const ServerOptions& options, const std::exception& e) {
  return Status::IoError("cannot listen on " + options.host + ":" + std::to_string(options.port) +
                         ": " + e.what() + " (is another process using the port?)");
}

class NonblockingServer final : public ThriftServer {
 public:
  NonblockingServer(const ServerOptions& options, std::shared_ptr<api::RingGraphIfFactory> handlers)
      : options_(options) {
    socket_ = std::make_shared<apache::thrift::transport::TNonblockingServerSocket>(options.host,
                                                                                    options.port);
    server_ = std::make_unique<TNonblockingServer>(
        std::make_shared<api::RingGraphProcessorFactory>(std::move(handlers)),
        LimitedProtocol(options), socket_);
    server_->setNumIOThreads(static_cast<std::size_t>(std::max(1, options.io_threads)));
    server_->setMaxFrameSize(options.max_frame_bytes);
    server_->setMaxConnections(options.max_connections);
  }

  Status Serve(const std::function<void(int)>& on_listening) override {
    server_->setServerEventHandler(std::make_shared<ListeningNotifier>(
        [this, on_listening] { on_listening(socket_->getListenPort()); }));
    try {
      server_->serve();
    } catch (const apache::thrift::transport::TTransportException& e) {
      return BindFailure(options_, e);
    }
    return Status::Ok();
  }
  void Stop() override { server_->stop(); }

 private:
  ServerOptions options_;
  std::shared_ptr<apache::thrift::transport::TNonblockingServerSocket> socket_;
  std::unique_ptr<TNonblockingServer> server_;
};

// Remembers each connection's socket so that Stop() can end blocked reads. Children of the
// server socket are not "interruptable": Thrift would otherwise poll() before every recv() to
// watch an interrupt pipe, one extra system call per request (measured: README, "Serving").
class TrackingHandlerFactory final : public api::RingGraphIfFactory {
 public:
  explicit TrackingHandlerFactory(std::shared_ptr<api::RingGraphIfFactory> inner)
      : inner_(std::move(inner)) {}

  api::RingGraphIf* getHandler(const apache::thrift::TConnectionInfo& info) override {
    api::RingGraphIf* handler = inner_->getHandler(info);
    auto socket = std::dynamic_pointer_cast<apache::thrift::transport::TSocket>(info.transport);
    std::lock_guard<std::mutex> lock(mutex_);
    if (socket) {
      sockets_[handler] = socket;
      if (stopping_) ::shutdown(socket->getSocketFD(), SHUT_RD);
    }
    return handler;
  }
  void releaseHandler(api::RingGraphIf* handler) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      sockets_.erase(handler);
    }
    inner_->releaseHandler(handler);
  }
  // Ends every connection's wait for its next request. A call in progress still sends its
  // answer (only the read side is shut), then its thread sees the end of input and exits.
  void StopReading() {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    for (auto& [handler, socket] : sockets_) ::shutdown(socket->getSocketFD(), SHUT_RD);
  }

 private:
  std::shared_ptr<api::RingGraphIfFactory> inner_;
  std::mutex mutex_;
  bool stopping_ = false;
  std::map<api::RingGraphIf*, std::shared_ptr<apache::thrift::transport::TSocket>> sockets_;
};

class ThreadedServer final : public ThriftServer {
 public:
  // socket: the listening socket (TLS or plain TCP).
  ThreadedServer(const ServerOptions& options, std::shared_ptr<api::RingGraphIfFactory> handlers,
                 std::shared_ptr<apache::thrift::transport::TServerSocket> socket)
      : options_(options), socket_(std::move(socket)) {
    tracking_ = std::make_shared<TrackingHandlerFactory>(std::move(handlers));
    handlers = tracking_;
    socket_->setInterruptableChildren(false);
    auto config = std::make_shared<TConfiguration>(static_cast<int>(options.max_frame_bytes) + 4,
                                                   static_cast<int>(options.max_frame_bytes));
    server_ = std::make_unique<TThreadedServer>(
        std::make_shared<api::RingGraphProcessorFactory>(std::move(handlers)), socket_,
        std::make_shared<LimitedFramedTransportFactory>(config), LimitedProtocol(options));
    server_->setConcurrentClientLimit(options.max_connections);
  }

  Status Serve(const std::function<void(int)>& on_listening) override {
    server_->setServerEventHandler(std::make_shared<ListeningNotifier>(
        [this, on_listening] { on_listening(socket_->getPort()); }));
    try {
      server_->serve();
    } catch (const apache::thrift::transport::TTransportException& e) {
      return BindFailure(options_, e);
    }
    return Status::Ok();
  }
  void Stop() override {
    server_->stop();
    tracking_->StopReading();
  }

 private:
  ServerOptions options_;
  std::shared_ptr<TrackingHandlerFactory> tracking_;
  std::shared_ptr<apache::thrift::transport::TServerSocket> socket_;
  std::unique_ptr<TThreadedServer> server_;
};

}  // namespace

Result<std::unique_ptr<ThriftServer>> ThriftServer::Create(
    const ServerOptions& options, std::shared_ptr<api::RingGraphIfFactory> handlers) {
  if (options.port < 0 || options.port > 65535) {
    return Status::InvalidArgument("port " + std::to_string(options.port) + " is out of range");
  }
  if (options.max_frame_bytes < 1024) {
    return Status::InvalidArgument("max frame size must be at least 1024 bytes");
  }
  if (options.tls.enabled()) {
    // TLS runs in the threaded model: each connection's thread does its own handshake and
    // blocking SSL reads. The event-loop models would need OpenSSL's non-blocking state machine.
    if (options.model != "threaded") {
      return Status::InvalidArgument(
          "TLS is served by the threaded server model; pass "
          "--server threaded (or leave --server unset) with --tls-cert");
    }
    RINGGRAPH_ASSIGN_OR_RETURN(auto socket,
                               MakeTlsServerSocket(options.tls, options.host, options.port));
    return std::unique_ptr<ThriftServer>(
        new ThreadedServer(options, std::move(handlers), std::move(socket)));
  }
  if (options.model == "nonblocking") {
    return std::unique_ptr<ThriftServer>(new NonblockingServer(options, std::move(handlers)));
  }
  if (options.model == "threaded") {
    return std::unique_ptr<ThriftServer>(new ThreadedServer(
        options, std::move(handlers),
        std::make_shared<apache::thrift::transport::TServerSocket>(options.host, options.port)));
  }
  if (options.model == "epoll") return MakeEpollServer(options, std::move(handlers));
  return Status::InvalidArgument("server model '" + options.model +
                                 "' is unknown; use epoll, threaded or nonblocking");
}

}  // namespace ringgraph::service
