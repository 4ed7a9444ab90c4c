// Starts a real ringd on a free loopback port over a temporary data directory, for end-to-end
// tests, and connects real Thrift clients to it.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/transport/TBufferTransports.h>
#include <thrift/transport/TSocket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "RingGraph.h"
#include "service/access/access_control.h"
#include "tests/cli_runner.h"
#include "tests/raw_socket.h"

namespace ringgraph::e2e {

inline std::string Ringd() { return BinaryPath("service/ringd"); }

// The tokens every test deployment knows.
inline const std::string kReadToken = "read-token-for-tests";
inline const std::string kWriteToken = "write-token-for-tests";

// Writes a tokens file with a read client and a write client.
inline void WriteTokensFile(const std::string& path) {
  std::ofstream out(path);
  out << "# test clients\n"
      << "fraud-gateway read " << access::TokenRegistry::HashToken(kReadToken) << "\n"
      << "analyst write " << access::TokenRegistry::HashToken(kWriteToken) << "\n";
}

// ringd as a child process. The directory must hold "secret" (or pass --secret-file) and
// "tokens"; the data directory is dir/data.
class RingdProcess {
 public:
  RingdProcess() = default;
  RingdProcess(const RingdProcess&) = delete;
  RingdProcess& operator=(const RingdProcess&) = delete;
  ~RingdProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      int status;
      ::waitpid(pid_, &status, 0);
    }
  }

  // Starts ringd and waits until it listens. Returns false (with the log) when it exits first.
  bool Start(const TempDir& dir, const std::vector<std::string>& extra = {},
             bool default_args = true) {
    return Start(dir.path(), extra, default_args);
  }
  // The same in any directory (one that outlives the process, for instance).
  bool Start(const std::filesystem::path& root, const std::vector<std::string>& extra = {},
             bool default_args = true) {
    auto sub = [&](const char* name) { return (root / name).string(); };
    log_path_ = sub("ringd.log");
    port_file_ = sub("ringd.port");
    for (std::size_t i = 0; i + 1 < extra.size(); ++i) {
      if (extra[i] == "--port-file") port_file_ = extra[i + 1];  // several ringd in one directory
    }
    std::remove(port_file_.c_str());
    std::vector<std::string> args = {Ringd()};
    if (default_args) {
      for (std::string a : std::vector<std::string>{
               "--data", sub("data"), "--secret-file", sub("secret"), "--tokens-file",
               sub("tokens"), "--listen", "127.0.0.1:0", "--metrics", "127.0.0.1:0", "--detect-at",
               "off", "--port-file", port_file_}) {
        args.push_back(a);
      }
    }
    args.insert(args.end(), extra.begin(), extra.end());
    pid_ = ::fork();
    if (pid_ == 0) {
      int fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      _exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      std::ifstream in(port_file_);
      if (in >> port_ >> metrics_port_) return true;
      int status;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        pid_ = -1;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  // Sends `signal` and waits for the exit; returns the exit code (128+signal when killed).
  int Stop(int signal = SIGTERM) {
    if (pid_ <= 0) return exit_code_;
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return exit_code_;
  }

  bool running() {
    if (pid_ <= 0) return false;
    int status;
    return ::waitpid(pid_, &status, WNOHANG) == 0;
  }
  int port() const { return port_; }
  int metrics_port() const { return metrics_port_; }
  int exit_code() const { return exit_code_; }
  pid_t pid() const { return pid_; }
  std::string log() const { return ReadFile(log_path_); }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int metrics_port_ = 0;
  int exit_code_ = -1;
  std::string log_path_, port_file_;
};

// A framed-binary Thrift client on loopback, optionally authenticated.
struct ApiClient {
  std::shared_ptr<apache::thrift::transport::TTransport> transport;
  std::unique_ptr<api::RingGraphClient> api;

  ApiClient(int port, const std::string& token = "") {
    auto socket = std::make_shared<apache::thrift::transport::TSocket>("127.0.0.1", port);
    socket->setRecvTimeout(30000);
    transport = std::make_shared<apache::thrift::transport::TFramedTransport>(socket);
    api = std::make_unique<api::RingGraphClient>(
        std::make_shared<apache::thrift::protocol::TBinaryProtocol>(transport));
    transport->open();
    if (!token.empty()) {
      api::Session session;
      api->authenticate(session, token);
    }
  }
  ~ApiClient() {
    try {
      transport->close();
    } catch (...) {
    }
  }
  api::RingGraphClient* operator->() { return api.get(); }
};

using ringgraph::testing::ConnectRaw;

// GET http://127.0.0.1:port/path; returns the body ("" on failure).
inline std::string HttpGet(int port, const std::string& path) {
  int fd = ConnectRaw(port);
  if (fd < 0) return "";
  const std::string request = "GET " + path + " HTTP/1.0\r\nHost: localhost\r\n\r\n";
  if (::write(fd, request.data(), request.size()) < 0) {
    ::close(fd);
    return "";
  }
  std::string response;
  char buf[65536];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) response.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  const std::size_t body = response.find("\r\n\r\n");
  return body == std::string::npos ? "" : response.substr(body + 4);
}

}  // namespace ringgraph::e2e
