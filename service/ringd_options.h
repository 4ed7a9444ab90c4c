// ringd's options: the flags it takes on the command line and the keys of its config file
// (--config, TOML-style, keys as the long option names). ringd and the config-file fuzzer both
// build their parser here, so the fuzzer parses exactly what ringd accepts.
//
// Thread safety: plain functions and values; a CLI::App being filled is not shared.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "graph/common/status.h"
#include "graph/detection/detection_job.h"
#include "graph/detection/leiden_partitioner.h"
#include "graph/detection/realtime_assigner.h"
#include "graph/detection/ring_scorer.h"
#include "graph/projection/account_projection.h"

namespace CLI {
class App;
}  // namespace CLI

namespace ringgraph::service {

// Every setting ringd reads from its flags or config file, with its default.
struct RingdFlags {
  bool show_version = false;
  std::string listen = "127.0.0.1:9090";
  std::string metrics = "127.0.0.1:9464";
  // The analyst web console (service/console): "off", HOST:PORT, or a bare PORT on loopback.
  std::string console = "off";
  std::string data_dir = "data";
  std::string secret_file;
  std::string tokens_file;
  std::string tls_cert;
  std::string tls_key;
  std::string tls_client_ca;
  std::string tls_client_roles;
  std::string kinds_file;
  std::string server_model = "auto";
  int io_threads = 1;
  int offload_threads = 2;
  int worker_threads = 0;
  std::string detect_at = "02:30";
  // Nice value of the threads detection runs on (0-19): lookups, at 0, come first on busy cores.
  int detect_nice = 19;
  std::uint32_t max_frame_bytes = 16u << 20;
  std::int32_t max_string_bytes = 1 << 20;
  std::int32_t max_list_items = 100000;
  std::uint32_t max_connections = 4096;
  std::uint64_t max_map_mib = 0;
  // Detection defaults are defined once, in the engine's option structs, and ringctl detect
  // takes them from there too, so the two cannot drift apart.
  double resolution = detection::PartitionerFlags{}.resolution;
  double threshold = detection::ScoringWeights{}.flag_threshold;
  double half_life_days = projection::ProjectionOptions{}.half_life_days;
  std::uint32_t keep_versions = detection::DetectionOptions{}.keep_versions;
  double realtime_min_link_weight = detection::RealtimeOptions{}.min_link_weight;
  std::string port_file;
  std::vector<std::string> share_keys;
  // The signal stream (NATS JetStream): consumed when `nats` names servers.
  std::string nats;
  std::string nats_stream = "RINGGRAPH_SIGNALS";
  std::string nats_consumer;  // default: ringd-<host name>
  std::uint32_t nats_batch = 10000;
  int nats_replicas = 1;
  // With --nats: the detection leader's lease (detection_leader.h).
  int leader_lease_seconds = 15;
};

// Adds --config (a misspelt key in the file is an error), --version and every ringd option to
// `app`, each writing into `flags`. `flags` must outlive `app`'s parsing.
void AddRingdOptions(CLI::App& app, RingdFlags& flags);

// "HOST:PORT" split into its host and port 0..65535; `what` names the address in errors.
Result<std::pair<std::string, int>> SplitHostPort(const std::string& text, const char* what);

// The console's address: HOST:PORT, or a bare PORT, which means 127.0.0.1:PORT.
// REQUIRES: text != "off".
Result<std::pair<std::string, int>> ConsoleAddress(const std::string& text);

}  // namespace ringgraph::service
