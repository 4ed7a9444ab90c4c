// The analyst console: a small web application that ringd serves on its own port
// (--console HOST:PORT) with civetweb, for reviewing and labelling rings in a browser.
//
// Access: a login form takes a client token from ringd's tokens file (the same tokens and roles
// as the Thrift API) and starts a session (console_sessions.h) kept in a cookie that is HttpOnly,
// SameSite=Strict, and Secure when ringd's TLS is on. Without a session every page answers 401
// (with the login form) and every JSON endpoint 401; labelling needs the write role (403
// otherwise) and the session's CSRF token in the X-CSRF-Token header or a "csrf" form field
// (403 otherwise). A POST whose Origin header names another site is refused (403), login too,
// so no other page can log a browser in to a session of its choosing. Only /login and the static
// code under /static/ answer without a session;
// they carry no data.
//
// Routes:
//   GET  /login, POST /login, POST /logout
//   GET  /queue, /ring?id=N, /account?name=NAME         pages (HTML shells; data comes as JSON)
//   GET  /api/session                                    who is logged in, and the CSRF token
//   GET  /api/queue?sort=&factor=&label=&offset=&limit=  flagged rings of the latest clustering
//   GET  /api/overview                                   score distribution, rings per version
//   GET  /api/ring?id=N[&sample=M]                       one ring, its members sampled
//   GET  /api/account?name=NAME                          one account
//   POST /api/label  target=cluster:N|account:NAME, verdict=ring|benign, note=TEXT
//   GET  /static/console.js, console.css, d3.min.js      code, no data
// Every answer carries a Content-Security-Policy that allows only this origin's scripts and
// styles, so no page loads anything from outside the machine.
//
// Thread safety: the server runs civetweb's worker threads and one thread that keeps the
// queue's cache warm (ConsoleOptions::warm_interval); the service, token registry and log it is
// given must be safe to call from them. Start() and the destructor are called by one
// thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "graph/common/status.h"
#include "service/access/access_control.h"
#include "service/console/console_sessions.h"
#include "service/console/console_views.h"
#include "service/ring_service.h"

struct mg_context;
struct mg_connection;

namespace ringgraph::console {

struct ConsoleOptions {
  std::string host = "127.0.0.1";
  int port = 0;                // 0: any free port (see ConsoleServer::port())
  bool secure_cookie = false;  // true when ringd's TLS is on
  // When set, the console serves HTTPS only, with this certificate chain and key (PEM; ringd
  // passes its own --tls-cert and --tls-key).
  std::string tls_cert;
  std::string tls_key;
  // The OpenSSL 3 shim civetweb needs for TLS (openssl3_compat.cc); empty: the
  // libringgraph_openssl3_compat.so beside the running executable.
  std::string openssl3_compat;
  std::string d3_path = "/usr/share/javascript/d3/d3.min.js";  // Debian's libjs-d3 (version 3)
  std::chrono::seconds session_idle_limit = std::chrono::hours(8);
  std::size_t max_sessions = 1000;
  int threads = 4;
  std::size_t ring_sample_members = 200;  // members drawn on a ring page, at most
  // How often the console looks for a new clustering version and reads its queue and overview
  // before anyone asks, so that the first analyst after a detection waits for nothing; 0: never
  // (the first request reads them).
  std::chrono::milliseconds warm_interval = std::chrono::seconds(1);
  std::function<void(const std::string&)> log;  // may be empty
  std::function<void()> on_auth_failure;        // may be empty; counts failed logins
};

// One HTTP request as the console's router sees it.
struct ConsoleRequest {
  std::string method, path, query, body;
  std::string origin, host;    // the Origin and Host headers; a browser sends Origin on POST
  std::string session_cookie;  // the session id the browser sent, if any
  std::string csrf_header;     // X-CSRF-Token
};

struct ConsoleResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::string location;    // for redirects
  std::string set_cookie;  // a Set-Cookie header's value
};

class ConsoleServer {
 public:
  // REQUIRES: `service` and `tokens` outlive the server; `tokens` is not null.
  // Listens on options.host:options.port; a port in use fails with a message naming it.
  static Result<std::unique_ptr<ConsoleServer>> Start(const ConsoleOptions& options,
                                                      service::RingService* service,
                                                      const access::TokenRegistry* tokens);
  ~ConsoleServer();  // stops serving; requests in flight finish first
  ConsoleServer(const ConsoleServer&) = delete;
  ConsoleServer& operator=(const ConsoleServer&) = delete;

  int port() const { return port_; }

  // Answers one request (the civetweb handler calls this; so may tests).
  ConsoleResponse Handle(const ConsoleRequest& request);

 private:
  ConsoleServer(const ConsoleOptions& options, service::RingService* service,
                const access::TokenRegistry* tokens);
  static int OnRequest(mg_connection* connection, void* self);
  static int OnLog(const mg_connection* connection, const char* message);
  // civetweb's init_ssl callback: loads the certificate chain and key into its SSL_CTX.
  static int OnInitTls(void* ssl_context, void* self);

  ConsoleResponse Login(const ConsoleRequest& request);
  ConsoleResponse Logout(const ConsoleRequest& request, const ConsoleSession& session);
  ConsoleResponse Page(const std::string& page, const ConsoleRequest& request,
                       const ConsoleSession& session);
  ConsoleResponse Api(const ConsoleRequest& request, const ConsoleSession& session);
  ConsoleResponse Label(const ConsoleRequest& request, const ConsoleSession& session);
  ConsoleResponse Static(const std::string& path) const;
  ConsoleResponse LoginPage(int status, const std::string& message) const;
  ConsoleResponse JsonError(int status, const std::string& message) const;
  ConsoleResponse FromStatus(const Status& status);
  void Log(const std::string& line) const;
  // The warm-up thread's loop: reads each new clustering's queue and overview ahead of requests.
  void KeepQueueWarm();

  ConsoleOptions options_;
  service::RingService* service_;
  const access::TokenRegistry* tokens_;
  SessionStore sessions_;
  ConsoleViews views_;
  std::string d3_source_;  // empty when libjs-d3 is not installed
  mg_context* context_ = nullptr;
  int port_ = 0;
  std::mutex warm_mutex_;
  std::condition_variable warm_wake_;
  bool stopping_ = false;  // guarded by warm_mutex_
  std::thread warmer_;
};

}  // namespace ringgraph::console
