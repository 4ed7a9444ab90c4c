// ringd's event-loop Thrift server: a fixed pool of worker threads, each running one epoll loop
// over its share of the connections, and an acceptor that deals new connections out in turn.
//
// It speaks exactly what the stock servers speak (framed binary protocol, the generated
// processor, one handler per connection), but a connection's descriptor is registered with its
// worker once and never re-armed, so a request costs one recv() and one send(), and one
// epoll_wait() serves every connection that is ready — the shape of redis-server's loop.
// TNonblockingServer re-arms each connection with two epoll_ctl calls per request, and
// TThreadedServer wakes one thread per request; both cost more on two cores (README, "Serving").
//
// Quick calls (membership lookups, health: microseconds) run on their connection's worker.
// Every other call, and any frame over 64 KiB, runs on an offload pool, so an ingest or an
// explanation never holds up the worker's other connections; the connection waits for that
// answer before its next request, so answers stay in order (api_methods.h classifies frames).
//
// Limits: a frame over max_frame_bytes, a zero or negative frame size, or a request the
// protocol rejects (strict version check, string and list limits) closes that connection only.
//
// Thread safety: Serve() blocks on one thread; Stop() may be called from any other.
#pragma once

#include <memory>

#include "RingGraph.h"
#include "service/thrift_server.h"

namespace ringgraph::service {

std::unique_ptr<ThriftServer> MakeEpollServer(const ServerOptions& options,
                                              std::shared_ptr<api::RingGraphIfFactory> handlers);

}  // namespace ringgraph::service
