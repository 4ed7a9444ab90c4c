// Load generator for ringd: membership lookups from many concurrent connections.
//
// Like redis-benchmark, it drives all connections from one thread with epoll, one request in
// flight per connection, so the two are measured the same way on the same machine. Requests are
// encoded and replies decoded by the generated Thrift client over memory buffers, so the bytes
// on the wire are exactly what any client sends.
//
//   bench_serve --port P[,P...] --token-file F --accounts FILE [--connections 50] [--seconds 10]
// With several ports (replicas on one host), connection i goes to port i mod the count.
//               [--batch 0]
// --batch 0 sends getCluster(account); --batch N sends getClusters of N accounts. Prints one
// line: requests/s, accounts/s, latency p50/p99/max in microseconds, errors, and peak memory.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/transport/TBufferTransports.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "RingGraph.h"

namespace {

using apache::thrift::protocol::TBinaryProtocol;
using apache::thrift::transport::TFramedTransport;
using apache::thrift::transport::TMemoryBuffer;
using Clock = std::chrono::steady_clock;

// One connection: a socket, and a generated client over memory buffers.
struct Connection {
  int fd = -1;
  std::shared_ptr<TMemoryBuffer> out_memory = std::make_shared<TMemoryBuffer>();
  std::shared_ptr<TMemoryBuffer> in_memory = std::make_shared<TMemoryBuffer>();
  std::shared_ptr<TFramedTransport> out_framed = std::make_shared<TFramedTransport>(out_memory);
  std::shared_ptr<TFramedTransport> in_framed = std::make_shared<TFramedTransport>(in_memory);
  std::unique_ptr<ringgraph::api::RingGraphClient> client;
  std::string pending_out;
  std::size_t out_pos = 0;
  std::string in;
  Clock::time_point sent_at;
  std::size_t next_account = 0;

