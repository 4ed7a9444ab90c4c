// The analyst console's HTTP server. See console_server.h.
#include "service/console/console_server.h"

#include <civetweb.h>
#include <dlfcn.h>
#include <openssl/ssl.h>

#include <atomic>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "service/console/console_assets.h"

namespace ringgraph::console {
namespace {

constexpr char kCookieName[] = "ringd_console";
constexpr std::size_t kMaxBodyBytes = 64 * 1024;
constexpr std::size_t kMaxRingSample = 2000;

// Only this origin's scripts and styles; no frames, no outside connections.
constexpr char kSecurityHeaders[] =
    "Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    // same-origin, not no-referrer: under no-referrer Chrome sends "Origin: null" with the
    // console's own form posts, which the Origin check below must refuse (a page elsewhere can
    // send null too).
    "Referrer-Policy: same-origin\r\n"
    "Cache-Control: no-store\r\n";

// A url-encoded field of `data` (a query string or form body); empty when absent.
std::string FormField(const std::string& data, const char* name) {
  std::vector<char> buffer(data.size() + 1);
  const int n = mg_get_var(data.data(), data.size(), name, buffer.data(), buffer.size());
  return n < 0 ? std::string() : std::string(buffer.data(), static_cast<std::size_t>(n));
}

bool ParseCount(const std::string& text, std::uint64_t* out) {
  if (text.empty()) return false;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return error == std::errc() && end == text.data() + text.size();
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

ConsoleResponse Json(const nlohmann::json& value) {
  ConsoleResponse r;
  r.content_type = "application/json";
  r.body = JsonText(value);
  return r;
}

ConsoleResponse Redirect(const std::string& location) {
  ConsoleResponse r;
  r.status = 303;
  r.location = location;
  return r;
}

// The HTML around a page: navigation with the client's name, the page's own heading, and the
// scripts that fill it from the JSON endpoints.
std::string PageShell(const std::string& page, const std::string& title, const std::string& heading,
                      const ConsoleSession& session, bool with_d3) {
  std::string html =
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<link rel=\"icon\" href=\"data:,\">"
      "<title>" +
      HtmlEscape(title) +
      " · ringgraph</title><link rel=\"stylesheet\" href=\"/static/console.css\"></head>\n"
      "<body data-page=\"" +
      HtmlEscape(page) + "\" data-role=\"" + std::string(access::RoleName(session.identity.role)) +
      "\">\n<header><nav><a class=\"brand\" href=\"/queue\">ringgraph</a>"
      "<a href=\"/queue\">Queue</a>"
      "<form class=\"find\" method=\"get\" action=\"/account\"><input name=\"name\" "
      "placeholder=\"account name\" aria-label=\"account name\"></form>"
      "<span class=\"who\">" +
      HtmlEscape(session.identity.client) + " (" +
      std::string(access::RoleName(session.identity.role)) +
      ")</span><form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" "
      "value=\"" +
      HtmlEscape(session.csrf_token) +
      "\"><button type=\"submit\">Log out</button></form></nav></header>\n<main>\n<h1 "
      "id=\"heading\">" +
      HtmlEscape(heading) + "</h1>\n<div id=\"content\"><p class=\"muted\">Loading…</p></div>\n" +
      "</main>\n";
  if (with_d3) html += "<script src=\"/static/d3.min.js\"></script>\n";
  html += "<script src=\"/static/console.js\"></script>\n</body></html>\n";
  return html;
}

constexpr unsigned kCivetwebTls = 2;  // MG_FEATURES_TLS

// Loads the shim (openssl3_compat.cc) before civetweb loads OpenSSL, from `path` or from beside
// the running executable.
Status LoadOpenSsl3Compat(std::string path) {
  if (path.empty()) {
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error) return Status::IoError("cannot find ringd's own path: " + error.message());
    path = (self.parent_path() / "libringgraph_openssl3_compat.so").string();
  }
  if (::dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL) == nullptr) {
    const char* why = ::dlerror();
    return Status::IoError("the console's TLS needs " + path +
                           " (built beside ringd): " + (why != nullptr ? why : "not loadable"));
  }
  return Status::Ok();
}

}  // namespace

