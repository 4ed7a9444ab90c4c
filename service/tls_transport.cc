// TLS server sockets. See tls_transport.h.
#include "service/tls_transport.h"

#include <openssl/bio.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "thrift/client/ringgraph_client.h"

namespace ringgraph::service {
namespace {

using apache::thrift::transport::TSSLSocket;

// Makes PeerCertificateSocket for each accepted connection, in server mode.
class ServerSocketFactory final : public client::TlsSocketFactory {
 public:
  ServerSocketFactory() { server(true); }
  std::shared_ptr<TSSLSocket> createSocket(THRIFT_SOCKET socket) override {
    auto made = std::make_shared<PeerCertificateSocket>(ctx_, socket);
    made->server(true);
    return made;
  }
  std::shared_ptr<TSSLSocket> createSocket(THRIFT_SOCKET socket,
                                           std::shared_ptr<THRIFT_SOCKET>) override {
    return createSocket(socket);  // ringd's server sockets do not interrupt their children
  }
  bool KeyMatchesCertificate() { return SSL_CTX_check_private_key(ctx_->get()) == 1; }
};

template <typename Load>
Status LoadFile(const char* flag, const std::string& path, Load&& load) {
  try {
    load();
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("cannot use ") + flag + " '" + path +
                                   "': " + e.what());
  }
  return Status::Ok();
}

}  // namespace

std::string PeerCertificateSocket::PeerSubject() const {
  if (ssl_ == nullptr || SSL_get_verify_result(ssl_) != X509_V_OK) return {};
  X509* certificate = SSL_get0_peer_certificate(ssl_);
  if (certificate == nullptr) return {};
  BIO* out = BIO_new(BIO_s_mem());
  if (out == nullptr) return {};
  std::string subject;
  if (X509_NAME_print_ex(out, X509_get_subject_name(certificate), 0, XN_FLAG_RFC2253) >= 0) {
    char* bytes = nullptr;
    const long size = BIO_get_mem_data(out, &bytes);
    if (size > 0) subject.assign(bytes, static_cast<std::size_t>(size));
  }
  BIO_free(out);
  return subject;
}

Result<std::shared_ptr<apache::thrift::transport::TServerSocket>> MakeTlsServerSocket(
    const TlsServerOptions& options, const std::string& host, int port) {
  if (options.key_file.empty()) return Status::InvalidArgument("--tls-cert needs --tls-key");
  auto factory = std::make_shared<ServerSocketFactory>();
  RINGGRAPH_RETURN_IF_ERROR(factory->ApplyModernTls());
  RINGGRAPH_RETURN_IF_ERROR(LoadFile("--tls-cert", options.cert_file,
                                     [&] { factory->loadCertificate(options.cert_file.c_str()); }));
  RINGGRAPH_RETURN_IF_ERROR(LoadFile("--tls-key", options.key_file,
                                     [&] { factory->loadPrivateKey(options.key_file.c_str()); }));
  if (!factory->KeyMatchesCertificate()) {
    return Status::InvalidArgument("--tls-key '" + options.key_file +
                                   "' is not the key of --tls-cert '" + options.cert_file + "'");
  }
  if (options.requires_client_certificate()) {
    RINGGRAPH_RETURN_IF_ERROR(LoadFile("--tls-client-ca", options.client_ca_file, [&] {
      factory->loadTrustedCertificates(options.client_ca_file.c_str());
    }));
    factory->authenticate(true);  // a client without a certificate fails the handshake
  } else {
    factory->authenticate(false);
  }
  auto socket = std::make_shared<apache::thrift::transport::TSSLServerSocket>(host, port, factory);
  return std::shared_ptr<apache::thrift::transport::TServerSocket>(std::move(socket));
}

}  // namespace ringgraph::service
