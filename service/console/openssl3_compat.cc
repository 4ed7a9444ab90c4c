// Lets Debian's civetweb 1.15 serve TLS against OpenSSL 3.
//
// civetweb loads OpenSSL at run time: it dlopen()s "libssl.so" and looks up each function it
// uses by name. Built for the OpenSSL 1.1 API, it asks for SSL_get_peer_certificate, which
// OpenSSL 3 renamed to SSL_get1_peer_certificate (the old name is only a macro now), so the
// lookup fails and civetweb starts without TLS. Every other function it asks for is still
// exported by libssl.so.3 and libcrypto.so.3.
//
// This library carries the SONAME "libssl.so" and depends on libssl.so.3. ringd dlopen()s it
// before civetweb loads OpenSSL; the dynamic loader then answers civetweb's dlopen("libssl.so")
// with this already-loaded library (it matches by SONAME), and each lookup finds the function
// here or, through the dependency, in libssl.so.3. It holds the one missing name and nothing
// else.
#include <openssl/ssl.h>

#undef SSL_get_peer_certificate

extern "C" {
X509* SSL_get_peer_certificate(const SSL* ssl);
X509* SSL_get_peer_certificate(const SSL* ssl) { return SSL_get1_peer_certificate(ssl); }
}
