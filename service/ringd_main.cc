// ringd: the ringgraph service. Serves cluster membership, explanations, ingest and detection
// over Thrift, exposes Prometheus metrics, and runs detection nightly.
//
// Configuration comes from a TOML-style file (--config) whose keys are the long option names
// (deploy/ringd.conf.example documents each); flags given on the command line override it.
#include <prometheus/exposer.h>
#include <pthread.h>
#include <signal.h>
#include <tbb/global_control.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "service/access/access_control.h"
#include "service/analyst_stream.h"
#include "service/console/console_server.h"
#include "service/detection_leader.h"
#include "service/detection_runner.h"
#include "service/ring_service.h"
#include "service/ringd_options.h"
#include "service/ringd_version.h"
#include "service/service_metrics.h"
#include "service/signal_stream_consumer.h"
#include "service/thrift_handler.h"
#include "service/thrift_server.h"

namespace ringgraph::service {
namespace {

std::mutex log_mutex;

void Log(const std::string& line) {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
  std::lock_guard<std::mutex> lock(log_mutex);
  std::fprintf(stderr, "%s ringd: %s\n", stamp, line.c_str());
  std::fflush(stderr);
}

int Fail(const std::string& message) {
  Log("error: " + message);
  return 1;
}

int Run(const RingdFlags& flags) {
  auto listen = SplitHostPort(flags.listen, "listen address");
  if (!listen.ok()) return Fail(listen.status().message());
  DetectionSchedule schedule;
  if (auto parsed = DetectionSchedule::Parse(flags.detect_at); parsed.ok()) {
    schedule = *parsed;
  } else {
    return Fail(parsed.status().message());
  }
  std::unique_ptr<tbb::global_control> threads;
  if (flags.worker_threads > 0) {
    threads = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                    static_cast<std::size_t>(flags.worker_threads));
  }

  std::optional<access::TokenRegistry> tokens;
  std::optional<access::CertificateRoles> certificate_roles;
  if (flags.tokens_file.empty() && flags.tls_client_roles.empty()) {
    return Fail(
        "no way to authenticate clients: pass --tokens-file, or --tls-client-roles with "
        "--tls-client-ca");
  }
  if (!flags.tokens_file.empty()) {
    auto loaded = access::TokenRegistry::Load(flags.tokens_file);
    if (!loaded.ok()) return Fail(loaded.status().message());
    tokens = std::move(*loaded);
  }
  if (!flags.tls_client_roles.empty()) {
    if (flags.tls_client_ca.empty()) {
      return Fail(
          "--tls-client-roles needs --tls-client-ca: only certificates that CA signed "
          "are trusted");
    }
    auto loaded = access::CertificateRoles::Load(flags.tls_client_roles);
    if (!loaded.ok()) return Fail(loaded.status().message());
    certificate_roles = std::move(*loaded);
  }
  if (flags.tls_cert.empty() && (!flags.tls_key.empty() || !flags.tls_client_ca.empty())) {
    return Fail("--tls-key and --tls-client-ca need --tls-cert");
  }

  ServiceOptions options;
  options.data_dir = flags.data_dir;
  options.secret_file = flags.secret_file;
  options.kinds_file = flags.kinds_file;
  options.max_map_bytes = flags.max_map_mib << 20;
  options.max_records_per_call = static_cast<std::size_t>(flags.max_list_items);
  options.partition.resolution = flags.resolution;
  options.detection.scoring.flag_threshold = flags.threshold;
  options.detection.features.projection.half_life_days = flags.half_life_days;
  options.detection.keep_versions = flags.keep_versions;
  options.realtime.projection = options.detection.features.projection;
  options.realtime.min_link_weight = flags.realtime_min_link_weight;
  options.share_keys = flags.share_keys;
  options.detection.on_phase = [](std::string_view phase, double seconds,
                                  const std::string& detail) {
    char line[64];
    std::snprintf(line, sizeof line, "detection: %-9s %7.2f s  ", std::string(phase).c_str(),
                  seconds);
    Log(line + detail);
  };

  ServiceMetrics metrics(RingdVersion());
  auto service = RingService::Open(options, &metrics);
  if (!service.ok()) return Fail(service.status().message());
  metrics.SetStoreGaugeSource(
      [svc = service->get()](StoreGauges* g) { return svc->ReadGauges(g); });

