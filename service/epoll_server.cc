// The event-loop server. See epoll_server.h.
#include "service/epoll_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/transport/TBufferTransports.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "service/api_methods.h"

namespace ringgraph::service {
namespace {

using apache::thrift::protocol::TBinaryProtocol;
using apache::thrift::transport::TMemoryBuffer;

constexpr std::size_t kReadChunk = 64 * 1024;

struct Connection {
  int fd = -1;
  std::string in;
  std::size_t in_pos = 0;  // start of the unparsed bytes in `in`
  std::string out;
  std::size_t out_pos = 0;
  bool waiting_to_write = false;
  bool busy = false;         // a request of this connection runs off the loop
  bool close_after = false;  // the peer hung up while it ran
  std::shared_ptr<TMemoryBuffer> request = std::make_shared<TMemoryBuffer>();
  std::shared_ptr<TMemoryBuffer> response = std::make_shared<TMemoryBuffer>();
  std::shared_ptr<TBinaryProtocol> input, output;
  std::shared_ptr<apache::thrift::TProcessor> processor;
};

// Runs the calls that may take long (ingest, explanations, labels, big batches) off the event
// loops, so that membership lookups keep flowing while they run.
class OffloadPool {
 public:
  explicit OffloadPool(int threads) {
    for (int i = 0; i < std::max(1, threads); ++i) threads_.emplace_back([this] { Run(); });
  }
  ~OffloadPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
  }
  void Post(std::function<void()> job) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      jobs_.push_back(std::move(job));
    }
    ready_.notify_one();
  }

 private:
  void Run() {
    while (true) {
      std::function<void()> job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty()) return;  // stopping, and every posted job has run
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
    }
  }
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