int ConsoleServer::OnInitTls(void* ssl_context, void* self_pointer) {
  auto* self = static_cast<ConsoleServer*>(self_pointer);
  auto* context = static_cast<SSL_CTX*>(ssl_context);
  if (SSL_CTX_use_certificate_chain_file(context, self->options_.tls_cert.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(context, self->options_.tls_key.c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(context) != 1) {
    self->Log("console: cannot use the TLS certificate " + self->options_.tls_cert + " and key " +
              self->options_.tls_key);
    return -1;  // civetweb then refuses to start
  }
  SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
  return 1;  // configured here: civetweb loads no certificate of its own
}

ConsoleServer::ConsoleServer(const ConsoleOptions& options, service::RingService* service,
                             const access::TokenRegistry* tokens)
    : options_(options),
      service_(service),
      tokens_(tokens),
      sessions_(options.session_idle_limit, options.max_sessions),
      views_(*service) {}

Result<std::unique_ptr<ConsoleServer>> ConsoleServer::Start(const ConsoleOptions& options,
                                                            service::RingService* service,
                                                            const access::TokenRegistry* tokens) {
  if (tokens == nullptr) {
    return Status::InvalidArgument(
        "the console logs analysts in with client tokens: --console needs --tokens-file");
  }
  std::unique_ptr<ConsoleServer> server(new ConsoleServer(options, service, tokens));
  server->d3_source_ = ReadWholeFile(options.d3_path);
  if (server->d3_source_.empty()) {
    server->Log("console: " + options.d3_path +
                " is missing (Debian's libjs-d3); ring pages will show no graph");
  }
  const bool tls = !options.tls_cert.empty();
  if (tls) {
    RINGGRAPH_RETURN_IF_ERROR(LoadOpenSsl3Compat(options.openssl3_compat));
    const unsigned features = mg_init_library(kCivetwebTls);
    if ((features & kCivetwebTls) == 0) {
      mg_exit_library();
      return Status::Internal(
          "the console's TLS did not start: civetweb could not load OpenSSL (libssl.so, "
          "libcrypto.so from libssl-dev)");
    }
  } else {
    mg_init_library(0);
  }
  // civetweb's "s" suffix: this port speaks TLS only.
  const std::string ports = options.host + ":" + std::to_string(options.port) + (tls ? "s" : "");
  const std::string threads = std::to_string(std::max(options.threads, 1));
  const char* civetweb_options[] = {"listening_ports",
                                    ports.c_str(),
                                    "num_threads",
                                    threads.c_str(),
                                    "request_timeout_ms",
                                    "30000",
                                    "enable_directory_listing",
                                    "no",
                                    tls ? "ssl_certificate" : nullptr,
                                    options.tls_cert.c_str(),
                                    nullptr};
  mg_callbacks callbacks{};
  callbacks.log_message = &ConsoleServer::OnLog;
  if (tls) callbacks.init_ssl = &ConsoleServer::OnInitTls;
  server->context_ = mg_start(&callbacks, server.get(), civetweb_options);
  if (server->context_ == nullptr) {
    return Status::IoError("cannot serve the console on " + ports +
                           " (is another process using the port, or the address wrong" +
                           (tls ? std::string(", or the certificate or key unreadable?)") : "?)"));
  }
  mg_set_request_handler(server->context_, "/", &ConsoleServer::OnRequest, server.get());
  mg_server_port listening[4];
  const int count = mg_get_server_ports(server->context_, 4, listening);
  if (count < 1) return Status::IoError("the console on " + ports + " did not start");
  server->port_ = listening[0].port;
  if (options.warm_interval.count() > 0) {
    server->warmer_ = std::thread([raw = server.get()] { raw->KeepQueueWarm(); });
  }
  return server;
}

void ConsoleServer::KeepQueueWarm() {
  std::uint64_t logged_version = 0;
  std::string logged_error;
  std::unique_lock<std::mutex> lock(warm_mutex_);
  while (!stopping_) {
    lock.unlock();
    const auto started = std::chrono::steady_clock::now();
    std::size_t rings = 0;
    Result<std::uint64_t> warmed = views_.Warm(&rings);
    if (!warmed.ok()) {
      if (warmed.status().ToString() != logged_error) {  // once per distinct failure
        logged_error = warmed.status().ToString();
        Log("console: could not read the queue ahead of requests: " + logged_error);
      }
    } else if (*warmed != 0 && *warmed != logged_version) {
      logged_version = *warmed;
      logged_error.clear();
      const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - started);
      Log("console: the queue of clustering version " + std::to_string(*warmed) + " is ready (" +
          std::to_string(rings) + " flagged rings, read in " + std::to_string(took.count()) +
          " ms)");
    }
    lock.lock();
    warm_wake_.wait_for(lock, options_.warm_interval, [this] { return stopping_; });
  }
}

ConsoleServer::~ConsoleServer() {
  {
    std::lock_guard<std::mutex> lock(warm_mutex_);
    stopping_ = true;
  }
  warm_wake_.notify_all();
  if (warmer_.joinable()) warmer_.join();
  if (context_ != nullptr) mg_stop(context_);
  mg_exit_library();  // pairs with Start()'s mg_init_library; civetweb counts the calls
}

void ConsoleServer::Log(const std::string& line) const {
  if (options_.log) options_.log(line);
}

int ConsoleServer::OnLog(const mg_connection* connection, const char* message) {
  const mg_context* context = mg_get_context(connection);
  auto* self = static_cast<ConsoleServer*>(mg_get_user_data(context));
  if (self != nullptr) self->Log(std::string("console: civetweb: ") + message);
  return 1;
}

int ConsoleServer::OnRequest(mg_connection* connection, void* self_pointer) {
  auto* self = static_cast<ConsoleServer*>(self_pointer);
  const mg_request_info* info = mg_get_request_info(connection);
  ConsoleRequest request;
  request.method = info->request_method != nullptr ? info->request_method : "";
  request.path = info->local_uri != nullptr ? info->local_uri : "";
  request.query = info->query_string != nullptr ? info->query_string : "";
  if (const char* origin = mg_get_header(connection, "Origin")) request.origin = origin;
  if (const char* host = mg_get_header(connection, "Host")) request.host = host;
  if (const char* csrf = mg_get_header(connection, "X-CSRF-Token")) request.csrf_header = csrf;
  if (const char* cookies = mg_get_header(connection, "Cookie")) {
    char value[128];
    const int n = mg_get_cookie(cookies, kCookieName, value, sizeof value);
    if (n > 0) request.session_cookie.assign(value, static_cast<std::size_t>(n));
  }
  ConsoleResponse response;
  if (info->content_length > static_cast<long long>(kMaxBodyBytes)) {
    response = self->JsonError(413, "the request body is over 64 KiB");
  } else {
    char buffer[8192];
    int n;
    while (request.body.size() <= kMaxBodyBytes &&
           (n = mg_read(connection, buffer, sizeof buffer)) > 0) {
      request.body.append(buffer, static_cast<std::size_t>(n));
    }
    response = request.body.size() > kMaxBodyBytes
                   ? self->JsonError(413, "the request body is over 64 KiB")
                   : self->Handle(request);
  }
  std::string head = "HTTP/1.1 " + std::to_string(response.status) + " " +
                     mg_get_response_code_text(connection, response.status) + "\r\n" +
                     kSecurityHeaders + "Content-Type: " + response.content_type + "\r\n" +
                     "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
  if (!response.location.empty()) head += "Location: " + response.location + "\r\n";
  if (!response.set_cookie.empty()) head += "Set-Cookie: " + response.set_cookie + "\r\n";
  head += "Connection: close\r\n\r\n";
  mg_write(connection, head.data(), head.size());
  if (request.method != "HEAD") mg_write(connection, response.body.data(), response.body.size());
  return response.status;
}

ConsoleResponse ConsoleServer::Handle(const ConsoleRequest& request) {
  const std::string& path = request.path;
  if (path.rfind("/static/", 0) == 0) {
    if (request.method != "GET" && request.method != "HEAD") return JsonError(405, "GET only");
    return Static(path.substr(8));
  }
  if (request.method == "POST" && !request.origin.empty() &&
      request.origin != "http://" + request.host && request.origin != "https://" + request.host) {
    return JsonError(403, "a POST from another site is refused");
  }
  if (path == "/login") {
    if (request.method == "POST") return Login(request);
    return LoginPage(200, "");
  }
  std::optional<ConsoleSession> session;
  if (!request.session_cookie.empty()) session = sessions_.Find(request.session_cookie);
  const bool is_api = path.rfind("/api/", 0) == 0;
  if (!session.has_value()) {
    if (is_api) return JsonError(401, "log in first: POST a client token to /login");
    return LoginPage(401, "");
  }
  if (is_api) return Api(request, *session);
  if (path == "/logout") {
    if (request.method != "POST") return JsonError(405, "POST only");
    return Logout(request, *session);
  }
  if (request.method != "GET" && request.method != "HEAD") return JsonError(405, "GET only");
  if (path == "/" || path == "/queue" || path == "/ring" || path == "/account") {
    return Page(path == "/" ? "queue" : path.substr(1), request, *session);
  }
  ConsoleResponse missing;
  missing.status = 404;
  missing.body =
      "<!doctype html><title>Not found</title><p>No such page. <a "
      "href=\"/queue\">Back to the queue</a></p>\n";
  return missing;
}

ConsoleResponse ConsoleServer::Login(const ConsoleRequest& request) {
  const std::string token = FormField(request.body, "token");
  std::optional<access::ClientIdentity> identity;
  if (!token.empty()) identity = tokens_->Authenticate(token);
  if (!identity.has_value()) {
    if (options_.on_auth_failure) options_.on_auth_failure();
    return LoginPage(401, "authentication failed");
  }
  if (!request.session_cookie.empty()) sessions_.Erase(request.session_cookie);
  const ConsoleSession session = sessions_.Create(*identity);
  Log("console: " + identity->client + " logged in (" + std::string(RoleName(identity->role)) +
      ")");
  ConsoleResponse r = Redirect("/queue");
  r.set_cookie = std::string(kCookieName) + "=" + session.id +
                 "; Path=/; HttpOnly; SameSite=Strict" + (options_.secure_cookie ? "; Secure" : "");
  return r;
}

ConsoleResponse ConsoleServer::Logout(const ConsoleRequest& request,
                                      const ConsoleSession& session) {
  const std::string offered =
      !request.csrf_header.empty() ? request.csrf_header : FormField(request.body, "csrf");
  if (!SessionStore::CsrfMatches(session, offered)) {
    return JsonError(403, "the request carries no valid CSRF token");
  }
  sessions_.Erase(session.id);
  ConsoleResponse r = Redirect("/login");
  r.set_cookie = std::string(kCookieName) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
                 (options_.secure_cookie ? "; Secure" : "");
  return r;
}

ConsoleResponse ConsoleServer::Page(const std::string& page, const ConsoleRequest& request,
                                    const ConsoleSession& session) {
  ConsoleResponse r;
  if (page == "queue") {
    r.body = PageShell("queue", "Review queue", "Flagged rings", session, /*with_d3=*/true);
  } else if (page == "ring") {
    const std::string id = FormField(request.query, "id");
    r.body = PageShell("ring", "Ring " + id, "Ring " + id, session, /*with_d3=*/true);
  } else {
    const std::string name = FormField(request.query, "name");
    r.body = PageShell("account", "Account " + name, "Account " + name, session,
                       /*with_d3=*/false);
  }
  return r;
}

ConsoleResponse ConsoleServer::Api(const ConsoleRequest& request, const ConsoleSession& session) {
  const std::string endpoint = request.path.substr(5);
  if (endpoint == "label") {
    if (request.method != "POST") return JsonError(405, "POST only");
    return Label(request, session);
  }
  if (request.method != "GET" && request.method != "HEAD") return JsonError(405, "GET only");
  if (endpoint == "session") {
    return Json({{"client", session.identity.client},
                 {"role", std::string(access::RoleName(session.identity.role))},
                 {"csrfToken", session.csrf_token}});
  }
  if (endpoint == "queue") {
    QueueQuery query;
    if (auto v = FormField(request.query, "sort"); !v.empty()) query.sort = v;
    if (auto v = FormField(request.query, "label"); !v.empty()) query.label = v;
    query.factor = FormField(request.query, "factor");
    std::uint64_t number = 0;
    if (auto v = FormField(request.query, "offset"); !v.empty()) {
      if (!ParseCount(v, &number)) return JsonError(400, "offset must be a whole number");
      query.offset = number;
    }
    if (auto v = FormField(request.query, "limit"); !v.empty()) {
      if (!ParseCount(v, &number)) return JsonError(400, "limit must be a whole number");
      query.limit = number;
    }
    Result<nlohmann::json> page = views_.Queue(query);
    return page.ok() ? Json(*page) : FromStatus(page.status());
  }
  if (endpoint == "overview") {
    Result<nlohmann::json> overview = views_.Overview();
    return overview.ok() ? Json(*overview) : FromStatus(overview.status());
  }
  if (endpoint == "ring") {
    std::uint64_t cluster = 0, sample = options_.ring_sample_members;
    if (!ParseCount(FormField(request.query, "id"), &cluster) || cluster == 0) {
      return JsonError(400, "id must be a cluster id (a positive whole number)");
    }
    if (auto v = FormField(request.query, "sample"); !v.empty()) {
      if (!ParseCount(v, &sample) || sample == 0 || sample > kMaxRingSample) {
        return JsonError(400, "sample must be between 1 and " + std::to_string(kMaxRingSample));
      }
    }
    Result<nlohmann::json> ring = views_.Ring(cluster, sample);
    return ring.ok() ? Json(*ring) : FromStatus(ring.status());
  }
  if (endpoint == "account") {
    const std::string name = FormField(request.query, "name");
    if (name.empty()) return JsonError(400, "name is needed");
    Result<nlohmann::json> account = views_.Account(name);
    return account.ok() ? Json(*account) : FromStatus(account.status());
  }
  return JsonError(404, "no such endpoint");
}

ConsoleResponse ConsoleServer::Label(const ConsoleRequest& request, const ConsoleSession& session) {
  if (session.identity.role != access::Role::kWrite) {
    return JsonError(403, "labelling needs a token with the write role");
  }
  const std::string offered =
      !request.csrf_header.empty() ? request.csrf_header : FormField(request.body, "csrf");
  if (!SessionStore::CsrfMatches(session, offered)) {
    return JsonError(403, "the request carries no valid CSRF token");
  }
  const std::string target = FormField(request.body, "target");
  const std::string verdict = FormField(request.body, "verdict");
  const std::string note = FormField(request.body, "note");
  // The same call as the Thrift label method, and so the same checks as ringctl label.
  Status stored = service_->Label(target, verdict, note);
  if (!stored.ok()) return FromStatus(stored);
  // Account names stay out of the log; cluster ids are not user data.
  Log("console: " + session.identity.client + " labelled " +
      (target.rfind("cluster:", 0) == 0 ? target : std::string("an account")) + " as " + verdict);
  return Json({{"target", target}, {"verdict", verdict}, {"note", note}});
}

ConsoleResponse ConsoleServer::Static(const std::string& name) const {
  ConsoleResponse r;
  if (name == "d3.min.js" && !d3_source_.empty()) {
    r.content_type = "text/javascript; charset=utf-8";
    r.body = d3_source_;
    return r;
  }
  std::optional<ConsoleAsset> asset = FindAsset(name);
  if (!asset.has_value()) return JsonError(404, "no such file");
  r.content_type = std::string(asset->content_type);
  r.body = std::string(asset->text);
  return r;
}

ConsoleResponse ConsoleServer::LoginPage(int status, const std::string& message) const {
  ConsoleResponse r;
  r.status = status;
  r.body =
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<link rel=\"icon\" href=\"data:,\">"
      "<title>Log in · ringgraph</title><link rel=\"stylesheet\" href=\"/static/console.css\">"
      "</head>\n<body class=\"login\"><main><h1>ringgraph console</h1>\n";
  if (!message.empty()) r.body += "<p class=\"error\">" + HtmlEscape(message) + "</p>\n";
  if (status == 401 && message.empty()) {
    r.body += "<p class=\"muted\">Log in with your client token to continue.</p>\n";
  }
  r.body +=
      "<form method=\"post\" action=\"/login\"><label for=\"token\">Client token</label>"
      "<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" required "
      "autofocus><button type=\"submit\">Log in</button></form>\n"
      "<p class=\"muted\">Tokens come from <code>ringctl token new</code>; a read token reviews, "
      "a write token also labels.</p></main></body></html>\n";
  return r;
}

ConsoleResponse ConsoleServer::JsonError(int status, const std::string& message) const {
  ConsoleResponse r = Json({{"error", message}});
  r.status = status;
  return r;
}

ConsoleResponse ConsoleServer::FromStatus(const Status& status) {
  switch (status.code()) {
    case Status::Code::kInvalidArgument:
      return JsonError(400, status.message());
    case Status::Code::kNotFound:
      return JsonError(404, status.message());
    case Status::Code::kFailedPrecondition:
      return JsonError(409, status.message());
    default:
      break;
  }
  static std::atomic<std::uint64_t> incidents{0};
  const std::string incident = "console-" + std::to_string(++incidents);
  Log("console: incident " + incident + ": " + status.ToString());
  return JsonError(500, "internal error; incident " + incident + " is in ringd's log");
}

}  // namespace ringgraph::console
