// The byte layouts of stored keys and values that more than one file of graph/store reads: the
// account store's meta entries and kept prompts, and the packed values of the stores that
// detection_store.h opens.
// The stores write them; the consistency check (store_check.h) decodes them from one snapshot.
// Internal to graph/store: nothing outside this folder includes it.
//
// Thread safety: constants and plain structs only.
#pragma once

#include <lmdb.h>

#include <cstdint>
#include <cstring>
#include <string_view>

#include "graph/common/types.h"

namespace ringgraph::store::layout {

// Keys of the `meta` database.
inline constexpr std::string_view kMetaSchema = "schema_version";
inline constexpr std::string_view kMetaKeyId = "key_id";
inline constexpr std::string_view kMetaKindCounts = "signals_by_kind";  // u64[256]
inline constexpr std::string_view kMetaTotals = "totals";               // Totals
// Followed by a stream consumer's name: the stream sequence of the last record it committed
// (u64), written in the same transaction as the records (service/signal_stream_consumer.h).
inline constexpr std::string_view kMetaStreamMarkPrefix = "stream_mark:";
// Observations in staged_observations not yet merged into the account tables (u64).
inline constexpr std::string_view kMetaStaged = "staged_observations";
// The key of the one entry of `template_dictionary`.
inline constexpr std::string_view kCurrentDictionary = "current";

#pragma pack(push, 1)
// Store-wide record and prompt counts, in meta under kMetaTotals: the sums of account_activity.
struct Totals {
  std::uint64_t records = 0;
  std::uint64_t prompts = 0;
};
// The head of a prompt_sketches value; `count` u32 shingle hashes follow.
struct PendingPromptHead {
  AccountId account;
  std::uint16_t count;
  std::uint16_t reserved;
  std::int64_t ts;
};

// clusterings: version -> HeaderValue.
struct HeaderValue {
  std::int64_t computed_at;
  std::uint64_t clusters, flagged, accounts, next_cluster_id;
};
// memberships: version + account -> MembershipValue.
struct MembershipValue {
  std::uint64_t cluster;
  float score;
  std::uint8_t flagged;
};
// clusters: version + cluster id -> ClusterValueHead + details JSON.
struct ClusterValueHead {
  double score;
  std::uint8_t flagged;
  std::uint32_t size;
};
// realtime_flags: account -> RealtimeValue.
struct RealtimeValue {
  std::uint64_t cluster;
  float score;
  float link_weight;
  std::uint64_t based_on_version;
  std::int64_t at;
};
// labels: target -> LabelHead + verdict + note.
struct LabelHead {
  std::int64_t at;
  std::uint32_t verdict_size;
};
// One ingested record reduced to what the account tables aggregate: a staged_observations
// value is a run of these (AccountStore::StageBatch).
struct StagedObservation {
  AccountId account;
  SignalId signal;  // kNoSignal: a prompt that matched no template
  std::int64_t ts;
  std::uint8_t flags;  // kCountsActivity | kCountsPrompt
  static constexpr std::uint8_t kCountsActivity = 1, kCountsPrompt = 2;
};
#pragma pack(pop)
static_assert(sizeof(Totals) == 16);
static_assert(sizeof(PendingPromptHead) == 16);
static_assert(sizeof(StagedObservation) == 17);

inline void PutBigEndian(std::uint64_t value, unsigned char* out, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) {
    out[i] = static_cast<unsigned char>(value & 0xFF);
    value >>= 8;
  }
}

inline std::uint64_t GetBigEndian(const unsigned char* in, int bytes) {
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) value = value << 8 | in[i];
  return value;
}

// The clustering store's keys: version (8 bytes, big-endian) then a cluster id (8) or an
// account id (4), so that one version's entries are contiguous and ordered.
struct VersionKey {
  unsigned char bytes[16];
  std::size_t size;
  VersionKey(std::uint64_t version, std::uint64_t id, int id_bytes) : size(8 + id_bytes) {
    PutBigEndian(version, bytes, 8);
    PutBigEndian(id, bytes + 8, id_bytes);
  }
  MDB_val val() { return MDB_val{size, bytes}; }
};

}  // namespace ringgraph::store::layout