  std::unique_ptr<prometheus::Exposer> exposer;
  int metrics_port = 0;
  if (flags.metrics != "off") {
    auto metrics_address = SplitHostPort(flags.metrics, "metrics address");
    if (!metrics_address.ok()) return Fail(metrics_address.status().message());
    try {
      exposer = std::make_unique<prometheus::Exposer>(flags.metrics, 1);
    } catch (const std::exception& e) {
      return Fail("cannot serve metrics on " + flags.metrics + ": " + e.what() +
                  " (is another process using the port?)");
    }
    exposer->RegisterCollectable(metrics.registry());
    exposer->RegisterCollectable(metrics.store_collector());
    if (!exposer->GetListeningPorts().empty()) metrics_port = exposer->GetListeningPorts().front();
  }

  // With a signal stream, replicas elect one detection leader; the others install its versions.
  std::unique_ptr<DetectionLeader> leader;
  std::string replica_name = flags.nats_consumer;
  if (replica_name.empty()) {
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    replica_name = "ringd-" + std::string(host);
  }
  // A JetStream consumer name may not hold '.', '*', '>' or white space.
  for (char& c : replica_name) {
    if (c == '.' || c == '*' || c == '>' || c == ' ' || c == '\t') c = '_';
  }
  if (!flags.nats.empty()) {
    DetectionLeaderOptions leader_options;
    leader_options.settings.urls = flags.nats;
    leader_options.settings.replicas = flags.nats_replicas;
    leader_options.replica_name = replica_name;
    leader_options.lease = std::chrono::seconds(flags.leader_lease_seconds);
    leader = std::make_unique<DetectionLeader>(**service, &metrics, std::move(leader_options), Log);
  }
  std::function<Status()> permit;
  if (leader != nullptr) permit = [l = leader.get()] { return l->PermitDetection(); };
  DetectionRunner runner(**service, &metrics, schedule, Log, flags.detect_nice, permit);
  std::unique_ptr<SignalStreamConsumer> stream_consumer;
  if (!flags.nats.empty()) {
    StreamConsumerOptions stream_options;
    stream_options.settings.urls = flags.nats;
    stream_options.settings.stream = flags.nats_stream;
    stream_options.settings.replicas = flags.nats_replicas;
    stream_options.consumer = replica_name;
    stream_options.batch = flags.nats_batch;
    stream_consumer =
        std::make_unique<SignalStreamConsumer>(**service, &metrics, std::move(stream_options), Log);
    stream_consumer->Start();
    leader->Start();
  }
  // With a signal stream, labels and imported bundles go through the analyst stream, so that
  // every replica (the detection leader among them) holds them.
  std::unique_ptr<AnalystStream> analyst_stream;
  if (!flags.nats.empty()) {
    AnalystStreamOptions analyst_options;
    analyst_options.settings.urls = flags.nats;
    analyst_options.settings.replicas = flags.nats_replicas;
    analyst_options.replica = replica_name;
    analyst_stream =
        std::make_unique<AnalystStream>(**service, &metrics, std::move(analyst_options), Log);
    (*service)->SetAnalystRouter(
        [a = analyst_stream.get()](const AnalystRecord& record) { return a->Route(record); });
    analyst_stream->Start();
  }
  HandlerContext context;
  context.service = service->get();
  context.detection = &runner;
  context.tokens = tokens.has_value() ? &*tokens : nullptr;
  context.certificate_roles = certificate_roles.has_value() ? &*certificate_roles : nullptr;
  context.metrics = &metrics;
  context.log = Log;
  if (stream_consumer != nullptr) {
    context.stream_status = [consumer = stream_consumer.get(), a = analyst_stream.get()] {
      return consumer->Describe() + "; " + a->Describe();
    };
  }
  if (leader != nullptr) {
    context.leader_status = [l = leader.get()] { return l->Describe(); };
  }

  std::unique_ptr<console::ConsoleServer> console_server;
  std::string console_host;
  if (flags.console != "off") {
    auto address = ConsoleAddress(flags.console);
    if (!address.ok()) return Fail(address.status().message());
    console::ConsoleOptions console_options;
    console_options.host = console_host = address->first;
    console_options.port = address->second;
    console_options.secure_cookie = !flags.tls_cert.empty();
    console_options.tls_cert = flags.tls_cert;  // with ringd's TLS on, the console is HTTPS
    console_options.tls_key = flags.tls_key;
    console_options.log = Log;
    console_options.on_auth_failure = [&metrics] { metrics.RecordAuthFailure(); };
    auto started = console::ConsoleServer::Start(console_options, service->get(),
                                                 tokens.has_value() ? &*tokens : nullptr);
    if (!started.ok()) return Fail(started.status().message());
    console_server = std::move(*started);
  }

