// How ringd replicas share one detection leader and its clusterings over NATS JetStream (the
// NATS side of service/detection_leader.h; the bytes come from graph/store/clustering_transfer.h).
//
//   RINGGRAPH_LEADER            KV bucket, history 1, TTL = the lease. Key `detection` holds the
//                               leader's replica name: taken with create-if-absent, renewed by
//                               an update on the last revision, lost when the TTL passes.
//   RINGGRAPH_CLUSTERINGS       stream; a clustering version's bytes in chunks of at most 256 KiB
//                               on ringgraph.clusterings.<version>, each with headers naming the
//                               version, the chunk index, the chunk count and the SHA-256 of the
//                               whole.
//   RINGGRAPH_CLUSTERINGS_META  KV bucket; key `clustering.current` points at the latest
//                               published version (JSON: version, sha256, chunks, bytes,
//                               first_sequence, leader).
// libnats 3.4 has no object store; this follows its layout (chunks plus a pointer).
//
// Thread safety: a LeaderLease and a ClusteringChannel are used by one thread at a time, with
// the StreamConnection they were opened on.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "graph/common/status.h"
#include "service/stream/signal_stream.h"

typedef struct __kvStore kvStore;

namespace ringgraph::stream {

inline constexpr std::string_view kLeaderBucket = "RINGGRAPH_LEADER";
inline constexpr std::string_view kLeaderKey = "detection";
inline constexpr std::string_view kClusteringStream = "RINGGRAPH_CLUSTERINGS";
inline constexpr std::string_view kClusteringSubjectPrefix = "ringgraph.clusterings.";
inline constexpr std::string_view kClusteringMetaBucket = "RINGGRAPH_CLUSTERINGS_META";
inline constexpr std::string_view kCurrentClusteringKey = "clustering.current";
inline constexpr std::size_t kClusteringChunkBytes = 256 * 1024;

// The detection lease. One replica holds it at a time; it lapses `lease` after the holder's
// last renewal, so a replica that dies loses it without saying so.
class LeaderLease {
 public:
  // Binds to the lease bucket, creating it (with `replicas` replicas) when it does not exist.
  static Result<std::unique_ptr<LeaderLease>> Open(StreamConnection& connection,
                                                   std::string replica_name,
                                                   std::chrono::seconds lease, int replicas);
  ~LeaderLease();
  LeaderLease(const LeaderLease&) = delete;
  LeaderLease& operator=(const LeaderLease&) = delete;

  // Renews the lease when held (an update on the revision it last wrote), and otherwise takes
  // it when free (create-if-absent), or when it still holds this replica's own name from before
  // a restart. Returns whether this replica holds it now; holder() names who does. A failed
  // renewal gives the lease up here (returns false), whatever the reason.
  Result<bool> AcquireOrRenew();
  // Deletes the key when held, so that another replica takes over at once.
  void Release();

  bool held() const { return revision_ != 0; }
  // The holder's name as last read or written; empty when nobody held it.
  const std::string& holder() const { return holder_; }

 private:
  LeaderLease(std::string replica_name) : replica_name_(std::move(replica_name)) {}
  std::string replica_name_;
  kvStore* bucket_ = nullptr;
  std::uint64_t revision_ = 0;  // of our last write; 0 when not held
  std::string holder_;
};

// Where the latest published clustering version is.
struct ClusteringPointer {
  std::uint64_t version = 0;
  std::string sha256;  // of the whole, hex
  std::uint64_t chunks = 0;
  std::uint64_t bytes = 0;
  std::uint64_t first_sequence = 0;  // of chunk 0 in RINGGRAPH_CLUSTERINGS
  std::string leader;                // who published it
  std::uint64_t revision = 0;        // of the KV entry; not part of the JSON

  std::string ToJson() const;
  static Result<ClusteringPointer> FromJson(std::string_view json);
};

class ClusteringChannel {
 public:
  // Binds to (creating when absent) the clusterings stream and the pointer bucket.
  static Result<std::unique_ptr<ClusteringChannel>> Open(StreamConnection& connection,
                                                         int replicas);
  ~ClusteringChannel();
  ClusteringChannel(const ClusteringChannel&) = delete;
  ClusteringChannel& operator=(const ClusteringChannel&) = delete;

  // Publishes `bytes` as version `version` in chunks, then points clustering.current at them
  // and purges the chunks of versions before the previous one. Returns the new pointer.
  Result<ClusteringPointer> Publish(std::uint64_t version, std::string_view bytes,
                                    const std::string& leader);
  // The pointer as it is now; nullopt when nothing was published.
  Result<std::optional<ClusteringPointer>> Current();
  // Writes a pointer as it is (what Publish does last); for tests that forge one.
  Status PutPointer(const ClusteringPointer& pointer);
  // The bytes `pointer` names, checked: every chunk's headers agree with the pointer, the
  // chunk count and size match, and the SHA-256 of the whole is pointer.sha256. Corruption
  // when they do not; NotFound when the chunks are gone from the stream.
  Result<std::string> Fetch(const ClusteringPointer& pointer);

 private:
  ClusteringChannel(StreamConnection& connection) : connection_(connection) {}
  StreamConnection& connection_;
  kvStore* meta_ = nullptr;
};

}  // namespace ringgraph::stream