class Worker {
 public:
  Worker(const ServerOptions& options, std::shared_ptr<apache::thrift::TProcessorFactory> factory,
         std::atomic<std::uint32_t>& open_connections, OffloadPool& offload)
      : options_(options),
        factory_(std::move(factory)),
        open_connections_(open_connections),
        offload_(offload) {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    wake_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = wake_;
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &ev);
    thread_ = std::thread([this] { Loop(); });
  }
  ~Worker() {
    Stop();
    ::close(epoll_);
    ::close(wake_);
  }

  void Adopt(int fd) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      incoming_.push_back(fd);
    }
    Wake();
  }
  void Stop() {
    stopping_ = true;
    Wake();
    if (thread_.joinable()) thread_.join();
  }

 private:
  struct Finished {
    int fd;
    bool ok;
    std::string answer;
  };

  void Wake() {
    std::uint64_t one = 1;
    [[maybe_unused]] ssize_t n = ::write(wake_, &one, sizeof one);
  }

  void Loop() {
    std::vector<epoll_event> events(256);
    while (!stopping_) {
      int n = ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), -1);
      if (n < 0) {
        if (errno == EINTR) continue;
        break;
      }
      for (int i = 0; i < n; ++i) {
        const int fd = events[i].data.fd;
        if (fd == wake_) {
          std::uint64_t count;
          [[maybe_unused]] ssize_t r = ::read(wake_, &count, sizeof count);
          TakeIncoming();
          TakeFinished();
          continue;
        }
        auto it = connections_.find(fd);
        if (it == connections_.end()) continue;
        Connection& c = *it->second;
        if (c.busy) {
          // Only hang-ups arrive while a request runs off the loop (they cannot be masked, so
          // stop watching); the connection closes when the request finishes.
          c.close_after = true;
          ::epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
          continue;
        }
        bool keep = true;
        if (events[i].events & EPOLLOUT) keep = Flush(c);
        if (keep && !c.waiting_to_write &&
            (events[i].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))) {
          keep = ReadAndServe(c);
        }
        if (!keep) Close(fd);
      }
    }
    // Calls running off the loop finish and answer before their connections close.
    while (busy_ > 0) {
      pollfd p{wake_, POLLIN, 0};
      ::poll(&p, 1, 100);
      std::uint64_t count;
      [[maybe_unused]] ssize_t r = ::read(wake_, &count, sizeof count);
      TakeFinished();
    }
    std::vector<int> fds;
    for (auto& [fd, c] : connections_) fds.push_back(fd);
    for (int fd : fds) Close(fd);
    TakeIncoming();  // connections accepted during shutdown are closed unserved
  }

  void TakeIncoming() {
    std::deque<int> incoming;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      incoming.swap(incoming_);
    }
    for (int fd : incoming) {
      if (stopping_) {
        ::close(fd);
        open_connections_--;
        continue;
      }
      auto c = std::make_unique<Connection>();
      c->fd = fd;
      c->input = std::make_shared<TBinaryProtocol>(c->request, options_.max_string_bytes,
                                                   options_.max_container_items,
                                                   /*strict_read=*/true, /*strict_write=*/true);
      c->output = std::make_shared<TBinaryProtocol>(c->response);
      apache::thrift::TConnectionInfo info;
      info.input = c->input;
      info.output = c->output;
      c->processor = factory_->getProcessor(info);
      epoll_event ev{};
      ev.events = EPOLLIN | EPOLLRDHUP;
      ev.data.fd = fd;
      if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev) != 0) {
        ::close(fd);
        open_connections_--;
        continue;
      }
      connections_[fd] = std::move(c);
    }
  }

  // Reads what is there, then serves it. False: close the connection.
  bool ReadAndServe(Connection& c) {
    bool peer_closed = false;
    while (true) {
      ssize_t got = ::recv(c.fd, read_buffer_.data(), read_buffer_.size(), 0);
      if (got > 0) {
        c.in.append(read_buffer_.data(), static_cast<std::size_t>(got));
        if (static_cast<std::size_t>(got) < read_buffer_.size()) break;
        continue;
      }
      if (got == 0) {
        peer_closed = true;
        break;
      }
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      return false;
    }
    if (!Serve(c)) return false;
    // A peer that only shut down its sending side still reads: an offloaded call and the
    // requests behind it are answered, and the connection closes once nothing is left to do.
    return !peer_closed || c.waiting_to_write || c.busy;
  }

  // Serves the complete frames already read: quick calls here, others on the offload pool
  // (the connection then waits for that answer before its next request). Writes the answers.
  bool Serve(Connection& c) {
    while (!c.busy && c.in.size() - c.in_pos >= 4) {
      std::uint32_t be;
      std::memcpy(&be, c.in.data() + c.in_pos, 4);
      const std::uint32_t size = ntohl(be);
      if (size == 0 || size > options_.max_frame_bytes) {  // also negative sizes
        SendBeforeClose(c);
        return false;
      }
      if (c.in.size() - c.in_pos - 4 < size) break;
      const char* frame = c.in.data() + c.in_pos + 4;
      if (FrameIsOffloaded(frame, size)) {
        std::string copy(frame, size);
        c.in_pos += 4 + size;
        c.busy = true;
        ++busy_;
        Interest(c, 0);
        Connection* conn = &c;
        offload_.Post([this, conn, copy = std::move(copy)] {
          std::string answer;
          const bool ok =
              Process(*conn, copy.data(), static_cast<std::uint32_t>(copy.size()), &answer);
          // The wake-up is written under the lock: the loop takes the answer under it, so once
          // it has, this job touches the worker no more, and a stopping worker may close wake_.
          std::lock_guard<std::mutex> lock(mutex_);
          finished_.push_back({conn->fd, ok, std::move(answer)});
          Wake();
        });
        break;
      }
      std::string answer;
      if (!Process(c, frame, size, &answer)) {
        SendBeforeClose(c);
        return false;
      }
      c.out += answer;
      c.in_pos += 4 + size;
    }
    if (c.in_pos == c.in.size()) {
      c.in.clear();
      c.in_pos = 0;
    } else if (c.in_pos > (1u << 20)) {
      c.in.erase(0, c.in_pos);
      c.in_pos = 0;
    }
    return Flush(c);
  }

  // Runs one request through the connection's processor; false when the protocol refuses it.
  static bool Process(Connection& c, const char* frame, std::uint32_t size, std::string* answer) {
    c.request->resetBuffer(reinterpret_cast<uint8_t*>(const_cast<char*>(frame)), size,
                           TMemoryBuffer::OBSERVE);
    c.response->resetBuffer();
    c.response->write(reinterpret_cast<const uint8_t*>("\0\0\0\0"), 4);  // the length, below
    try {
      if (!c.processor->process(c.input, c.output, nullptr)) return false;
    } catch (const std::exception&) {
      return false;  // the protocol refused the request: this connection only
    }
    uint8_t* data;
    uint32_t length;
    c.response->getBuffer(&data, &length);
    const std::uint32_t body = htonl(length - 4);
    std::memcpy(data, &body, 4);
    answer->assign(reinterpret_cast<const char*>(data), length);
    return true;
  }

  // Answers that came back from the offload pool.
  void TakeFinished() {
    std::deque<Finished> finished;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      finished.swap(finished_);
    }
    for (Finished& f : finished) {
      --busy_;
      auto it = connections_.find(f.fd);
      if (it == connections_.end()) continue;
      Connection& c = *it->second;
      c.busy = false;
      c.out += f.answer;
      if (!f.ok || c.close_after || !Flush(c)) {
        Close(f.fd);
        continue;
      }
      if (!c.waiting_to_write) {
        Interest(c, EPOLLIN);
        if (!Serve(c)) Close(f.fd);  // requests that arrived behind the slow one
      }
    }
  }

  // What the loop waits for on a connection: EPOLLIN, EPOLLOUT, or 0 (hang-ups only).
  // EPOLLRDHUP (the peer shut down its sending side) only matters while reading: it is level-
  // triggered, so while the loop waits to write to a half-closed peer it would wake every pass.
  void Interest(Connection& c, std::uint32_t events) {
    epoll_event ev{};
    ev.events = events | ((events & EPOLLIN) != 0 ? EPOLLRDHUP : 0);
    ev.data.fd = c.fd;
    ::epoll_ctl(epoll_, EPOLL_CTL_MOD, c.fd, &ev);
  }

  // Writes pending answers; waits for EPOLLOUT when the socket is full. False: close.
  bool Flush(Connection& c) {
    while (c.out_pos < c.out.size()) {
      ssize_t sent = ::send(c.fd, c.out.data() + c.out_pos, c.out.size() - c.out_pos, MSG_NOSIGNAL);
      if (sent > 0) {
        c.out_pos += static_cast<std::size_t>(sent);
        continue;
      }
      if (sent < 0 && errno == EINTR) continue;
      if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        if (!c.waiting_to_write) {
          Interest(c, EPOLLOUT);
          c.waiting_to_write = true;
        }
        return true;
      }
      return false;
    }
    c.out.clear();
    c.out_pos = 0;
    if (c.waiting_to_write) {
      c.waiting_to_write = false;
      Interest(c, EPOLLIN);
      // Requests may have arrived while the answers were blocked.
      return ReadAndServe(c);
    }
    return true;
  }

  // Before a connection closes for a bad frame: sends the answers to the requests before it,
  // as far as the socket takes them without waiting.
  static void SendBeforeClose(Connection& c) {
    while (c.out_pos < c.out.size()) {
      ssize_t sent = ::send(c.fd, c.out.data() + c.out_pos, c.out.size() - c.out_pos,
                            MSG_NOSIGNAL | MSG_DONTWAIT);
      if (sent > 0) {
        c.out_pos += static_cast<std::size_t>(sent);
      } else if (sent < 0 && errno == EINTR) {
        continue;
      } else {
        return;
      }
    }
  }

  void Close(int fd) {
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
    ::close(fd);
    connections_.erase(fd);  // releases the connection's handler
    open_connections_--;
  }

  const ServerOptions& options_;
  std::shared_ptr<apache::thrift::TProcessorFactory> factory_;
  std::atomic<std::uint32_t>& open_connections_;
  OffloadPool& offload_;
  int epoll_ = -1;
  int wake_ = -1;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::deque<int> incoming_;
  std::deque<Finished> finished_;
  int busy_ = 0;  // connections whose request runs off the loop (loop thread only)
  std::unordered_map<int, std::unique_ptr<Connection>> connections_;
  std::vector<char> read_buffer_ = std::vector<char>(kReadChunk);
  std::thread thread_;
};

