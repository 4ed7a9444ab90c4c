// ringd's options. See ringd_options.h.
#include "service/ringd_options.h"

#include <CLI/CLI.hpp>

namespace ringgraph::service {

void AddRingdOptions(CLI::App& app, RingdFlags& f) {
  app.set_config("--config", "", "Config file (TOML: key = value, keys as the long options)");
  app.allow_config_extras(CLI::config_extras_mode::error);  // a misspelt key is an error
  app.add_flag("--version", f.show_version, "Print the version and exit");
  app.add_option("--listen", f.listen,
                 "HOST:PORT the Thrift API listens on (port 0: any free port)")
      ->capture_default_str();
  app.add_option("--metrics", f.metrics, "HOST:PORT of the Prometheus /metrics endpoint, or 'off'")
      ->capture_default_str();
  app.add_option("--console", f.console,
                 "Serve the analyst web console on HOST:PORT, or PORT on loopback, or 'off' "
                 "(logins take the tokens of --tokens-file; with --tls-cert it is HTTPS only)")
      ->capture_default_str();
  app.add_option("--data", f.data_dir, "LMDB data directory (created if missing)")
      ->capture_default_str();
  app.add_option(
      "--secret-file", f.secret_file,
      "Hashing secret file, 0600 (default: $RINGGRAPH_SECRET_FILE, else ringgraph.secret "
      "beside the data directory)");
  app.add_option("--tokens-file", f.tokens_file,
                 "Client tokens file: CLIENT read|write TOKEN_HASH per line (ringctl token new); "
                 "optional only with --tls-client-roles");
  app.add_option("--tls-cert", f.tls_cert,
                 "Serve the API over TLS 1.2+ with this certificate chain (PEM)");
  app.add_option("--tls-key", f.tls_key, "Private key of --tls-cert (PEM)");
  app.add_option("--tls-client-ca", f.tls_client_ca,
                 "Require client certificates signed by this CA (PEM): mutual TLS");
  app.add_option("--tls-client-roles", f.tls_client_roles,
                 "Roles of client certificates: CLIENT read|write SUBJECT per line, the subject "
                 "in RFC 2253 form; with it, tokens are optional");
  app.add_option("--kinds", f.kinds_file, "JSON file declaring extra signal kinds");
  app.add_option(
         "--server", f.server_model,
         "Server model: epoll, threaded or nonblocking; auto is epoll, or threaded with TLS")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "epoll", "threaded", "nonblocking"}));
  app.add_option("--io-threads", f.io_threads,
                 "Event-loop threads of the epoll and nonblocking servers")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  app.add_option("--offload-threads", f.offload_threads,
                 "Threads of the epoll server for calls other than quick reads (ingest, "
                 "explanations, labels, big batches)")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  app.add_option("--worker-threads", f.worker_threads,
                 "Threads for ingest and detection work (0: all cores)")
      ->capture_default_str()
      ->check(CLI::Range(0, 256));
  app.add_option("--detect-at", f.detect_at, "Daily detection time, HH:MM local time, or 'off'")
      ->capture_default_str();
  app.add_option("--detect-nice", f.detect_nice,
                 "Scheduling niceness of detection's threads (0-19; 0: as the server). Detection "
                 "still uses every idle core, but lookups come first when cores are busy")
      ->capture_default_str()
      ->check(CLI::Range(0, 19));
  app.add_option("--max-frame-bytes", f.max_frame_bytes, "Largest request frame accepted")
      ->capture_default_str();
  app.add_option("--max-string-bytes", f.max_string_bytes, "Largest string in a request")
      ->capture_default_str();
  app.add_option("--max-list-items", f.max_list_items,
                 "Most items in a request's list (accounts, signals)")
      ->capture_default_str();
  app.add_option("--max-connections", f.max_connections, "Most concurrent client connections")
      ->capture_default_str();
  app.add_option("--max-map-mib", f.max_map_mib,
                 "Ceiling for the LMDB map in MiB; a write that needs more fails cleanly "
                 "(0: 1 TiB)")
      ->capture_default_str();
  app.add_option("--resolution", f.resolution,
                 "Leiden (CPM) resolution of the detection job: the average evidence per pair of "
                 "members a cluster needs")
      ->capture_default_str();
  app.add_option("--threshold", f.threshold, "Ring score at or above which a cluster is flagged")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--half-life-days", f.half_life_days, "Half-life of a signal's evidence")
      ->capture_default_str();
  app.add_option("--keep-versions", f.keep_versions, "Clustering versions to keep")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  app.add_option("--realtime-min-link-weight", f.realtime_min_link_weight,
                 "Link weight to a flagged ring that flags an account in real time")
      ->capture_default_str();
  app.add_option("--share-key", f.share_keys,
                 "Consortium key for indicator sharing, NAME=SECRET_FILE (repeatable)");
  app.add_option("--nats", f.nats,
                 "Consume signal records from NATS JetStream at these URLs "
                 "(nats://host:port, comma-separated); off when empty");
  app.add_option("--nats-stream", f.nats_stream, "JetStream stream of signal records")
      ->capture_default_str();
  app.add_option("--nats-consumer", f.nats_consumer,
                 "Durable consumer name, one per replica; the store keeps its position under it "
                 "(default: ringd-<host name>)");
  app.add_option("--nats-batch", f.nats_batch, "Stream messages per commit")
      ->check(CLI::Range(1u, 100000u))
      ->capture_default_str();
  app.add_option("--nats-replicas", f.nats_replicas,
                 "Replicas of the stream when ringd has to create it (3 on a 3-server cluster)")
      ->check(CLI::Range(1, 5))
      ->capture_default_str();
  app.add_option("--leader-lease-seconds", f.leader_lease_seconds,
                 "With --nats: replicas elect one detection leader, which alone runs detection "
                 "and publishes each clustering version for the others to install; its lease "
                 "lapses this long after it stops renewing (a dead leader is replaced within it)")
      ->check(CLI::Range(3, 3600))
      ->capture_default_str();
  app.add_option("--port-file", f.port_file,
                 "Once listening, write the Thrift port, the metrics port and the console port "
                 "(0 when off) here, one per line (useful with port 0)");
}

Result<std::pair<std::string, int>> SplitHostPort(const std::string& text, const char* what) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    return Status::InvalidArgument(std::string(what) + " '" + text + "' is not HOST:PORT");
  }
  const std::string port_text = text.substr(colon + 1);
  if (port_text.find_first_not_of("0123456789") != std::string::npos || port_text.size() > 5) {
    return Status::InvalidArgument(std::string(what) + " '" + text + "' has a bad port");
  }
  const int port = std::stoi(port_text);
  if (port > 65535) return Status::InvalidArgument(std::string(what) + " port is out of range");
  return std::make_pair(text.substr(0, colon), port);
}

Result<std::pair<std::string, int>> ConsoleAddress(const std::string& text) {
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) {
    return SplitHostPort("127.0.0.1:" + text, "console address");
  }
  return SplitHostPort(text, "console address");
}

}  // namespace ringgraph::service
