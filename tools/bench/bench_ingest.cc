// Ingest benchmark: ringgraph's full ingest path, in several input orders, against raw LMDB puts
// in the same run.
//
// Ours: the payment, ip and device records of a generated population (ringctl gen) go through
// the whole pipeline — CSV parsing, validation, IP normalisation, keyed BLAKE2b hashing, id
// resolution, both adjacency directions and per-account activity — into a fresh store, one
// durable commit per batch, with the pipeline's default batching and staged writes (batches
// staged, then merged; --writes direct aggregates each batch in its own commit instead).
// Orders (--orders): `grouped` is the file as generated (all of an account's records together);
// `time` is the same records sorted by timestamp, the order a live stream delivers them in;
// `shuffled` is a fixed-seed random permutation.
// Baseline: the same number of sorted 24-byte-key puts into one LMDB table, committed durably
// in batches of 50,000. All write to fresh directories on the same file system.
//
// Each trial runs every order and the baseline once, each in its own child process, so that the
// peak resident memory printed is that run's own (not the benchmark's input preparation), and
// drift on a noisy machine hits all sides of a trial. Medians over trials are printed, with the
// median of the per-trial ratios.
#include <malloc.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

#include "graph/ingest/ingest_pipeline.h"
#include "graph/signals/timestamp.h"
#include "graph/store/lmdb_env.h"

namespace {

constexpr std::size_t kRawBatch = 50000;

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

struct IdentityRecord {
  std::int64_t ts;
  std::string line;
};

// The payment, ip and device records of a signals.csv, as CSV lines, in file order.
std::vector<IdentityRecord> ReadIdentityRecords(const std::string& path) {
  auto reader = ringgraph::RecordReader::Open(path, ringgraph::InputFormat::kCsv);
  if (!reader.ok()) {
    std::cerr << "bench_ingest: " << reader.status().message() << "\n";
    std::exit(2);
  }
  std::vector<IdentityRecord> records;
  ringgraph::RawRecord record;
  std::string error;
  while (true) {
    auto outcome = (*reader)->Next(&record, &error);
    if (!outcome.ok()) {
      std::cerr << "bench_ingest: " << outcome.status().message() << "\n";
      std::exit(2);
    }
    if (*outcome == ringgraph::RecordReader::Outcome::kEnd) break;
    if (*outcome != ringgraph::RecordReader::Outcome::kRecord) continue;
    if (record.kind != "payment" && record.kind != "ip" && record.kind != "device") continue;
    auto ts = ringgraph::ParseTimestamp(record.ts);
    records.push_back({ts.ok() ? *ts : 0,
                       record.account + "," + record.kind + "," + record.value + "," + record.ts});
  }
  return records;
}

void WriteCsv(const std::vector<IdentityRecord>& records, const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << "account,kind,value,ts\n";
  for (const IdentityRecord& r : records) out << r.line << '\n';
  if (!out.flush()) {
    std::cerr << "bench_ingest: cannot write " << path << "\n";
    std::exit(2);
  }
}

// Writes one CSV per requested order into work_dir; returns order -> path.
std::map<std::string, std::string> WriteOrders(std::vector<IdentityRecord> records,
                                               const std::vector<std::string>& orders,
                                               const std::string& work_dir) {
  std::map<std::string, std::string> paths;
  for (const std::string& order : orders) {
    if (order == "grouped") {
      WriteCsv(records, paths[order] = work_dir + "/grouped.csv");
    } else if (order == "shuffled") {
      std::vector<IdentityRecord> shuffled = records;
      std::mt19937_64 rng(20261202);
      std::shuffle(shuffled.begin(), shuffled.end(), rng);
      WriteCsv(shuffled, paths[order] = work_dir + "/shuffled.csv");
    }
  }
  if (std::find(orders.begin(), orders.end(), "time") != orders.end()) {
    std::stable_sort(records.begin(), records.end(),
                     [](const IdentityRecord& a, const IdentityRecord& b) { return a.ts < b.ts; });
    WriteCsv(records, paths["time"] = work_dir + "/time.csv");
  }
  return paths;
}

double RunOurs(const std::string& csv_path, const std::string& dir, std::size_t batch_records,
               bool staged) {
  std::filesystem::remove_all(dir);
  auto store = std::move(ringgraph::store::AccountStore::Open(dir)).value();
  ringgraph::KindRegistry kinds = ringgraph::KindRegistry::Builtin();
  ringgraph::KeyedHasher hasher(*ringgraph::Secret::FromHex(std::string(64, '7')));
  ringgraph::ingest::IngestOptions options;
  if (batch_records > 0) options.batch_records = batch_records;
  options.stage_batches = staged;
  ringgraph::ingest::IngestPipeline pipeline(*store, kinds, hasher, options);
  auto reader = ringgraph::RecordReader::Open(csv_path, ringgraph::InputFormat::kCsv);
  if (!reader.ok()) std::exit(3);
  auto start = std::chrono::steady_clock::now();
  ringgraph::ingest::IngestReport report;
  ringgraph::Status s = pipeline.Run(**reader, &report);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!s.ok() || report.records_rejected != 0) {
    std::cerr << "bench_ingest: ingest failed: " << s.ToString() << "\n";
    std::exit(1);
  }
  std::filesystem::remove_all(dir);
  return seconds;
}

