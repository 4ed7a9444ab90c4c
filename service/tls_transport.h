// TLS for ringd's Thrift API: a server socket over OpenSSL with ringgraph's protocol floor and
// ciphers (thrift/client/ringgraph_client.h), optionally requiring client certificates from one
// CA, and sockets that tell the handler which certificate their peer presented.
//
// Thread safety: a PeerCertificateSocket belongs to its connection's thread.
#pragma once

#include <thrift/transport/TSSLServerSocket.h>
#include <thrift/transport/TSSLSocket.h>

#include <memory>
#include <string>

#include "graph/common/status.h"

namespace ringgraph::service {

struct TlsServerOptions {
  std::string cert_file;       // ringd's certificate chain, PEM
  std::string key_file;        // its private key, PEM
  std::string client_ca_file;  // set: every client must present a certificate this CA signed
  bool enabled() const { return !cert_file.empty(); }
  bool requires_client_certificate() const { return !client_ca_file.empty(); }
};

// A server-side TLS connection. Once the handshake is done (it happens on the first read),
// PeerSubject() is the verified client certificate's subject in RFC 2253 form.
class PeerCertificateSocket final : public apache::thrift::transport::TSSLSocket {
 public:
  PeerCertificateSocket(std::shared_ptr<apache::thrift::transport::SSLContext> context,
                        THRIFT_SOCKET socket)
      : TSSLSocket(std::move(context), socket) {}

  // Empty before the handshake, without a certificate, or when it did not verify.
  std::string PeerSubject() const;
};

// Listens on host:port for TLS connections. Errors name the file OpenSSL could not use.
Result<std::shared_ptr<apache::thrift::transport::TServerSocket>> MakeTlsServerSocket(
    const TlsServerOptions& options, const std::string& host, int port);

}  // namespace ringgraph::service
