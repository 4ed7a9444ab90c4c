// The analyst console end to end: a real ringd with --console on loopback over a generated
// store, spoken to over plain HTTP/1.0 from a socket — the access rules (401 without a session,
// refused logins, 403 for a read token and for a missing CSRF token), labelling through to the
// store as `ringctl explain` shows it, escaping of an account named "<script>", and the queue's
// paging, sorting and filters.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "tests/ringd_harness.h"

namespace ringgraph::e2e {
namespace {

using nlohmann::json;

const std::string kScriptAccount = "<script>alert(1)</script>";

struct HttpAnswer {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string UrlEncode(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// One HTTP/1.0 request's text.
std::string RequestText(const std::string& method, const std::string& path,
                        const std::string& cookie, const std::string& body, const std::string& csrf,
                        const std::string& origin) {
  std::string request = method + " " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n";
  if (!cookie.empty()) request += "Cookie: ringd_console=" + cookie + "\r\n";
  if (!csrf.empty()) request += "X-CSRF-Token: " + csrf + "\r\n";
  if (!origin.empty()) request += "Origin: " + origin + "\r\n";
  if (method == "POST") {
    request += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n";
  }
  return request + "\r\n" + body;
}

// A whole HTTP response parsed; status 0 when there is none.
HttpAnswer ParseAnswer(const std::string& response) {
  HttpAnswer answer;
  const std::size_t head_end = response.find("\r\n\r\n");
  if (head_end == std::string::npos) return answer;
  std::istringstream head(response.substr(0, head_end));
  std::string line;
  std::getline(head, line);
  if (line.size() > 12) answer.status = std::stoi(line.substr(9, 3));
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    answer.headers[Lower(line.substr(0, colon))] =
        line.substr(line.find_first_not_of(' ', colon + 1));
  }
  answer.body = response.substr(head_end + 4);
  return answer;
}

// One HTTP/1.0 exchange with the console; status 0 when the connection failed.
HttpAnswer Http(int port, const std::string& method, const std::string& path,
                const std::string& cookie = "", const std::string& body = "",
                const std::string& csrf = "", const std::string& origin = "") {
  int fd = ConnectRaw(port);
  if (fd < 0) return {};
  const std::string request = RequestText(method, path, cookie, body, csrf, origin);
  if (::write(fd, request.data(), request.size()) < 0) {
    ::close(fd);
    return {};
  }
  std::string response;
  char buf[65536];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) response.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  return ParseAnswer(response);
}

// Writes a self-signed certificate for 127.0.0.1 and its key to server.pem and server.key in
// `scratch`.
::testing::AssertionResult MakeServerCertificate(const TempDir& scratch) {
  CommandResult r = RunCommand(
      "cd " + scratch.path().string() +
          " && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "
          "server.key -out server.pem -days 1 -subj /CN=127.0.0.1 2>/dev/null",
      scratch);
  if (r.exit_code == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "openssl req failed: " << r.err;
}

// The same exchange over TLS, through `openssl s_client` (the certificate is not checked: the
// test made it).
HttpAnswer Https(const TempDir& scratch, int port, const std::string& method,
                 const std::string& path, const std::string& cookie = "",
                 const std::string& body = "") {
  std::ofstream(scratch.Sub("request")) << RequestText(method, path, cookie, body, "", "");
  CommandResult r =
      RunCommand("openssl s_client -quiet -connect 127.0.0.1:" + std::to_string(port) + " < " +
                     scratch.Sub("request") + " 2>/dev/null",
                 scratch);
  return ParseAnswer(r.out);
}

class ConsoleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("console");
    CommandResult r = RunCommand(
        Ringctl() + " gen --accounts 3000 --rings 5 --seed 7 --out " + dir_->Sub("pop"), *dir_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // An account whose name is markup, sharing a device with someone in the population.
    std::istringstream csv(ReadFile(dir_->Sub("pop") + "/signals.csv"));
    std::string line, shared_device;
    while (std::getline(csv, line)) {
      std::stringstream fields(line);
      std::string account, kind, value, ts;
      std::getline(fields, account, ',');
      std::getline(fields, kind, ',');
      std::getline(fields, value, ',');
      std::getline(fields, ts, ',');
      if (kind == "device") {
        shared_device = value + "," + ts;
        break;
      }
    }
    ASSERT_FALSE(shared_device.empty());
    std::ofstream(dir_->Sub("script.csv")) << "account,kind,value,ts\n"
                                           << kScriptAccount << ",device," << shared_device << "\n";
    const std::string store =
        Ringctl() + " --data " + dir_->Sub("data") + " --secret-file " + dir_->Sub("secret");
    r = RunCommand(store + " ingest --create-secret --quiet " + dir_->Sub("pop") + "/signals.csv",
                   *dir_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = RunCommand(store + " ingest --quiet " + dir_->Sub("script.csv"), *dir_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = RunCommand(store + " detect --quiet", *dir_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    WriteTokensFile(dir_->Sub("tokens"));
    std::ofstream(dir_->Sub("reader.token")) << kReadToken << "\n";
  }
  static void TearDownTestSuite() { delete dir_; }

  void SetUp() override {
    ASSERT_TRUE(ringd_.Start(*dir_, {"--console", "127.0.0.1:0"})) << ringd_.log();
    std::ifstream ports(dir_->Sub("ringd.port"));
    int api_port = 0, metrics_port = 0;
    ASSERT_TRUE(ports >> api_port >> metrics_port >> console_port_);
    ASSERT_GT(console_port_, 0);
  }
  void TearDown() override {
    if (ringd_.running()) {
      EXPECT_EQ(ringd_.Stop(SIGTERM), 0) << ringd_.log();
    }
  }

  // Logs in with `token`; returns the session cookie's value ("" when refused).
  std::string LogIn(const std::string& token) {
    HttpAnswer login = Http(console_port_, "POST", "/login", "", "token=" + UrlEncode(token));
    if (login.status != 303) return "";
    const std::string cookie = login.headers["set-cookie"];
    const std::size_t start = cookie.find('=') + 1;
    return cookie.substr(start, cookie.find(';') - start);
  }

  std::string CsrfOf(const std::string& cookie) {
    HttpAnswer session = Http(console_port_, "GET", "/api/session", cookie);
    if (session.status != 200) return "";
    return json::parse(session.body).value("csrfToken", "");
  }

  json GetJson(const std::string& cookie, const std::string& path) {
    HttpAnswer answer = Http(console_port_, "GET", path, cookie);
    EXPECT_EQ(answer.status, 200) << path << ": " << answer.body;
    return answer.status == 200 ? json::parse(answer.body) : json();
  }

  std::int64_t TopRing() {
    ApiClient client(ringd_.port(), kReadToken);
    std::vector<api::RingSummary> rings;
    client->topRings(rings, 1, 0.0);
    return rings.empty() ? 0 : rings[0].clusterId;
  }

  static TempDir* dir_;
  RingdProcess ringd_;
  int console_port_ = 0;
};
TempDir* ConsoleTest::dir_ = nullptr;

TEST_F(ConsoleTest, EveryPageAndEndpointAnswers401WithoutASession) {
  const std::string ring = "/ring?id=1", account = "/account?name=acct-000001";
  for (const std::string& path :
       {std::string("/"), std::string("/queue"), ring, account, std::string("/nowhere"),
        std::string("/api/session"), std::string("/api/queue"), std::string("/api/overview"),
        "/api" + ring, "/api" + account, std::string("/api/label")}) {
    for (const std::string& cookie : {std::string(), std::string("forged-session-id")}) {
      EXPECT_EQ(Http(console_port_, "GET", path, cookie).status, 401) << path << " " << cookie;
    }
  }
  for (const char* path : {"/api/label", "/logout"}) {
    EXPECT_EQ(Http(console_port_, "POST", path, "", "target=cluster:1&verdict=ring").status, 401)
        << path;
  }
  // The login form itself, and the pages' code, answer without a session; neither holds data.
  EXPECT_EQ(Http(console_port_, "GET", "/login").status, 200);
  HttpAnswer script = Http(console_port_, "GET", "/static/console.js");
  EXPECT_EQ(script.status, 200);
  EXPECT_NE(script.headers["content-type"].find("javascript"), std::string::npos);
  EXPECT_NE(script.headers["content-security-policy"].find("script-src 'self'"), std::string::npos);
}

TEST_F(ConsoleTest, ABadTokenIsRefusedAndAGoodOneGetsAHardenedCookie) {
  for (const char* body : {"token=not-a-token", "token=", ""}) {
    HttpAnswer refused = Http(console_port_, "POST", "/login", "", body);
    EXPECT_EQ(refused.status, 401) << body;
    EXPECT_EQ(refused.headers.count("set-cookie"), 0u) << body;
    EXPECT_NE(refused.body.find("authentication failed"), std::string::npos);
  }
  HttpAnswer login = Http(console_port_, "POST", "/login", "", "token=" + UrlEncode(kWriteToken));
  ASSERT_EQ(login.status, 303);
  EXPECT_EQ(login.headers["location"], "/queue");
  const std::string cookie = login.headers["set-cookie"];
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "ringd runs without TLS: " << cookie;

  // Another site cannot log a browser in, even with a good token; this origin can.
  const std::string good_token = "token=" + UrlEncode(kWriteToken);
  for (const char* elsewhere : {"http://evil.example", "null", "http://127.0.0.1:1"}) {
    EXPECT_EQ(Http(console_port_, "POST", "/login", "", good_token, "", elsewhere).status, 403)
        << elsewhere;
  }
  EXPECT_EQ(Http(console_port_, "POST", "/login", "", good_token, "", "http://127.0.0.1").status,
            303);

  const std::string session = LogIn(kWriteToken);
  ASSERT_FALSE(session.empty());
  json who = GetJson(session, "/api/session");
  EXPECT_EQ(who["client"], "analyst");
  EXPECT_EQ(who["role"], "write");
  EXPECT_EQ(who["csrfToken"].get<std::string>().size(), 64u);
  EXPECT_EQ(Http(console_port_, "GET", "/queue", session).status, 200);

  // Logging out needs the CSRF token too, and ends the session.
  EXPECT_EQ(Http(console_port_, "POST", "/logout", session).status, 403);
  EXPECT_EQ(Http(console_port_, "POST", "/logout", session, "csrf=" + CsrfOf(session)).status, 303);
  EXPECT_EQ(Http(console_port_, "GET", "/api/session", session).status, 401);
}

TEST_F(ConsoleTest, AReadTokenCannotLabelAndNoOneLabelsWithoutTheCsrfToken) {
  const std::int64_t ring = TopRing();
  ASSERT_GT(ring, 0);
  const std::string label = "target=cluster:" + std::to_string(ring) + "&verdict=benign&note=x";

  const std::string reader = LogIn(kReadToken);
  ASSERT_FALSE(reader.empty());
  EXPECT_EQ(GetJson(reader, "/api/session")["role"], "read");
  EXPECT_EQ(Http(console_port_, "POST", "/api/label", reader, label, CsrfOf(reader)).status, 403);

  const std::string writer = LogIn(kWriteToken), other_writer = LogIn(kWriteToken);
  EXPECT_EQ(Http(console_port_, "POST", "/api/label", writer, label).status, 403);
  EXPECT_EQ(Http(console_port_, "POST", "/api/label", writer, label, "0123abcd").status, 403);
  EXPECT_EQ(Http(console_port_, "POST", "/api/label", writer, label, CsrfOf(other_writer)).status,
            403);
  // Nor can another site, even with the session's token.
  EXPECT_EQ(Http(console_port_, "POST", "/api/label", writer, label, CsrfOf(writer),
                 "http://evil.example")
                .status,
            403);
  // A GET cannot label either.
  EXPECT_EQ(Http(console_port_, "GET", "/api/label?" + label, writer).status, 405);

  json ring_view = GetJson(reader, "/api/ring?id=" + std::to_string(ring));
  EXPECT_TRUE(ring_view["label"].is_null()) << ring_view["label"];
}

TEST_F(ConsoleTest, ALabelWithTheWriteRoleAndCsrfTokenReachesTheStore) {
  const std::int64_t ring = TopRing();
  ASSERT_GT(ring, 0);
  const std::string writer = LogIn(kWriteToken);
  const std::string csrf = CsrfOf(writer);
  HttpAnswer stored = Http(console_port_, "POST", "/api/label", writer,
                           "target=cluster:" + std::to_string(ring) +
                               "&verdict=benign&note=" + UrlEncode("case 17: a research lab"),
                           csrf);
  ASSERT_EQ(stored.status, 200) << stored.body;
  // The store's own checks, as for ringctl label.
  EXPECT_EQ(
      Http(console_port_, "POST", "/api/label", writer, "target=cluster:1&verdict=maybe", csrf)
          .status,
      400);
  EXPECT_EQ(
      Http(console_port_, "POST", "/api/label", writer, "target=account:nobody&verdict=ring", csrf)
          .status,
      404);

  // ringctl explain, through ringd's Thrift API, shows the label.
  TempDir scratch;
  CommandResult r = RunCommand(Ringctl() + " --remote 127.0.0.1:" + std::to_string(ringd_.port()) +
                                   " --token-file " + dir_->Sub("reader.token") +
                                   " explain --cluster " + std::to_string(ring),
                               scratch);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("label: benign: case 17: a research lab"), std::string::npos) << r.out;
  // And so does the console: on the ring, and in the queue's label filter.
  json ring_view = GetJson(writer, "/api/ring?id=" + std::to_string(ring));
  EXPECT_EQ(ring_view["label"]["verdict"], "benign");
  json benign = GetJson(writer, "/api/queue?label=benign");
  ASSERT_EQ(benign["total"], 1);
  EXPECT_EQ(benign["rings"][0]["clusterId"], ring);
  json unlabelled = GetJson(writer, "/api/queue?label=unlabelled&limit=1000");
  for (const json& row : unlabelled["rings"]) EXPECT_NE(row["clusterId"], ring);
}

TEST_F(ConsoleTest, AnAccountNamedScriptIsNeverMarkup) {
  const std::string session = LogIn(kReadToken);
  ASSERT_FALSE(session.empty());
  HttpAnswer page =
      Http(console_port_, "GET", "/account?name=" + UrlEncode(kScriptAccount), session);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find(kScriptAccount), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);

  HttpAnswer data =
      Http(console_port_, "GET", "/api/account?name=" + UrlEncode(kScriptAccount), session);
  ASSERT_EQ(data.status, 200) << data.body;
  EXPECT_EQ(data.headers["content-type"], "application/json");
  EXPECT_EQ(data.headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(data.body.find('<'), std::string::npos) << data.body;
  json account = json::parse(data.body);
  EXPECT_EQ(account["account"], kScriptAccount);  // the same characters, as text
  ASSERT_TRUE(account["signals"].contains("device"));
  const std::string value_id = account["signals"]["device"][0]["valueId"];
  EXPECT_EQ(value_id.size(), 32u);
  EXPECT_EQ(value_id.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_GE(account["signals"]["device"][0]["holdersTotal"], 2);

  // Wherever the account appears (its path, a ring's members), no '<' reaches the page.
  json queue = GetJson(session, "/api/queue?limit=1000");
  for (const json& row : queue["rings"]) {
    HttpAnswer ring = Http(console_port_, "GET",
                           "/api/ring?id=" + std::to_string(row["clusterId"].get<int>()), session);
    EXPECT_EQ(ring.body.find('<'), std::string::npos);
  }
}

TEST_F(ConsoleTest, TheQueuePagesSortsAndFiltersTheFlaggedRings) {
  const std::string session = LogIn(kReadToken);
  ApiClient client(ringd_.port(), kReadToken);
  std::vector<api::RingSummary> rings;
  client->topRings(rings, 10000, 0.0);
  ASSERT_GE(rings.size(), 3u);

  json all = GetJson(session, "/api/queue?limit=1000");
  ASSERT_EQ(all["total"], rings.size());
  std::vector<std::int64_t> by_score;
  for (const json& row : all["rings"]) by_score.push_back(row["clusterId"]);
  for (std::size_t i = 0; i < rings.size(); ++i) EXPECT_EQ(by_score[i], rings[i].clusterId);

  // Pages of two, in order, without gaps or repeats.
  std::vector<std::int64_t> paged;
  for (std::size_t offset = 0; offset < rings.size(); offset += 2) {
    json page = GetJson(session, "/api/queue?limit=2&offset=" + std::to_string(offset));
    EXPECT_LE(page["rings"].size(), 2u);
    for (const json& row : page["rings"]) paged.push_back(row["clusterId"]);
  }
  EXPECT_EQ(paged, by_score);
  EXPECT_TRUE(GetJson(session, "/api/queue?offset=100000")["rings"].empty());

  json by_size = GetJson(session, "/api/queue?sort=size&limit=1000");
  for (std::size_t i = 1; i < by_size["rings"].size(); ++i) {
    EXPECT_GE(by_size["rings"][i - 1]["size"], by_size["rings"][i]["size"]);
  }
  json newest = GetJson(session, "/api/queue?sort=newest&limit=1000");
  for (std::size_t i = 1; i < newest["rings"].size(); ++i) {
    EXPECT_GT(newest["rings"][i - 1]["clusterId"], newest["rings"][i]["clusterId"]);
  }
  // The factor filter keeps exactly the rings whose strongest factor it names.
  const std::string factor = all["rings"][0]["strongestFactor"];
  json filtered = GetJson(session, "/api/queue?limit=1000&factor=" + UrlEncode(factor));
  EXPECT_EQ(filtered["total"], all["factors"][factor]);
  for (const json& row : filtered["rings"]) EXPECT_EQ(row["strongestFactor"], factor);

  // The overview counts every cluster of the version once, and marks ringd's threshold.
  json overview = GetJson(session, "/api/overview");
  ASSERT_EQ(overview["versions"].size(), 1u);
  std::uint64_t clusters = 0;
  for (const json& count : overview["scoreHistogram"]) clusters += count.get<std::uint64_t>();
  EXPECT_EQ(clusters, overview["versions"][0]["clusters"]);
  EXPECT_EQ(overview["versions"][0]["flagged"], rings.size());
  EXPECT_GT(overview["flagThreshold"], 0.0);

  for (const std::string bad : {"sort=age", "label=maybe", "limit=0", "limit=x", "offset=-1"}) {
    EXPECT_EQ(Http(console_port_, "GET", "/api/queue?" + bad, session).status, 400) << bad;
  }
}

TEST_F(ConsoleTest, ARingIsDrawnFromAnEvenSampleWithItsCount) {
  const std::string session = LogIn(kReadToken);
  const std::int64_t ring = TopRing();
  json full = GetJson(session, "/api/ring?id=" + std::to_string(ring));
  ASSERT_TRUE(full.is_object());
  EXPECT_EQ(full["memberCount"], full["size"]);
  EXPECT_EQ(full["members"].size(), full["memberCount"]);
  EXPECT_FALSE(full["factors"].empty());
  EXPECT_FALSE(full["evidence"].empty());
  EXPECT_FALSE(full["values"].empty());
  EXPECT_FALSE(full["promptsPerDay"].empty());
  for (const json& link : full["links"]) {
    EXPECT_LT(link["member"].get<std::size_t>(), full["members"].size());
    EXPECT_LT(link["value"].get<std::size_t>(), full["values"].size());
  }
  for (const json& value : full["values"]) {
    EXPECT_GE(value["sampledHolders"], 2);
    EXPECT_EQ(value["valueId"].get<std::string>().size(), 32u);
  }

  json sample = GetJson(session, "/api/ring?id=" + std::to_string(ring) + "&sample=3");
  EXPECT_EQ(sample["members"].size(), 3u);
  EXPECT_EQ(sample["memberCount"], full["memberCount"]);

  EXPECT_EQ(Http(console_port_, "GET", "/api/ring?id=999999", session).status, 404);
  EXPECT_EQ(Http(console_port_, "GET", "/api/ring?id=abc", session).status, 400);
  EXPECT_EQ(Http(console_port_, "GET", "/ring?id=" + std::to_string(ring), session).status, 200);

  // An account page's path leads a member's neighbour to a flagged ring.
  const std::string member = full["members"][0]["account"];
  json account = GetJson(session, "/api/account?name=" + UrlEncode(member));
  EXPECT_EQ(account["membership"]["clusterId"], ring);
  EXPECT_EQ(Http(console_port_, "GET", "/api/account?name=nobody", session).status, 404);
}

// The queue is read before anyone asks, at start and after each detection, so that the first
// analyst after a detection does not wait for every flagged ring's details to be parsed.
TEST_F(ConsoleTest, TheQueueIsReadAheadAtStartAndAfterEachDetection) {
  auto ready = [&](std::uint64_t version) {
    return ringd_.log().find("console: the queue of clustering version " + std::to_string(version) +
                             " is ready") != std::string::npos;
  };
  auto serving_version = [&] {
    ApiClient client(ringd_.port(), kReadToken);
    api::HealthStatus health;
    client->health(health);
    return static_cast<std::uint64_t>(health.clusteringVersion);
  };
  const std::uint64_t version = serving_version();
  ASSERT_GT(version, 0u);
  for (int i = 0; i < 300 && !ready(version); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_TRUE(ready(version)) << ringd_.log();

  {
    ApiClient client(ringd_.port(), kWriteToken);
    api::DetectionStatus status;
    client->runDetection(status);
    ASSERT_EQ(status.state, api::DetectionState::RUNNING);
  }
  for (int i = 0; i < 600 && !ready(version + 1); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_TRUE(ready(version + 1)) << ringd_.log();
  EXPECT_EQ(serving_version(), version + 1);
  // The warmed queue answers for the new version.
  const std::string session = LogIn(kReadToken);
  EXPECT_EQ(GetJson(session, "/api/queue")["clusteringVersion"], version + 1);
}

// With ringd's TLS on, the console speaks HTTPS only, with ringd's certificate, and its session
// cookie is Secure.
TEST_F(ConsoleTest, WithRingdsTlsOnTheConsoleIsHttpsAndTheCookieIsSecure) {
  ringd_.Stop(SIGTERM);
  TempDir scratch;
  ASSERT_TRUE(MakeServerCertificate(scratch));
  RingdProcess tls_ringd;
  ASSERT_TRUE(
      tls_ringd.Start(*dir_, {"--console", "127.0.0.1:0", "--tls-cert", scratch.Sub("server.pem"),
                              "--tls-key", scratch.Sub("server.key")}))
      << tls_ringd.log();
  std::ifstream ports(dir_->Sub("ringd.port"));
  int api_port = 0, metrics_port = 0, console_port = 0;
  ASSERT_TRUE(ports >> api_port >> metrics_port >> console_port);
  EXPECT_NE(tls_ringd.log().find("console on https://127.0.0.1:"), std::string::npos)
      << tls_ringd.log();

  // Plain HTTP gets no answer from a TLS port.
  EXPECT_EQ(Http(console_port, "GET", "/login").status, 0);

  HttpAnswer login =
      Https(scratch, console_port, "POST", "/login", "", "token=" + UrlEncode(kReadToken));
  ASSERT_EQ(login.status, 303) << login.body;
  const std::string cookie = login.headers["set-cookie"];
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  const std::size_t start = cookie.find('=') + 1;
  const std::string session = cookie.substr(start, cookie.find(';') - start);
  HttpAnswer who = Https(scratch, console_port, "GET", "/api/session", session);
  EXPECT_EQ(who.status, 200) << who.body;
  EXPECT_EQ(Https(scratch, console_port, "GET", "/api/session").status, 401);

  // The certificate served is ringd's.
  CommandResult r =
      RunCommand("openssl s_client -connect 127.0.0.1:" + std::to_string(console_port) +
                     " < /dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256; "
                     "openssl x509 -in " +
                     scratch.Sub("server.pem") + " -noout -fingerprint -sha256",
                 scratch);
  std::istringstream fingerprints(r.out);
  std::string served, made;
  std::getline(fingerprints, served);
  std::getline(fingerprints, made);
  EXPECT_FALSE(served.empty()) << r.out << r.err;
  EXPECT_EQ(served, made);
  EXPECT_EQ(tls_ringd.Stop(SIGTERM), 0) << tls_ringd.log();
}

// A ringd whose OpenSSL 3 shim is not beside it cannot serve the console over TLS: it refuses to
// start, says what is missing, and leaves the store as it was (a ringd that has the shim then
// serves the same clustering).
TEST_F(ConsoleTest, WithoutItsOpenSsl3ShimATlsConsoleRefusesToStartAndSaysWhy) {
  const std::uint64_t ring = static_cast<std::uint64_t>(TopRing());
  ringd_.Stop(SIGTERM);
  TempDir scratch;
  std::filesystem::copy_file(Ringd(), scratch.Sub("ringd"));  // no .so beside this copy
  std::filesystem::permissions(scratch.Sub("ringd"), std::filesystem::perms::owner_exec,
                               std::filesystem::perm_options::add);
  ASSERT_TRUE(MakeServerCertificate(scratch));
  CommandResult r = RunCommand(
      "timeout 60 " + scratch.Sub("ringd") + " --data " + dir_->Sub("data") + " --secret-file " +
          dir_->Sub("secret") + " --tokens-file " + dir_->Sub("tokens") +
          " --listen 127.0.0.1:0 --metrics off --detect-at off --console 127.0.0.1:0"
          " --tls-cert " +
          scratch.Sub("server.pem") + " --tls-key " + scratch.Sub("server.key"),
      scratch);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.exit_code, 124) << "it did not refuse: it served until the timeout";
  EXPECT_NE((r.out + r.err).find("libringgraph_openssl3_compat.so"), std::string::npos)
      << r.out << r.err;

  ASSERT_TRUE(ringd_.Start(*dir_, {"--console", "127.0.0.1:0"})) << ringd_.log();
  EXPECT_EQ(static_cast<std::uint64_t>(TopRing()), ring);
}

}  // namespace
}  // namespace ringgraph::e2e
