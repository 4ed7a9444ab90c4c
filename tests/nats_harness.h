// Real nats-server processes for the end-to-end tests of the signal stream and the detection
// leader: one JetStream server, or a cluster of them with routes between them, on loopback ports
// of the test, each started by the test and stopped when it ends. Also the two helpers those
// tests poll ringd with: one series of /metrics, and waiting for a condition.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tests/ringd_harness.h"

namespace ringgraph::e2e {

class NatsServer {
 public:
  // A standalone JetStream server on `port`, its storage in the test's directory.
  NatsServer(const TempDir& dir, int port)
      : store_dir_(dir.Sub("jetstream")), log_(store_dir_ + ".log"), port_(port) {}
  // A server of a cluster, from its configuration file (which sets its ports and storage).
  NatsServer(std::string config, std::string log, int port)
      : config_(std::move(config)), log_(std::move(log)), port_(port) {}
  ~NatsServer() { Stop(); }
  NatsServer(const NatsServer&) = delete;
  NatsServer& operator=(const NatsServer&) = delete;

  // Starts the server and waits (up to 20 s) until it accepts connections.
  bool Start() {
    pid_ = ::fork();
    if (pid_ == 0) {
      int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      const std::string port = std::to_string(port_);
      if (!config_.empty()) {
        ::execlp("nats-server", "nats-server", "-c", config_.c_str(), static_cast<char*>(nullptr));
      } else {
        ::execlp("nats-server", "nats-server", "-js", "-a", "127.0.0.1", "-p", port.c_str(), "-sd",
                 store_dir_.c_str(), static_cast<char*>(nullptr));
      }
      _exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      const int fd = ConnectRaw(port_);
      if (fd >= 0) {
        ::close(fd);
        return true;
      }
      int status;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }
  void Stop(int signal = SIGTERM) {
    if (pid_ <= 0) return;
    ::kill(pid_, signal);
    int status;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  std::string url() const { return "nats://127.0.0.1:" + std::to_string(port_); }
  std::string log() const { return ReadFile(log_); }

 private:
  std::string store_dir_, config_, log_;
  int port_;
  pid_t pid_ = -1;
};

// `size` JetStream servers routed to each other as cluster "test", configured in `dir`
// (<name>.conf, storage in <name>/, log in <name>.log, names `prefix`-1, -2, ...). Start() starts
// them all; urls() lists their client URLs, comma-separated, as ringd --nats takes them.
class NatsCluster {
 public:
  NatsCluster(const TempDir& dir, int size, const std::string& prefix = "nats") {
    const std::vector<int> ports = ringgraph::testing::FreePorts(2 * size);
    const std::vector<int> client_ports(ports.begin(), ports.begin() + size);
    const std::vector<int> route_ports(ports.begin() + size, ports.end());
    for (int i = 0; i < size; ++i) {
      const std::string name = prefix + "-" + std::to_string(i + 1);
      std::ofstream config(dir.Sub(name + ".conf"));
      config << "server_name: " << name << "\nlisten: 127.0.0.1:" << client_ports[i]
             << "\njetstream { store_dir: " << dir.Sub(name) << " }\n"
             << "cluster {\n  name: test\n  listen: 127.0.0.1:" << route_ports[i]
             << "\n  routes: [\n";
      for (int port : route_ports) config << "    nats-route://127.0.0.1:" << port << "\n";
      config << "  ]\n}\n";
      servers_.push_back(std::make_unique<NatsServer>(dir.Sub(name + ".conf"),
                                                      dir.Sub(name + ".log"), client_ports[i]));
      urls_ += (i ? "," : "") + servers_.back()->url();
    }
  }
  // Starts every server; on failure, `failed` gets the log of the one that did not start.
  bool Start(std::string* failed = nullptr) {
    for (auto& server : servers_) {
      if (!server->Start()) {
        if (failed != nullptr) *failed = server->log();
        return false;
      }
    }
    return true;
  }
  NatsServer& server(std::size_t i) { return *servers_[i]; }
  std::size_t size() const { return servers_.size(); }
  const std::string& urls() const { return urls_; }

 private:
  std::vector<std::unique_ptr<NatsServer>> servers_;
  std::string urls_;
};

// The value of an unlabelled metric, or of one labelled series ("name{outcome=\"x\"}"); -1 when
// absent or unreachable.
inline double Metric(int port, const std::string& series) {
  const std::string body = HttpGet(port, "/metrics");
  std::size_t at = 0;
  while ((at = body.find(series + " ", at)) != std::string::npos) {
    if (at == 0 || body[at - 1] == '\n') return std::stod(body.substr(at + series.size() + 1));
    at += series.size();
  }
  return -1;
}

// Waits until `done` holds or `seconds` pass, polling every `poll`; returns whether it held.
template <typename Condition>
bool WaitFor(Condition done, int seconds = 60,
             std::chrono::milliseconds poll = std::chrono::milliseconds(5)) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(poll);
  }
  return done();
}

}  // namespace ringgraph::e2e