double RunRawBaseline(std::size_t records, const std::string& dir) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  MDB_env* env;
  mdb_env_create(&env);
  mdb_env_set_mapsize(env, std::size_t{1} << 36);
  mdb_env_set_maxdbs(env, 2);
  if (mdb_env_open(env, dir.c_str(), MDB_NOTLS, 0640) != 0) std::exit(1);
  auto start = std::chrono::steady_clock::now();
  MDB_dbi dbi;
  std::size_t written = 0;
  while (written < records) {
    MDB_txn* txn;
    mdb_txn_begin(env, nullptr, 0, &txn);
    mdb_dbi_open(txn, "raw", MDB_CREATE, &dbi);
    std::size_t end = std::min(records, written + kRawBatch);
    for (std::size_t i = written; i < end; ++i) {
      unsigned char key[24] = {};
      for (int b = 0; b < 8; ++b) key[7 - b] = static_cast<unsigned char>(i >> (8 * b));
      MDB_val k{sizeof key, key}, v{0, nullptr};
      if (mdb_put(txn, dbi, &k, &v, 0) != 0) std::exit(1);
    }
    if (mdb_txn_commit(txn) != 0) std::exit(1);
    written = end;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  mdb_env_close(env);
  std::filesystem::remove_all(dir);
  return seconds;
}

struct ChildRun {
  double seconds = 0;
  long peak_rss_mib = 0;   // all resident pages, including the store's file pages LMDB maps
  long peak_anon_mib = 0;  // resident pages not backed by a file (heap, dirty-page copies)
};

// Samples this process's resident anonymous memory (resident minus file-backed, from
// /proc/self/statm) every 20 ms until stopped, keeping the largest.
class AnonPeakSampler {
 public:
  AnonPeakSampler() : thread_([this] { Loop(); }) {}
  ~AnonPeakSampler() { Stop(); }
  long StopAndPeakMiB() {
    Stop();
    return peak_pages_ * (sysconf(_SC_PAGESIZE) / 1024) / 1024;
  }

 private:
  void Loop() {
    while (!stop_.load()) {
      Sample();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    Sample();
  }
  void Sample() {
    long size = 0, resident = 0, shared = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
      if (std::fscanf(f, "%ld %ld %ld", &size, &resident, &shared) == 3) {
        peak_pages_ = std::max(peak_pages_.load(), resident - shared);
      }
      std::fclose(f);
    }
  }
  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  std::atomic<bool> stop_{false};
  std::atomic<long> peak_pages_{0};
  std::thread thread_;
};

