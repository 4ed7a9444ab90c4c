// A real Prometheus server (Debian's prometheus package) on loopback scrapes a real ringd, with
// the alert rules from deploy/prometheus; the test asks Prometheus's HTTP API whether ringd's
// metrics arrived and the rules loaded.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/ringd_harness.h"

namespace ringgraph::e2e {
namespace {

using ringgraph::testing::FreePort;

class ChildProcess {
 public:
  explicit ChildProcess(std::vector<std::string> args, const std::string& log) {
    pid_ = ::fork();
    if (pid_ == 0) {
      int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execvp(argv[0], argv.data());
      _exit(127);
    }
  }
  ~ChildProcess() {
    ::kill(pid_, SIGTERM);
    int status;
    ::waitpid(pid_, &status, 0);
  }

 private:
  pid_t pid_;
};

TEST(PrometheusLiveTest, ScrapesRingdAndLoadsTheAlertRules) {
  if (::access("/usr/bin/prometheus", X_OK) != 0) {
    FAIL() << "Debian's prometheus package is missing; deploy/install-deps.sh installs it";
  }
  TempDir dir("prometheus_live");
  std::ofstream(dir.Sub("one.csv")) << "account,kind,value,ts\na1,ip,10.0.0.1,100\n";
  CommandResult r =
      RunCommand(Ringctl() + " --data " + dir.Sub("data") + " --secret-file " + dir.Sub("secret") +
                     " ingest --create-secret --quiet " + dir.Sub("one.csv"),
                 dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  WriteTokensFile(dir.Sub("tokens"));
  RingdProcess ringd;
  ASSERT_TRUE(ringd.Start(dir)) << ringd.log();

  const std::string source = RINGGRAPH_SOURCE_DIR;
  std::ofstream(dir.Sub("prometheus.yml"))
      << "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
      << "rule_files:\n  - " << source << "/deploy/prometheus/ringd_alerts.yml\n"
      << "scrape_configs:\n  - job_name: ringd\n    static_configs:\n"
      << "      - targets: [\"127.0.0.1:" << ringd.metrics_port() << "\"]\n";
  const int port = FreePort();
  ChildProcess prometheus({"/usr/bin/prometheus", "--config.file=" + dir.Sub("prometheus.yml"),
                           "--storage.tsdb.path=" + dir.Sub("tsdb"),
                           "--web.listen-address=127.0.0.1:" + std::to_string(port)},
                          dir.Sub("prometheus.log"));

  // Wait until Prometheus has scraped ringd at least once.
  nlohmann::json result;
  for (int i = 0; i < 600; ++i) {
    std::string body = HttpGet(port, "/api/v1/query?query=ringgraph_build_info");
    nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
    if (!doc.is_discarded() && doc.value("status", "") == "success" &&
        !doc["data"]["result"].empty()) {
      result = doc["data"]["result"];
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_FALSE(result.empty()) << ReadFile(dir.Sub("prometheus.log"));
  EXPECT_EQ(result[0]["metric"]["version"], "0.1.0");
  EXPECT_EQ(result[0]["metric"]["job"], "ringd");

  nlohmann::json up =
      nlohmann::json::parse(HttpGet(port, "/api/v1/query?query=up"), nullptr, false);
  ASSERT_FALSE(up.is_discarded());
  ASSERT_FALSE(up["data"]["result"].empty());
  EXPECT_EQ(up["data"]["result"][0]["value"][1], "1");
  nlohmann::json accounts = nlohmann::json::parse(
      HttpGet(port, "/api/v1/query?query=ringgraph_accounts"), nullptr, false);
  ASSERT_FALSE(accounts["data"]["result"].empty());
  EXPECT_EQ(accounts["data"]["result"][0]["value"][1], "1");

  nlohmann::json rules = nlohmann::json::parse(HttpGet(port, "/api/v1/rules"), nullptr, false);
  ASSERT_FALSE(rules.is_discarded());
  std::set<std::string> names;
  for (const auto& group : rules["data"]["groups"]) {
    for (const auto& rule : group["rules"]) {
      names.insert(rule["name"].get<std::string>());
      EXPECT_NE(rule.value("health", ""), "err") << rule.dump();  // "unknown" until first evaluated
    }
  }
  for (const char* name : {"RingdDown", "RingdDetectionStale", "RingdIngestRejectsSpiking",
                           "RingdMapNearlyFull", "RingdLookupLatencyHigh"}) {
    EXPECT_EQ(names.count(name), 1u) << name;
  }
  EXPECT_EQ(ringd.Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace ringgraph::e2e