class EpollServer final : public ThriftServer {
 public:
  EpollServer(const ServerOptions& options, std::shared_ptr<api::RingGraphIfFactory> handlers)
      : options_(options),
        factory_(std::make_shared<api::RingGraphProcessorFactory>(std::move(handlers))) {
    stop_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  }
  ~EpollServer() override {
    if (listen_ >= 0) ::close(listen_);
    ::close(stop_);
  }

  Status Serve(const std::function<void(int)>& on_listening) override {
    RINGGRAPH_RETURN_IF_ERROR(Listen());
    sockaddr_storage bound{};
    socklen_t len = sizeof bound;
    ::getsockname(listen_, reinterpret_cast<sockaddr*>(&bound), &len);
    const int port =
        ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                          : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    OffloadPool offload(std::max(1, options_.offload_threads));
    std::vector<std::unique_ptr<Worker>> workers;
    for (int i = 0; i < std::max(1, options_.io_threads); ++i) {
      workers.push_back(std::make_unique<Worker>(options_, factory_, open_connections_, offload));
    }
    on_listening(port);
    int epoll = ::epoll_create1(EPOLL_CLOEXEC);
    for (int fd : {listen_, stop_}) {
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.fd = fd;
      ::epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &ev);
    }
    std::size_t next = 0;
    bool stopping = false;
    while (!stopping) {
      epoll_event events[2];
      int n = ::epoll_wait(epoll, events, 2, -1);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) break;
      for (int i = 0; i < n; ++i) {
        if (events[i].data.fd == stop_) {
          stopping = true;
          break;
        }
        while (true) {
          int fd = ::accept4(listen_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
          if (fd < 0) break;  // EAGAIN, or a transient error such as EMFILE
          if (open_connections_.load() >= options_.max_connections) {
            ::close(fd);
            continue;
          }
          int one = 1;
          ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          open_connections_++;
          workers[next++ % workers.size()]->Adopt(fd);
        }
      }
    }
    ::close(epoll);
    ::close(listen_);
    listen_ = -1;
    for (auto& worker : workers) worker->Stop();
    return Status::Ok();
  }

  void Stop() override {
    std::uint64_t one = 1;
    [[maybe_unused]] ssize_t n = ::write(stop_, &one, sizeof one);
  }

 private:
  Status Listen() {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string port = std::to_string(options_.port);
    const std::string where = options_.host + ":" + port;
    if (int rc = ::getaddrinfo(options_.host.c_str(), port.c_str(), &hints, &found); rc != 0) {
      return Status::IoError("cannot listen on " + where + ": " + ::gai_strerror(rc));
    }
    std::string last_error = "no address";
    for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
      int fd =
          ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
      if (fd < 0) continue;
      int one = 1;
      ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
      if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, 1024) == 0) {
        listen_ = fd;
        break;
      }
      last_error = std::strerror(errno);
      ::close(fd);
    }
    ::freeaddrinfo(found);
    if (listen_ < 0) {
      return Status::IoError("cannot listen on " + where + ": " + last_error +
                             " (is another process using the port?)");
    }
    return Status::Ok();
  }

  ServerOptions options_;
  std::shared_ptr<apache::thrift::TProcessorFactory> factory_;
  std::atomic<std::uint32_t> open_connections_{0};
  int listen_ = -1;
  int stop_ = -1;
};

}  // namespace

std::unique_ptr<ThriftServer> MakeEpollServer(const ServerOptions& options,
                                              std::shared_ptr<api::RingGraphIfFactory> handlers) {
  return std::make_unique<EpollServer>(options, std::move(handlers));
}

}  // namespace ringgraph::service
