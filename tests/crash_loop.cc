// The crash loop: ringd is SIGKILLed at a random moment of ingest, detection or label writes,
// cycle after cycle. After every kill, with ringd down, the store must pass the consistency
// check (graph/store/store_check.h) and hold every acknowledged record, label and clustering
// version; a batch that was in flight is there whole or not at all. After every restart, ringd
// must serve the acknowledged accounts and the latest clustering version.
//
// CI runs the short form (ctest's crash_loop: 12 cycles); the nightly form runs 100 cycles or
// more (README, "Reliability"). Everything random follows --seed, except the moments the
// operations reach when the kill lands, which depend on the machine.
//
//   crash_loop [--cycles N] [--seed S] [--data DIR] [--population-accounts N]
//
// --data keeps the working directory (store, secret, tokens, ringd.log) in DIR; without it a
// temporary directory is used and removed after a successful run, kept after a failure.
// Exit status: 0 when every cycle verified, 1 on the first loss or inconsistency, 2 on bad flags.
#include <signal.h>
#include <stdlib.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "graph/ingest/record_validator.h"
#include "graph/signals/keyed_hash.h"
#include "graph/signals/signal_kind.h"
#include "graph/store/account_store.h"
#include "graph/store/detection_store.h"
#include "graph/store/store_check.h"
#include "tests/ringd_harness.h"

namespace ringgraph::e2e {
namespace {

namespace fs = std::filesystem;

// Every loop record belongs to one of these shapes, by its number n. Account n/3 holds three
// records: an ip shared with one other loop account, a device shared with four others, and a
// card of its own; so the adjacency has values with one, two and five holders.
constexpr int kRecordsPerAccount = 3;
constexpr int kAccountsPerBatch = 20;
constexpr int kBatchRecords = kRecordsPerAccount * kAccountsPerBatch;
// ringd's default --keep-versions: acknowledged versions older than that may be pruned.
constexpr std::uint64_t kKeepVersions = 7;

std::string LoopAccount(std::int64_t account) { return "loop-" + std::to_string(account); }

api::Signal LoopRecord(std::int64_t n) {
  const std::int64_t account = n / kRecordsPerAccount;
  api::Signal s;
  s.account = LoopAccount(account);
  switch (n % kRecordsPerAccount) {
    case 0:
      s.kind = "ip";
      s.value = "198.18." + std::to_string(account / 2 / 250 % 250) + "." +
                std::to_string(account / 2 % 250);
      break;
    case 1:
      s.kind = "device";
      s.value = "loop-device-" + std::to_string(account / 5);
      break;
    default:
      s.kind = "payment";
      s.value = "loop-card-" + std::to_string(account);
      break;
  }
  return s;
}

std::string PopulationAccount(int n) {
  char name[32];
  std::snprintf(name, sizeof name, "acct-%06d", n);
  return name;
}

enum class Operation { kIngest, kDetection, kLabels };
const char* OperationName(Operation op) {
  switch (op) {
    case Operation::kIngest:
      return "ingest";
    case Operation::kDetection:
      return "detection";
    case Operation::kLabels:
      return "labels";
  }
  return "?";
}

struct LabelValue {
  std::string verdict, note;
  bool operator==(const LabelValue&) const = default;
};

// What ringd acknowledged, across all cycles, and what was in flight when the last kill landed.
// Guarded by `mutex` while an operation thread runs.
struct Ledger {
  std::mutex mutex;
  std::int64_t next_batch = 0;  // batch b holds records [b*60, b*60+60)
  std::vector<std::int64_t> acknowledged_batches;
  std::optional<std::int64_t> batch_in_flight;
  std::map<std::string, LabelValue> labels;  // target -> last acknowledged label
  std::optional<std::pair<std::string, LabelValue>> label_in_flight;
  std::set<std::uint64_t> acknowledged_versions;
  bool detection_in_flight = false;
  std::uint64_t latest_version_seen = 0;   // from the last verification
  std::size_t batches_checked_by_api = 0;  // acknowledged_batches[0, this) were asked
};

struct Totals {
  int cycles = 0;
  std::map<Operation, int> kills;
  std::map<Operation, int> finished_before_kill;
  std::uint64_t records_verified = 0, labels_verified = 0, versions_verified = 0;
};

// The failure of one verification, as text; empty when it passed.
using Failure = std::string;

class CrashLoop {
 public:
  CrashLoop(fs::path root, std::uint64_t seed, int population_accounts)
      : root_(std::move(root)), rng_(seed), population_accounts_(population_accounts) {}

