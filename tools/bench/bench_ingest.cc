// Ingest benchmark: ringgraph's full ingest path against raw LMDB puts, in the same run.
//
// Ours: the payment, ip and device records of a generated population (ringctl gen) go through
// the whole pipeline — CSV parsing, validation, IP normalisation, keyed BLAKE2b hashing, id
// resolution and both adjacency directions — into a fresh store, one durable commit per batch.
// Baseline: the same number of sorted 24-byte-key puts into one LMDB table, committed durably
// in batches of the same size. Both write to fresh directories on the same file system.
//
// Trials alternate ours/baseline so drift on a noisy machine hits both; the medians and the
// median of the per-trial ratios are printed, with peak resident memory.
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "graph/ingest/ingest_pipeline.h"
#include "graph/store/lmdb_env.h"

namespace {

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

long PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

// Keeps the header and the payment, ip and device records of a signals.csv.
std::string FilterIdentityRecords(const std::string& path, std::size_t* count) {
  auto reader = ringgraph::RecordReader::Open(path, ringgraph::InputFormat::kCsv);
  if (!reader.ok()) {
    std::cerr << "bench_ingest: " << reader.status().message() << "\n";
    std::exit(2);
  }
  std::string out = "account,kind,value,ts\n";
  ringgraph::RawRecord record;
  std::string error;
  *count = 0;
  while (true) {
    auto outcome = (*reader)->Next(&record, &error);
    if (!outcome.ok() || *outcome == ringgraph::RecordReader::Outcome::kEnd) break;
    if (*outcome != ringgraph::RecordReader::Outcome::kRecord) continue;
    if (record.kind != "payment" && record.kind != "ip" && record.kind != "device") continue;
    out += record.account + "," + record.kind + "," + record.value + "," + record.ts + "\n";
    ++*count;
  }
  return out;
}

double RunOurs(const std::string& csv, const std::string& dir, std::size_t batch) {
  std::filesystem::remove_all(dir);
  auto store = std::move(ringgraph::store::AccountStore::Open(dir)).value();
  ringgraph::KindRegistry kinds = ringgraph::KindRegistry::Builtin();
  ringgraph::KeyedHasher hasher(*ringgraph::Secret::FromHex(std::string(64, '7')));
  ringgraph::ingest::IngestOptions options;
  options.batch_records = batch;
  ringgraph::ingest::IngestPipeline pipeline(*store, kinds, hasher, options);
  auto reader = ringgraph::RecordReader::FromString(csv, "bench", ringgraph::InputFormat::kCsv);
  auto start = std::chrono::steady_clock::now();
  ringgraph::ingest::IngestReport report;
  ringgraph::Status s = pipeline.Run(*reader, &report);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!s.ok() || report.records_rejected != 0) {
    std::cerr << "bench_ingest: ingest failed: " << s.ToString() << "\n";
    std::exit(1);
  }
  return seconds;
}

double RunRawBaseline(std::size_t records, const std::string& dir, std::size_t batch) {
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
    std::size_t end = std::min(records, written + batch);
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
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "bench_ingest: ingest rate of a population's payment/ip/device records vs raw LMDB puts.\n"
      "Make the input with: ringctl gen --accounts 100000 --out DIR"};
  std::string signals, work_dir = "bench-ingest-tmp";
  std::size_t batch = 50000;
  int trials = 3;
  app.add_option("--signals", signals, "signals.csv from ringctl gen")->required();
  app.add_option("--work-dir", work_dir, "Scratch directory for the stores")->capture_default_str();
  app.add_option("--batch-size", batch, "Records per durable commit, both sides")->capture_default_str();
  app.add_option("--trials", trials, "Alternating trials of each side")->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  std::size_t records = 0;
  std::string csv = FilterIdentityRecords(signals, &records);
  std::printf("bench_ingest: %zu payment/ip/device records, batches of %zu, %d trials\n", records,
              batch, trials);
  std::vector<double> ours, raw, ratios;
  for (int t = 0; t < trials; ++t) {
    double o = RunOurs(csv, work_dir + "/ours", batch);
    double r = RunRawBaseline(records, work_dir + "/raw", batch);
    ours.push_back(records / o);
    raw.push_back(records / r);
    ratios.push_back((records / o) / (records / r));
    std::printf("  trial %d: ours %.0f records/s, raw LMDB %.0f puts/s, ratio %.3f\n", t + 1,
                records / o, records / r, ratios.back());
  }
  std::filesystem::remove_all(work_dir);
  std::printf("median: ours %.0f records/s, raw LMDB %.0f puts/s, ratio ours/raw %.3f "
              "(goal >= 0.5 and >= 200000 records/s), peak RSS %ld MiB\n",
              Median(ours), Median(raw), Median(ratios), PeakRssMiB());
  return 0;
}
