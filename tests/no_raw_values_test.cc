// The privacy promise, end to end: a payment, IP or device value or a prompt never reaches a
// message, a log, a metric or the disk, not even when the record carrying it is rejected.
// Every bad record below carries a marker in the place a raw value would be; the test feeds
// them to ringctl and to a live ringd and then looks for the marker everywhere output goes.
#include <dirent.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "tests/ringd_harness.h"

namespace ringgraph::e2e {
namespace {

// Not a valid kind name (upper case, digits), not an address, not a timestamp.
const std::string kMarker = "Zq7Mk";

// Records that are rejected, one per way a record can be bad, each holding the marker.
std::vector<api::Signal> BadSignals() {
  auto signal = [](std::string account, std::string kind, std::string value, std::string ts) {
    api::Signal s;
    s.account = std::move(account);
    s.kind = std::move(kind);
    s.value = std::move(value);
    if (!ts.empty()) s.__set_observedAt(std::stoll(ts));
    return s;
  };
  return {
      signal("bad-1", kMarker + "-kind", "v", "100"),                        // unknown kind
      signal("bad-2", "ip", kMarker + "-not-an-ip", "100"),                  // not an address
      signal("bad-3", "payment", kMarker + std::string(70000, 'x'), "100"),  // too long
      signal("bad-4", "device", kMarker + "\xff\xfe", "100"),                // not UTF-8
      signal("", "device", kMarker + "-no-account", "100"),                  // no account
      signal("bad-6", "Payment4111" + kMarker, "4111111111111111", "100"),   // value in kind
  };
}

// The same kinds of bad records as files, plus the ways only a file can be malformed.
const std::string kBadCsv =
    "account,kind,value,ts\n"
    "bad-1," +
    kMarker +
    "-kind,v,100\n"
    "bad-2,ip," +
    kMarker +
    "-not-an-ip,100\n"
    "bad-3,device,d1," +
    kMarker +
    "-yesterday\n"
    "bad-4,payment," +
    kMarker + std::string(70000, 'x') +
    ",100\n"
    "bad-5,device," +
    kMarker +
    "\xff\xfe,100\n"
    "bad-6,payment," +
    kMarker +
    "\"quoted,100\n"
    "bad-7,prompt,Please summarise " +
    kMarker +
    ",100,extra\n"
    ",ip," +
    kMarker +
    ",100\n"
    "good-1,ip,203.0.113.9,100\n"
    "bad-9,prompt,\"" +
    kMarker + " never closed\n";
const std::string kHeaderlessCsv = "acct-1,payment," + kMarker + "-4111,100\n";
const std::string kBadJsonl =
    "{\"account\":\"bad-1\",\"kind\":\"ip\",\"value\":\"" + kMarker +
    "-ip\",\"ts\":5}\n"
    "{not json " +
    kMarker +
    "}\n"
    "{\"account\":\"bad-3\",\"kind\":\"device\",\"value\":[\"" +
    kMarker +
    "\"],\"ts\":5}\n"
    "{\"account\":\"bad-4\",\"kind\":\"device\",\"value\":\"d\",\"ts\":\"" +
    kMarker +
    "\"}\n"
    "[\"" +
    kMarker + "\"]\n";
// Accepted records whose raw values must be stored only as keyed hashes (or not at all).
const std::string kGoodCsv =
    "account,kind,value,ts\n"
    "good-1,payment,card-" +
    kMarker +
    "-1,1759312800\n"
    "good-1,device,dev-" +
    kMarker +
    "-1,1759312800\n"
    "good-1,prompt,Summarise this " +
    kMarker +
    " report for me please,1759312800\n"
    "good-2,payment,card-" +
    kMarker +
    "-1,1759312800\n"
    "good-2,prompt,Summarise this " +
    kMarker + " report for me please,1759312800\n";

// Every regular file under `dir`, recursively.
void ListFiles(const std::string& dir, std::vector<std::string>* out) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return;
  while (dirent* entry = ::readdir(d)) {
    const std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    const std::string path = dir + "/" + name;
    if (entry->d_type == DT_DIR) {
      ListFiles(path, out);
    } else {
      out->push_back(path);
    }
  }
  ::closedir(d);
}

#define EXPECT_NO_MARKER(text, where)                                                   \
  do {                                                                                  \
    const std::string& haystack = (text);                                               \
    const std::size_t at = haystack.find(kMarker);                                      \
    EXPECT_EQ(at, std::string::npos)                                                    \
        << (where) << " shows a raw value: ..."                                         \
        << haystack.substr(at == std::string::npos ? 0 : (at < 80 ? 0 : at - 80), 200); \
  } while (0)

class NoRawValuesTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_.Sub(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  CommandResult Ctl(const std::string& args) {
    return RunCommand(Ringctl() + " --data " + dir_.Sub("data") + " --secret-file " +
                          dir_.Sub("secret") + " " + args,
                      dir_);
  }
  TempDir dir_{"no_raw_values"};
};

TEST_F(NoRawValuesTest, RejectedRecordsAreDescribedNeverShown) {
  const std::string bad_csv = Write("bad.csv", kBadCsv);
  const std::string bad_jsonl = Write("bad.jsonl", kBadJsonl);
  const std::string headerless = Write("headerless.csv", kHeaderlessCsv);
  const std::string good = Write("good.csv", kGoodCsv);

  CommandResult first = Ctl("ingest --create-secret " + good + " " + bad_csv + " " + bad_jsonl);
  EXPECT_EQ(first.exit_code, 3) << first.err;
  // Each rejection still says where and why.
  EXPECT_NE(first.err.find(bad_csv + ":2: field 'kind' names an unknown kind <10 bytes: "
                                     "letters, digits, punctuation>"),
            std::string::npos)
      << first.err;
  EXPECT_NE(first.err.find(bad_csv + ":3: field 'value' is not an IPv4 or IPv6 address (15 "
                                     "bytes: letters, digits, punctuation)"),
            std::string::npos)
      << first.err;
  EXPECT_NE(first.err.find(bad_csv + ":4: field 'ts' is neither"), std::string::npos) << first.err;
  EXPECT_NE(first.err.find(bad_csv + ":11: unterminated quoted field"), std::string::npos)
      << first.err;
  EXPECT_NE(first.err.find(bad_jsonl + ":2: not valid JSON"), std::string::npos) << first.err;
  EXPECT_NE(first.out.find("ingested 6, rejected 14"), std::string::npos) << first.out;
  EXPECT_NO_MARKER(first.out, "ringctl ingest's output");
  EXPECT_NO_MARKER(first.err, "ringctl ingest's errors");

  CommandResult strict = Ctl("ingest --strict " + bad_csv);
  EXPECT_EQ(strict.exit_code, 1) << strict.err;
  EXPECT_NO_MARKER(strict.err, "ringctl ingest --strict");

  CommandResult no_header = Ctl("ingest " + headerless);
  EXPECT_NE(no_header.exit_code, 0);
  EXPECT_NE(no_header.err.find("the header must be account,kind,value,ts"), std::string::npos)
      << no_header.err;
  EXPECT_NO_MARKER(no_header.err, "the header error");

  CommandResult detect = Ctl("detect");
  EXPECT_EQ(detect.exit_code, 0) << detect.err;
  EXPECT_NO_MARKER(detect.out + detect.err, "ringctl detect");

  // Over the API: the answer, ringd's log and its metrics.
  WriteTokensFile(dir_.Sub("tokens"));
  RingdProcess ringd;
  ASSERT_TRUE(ringd.Start(dir_)) << ringd.log();
  {
    ApiClient writer(ringd.port(), kWriteToken);
    api::IngestResult result;
    writer->ingest(result, BadSignals());
    EXPECT_EQ(result.acknowledged, 0);
    ASSERT_EQ(result.rejected.size(), BadSignals().size());
    for (const api::RecordError& rejection : result.rejected) {
      EXPECT_FALSE(rejection.message.empty());
      EXPECT_NO_MARKER(rejection.message, "the API's rejection");
      EXPECT_EQ(rejection.message.find("4111111111111111"), std::string::npos) << rejection.message;
    }
    api::DetectionStatus status;
    writer->runDetection(status);
  }
  const std::string metrics = HttpGet(ringd.metrics_port(), "/metrics");
  EXPECT_NE(metrics.find("ringgraph_rejected_records_total"), std::string::npos);
  EXPECT_NO_MARKER(metrics, "/metrics");
  EXPECT_EQ(ringd.Stop(SIGTERM), 0) << ringd.log();
  EXPECT_NO_MARKER(ringd.log(), "ringd's log");
  EXPECT_EQ(ringd.log().find("4111111111111111"), std::string::npos);

  // Nothing on disk either: not the rejected values, not the accepted ones.
  std::vector<std::string> files;
  ListFiles(dir_.Sub("data"), &files);
  ASSERT_FALSE(files.empty());
  for (const std::string& file : files) EXPECT_NO_MARKER(ReadFile(file), file);
}

}  // namespace
}  // namespace ringgraph::e2e
