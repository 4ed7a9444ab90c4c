// A clustering version as bytes that another replica's store can install: what the detection
// leader publishes and followers install (service/detection_leader.h).
//
// Account ids are local to a store (each replica numbers accounts in the order its stream
// consumer met them), so the bytes name members by ACCOUNT NAME, and the receiving store maps
// the names back to its own ids. Cluster ids, scores, flags, details and history are carried
// as they are, so every replica answers with the same cluster ids.
//
// Layout (integers big-endian; a string is a u32 length and its bytes):
//   "RGCLUST1"  version u64  computed_at i64  next_cluster_id u64  clusters u64
//   per cluster: id u64  ring_score (IEEE double bits) u64  flagged u8  details string
//                members u64, per member: name string  flagged u8
//   history u64, per event: json string
//
// Thread safety: free functions on the caller's values and snapshot.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "graph/common/status.h"
#include "graph/store/account_store.h"
#include "graph/store/clustering_store.h"

namespace ringgraph::store {

// `clustering` (members by the ids of `snapshot`'s store) as bytes naming the members.
// NotFound when a member id has no name in the snapshot.
Result<std::string> EncodeClustering(const StoreSnapshot& snapshot,
                                     const ClusteringVersion& clustering);

struct DecodedClustering {
  ClusteringVersion clustering;  // members by the ids of the decoding store, ascending
  // Members whose names the decoding store does not know (not ingested there yet): left out.
  std::uint64_t unknown_accounts = 0;
  std::string first_unknown_account;
};

// Bytes from EncodeClustering, members mapped to the ids of `snapshot`'s store. Corruption when
// the bytes are not such an encoding (truncated, trailing bytes, wrong magic).
Result<DecodedClustering> DecodeClustering(const StoreSnapshot& snapshot, std::string_view bytes);

// The SHA-256 digest of `bytes` as 64 lower-case hex digits (libsodium's crypto_hash_sha256).
std::string Sha256Hex(std::string_view bytes);

}  // namespace ringgraph::store