  Connection() {
    client = std::make_unique<ringgraph::api::RingGraphClient>(
        std::make_shared<TBinaryProtocol>(in_framed),
        std::make_shared<TBinaryProtocol>(out_framed));
  }
  std::string TakeOutput() {
    std::string bytes = out_memory->getBufferAsString();
    out_memory->resetBuffer();
    return bytes;
  }
  void FeedReply(const std::string& frame) {
    in_memory->resetBuffer(reinterpret_cast<uint8_t*>(const_cast<char*>(frame.data())),
                           static_cast<uint32_t>(frame.size()), TMemoryBuffer::COPY);
  }
};

int ConnectTo(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

// Blocking exchange of one request and its reply frame (used to authenticate).
bool Exchange(Connection& c, const std::string& request, std::string* reply) {
  if (::write(c.fd, request.data(), request.size()) != static_cast<ssize_t>(request.size()))
    return false;
  reply->clear();
  char buf[65536];
  while (true) {
    if (reply->size() >= 4) {
      std::uint32_t len = ntohl(*reinterpret_cast<const std::uint32_t*>(reply->data()));
      if (reply->size() >= 4 + len) return true;
    }
    ssize_t n = ::read(c.fd, buf, sizeof buf);
    if (n <= 0) return false;
    reply->append(buf, static_cast<std::size_t>(n));
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Load generator for ringd's membership lookups (see the file comment)"};
  int connections = 50, batch = 0;
  std::vector<int> ports;
  double seconds = 10;
  std::string token_file, accounts_file;
  app.add_option("--port", ports,
                 "ringd's Thrift port on 127.0.0.1, or several replicas' ports (P,P,...): "
                 "connections are spread over them in turn")
      ->required()
      ->delimiter(',')
      ->check(CLI::Range(1, 65535));
  app.add_option("--token-file", token_file, "Client token")->required();
  app.add_option("--accounts", accounts_file, "File with one account name per line")->required();
  app.add_option("--connections", connections, "Concurrent connections")->capture_default_str();
  app.add_option("--seconds", seconds, "How long to run")->capture_default_str();
  app.add_option("--batch", batch, "0: getCluster; N: getClusters with N accounts")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  std::string token;
  std::ifstream(token_file) >> token;
  std::vector<std::string> accounts;
  {
    std::ifstream in(accounts_file);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty()) accounts.push_back(line);
    }
  }
  if (accounts.empty() || token.empty()) {
    std::cerr << "bench_serve: need a token and at least one account\n";
    return 2;
  }

  std::vector<Connection> conns(static_cast<std::size_t>(connections));
  for (std::size_t i = 0; i < conns.size(); ++i) {
    Connection& c = conns[i];
    const int port = ports[i % ports.size()];
    c.fd = ConnectTo(port);
    if (c.fd < 0) {
      std::cerr << "bench_serve: cannot connect to 127.0.0.1:" << port << "\n";
      return 1;
    }
    c.client->send_authenticate(token);
    std::string reply;
    if (!Exchange(c, c.TakeOutput(), &reply)) {
      std::cerr << "bench_serve: authentication exchange failed\n";
      return 1;
    }
    c.FeedReply(reply);
    ringgraph::api::Session session;
    try {
      c.client->recv_authenticate(session);
    } catch (const std::exception& e) {
      std::cerr << "bench_serve: authentication failed: " << e.what() << "\n";
      return 1;
    }
    c.next_account = (i * 7919) % accounts.size();
  }

  int epoll = ::epoll_create1(0);
  for (std::size_t i = 0; i < conns.size(); ++i) {
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = i;
    ::epoll_ctl(epoll, EPOLL_CTL_ADD, conns[i].fd, &ev);
  }
  std::vector<std::string> batch_names;
  auto send_next = [&](Connection& c) {
    if (batch == 0) {
      c.client->send_getCluster(accounts[c.next_account]);
      c.next_account = (c.next_account + 1) % accounts.size();
    } else {
      batch_names.clear();
      for (int k = 0; k < batch; ++k) {
        batch_names.push_back(accounts[c.next_account]);
        c.next_account = (c.next_account + 1) % accounts.size();
      }
      c.client->send_getClusters(batch_names);
    }
    std::string bytes = c.TakeOutput();
    c.sent_at = Clock::now();
    std::size_t done = 0;
    while (done < bytes.size()) {  // requests are small; a blocking-ish loop is fine
      ssize_t n = ::write(c.fd, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  };

  std::vector<std::uint32_t> latencies_us;
  latencies_us.reserve(4'000'000);
  std::uint64_t replies = 0, errors = 0;
  const auto start = Clock::now();
  const auto end =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  for (Connection& c : conns) send_next(c);
  std::vector<epoll_event> events(conns.size());
  char buf[1 << 16];
  ringgraph::api::Membership membership;
  std::vector<ringgraph::api::Membership> memberships;
  bool stopping = false;
  std::size_t in_flight = conns.size();
  while (in_flight > 0) {
    int n = ::epoll_wait(epoll, events.data(), static_cast<int>(events.size()), 1000);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // a second without replies: the server stalled
    const auto now = Clock::now();
    if (now >= end) stopping = true;
    for (int e = 0; e < n; ++e) {
      Connection& c = conns[events[e].data.u64];
      ssize_t got = ::read(c.fd, buf, sizeof buf);
      if (got <= 0) {
        if (errors++ == 0) std::cerr << "bench_serve: ringd closed a connection\n";
        ::epoll_ctl(epoll, EPOLL_CTL_DEL, c.fd, nullptr);
        --in_flight;
        continue;
      }
      c.in.append(buf, static_cast<std::size_t>(got));
      if (c.in.size() < 4) continue;
      const std::uint32_t len = ntohl(*reinterpret_cast<const std::uint32_t*>(c.in.data()));
      if (c.in.size() < 4 + len) continue;
      c.FeedReply(c.in.substr(0, 4 + len));
      c.in.erase(0, 4 + len);
      try {
        if (batch == 0) {
          c.client->recv_getCluster(membership);
        } else {
          c.client->recv_getClusters(memberships);
        }
      } catch (const std::exception& e) {
        if (errors++ == 0) std::cerr << "bench_serve: bad reply: " << e.what() << "\n";
      }
      ++replies;
      latencies_us.push_back(static_cast<std::uint32_t>(
          std::chrono::duration_cast<std::chrono::microseconds>(now - c.sent_at).count()));
      if (stopping || !send_next(c)) {
        ::epoll_ctl(epoll, EPOLL_CTL_DEL, c.fd, nullptr);
        --in_flight;
      }
    }
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  for (Connection& c : conns) ::close(c.fd);
  std::sort(latencies_us.begin(), latencies_us.end());
  auto pct = [&](double p) -> std::uint32_t {
    if (latencies_us.empty()) return 0;
    return latencies_us[std::min(latencies_us.size() - 1,
                                 static_cast<std::size_t>(p * latencies_us.size()))];
  };
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "bench_serve: connections=%d batch=%d seconds=%.1f requests_per_s=%.0f accounts_per_s=%.0f "
      "p50_us=%u p99_us=%u max_us=%u errors=%llu client_peak_mib=%ld\n",
      connections, batch, elapsed, replies / elapsed, replies * std::max(1, batch) / elapsed,
      pct(0.50), pct(0.99), latencies_us.empty() ? 0 : latencies_us.back(),
      static_cast<unsigned long long>(errors), usage.ru_maxrss / 1024);
  return errors == 0 ? 0 : 1;
}
