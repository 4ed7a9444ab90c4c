// The C++ client of ringd: one connection (framed binary Thrift over TCP, or over TLS with an
// optional client certificate), authenticated with a token or by the certificate alone, and
// failures turned into a Status for people. ringctl --remote, the benchmarks and the tests use it;
// other C++ services can link ringgraph::client the same way.
//
//   client::ConnectOptions options{.address = "ringd.internal:9090", .token = token};
//   options.tls = {.ca_file = "ca.pem", .cert_file = "me.pem", .key_file = "me.key"};
//   auto connection = client::Connection::Open(options);
//   api::Membership m;
//   Status s = (*connection)->Call([&](api::RingGraphClient& api) { api.getCluster(m, "acct"); });
//
// Thread safety: a Connection is used by one thread at a time; open one per thread.
// Signals: the first TLS connection sets SIGPIPE to ignored if it is at its default, since
// OpenSSL's writes to a closed socket would otherwise end the process.
#pragma once

#include <thrift/transport/TSSLSocket.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "RingGraph.h"
#include "graph/common/status.h"

namespace ringgraph::client {

// TLS on the client side. ca_file turns TLS on: ringd's certificate must chain to it and name
// the host connected to (a DNS or IP subjectAltName). cert_file and key_file present a client
// certificate, which ringd requires when it runs with --tls-client-ca.
struct TlsClientOptions {
  std::string ca_file;
  std::string cert_file;
  std::string key_file;
  bool enabled() const { return !ca_file.empty(); }
};

struct ConnectOptions {
  // HOST:PORT, or several replicas' HOST:PORT,HOST:PORT,...: Open() takes the first that answers,
  // and a call whose connection fails is retried once on each other replica (Connection::Call).
  std::string address;
  // The client token. Empty: no authenticate() call, for a client whose certificate ringd maps
  // to a role (--tls-client-roles).
  std::string token;
  TlsClientOptions tls;
  int connect_timeout_ms = 5000;
  int io_timeout_ms = 0;  // 0: wait as long as a call takes (detection, big ingests)
};

// The factory of every TLS socket ringgraph makes, client or server side. ApplyModernTls() sets
// the protocol floor, TLS 1.2, and on TLS 1.2 allows only forward-secret AEAD suites (ECDHE with
// AES-GCM or ChaCha20-Poly1305); TLS 1.3 suites are all of that kind.
class TlsSocketFactory : public apache::thrift::transport::TSSLSocketFactory {
 public:
  static constexpr const char* kTls12Ciphers =
      "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
      "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
      "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
  TlsSocketFactory() : TSSLSocketFactory(apache::thrift::transport::SSLTLS) {}
  Status ApplyModernTls();
};

class Connection {
 public:
  // Connects and, when options.token is set, authenticates, to the first replica of
  // options.address that answers. Errors name the addresses and say what failed (unreachable,
  // TLS handshake refused, token refused).
  static Result<std::unique_ptr<Connection>> Open(const ConnectOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  api::RingGraphClient& api() { return *client_; }
  // The replica connected to now.
  const std::string& address() const { return addresses_[current_]; }

  // Runs `call`; a RingGraphError becomes a Status with its code's meaning, a transport failure
  // an IoError naming the address. With several replicas, a call whose connection fails is made
  // again, once, on each other replica in turn (connecting and authenticating there) until one
  // answers: reads, labels and detection requests may be repeated safely; an ingest call
  // repeated after a replica committed it and then failed counts its records twice there, so
  // ingest through the signal stream when replicas matter.
  Status Call(const std::function<void(api::RingGraphClient&)>& call);

 private:
  Connection() = default;
  // Connects to addresses_[index] and authenticates; on success it becomes current.
  Status Dial(std::size_t index);
  // `call` on the current connection, without trying other replicas.
  Status CallHere(const std::function<void(api::RingGraphClient&)>& call, bool* transport_failed);

  ConnectOptions options_;
  std::vector<std::string> addresses_;
  std::size_t current_ = 0;
  std::shared_ptr<TlsSocketFactory> tls_factory_;
  std::shared_ptr<apache::thrift::transport::TTransport> transport_;
  std::unique_ptr<api::RingGraphClient> client_;
};

// Splits HOST:PORT (HOST may be a bracketed IPv6 address).
Result<std::pair<std::string, int>> SplitAddress(const std::string& address);

}  // namespace ringgraph::client
