// Fault injection: a full disk (a small tmpfs), an unreadable data directory, and a map that
// cannot grow, for both ringctl and ringd. Each gives a clear error and loses nothing that was
// committed before. (Missing or corrupt config, missing secret and a port in use are in
// ringd_api_test's start-failure cases.)
#include <gtest/gtest.h>
#include <sys/statvfs.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "tests/ringd_harness.h"
#include "tests/small_disk.h"

namespace ringgraph::e2e {
namespace {

// Account names long enough to fill a small disk quickly.
std::string WideCsv(int first, int count) {
  std::string csv = "account,kind,value,ts\n";
  for (int i = first; i < first + count; ++i) {
    csv +=
        std::string(200, 'w') + std::to_string(i) + ",device,dev-" + std::to_string(i) + ",100\n";
  }
  return csv;
}

// The helper the full-disk tests stand on: what it gives is a small file system, not the
// ordinary one, whichever way (root's mount or a user namespace) it was set up.
TEST(FaultInjectionTest, TheSmallDiskIsSmallAndFillsUp) {
  TempDir dir("fault_small");
  SmallDisk disk(dir.Sub("disk"), "1m");
  REQUIRE_SMALL_DISK(disk);
  struct statvfs fs;
  ASSERT_EQ(::statvfs(disk.path().c_str(), &fs), 0) << std::strerror(errno);
  EXPECT_LE(static_cast<std::uint64_t>(fs.f_blocks) * fs.f_frsize, std::uint64_t{1} << 20);
  int fd = ::open(disk.Sub("fill").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  ASSERT_GE(fd, 0) << std::strerror(errno);
  const std::string block(64 << 10, 'x');
  int error = 0;
  for (int i = 0; i < 32 && error == 0; ++i) {  // 2 MB at most
    if (::write(fd, block.data(), block.size()) < 0) error = errno;
  }
  ::close(fd);
  EXPECT_EQ(error, ENOSPC) << std::strerror(error);
}

TEST(FaultInjectionTest, RingctlOnAFullDiskFailsClearlyAndKeepsWhatWasCommitted) {
  TempDir dir("fault_disk");
  SmallDisk disk(dir.Sub("disk"), "3m");
  REQUIRE_SMALL_DISK(disk);
  std::ofstream(dir.Sub("small.csv")) << WideCsv(0, 100);
  std::ofstream(dir.Sub("big.csv")) << WideCsv(100, 40000);  // about 10 MB of names
  const std::string ctl =
      Ringctl() + " --data " + disk.Sub("data") + " --secret-file " + dir.Sub("secret");
  CommandResult r =
      RunCommand(ctl + " ingest --create-secret --quiet " + dir.Sub("small.csv"), dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunCommand(ctl + " ingest --quiet --batch-size 5000 " + dir.Sub("big.csv"), dir);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("the disk is full"), std::string::npos) << r.err;
  // The store opens and holds everything committed before the disk filled.
  r = RunCommand(ctl + " stats --json", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json stats = nlohmann::json::parse(r.out);
  EXPECT_GE(stats["accounts"].get<int>(), 100);
  EXPECT_LT(stats["accounts"].get<int>(), 40100);
  EXPECT_EQ(stats["accounts"].get<int>() % 5000, 100) << "a batch was partly committed";
}

TEST(FaultInjectionTest, RingdOnAFullDiskRefusesTheCallAndKeepsServing) {
  TempDir dir("fault_ringd_disk");
  SmallDisk disk(dir.Sub("disk"), "3m");
  REQUIRE_SMALL_DISK(disk);
  std::ofstream(dir.Sub("small.csv")) << WideCsv(0, 100);
  CommandResult r =
      RunCommand(Ringctl() + " --data " + disk.Sub("data") + " --secret-file " + dir.Sub("secret") +
                     " ingest --create-secret --quiet " + dir.Sub("small.csv"),
                 dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  WriteTokensFile(dir.Sub("tokens"));
  RingdProcess ringd;
  ASSERT_TRUE(
      ringd.Start(dir,
                  {"--data", disk.Sub("data"), "--secret-file", dir.Sub("secret"), "--tokens-file",
                   dir.Sub("tokens"), "--listen", "127.0.0.1:0", "--metrics", "off", "--detect-at",
                   "off", "--port-file", dir.Sub("ringd.port")},
                  /*default_args=*/false))
      << ringd.log();
  ApiClient writer(ringd.port(), kWriteToken);
  int refused = 0, acknowledged = 0;
  for (int batch = 0; batch < 40 && refused == 0; ++batch) {
    std::vector<api::Signal> signals;
    for (int i = 0; i < 1000; ++i) {
      api::Signal s;
      s.account = std::string(200, 'v') + std::to_string(batch * 1000 + i);
      s.kind = "device";
      s.value = "d" + std::to_string(batch * 1000 + i);
      signals.push_back(s);
    }
    try {
      api::IngestResult result;
      writer->ingest(result, signals);
      acknowledged += result.acknowledged;
    } catch (const api::RingGraphError& e) {
      ++refused;
      EXPECT_EQ(e.code, api::ErrorCode::RESOURCE_EXHAUSTED) << e.message;
      EXPECT_NE(e.message.find("the store is full"), std::string::npos) << e.message;
    }
  }
  EXPECT_EQ(refused, 1) << "a 3 MB disk took 8 MB of account names";
  EXPECT_NE(ringd.log().find("the disk is full"), std::string::npos) << ringd.log();
  ApiClient reader(ringd.port(), kReadToken);
  api::Membership m;
  reader->getCluster(m, std::string(200, 'w') + "7");
  EXPECT_TRUE(m.knownAccount);
  if (acknowledged > 0) {
    reader->getCluster(m, std::string(200, 'v') + std::to_string(acknowledged - 1));
    EXPECT_TRUE(m.knownAccount);
  }
  EXPECT_EQ(ringd.Stop(SIGTERM), 0);
}

TEST(FaultInjectionTest, AnUnreadableDataDirectoryStopsRingdAndRingctlClearly) {
  TempDir dir("fault_perm");
  std::ofstream(dir.Sub("small.csv")) << WideCsv(0, 10);
  CommandResult r =
      RunCommand(Ringctl() + " --data " + dir.Sub("data") + " --secret-file " + dir.Sub("secret") +
                     " ingest --create-secret --quiet " + dir.Sub("small.csv"),
                 dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  WriteTokensFile(dir.Sub("tokens"));
  if (::geteuid() == 0) {
    // Root reads anything; run the binaries as nobody, with the files they need readable.
    ::chmod(dir.path().c_str(), 0755);
    ::chmod(dir.Sub("tokens").c_str(), 0644);
    ::chmod(dir.Sub("secret").c_str(), 0600);
    ::chown(dir.Sub("secret").c_str(), 65534, 65534);
  }
  ::chmod(dir.Sub("data").c_str(), 0700);
  const std::string as_nobody =
      ::geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  if (::geteuid() != 0) ::chmod(dir.Sub("data").c_str(), 0);
  r = RunCommand(as_nobody + Ringctl() + " --data " + dir.Sub("data") + " stats", dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("permission denied"), std::string::npos) << r.err;
  r = RunCommand(as_nobody + Ringd() + " --data " + dir.Sub("data") + " --secret-file " +
                     dir.Sub("secret") + " --tokens-file " + dir.Sub("tokens") +
                     " --listen 127.0.0.1:0 --metrics off",
                 dir);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("permission denied"), std::string::npos) << r.err;
  ::chmod(dir.Sub("data").c_str(), 0700);
  // Nothing was lost: the owner still reads the store.
  if (::geteuid() == 0) {
    r = RunCommand(Ringctl() + " --data " + dir.Sub("data") + " stats --json", dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("\"accounts\": 10"), std::string::npos) << r.out;
  }
}

}  // namespace
}  // namespace ringgraph::e2e