// Runs `body` (returning seconds) in a child process; returns its seconds and peak RSS.
template <typename Body>
ChildRun InChild(Body body) {
  int fds[2];
  if (pipe(fds) != 0) std::exit(2);
  pid_t pid = fork();
  if (pid < 0) std::exit(2);
  if (pid == 0) {
    close(fds[0]);
    AnonPeakSampler sampler;
    double result[2] = {body(), 0};
    result[1] = static_cast<double>(sampler.StopAndPeakMiB());
    if (write(fds[1], result, sizeof result) != sizeof result) _exit(2);
    _exit(0);
  }
  close(fds[1]);
  ChildRun run;
  double result[2] = {0, 0};
  ssize_t got = read(fds[0], result, sizeof result);
  close(fds[0]);
  run.seconds = result[0];
  run.peak_anon_mib = static_cast<long>(result[1]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  if (got != sizeof result || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::cerr << "bench_ingest: a benchmark run failed\n";
    std::exit(1);
  }
  run.peak_rss_mib = usage.ru_maxrss / 1024;
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "bench_ingest: ingest rate of a population's payment/ip/device records in several input\n"
      "orders, against raw LMDB sorted durable puts in the same run.\n"
      "Make the input with: ringctl gen --accounts 1000000 --rings 400 --seed 3 --out DIR"};
  std::string signals, work_dir = "bench-ingest-tmp";
  std::vector<std::string> orders{"grouped", "time"};
  int trials = 3;
  std::size_t batch_records = 0;
  std::string writes = "staged";
  app.add_option("--signals", signals, "signals.csv from ringctl gen")->required();
  app.add_option("--work-dir", work_dir, "Scratch directory for the inputs and stores")
      ->capture_default_str();
  app.add_option("--orders", orders, "Input orders to run: grouped, time, shuffled")
      ->delimiter(',')
      ->check(CLI::IsMember({"grouped", "time", "shuffled"}))
      ->capture_default_str();
  app.add_option("--trials", trials, "Trials; each runs every order and the baseline once")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--batch-size", batch_records,
                 "Records per commit for ours; 0 keeps the pipeline's default sizing")
      ->capture_default_str();
  app.add_option("--writes", writes,
                 "How ours writes: staged (batches staged, then merged; the default) or direct "
                 "(each batch aggregated in its own commit, as before staging)")
      ->check(CLI::IsMember({"staged", "direct"}))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  std::filesystem::create_directories(work_dir);
  std::size_t records = 0;
  std::map<std::string, std::string> paths;
  {
    std::vector<IdentityRecord> identity = ReadIdentityRecords(signals);
    records = identity.size();
    paths = WriteOrders(std::move(identity), orders, work_dir);
  }
  malloc_trim(0);  // the children fork from here: do not hand them the input's freed heap
  if (records == 0) {
    std::cerr << "bench_ingest: " << signals << " has no payment, ip or device records\n";
    return 2;
  }
  std::printf(
      "bench_ingest: %zu payment/ip/device records, orders %s, %d trials, %s writes\n", records,
      [&] {
        std::string s;
        for (const auto& o : orders) s += (s.empty() ? "" : ",") + o;
        return s;
      }()
          .c_str(),
      trials, writes.c_str());
  std::map<std::string, std::vector<double>> rate;
  std::map<std::string, std::vector<double>> ratio_to_raw;
  std::vector<double> raw, time_to_grouped;
  long peak_rss = 0, peak_anon = 0, raw_rss = 0;
  for (int t = 0; t < trials; ++t) {
    std::printf("  trial %d:", t + 1);
    std::map<std::string, double> trial_rate;
    for (const std::string& order : orders) {
      ChildRun run = InChild([&] {
        return RunOurs(paths[order], work_dir + "/store", batch_records, writes == "staged");
      });
      trial_rate[order] = records / run.seconds;
      rate[order].push_back(trial_rate[order]);
      peak_rss = std::max(peak_rss, run.peak_rss_mib);
      peak_anon = std::max(peak_anon, run.peak_anon_mib);
      std::printf(" %s %.0f records/s (RSS %ld MiB, anon %ld MiB);", order.c_str(),
                  trial_rate[order], run.peak_rss_mib, run.peak_anon_mib);
      std::fflush(stdout);
    }
    ChildRun base = InChild([&] { return RunRawBaseline(records, work_dir + "/raw"); });
    raw.push_back(records / base.seconds);
    raw_rss = std::max(raw_rss, base.peak_rss_mib);
    std::printf(" raw LMDB %.0f puts/s\n", raw.back());
    for (const std::string& order : orders)
      ratio_to_raw[order].push_back(trial_rate[order] / raw.back());
    if (trial_rate.count("time") && trial_rate.count("grouped")) {
      time_to_grouped.push_back(trial_rate["time"] / trial_rate["grouped"]);
    }
  }
  std::filesystem::remove_all(work_dir);
  std::printf("median of %d trials:\n", trials);
  for (const std::string& order : orders) {
    std::printf("  %-9s %9.0f records/s  ratio to raw LMDB %.3f\n", order.c_str(),
                Median(rate[order]), Median(ratio_to_raw[order]));
  }
  std::printf("  raw LMDB  %9.0f puts/s (sorted 24-byte keys, durable batches of %zu)\n",
              Median(raw), kRawBatch);
  bool met = true;
  if (!time_to_grouped.empty()) {
    const double r = Median(time_to_grouped);
    std::printf("  time-ordered / grouped: %.3f (goal >= 0.8: %s)\n", r,
                r >= 0.8 ? "met" : "NOT met");
    met = met && r >= 0.8;
  }
  for (const std::string& order : orders) {
    const double r = Median(ratio_to_raw[order]);
    std::printf("  %s / raw LMDB: %.3f (goal >= 0.5: %s)\n", order.c_str(), r,
                r >= 0.5 ? "met" : "NOT met");
    met = met && r >= 0.5;
  }
  std::printf(
      "  peak RSS: ours %ld MiB (goal <= 4096: %s), of which anonymous %ld MiB (the rest "
      "is the store's file pages LMDB maps); raw baseline %ld MiB\n",
      peak_rss, peak_rss <= 4096 ? "met" : "NOT met", peak_anon, raw_rss);
  met = met && peak_rss <= 4096;
  std::printf("goals %s\n", met ? "met" : "NOT all met");
  return 0;
}