  ServerOptions server_options;
  server_options.host = listen->first;
  server_options.port = listen->second;
  server_options.tls = {flags.tls_cert, flags.tls_key, flags.tls_client_ca};
  server_options.model = flags.server_model;
  if (server_options.model == "auto") {
    server_options.model = server_options.tls.enabled() ? "threaded" : "epoll";
  }
  server_options.io_threads = flags.io_threads;
  server_options.offload_threads = flags.offload_threads;
  server_options.max_frame_bytes = flags.max_frame_bytes;
  server_options.max_string_bytes = flags.max_string_bytes;
  server_options.max_container_items = flags.max_list_items;
  server_options.max_connections = flags.max_connections;
  auto server =
      ThriftServer::Create(server_options, std::make_shared<RingGraphHandlerFactory>(context));
  if (!server.ok()) return Fail(server.status().message());

  // SIGTERM and SIGINT arrive on this thread only (blocked everywhere else, see main()).
  std::atomic<bool> stopping{false};
  std::thread signal_thread([&] {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGUSR2);  // our own wake-up when serving ends without a signal
    int sig = 0;
    sigwait(&set, &sig);
    if (sig == SIGUSR2) return;
    Log(std::string("received ") + (sig == SIGTERM ? "SIGTERM" : "SIGINT") +
        "; finishing in-flight calls");
    stopping = true;
    context.serving = false;
    (*server)->Stop();
  });

  Status served = (*server)->Serve([&](int port) {
    Log("serving ringgraph " + std::string(RingdVersion()) + " on " + listen->first + ":" +
        std::to_string(port) + " (" + server_options.model +
        (server_options.tls.enabled() ? ", TLS" : "") + "), metrics on " +
        (exposer ? "port " + std::to_string(metrics_port) : std::string("none")) + ", data in " +
        flags.data_dir + ", detection " +
        (schedule.enabled ? "daily at " + flags.detect_at : std::string("unscheduled")) +
        (console_server
             ? ", console on " + std::string(flags.tls_cert.empty() ? "http" : "https") + "://" +
                   console_host + ":" + std::to_string(console_server->port()) + "/"
             : std::string()));
    if (!flags.port_file.empty()) {
      const std::string tmp = flags.port_file + ".tmp";
      std::ofstream(tmp) << port << "\n"
                         << metrics_port << "\n"
                         << (console_server ? console_server->port() : 0) << "\n";
      std::filesystem::rename(tmp, flags.port_file);
    }
  });
  if (!stopping) pthread_kill(signal_thread.native_handle(), SIGUSR2);
  signal_thread.join();
  if (!served.ok()) return Fail(served.message());
  console_server.reset();  // finishes the console's requests in flight
  if (leader != nullptr) {
    Log("giving up the detection lease, if held");
    leader->Stop();
  }
  if (analyst_stream != nullptr) {
    Log("finishing the analyst stream's message in hand");
    analyst_stream->Stop();
  }
  if (stream_consumer != nullptr) {
    Log("finishing the signal stream's batch in hand");
    stream_consumer->Stop();
    stream_consumer.reset();
    stream::CloseNatsLibrary();
  }
  Log("waiting for a running detection to finish");
  runner.Stop();
  Log("stopped cleanly");
  return 0;
}

}  // namespace
}  // namespace ringgraph::service

int main(int argc, char** argv) {
  using ringgraph::service::RingdFlags;
  // Block the shutdown signals in every thread; one thread waits for them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGUSR2);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal(SIGPIPE, SIG_IGN);

  CLI::App app{
      "ringd: serves ringgraph cluster membership, explanations and ingest over Thrift, "
      "with Prometheus metrics and nightly detection"};
  RingdFlags flags;
  // CLI11 skips a config file it cannot read; a named config that is missing is an error here.
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i], path;
    if (arg == "--config" && i + 1 < argc) path = argv[i + 1];
    if (arg.rfind("--config=", 0) == 0) path = arg.substr(9);
    if (!path.empty() && !std::ifstream(path)) {
      std::cerr << "ringd: config file '" << path << "' cannot be read\n";
      return 2;
    }
  }
  ringgraph::service::AddRingdOptions(app, flags);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    if (flags.show_version) {
      std::cout << "ringd " << ringgraph::service::RingdVersion() << "\n";
      return 0;
    }
    std::cerr << "ringd: " << e.what() << "\nRun 'ringd --help' for the options.\n";
    return 2;
  }
  if (flags.show_version) {
    std::cout << "ringd " << ringgraph::service::RingdVersion() << "\n";
    return 0;
  }
  try {
    return ringgraph::service::Run(flags);
  } catch (const std::exception& e) {
    std::cerr << "ringd: unexpected error: " << e.what() << "\n";
    return 1;
  }
}
