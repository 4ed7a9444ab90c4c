// The Thrift server ringd runs: framed binary protocol with explicit limits, in one of two
// server models (README, "Serving", has the measurements that chose the default):
//   epoll        ringd's own event loops with an offload pool for slow calls (epoll_server.h)
//   threaded     TThreadedServer: one thread per connection, blocking sockets
//   nonblocking  TNonblockingServer: libevent I/O threads that also run the handlers
// With TLS (tls_transport.h) the threaded model serves, over OpenSSL.
// Limits: a frame above max_frame_bytes, a string above max_string_bytes or a list above
// max_container_items closes that connection and touches no other.
//
// Thread safety: Serve() blocks on one thread; Stop() may be called from any other.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "RingGraph.h"
#include "graph/common/status.h"
#include "service/tls_transport.h"

namespace ringgraph::service {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 9090;  // 0: any free port (see on_listening)
  std::string model = "epoll";
  // Event loops of the epoll and nonblocking servers. One loop on two cores: the measured best
  // (README, "Serving").
  int io_threads = 1;
  // Threads of the epoll server that run calls other than quick reads (ingest, explanations).
  int offload_threads = 2;
  std::uint32_t max_frame_bytes = 16u << 20;
  std::int32_t max_string_bytes = 1 << 20;
  std::int32_t max_container_items = 100000;
  std::uint32_t max_connections = 4096;
  TlsServerOptions tls;  // off unless tls.cert_file is set
};

class ThriftServer {
 public:
  static Result<std::unique_ptr<ThriftServer>> Create(
      const ServerOptions& options, std::shared_ptr<api::RingGraphIfFactory> handlers);
  virtual ~ThriftServer() = default;

  // Listens and serves until Stop(). Calls on_listening(port) once the socket listens. Returns
  // an error when the address cannot be bound.
  virtual Status Serve(const std::function<void(int port)>& on_listening) = 0;
  virtual void Stop() = 0;
};

}  // namespace ringgraph::service