  bool SetUp();
  // Runs one cycle: start ringd, check what it serves, run an operation, kill it, verify.
  Failure Cycle(int cycle);
  // After the last cycle: ringd serves everything once more, stops cleanly, and `ringctl check`
  // agrees with the library's check.
  Failure Finish();
  const Totals& totals() const { return totals_; }

 private:
  std::string Sub(const char* name) const { return (root_ / name).string(); }
  Failure VerifyServed(RingdProcess& ringd);
  // VerifyServed, with a failed call reported as a failure.
  Failure AskServed(RingdProcess& ringd) {
    try {
      return VerifyServed(ringd);
    } catch (const std::exception& e) {
      return std::string("a read from the restarted ringd failed: ") + e.what();
    }
  }
  void Operate(Operation op, RingdProcess& ringd, std::atomic<bool>& stop, bool* finished);
  void Ingest(ApiClient& client, std::atomic<bool>& stop, int batches, bool* finished);
  void Detect(ApiClient& client, std::atomic<bool>& stop, bool* finished);
  void Label(ApiClient& client, std::atomic<bool>& stop, int cycle, int labels, bool* finished);
  Failure VerifyStored(bool final_pass);
  Failure VerifyRecords(const store::StoreSnapshot& snapshot, bool final_pass);

  fs::path root_;
  std::mt19937_64 rng_;
  int population_accounts_;
  Ledger ledger_;
  Totals totals_;
  std::optional<KeyedHasher> hasher_;
  KindRegistry kinds_ = KindRegistry::Builtin();
  int cycle_ = 0;
  double detection_ms_ = 0;  // the last finished run's length, or more when a kill cut one short
};

bool CrashLoop::SetUp() {
  WriteTokensFile(Sub("tokens"));
  const std::string scratch = Sub("setup");
  fs::create_directories(scratch);
  auto run = [&](const std::string& command) {
    const std::string out = scratch + "/out.txt";
    int status = std::system(("(" + command + ") >" + out + " 2>&1 </dev/null").c_str());
    if (status != 0) {
      std::fprintf(stderr, "crash_loop: set-up failed: %s\n%s\n", command.c_str(),
                   ReadFile(out).c_str());
      return false;
    }
    return true;
  };
  if (!run(Ringctl() + " gen --accounts " + std::to_string(population_accounts_) + " --rings " +
           std::to_string(std::max(2, population_accounts_ / 500)) + " --seed 3 --out " +
           Sub("population")) ||
      !run(Ringctl() + " --data " + Sub("data") + " --secret-file " + Sub("secret") +
           " ingest --create-secret --quiet " + Sub("population") + "/signals.csv")) {
    return false;
  }
  Result<Secret> secret = Secret::FromHex(ReadFile(Sub("secret")));
  if (!secret.ok()) {
    std::fprintf(stderr, "crash_loop: %s\n", secret.status().ToString().c_str());
    return false;
  }
  hasher_.emplace(*secret);
  return true;
}

Failure CrashLoop::Cycle(int cycle) {
  cycle_ = cycle;
  RingdProcess ringd;
  if (!ringd.Start(root_)) return "ringd did not start after the kill:\n" + ringd.log();
  if (Failure f = AskServed(ringd); !f.empty()) return f;

  const Operation op = static_cast<Operation>(std::uniform_int_distribution<int>(0, 2)(rng_));
  // Detection kills spread over 1.5 times the last run's length, so that about two in three
  // land inside the run; before any run has finished, over 2.5 s.
  const int max_delay_ms = op != Operation::kDetection ? 600
                           : detection_ms_ > 0
                               ? std::max(100, static_cast<int>(1.5 * detection_ms_))
                               : 2500;
  const int delay_ms = std::uniform_int_distribution<int>(5, max_delay_ms)(rng_);
  std::atomic<bool> stop{false};
  bool finished = false;
  std::thread worker([&] { Operate(op, ringd, stop, &finished); });
  // A reader holds snapshots while the kill lands, leaving stale reader slots behind.
  std::thread reader([&] {
    try {
      ApiClient client(ringd.port(), kReadToken);
      while (!stop) {
        std::vector<api::Membership> answers;
        client->getClusters(answers, {PopulationAccount(1), LoopAccount(0)});
      }
    } catch (const std::exception&) {
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
  const int exit_code = ringd.Stop(SIGKILL);
  stop = true;
  worker.join();
  reader.join();
  if (exit_code != 128 + SIGKILL) {
    return "ringd exited with " + std::to_string(exit_code) + " before the kill:\n" + ringd.log();
  }
  ++totals_.cycles;
  ++totals_.kills[op];
  if (finished) ++totals_.finished_before_kill[op];
  // Runs grow with the store: a run the kill cut short was at least this long, so later kills
  // spread wider until runs finish again.
  if (op == Operation::kDetection && !finished) {
    detection_ms_ = std::max(detection_ms_, 1.2 * delay_ms);
  }

  Failure f = VerifyStored(/*final_pass=*/false);
  std::printf(
      "cycle %3d  %-9s  killed after %4d ms%s  acknowledged: %zu batches, %zu labels, "
      "version %llu%s\n",
      cycle, OperationName(op), delay_ms, finished ? " (finished first)" : "",
      ledger_.acknowledged_batches.size(), ledger_.labels.size(),
      static_cast<unsigned long long>(ledger_.latest_version_seen),
      f.empty() ? "  verified" : "  FAILED");
  std::fflush(stdout);
  return f;
}

void CrashLoop::Operate(Operation op, RingdProcess& ringd, std::atomic<bool>& stop,
                        bool* finished) {
  // How much each operation tries to do; the kill may come before or after.
  const int batches = std::uniform_int_distribution<int>(5, 150)(rng_);
  const int labels = std::uniform_int_distribution<int>(5, 120)(rng_);
  try {
    ApiClient client(ringd.port(), kWriteToken);
    switch (op) {
      case Operation::kIngest:
        Ingest(client, stop, batches, finished);
        break;
      case Operation::kDetection:
        Detect(client, stop, finished);
        break;
      case Operation::kLabels:
        Label(client, stop, cycle_, labels, finished);
        break;
    }
  } catch (const std::exception&) {
    // ringd died mid-call: what was in flight stays recorded as such in the ledger.
  }
}

void CrashLoop::Ingest(ApiClient& client, std::atomic<bool>& stop, int batches, bool* finished) {
  for (int i = 0; i < batches && !stop; ++i) {
    std::int64_t batch;
    {
      std::lock_guard<std::mutex> lock(ledger_.mutex);
      batch = ledger_.next_batch++;  // never reused: an unacknowledged batch may have committed
      ledger_.batch_in_flight = batch;
    }
    std::vector<api::Signal> signals;
    for (int k = 0; k < kBatchRecords; ++k)
      signals.push_back(LoopRecord(batch * kBatchRecords + k));
    api::IngestResult result;
    client->ingest(result, signals);
    std::lock_guard<std::mutex> lock(ledger_.mutex);
    ledger_.batch_in_flight.reset();
    if (result.acknowledged != kBatchRecords || !result.rejected.empty()) {
      std::fprintf(stderr, "crash_loop: batch %lld: %d of %d acknowledged, %zu rejected\n",
                   static_cast<long long>(batch), result.acknowledged, kBatchRecords,
                   result.rejected.size());
      return;
    }
    ledger_.acknowledged_batches.push_back(batch);
  }
  *finished = true;
}

void CrashLoop::Detect(ApiClient& client, std::atomic<bool>& stop, bool* finished) {
  api::DetectionStatus status;
  {
    std::lock_guard<std::mutex> lock(ledger_.mutex);
    ledger_.detection_in_flight = true;
  }
  const auto started = std::chrono::steady_clock::now();
  client->runDetection(status);
  while (status.state == api::DetectionState::RUNNING && !stop) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    client->detectionStatus(status);
  }
  if (status.state == api::DetectionState::RUNNING) return;  // stopped: the kill comes
  std::lock_guard<std::mutex> lock(ledger_.mutex);
  ledger_.detection_in_flight = false;
  if (status.state == api::DetectionState::SUCCEEDED) {
    detection_ms_ =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    ledger_.acknowledged_versions.insert(static_cast<std::uint64_t>(status.lastVersion));
    *finished = true;
  } else {
    std::fprintf(stderr, "crash_loop: detection failed: %s\n", status.error.c_str());
  }
}

void CrashLoop::Label(ApiClient& client, std::atomic<bool>& stop, int cycle, int labels,
                      bool* finished) {
  std::vector<std::string> loop_accounts;
  {
    std::lock_guard<std::mutex> lock(ledger_.mutex);
    for (std::size_t i = 0; i < ledger_.acknowledged_batches.size(); i += 7) {
      loop_accounts.push_back(LoopAccount(ledger_.acknowledged_batches[i] * kAccountsPerBatch));
    }
  }
  for (int i = 0; i < labels && !stop; ++i) {
    // Targets repeat across cycles, so later labels replace earlier ones.
    std::string target;
    const int pick = std::uniform_int_distribution<int>(0, 9)(rng_);
    if (pick < 6) {
      target = "account:" + PopulationAccount(std::uniform_int_distribution<int>(
                                1, std::min(population_accounts_, 300))(rng_));
    } else if (pick < 8 && !loop_accounts.empty()) {
      target = "account:" + loop_accounts[std::uniform_int_distribution<std::size_t>(
                                0, loop_accounts.size() - 1)(rng_)];
    } else {
      target = "cluster:" + std::to_string(std::uniform_int_distribution<int>(1, 200)(rng_));
    }
    LabelValue value{rng_() % 2 == 0 ? "ring" : "benign",
                     "crash loop cycle " + std::to_string(cycle) + " label " + std::to_string(i)};
    {
      std::lock_guard<std::mutex> lock(ledger_.mutex);
      ledger_.label_in_flight = {target, value};
    }
    client->label(target, value.verdict, value.note);
    std::lock_guard<std::mutex> lock(ledger_.mutex);
    ledger_.label_in_flight.reset();
    ledger_.labels[target] = value;
  }
  *finished = true;
}

// What ringd serves right after a restart: the latest version found in the store, and the
// accounts of the batches acknowledged since the last restart (plus a sample of older ones).
Failure CrashLoop::VerifyServed(RingdProcess& ringd) {
  ApiClient client(ringd.port(), kReadToken);
  api::HealthStatus health;
  client->health(health);
  if (!health.serving) return "ringd is not serving after the restart";
  if (static_cast<std::uint64_t>(health.clusteringVersion) != ledger_.latest_version_seen) {
    return "ringd serves clustering version " + std::to_string(health.clusteringVersion) +
           " but the store's latest is " + std::to_string(ledger_.latest_version_seen);
  }
  std::vector<std::string> names;
  const auto& batches = ledger_.acknowledged_batches;
  for (std::size_t i = ledger_.batches_checked_by_api; i < batches.size(); ++i) {
    for (int a = 0; a < kAccountsPerBatch; ++a) {
      names.push_back(LoopAccount(batches[i] * kAccountsPerBatch + a));
    }
  }
  for (int k = 0; k < 200 && !batches.empty(); ++k) {
    const std::int64_t b =
        batches[std::uniform_int_distribution<std::size_t>(0, batches.size() - 1)(rng_)];
    names.push_back(
        LoopAccount(b * kAccountsPerBatch + static_cast<std::int64_t>(rng_() % kAccountsPerBatch)));
  }
  names.push_back(PopulationAccount(1));
  for (std::size_t start = 0; start < names.size(); start += 50000) {
    std::vector<std::string> chunk(names.begin() + start,
                                   names.begin() + std::min(names.size(), start + 50000));
    std::vector<api::Membership> answers;
    client->getClusters(answers, chunk);
    for (const api::Membership& m : answers) {
      if (!m.knownAccount) return "ringd does not know acknowledged account " + m.account;
      if (m.inCluster &&
          static_cast<std::uint64_t>(m.clusteringVersion) != ledger_.latest_version_seen) {
        return "ringd answers " + m.account + " from clustering version " +
               std::to_string(m.clusteringVersion) + ", not the latest " +
               std::to_string(ledger_.latest_version_seen);
      }
    }
  }
  ledger_.batches_checked_by_api = batches.size();
  return "";
}

// With ringd down: the consistency check, then every acknowledged record, label and version.
Failure CrashLoop::VerifyStored(bool final_pass) {
  store::StoreOptions options;
  options.read_only = true;
  auto store = store::AccountStore::Open(Sub("data"), options);
  if (!store.ok()) return "the store does not open: " + store.status().ToString();
  auto stores = store::DetectionStore::Open(**store);
  if (!stores.ok()) return "the clusterings do not open: " + stores.status().ToString();

  Result<store::StoreCheckReport> check = store::CheckStore(**store, stores->get());
  if (!check.ok()) return "the consistency check failed to run: " + check.status().ToString();
  if (!check->consistent()) {
    std::string text =
        "the consistency check found " + std::to_string(check->problem_count()) + " problems:";
    for (const std::string& p : check->problems) text += "\n  " + p;
    return text;
  }

  auto snapshot = (*store)->Snapshot();
  if (!snapshot.ok()) return snapshot.status().ToString();
  if (Failure f = VerifyRecords(**snapshot, final_pass); !f.empty()) return f;
  snapshot->reset();

  // Labels: the last acknowledged value, or the one in flight at the kill for that target.
  for (const auto& [target, expected] : ledger_.labels) {
    auto label = (*stores)->labels().GetLabel(target);
    if (!label.ok()) return label.status().ToString();
    const bool in_flight_here =
        ledger_.label_in_flight.has_value() && ledger_.label_in_flight->first == target;
    if (!label->has_value()) return "acknowledged label for " + target + " is gone";
    const LabelValue stored{(*label)->verdict, (*label)->note};
    if (!(stored == expected) && !(in_flight_here && stored == ledger_.label_in_flight->second)) {
      return "label for " + target + " reads '" + stored.verdict + ": " + stored.note +
             "', acknowledged was '" + expected.verdict + ": " + expected.note + "'";
    }
  }
  // The label in flight was committed or not; when it was, it is what later cycles must find.
  if (ledger_.label_in_flight.has_value()) {
    const auto& [target, value] = *ledger_.label_in_flight;
    auto label = (*stores)->labels().GetLabel(target);
    if (!label.ok()) return label.status().ToString();
    if (label->has_value() && LabelValue{(*label)->verdict, (*label)->note} == value) {
      ledger_.labels[target] = value;
    }
    ledger_.label_in_flight.reset();
  }
  if (final_pass) totals_.labels_verified = ledger_.labels.size();

  // Clustering versions: the newest acknowledged one is there, or the run in flight committed
  // the next one; every acknowledged version inside the kept window is still there.
  auto versions = (*stores)->clusterings().Versions();
  if (!versions.ok()) return versions.status().ToString();
  const std::uint64_t latest = versions->empty() ? 0 : versions->back().version;
  const std::uint64_t acknowledged =
      ledger_.acknowledged_versions.empty() ? 0 : *ledger_.acknowledged_versions.rbegin();
  const std::uint64_t allowed =
      std::max(acknowledged, ledger_.latest_version_seen) + (ledger_.detection_in_flight ? 1 : 0);
  if (latest < acknowledged || latest < ledger_.latest_version_seen) {
    return "the latest clustering version is " + std::to_string(latest) + " but version " +
           std::to_string(std::max(acknowledged, ledger_.latest_version_seen)) +
           " was acknowledged or served";
  }
  if (latest > allowed) {
    return "clustering version " + std::to_string(latest) + " exists but at most " +
           std::to_string(allowed) + " runs were started";
  }
  std::set<std::uint64_t> kept;
  for (const store::ClusteringHeader& h : *versions) kept.insert(h.version);
  for (std::uint64_t v : ledger_.acknowledged_versions) {
    if (v + kKeepVersions > latest && kept.count(v) == 0) {
      return "acknowledged clustering version " + std::to_string(v) + " is gone (latest " +
             std::to_string(latest) + ")";
    }
  }
  if (latest > acknowledged && latest > ledger_.latest_version_seen) {
    ledger_.acknowledged_versions.insert(latest);  // the run in flight committed; it counts now
  }
  ledger_.detection_in_flight = false;
  ledger_.latest_version_seen = latest;
  if (final_pass) totals_.versions_verified = ledger_.acknowledged_versions.size();
  return "";
}

Failure CrashLoop::VerifyRecords(const store::StoreSnapshot& snapshot, bool final_pass) {
  ingest::RecordValidator validator(kinds_);
  std::vector<store::AccountSignal> held;
  // Accounts of the batch in flight are all there or none is: a batch is one transaction.
  auto account_signals = [&](std::int64_t account, bool* present) -> Failure {
    auto id = snapshot.FindAccount(LoopAccount(account));
    if (!id.ok()) return id.status().ToString();
    *present = id->has_value();
    if (!*present) return "";
    if (Status s = snapshot.AccountSignals(**id, &held); !s.ok()) return s.ToString();
    return "";
  };
  std::uint64_t verified = 0;
  for (std::int64_t batch : ledger_.acknowledged_batches) {
    for (int a = 0; a < kAccountsPerBatch; ++a) {
      const std::int64_t account = batch * kAccountsPerBatch + a;
      bool present = false;
      if (Failure f = account_signals(account, &present); !f.empty()) return f;
      if (!present) {
        return "acknowledged account " + LoopAccount(account) + " (batch " + std::to_string(batch) +
               ") is gone";
      }
      auto id = snapshot.FindAccount(LoopAccount(account));
      auto activity = snapshot.Activity(**id);
      if (!activity.ok()) return activity.status().ToString();
      if (activity->records < kRecordsPerAccount) {
        return "account " + LoopAccount(account) + " counts " + std::to_string(activity->records) +
               " records, " + std::to_string(kRecordsPerAccount) + " were acknowledged";
      }
      for (int r = 0; r < kRecordsPerAccount; ++r) {
        const api::Signal s = LoopRecord(account * kRecordsPerAccount + r);
        RawRecord raw{s.account, s.kind, s.value, "1700000000", 0};
        auto valid = validator.Validate(raw);
        if (!valid.ok()) return "loop record does not validate: " + valid.status().ToString();
        const KindCode kind = valid->kind->code;
        auto signal = snapshot.FindSignal(kind, hasher_->Hash(kind, valid->normalized_value));
        if (!signal.ok()) return signal.status().ToString();
        bool held_by_account = false;
        if (signal->has_value()) {
          for (const store::AccountSignal& h : held) held_by_account |= h.signal == **signal;
        }
        if (!held_by_account) {
          return "acknowledged record " + std::to_string(account * kRecordsPerAccount + r) + " (" +
                 s.kind + " of " + s.account + ") is gone";
        }
        ++verified;
      }
    }
  }
  if (ledger_.batch_in_flight.has_value()) {
    const std::int64_t batch = *ledger_.batch_in_flight;
    int present_accounts = 0;
    for (int a = 0; a < kAccountsPerBatch; ++a) {
      bool present = false;
      if (Failure f = account_signals(batch * kAccountsPerBatch + a, &present); !f.empty()) {
        return f;
      }
      present_accounts += present ? 1 : 0;
    }
    if (present_accounts != 0 && present_accounts != kAccountsPerBatch) {
      return "batch " + std::to_string(batch) +
             ", in flight at the kill, is half there: " + std::to_string(present_accounts) +
             " of " + std::to_string(kAccountsPerBatch) + " accounts";
    }
    // Committed or not, it was never acknowledged; it stays out of the ledger.
    ledger_.batch_in_flight.reset();
  }
  if (final_pass) totals_.records_verified = verified;
  return "";
}

Failure CrashLoop::Finish() {
  if (Failure f = VerifyStored(/*final_pass=*/true); !f.empty()) return f;
  {
    RingdProcess ringd;
    if (!ringd.Start(root_)) return "ringd did not start for the final check:\n" + ringd.log();
    ledger_.batches_checked_by_api = 0;  // ask for every acknowledged account once more
    if (Failure f = AskServed(ringd); !f.empty()) return f;
    const int exit_code = ringd.Stop(SIGTERM);
    if (exit_code != 0) return "ringd exited with " + std::to_string(exit_code) + " on SIGTERM";
  }
  const std::string out = Sub("check.txt");
  const int status =
      std::system((Ringctl() + " --data " + Sub("data") + " check >" + out + " 2>&1").c_str());
  if (status != 0) return "ringctl check disagrees:\n" + ReadFile(out);
  return "";
}

}  // namespace
}  // namespace ringgraph::e2e

int main(int argc, char** argv) {
  namespace e2e = ringgraph::e2e;
  int cycles = 12;
  std::uint64_t seed = 20261123;
  std::string data;
  int population_accounts = 10000;
  CLI::App app{
      "crash_loop: SIGKILLs ringd at random moments of ingest, detection and label writes, and "
      "after every kill checks the store and every acknowledged record, label and clustering "
      "version."};
  app.add_option("--cycles", cycles, "Kill-and-verify cycles to run")->capture_default_str();
  app.add_option("--seed", seed, "Seed of the operation, kill-delay and target choices")
      ->capture_default_str();
  app.add_option("--data", data,
                 "Working directory to keep (store in DIR/data, ringd.log); default: a "
                 "temporary one, removed after success");
  app.add_option("--population-accounts", population_accounts,
                 "Accounts of the generated population detection runs on")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  if (cycles < 1 || population_accounts < 100) {
    std::fprintf(stderr,
                 "crash_loop: --cycles must be at least 1 and --population-accounts at "
                 "least 100\n");
    return 2;
  }
  if (std::getenv("RINGGRAPH_BINARY_DIR") == nullptr) {
    ::setenv("RINGGRAPH_BINARY_DIR", RINGGRAPH_BUILD_DIR, 0);
  }

  const bool keep = !data.empty();
  std::filesystem::path root =
      keep ? std::filesystem::path(data)
           : std::filesystem::temp_directory_path() / ("crash_loop_" + std::to_string(::getpid()));
  std::error_code ec;
  if (std::filesystem::exists(root / "data", ec)) {
    std::fprintf(stderr, "crash_loop: '%s' already holds a store; give an empty directory\n",
                 root.c_str());
    return 2;
  }
  std::filesystem::create_directories(root, ec);

  const auto started = std::chrono::steady_clock::now();
  e2e::CrashLoop loop(root, seed, population_accounts);
  if (!loop.SetUp()) return 1;
  std::printf("crash loop: %d cycles, seed %llu, in %s\n", cycles,
              static_cast<unsigned long long>(seed), root.c_str());
  e2e::Failure failure;
  for (int cycle = 1; cycle <= cycles && failure.empty(); ++cycle) failure = loop.Cycle(cycle);
  if (failure.empty()) failure = loop.Finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!failure.empty()) {
    std::printf("FAILED after %d cycles: %s\nthe working directory is kept: %s\n",
                loop.totals().cycles, failure.c_str(), root.c_str());
    return 1;
  }
  const e2e::Totals& t = loop.totals();
  auto kills = [&](e2e::Operation op) {
    auto it = t.kills.find(op);
    return it == t.kills.end() ? 0 : it->second;
  };
  auto finished = [&](e2e::Operation op) {
    auto it = t.finished_before_kill.find(op);
    return it == t.finished_before_kill.end() ? 0 : it->second;
  };
  using e2e::Operation;
  std::printf("operations that finished before their kill: ingest %d, detection %d, labels %d\n",
              finished(Operation::kIngest), finished(Operation::kDetection),
              finished(Operation::kLabels));
  std::printf(
      "cycles %d, kills %d (ingest %d, detection %d, labels %d), records verified %llu, "
      "labels verified %llu, clustering versions verified %llu\n",
      t.cycles,
      kills(Operation::kIngest) + kills(Operation::kDetection) + kills(Operation::kLabels),
      kills(Operation::kIngest), kills(Operation::kDetection), kills(Operation::kLabels),
      static_cast<unsigned long long>(t.records_verified),
      static_cast<unsigned long long>(t.labels_verified),
      static_cast<unsigned long long>(t.versions_verified));
  std::printf("wall time %.1f s\n", seconds);
  if (!keep) std::filesystem::remove_all(root, ec);
  return 0;
}
