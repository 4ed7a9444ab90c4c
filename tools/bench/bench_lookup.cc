// Closed-loop membership lookups through ringd's C++ client (thrift/client/ringgraph_client.h):
// each thread opens its own connection (plain TCP or TLS, as the flags say) and sends
// getCluster for accounts in turn, one request in flight, for a fixed time. It measures what a
// fraud system on the request path sees, including the connection set-up (TCP connect, TLS
// handshake and authentication) that TLS adds.
//
//   bench_lookup --remote HOST:PORT --accounts FILE [--token-file F] [--tls-ca CA
//                [--tls-cert C --tls-key K]] [--threads 4] [--seconds 5] [--connects 50]
// Prints one line of key=value: lookups per second, latency p50/p99 in microseconds, connection
// set-up p50 in milliseconds, errors, and peak memory.
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "thrift/client/ringgraph_client.h"

namespace {

using Clock = std::chrono::steady_clock;

double Percentile(std::vector<double>& values, double q) {
  if (values.empty()) return 0;
  const std::size_t index =
      std::min(values.size() - 1, static_cast<std::size_t>(q * values.size()));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(index),
                   values.end());
  return values[index];
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Closed-loop getCluster lookups against ringd, plain TCP or TLS"};
  ringgraph::client::ConnectOptions options;
  std::string token_file, accounts_file;
  int threads = 4, connects = 50;
  double seconds = 5;
  app.add_option("--remote", options.address, "ringd's HOST:PORT")->required();
  app.add_option("--token-file", token_file, "Client token (optional with a client certificate)");
  app.add_option("--tls-ca", options.tls.ca_file, "Talk TLS; ringd's certificate chains to it");
  app.add_option("--tls-cert", options.tls.cert_file, "Client certificate for mutual TLS");
  app.add_option("--tls-key", options.tls.key_file, "Key of --tls-cert");
  app.add_option("--accounts", accounts_file, "File with one account name per line")->required();
  app.add_option("--threads", threads, "Connections, one thread each")->capture_default_str();
  app.add_option("--seconds", seconds, "How long to send lookups")->capture_default_str();
  app.add_option("--connects", connects, "Connections opened and closed to time set-up")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  if (!token_file.empty()) {
    std::ifstream in(token_file);
    if (!std::getline(in, options.token)) {
      std::cerr << "bench_lookup: cannot read the token from " << token_file << "\n";
      return 2;
    }
  }
  std::vector<std::string> accounts;
  {
    std::ifstream in(accounts_file);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) accounts.push_back(line);
    }
  }
  if (accounts.empty()) {
    std::cerr << "bench_lookup: no accounts in " << accounts_file << "\n";
    return 2;
  }

  // Connection set-up, one at a time.
  std::vector<double> connect_ms;
  for (int i = 0; i < connects; ++i) {
    const auto start = Clock::now();
    auto connection = ringgraph::client::Connection::Open(options);
    if (!connection.ok()) {
      std::cerr << "bench_lookup: " << connection.status().ToString() << "\n";
      return 1;
    }
    ringgraph::api::HealthStatus health;
    if (!(*connection)
             ->Call([&](ringgraph::api::RingGraphClient& api) { api.health(health); })
             .ok()) {
      std::cerr << "bench_lookup: health failed\n";
      return 1;
    }
    connect_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }

  std::atomic<long> errors{0};
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(threads));
  const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      auto connection = ringgraph::client::Connection::Open(options);
      if (!connection.ok()) {
        ++errors;
        return;
      }
      std::vector<double>& mine = latencies[static_cast<std::size_t>(t)];
      ringgraph::api::Membership membership;
      for (std::size_t i = static_cast<std::size_t>(t) * 7919; Clock::now() < deadline; ++i) {
        const std::string& account = accounts[i % accounts.size()];
        const auto start = Clock::now();
        if (!(*connection)
                 ->Call([&](ringgraph::api::RingGraphClient& api) {
                   api.getCluster(membership, account);
                 })
                 .ok()) {
          ++errors;
          return;
        }
        mine.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
      }
    });
  }
  for (std::thread& w : workers) w.join();
  std::vector<double> all;
  for (auto& v : latencies) all.insert(all.end(), v.begin(), v.end());
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "lookups_per_s=%.0f p50_us=%.1f p99_us=%.1f connect_p50_ms=%.2f errors=%ld "
      "peak_rss_mib=%.1f\n",
      static_cast<double>(all.size()) / seconds, Percentile(all, 0.50), Percentile(all, 0.99),
      Percentile(connect_ms, 0.50), errors.load(), static_cast<double>(usage.ru_maxrss) / 1024.0);
  return errors.load() == 0 ? 0 : 1;
}
