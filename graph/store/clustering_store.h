// Clustering versions, stable cluster ids and their history, kept in the same LMDB environment
// as the account store (opened with the other detection tables by DetectionStore, in
// detection_store.h).
//
// A detection run writes one ClusteringVersion in one write transaction: readers keep seeing
// the previous version until that commit (LMDB's MVCC), and the oldest versions beyond
// `keep_versions` are deleted in the same transaction. Named databases:
//   clusterings      version -> header (computed at, clusters, flagged, accounts)
//   memberships      version + account -> cluster id, ring score, flagged
//   clusters         version + cluster id -> score, flagged, size, details (JSON)
//   cluster_members  version + cluster id -> account ids (DUPSORT)
//   cluster_history  version + sequence -> event (JSON: birth, death, merge, split, continue)
// Keys are big-endian so that one version's entries are contiguous and ordered.
//
// Writing a clustering also reconciles the real-time flags (realtime_flag_store.h) in the same
// transaction, and a membership lookup overlays them, so this store works with that one.
//
// Thread safety: as AccountStore — one writer at a time, snapshots from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/common/status.h"
#include "graph/common/types.h"
#include "graph/store/account_store.h"

namespace ringgraph::store {

using ClusterId = std::uint64_t;

struct ClusterRecord {
  ClusterId id = 0;
  double ring_score = 0;
  bool flagged = false;
  std::uint32_t size = 0;
  // Features, factors, evidence and summary, for explanations: detection::ClusterDetails as
  // JSON; write it with ToJson and read it with ParseClusterDetails (cluster_details.h).
  std::string details_json;
};

struct HistoryEvent {
  std::string json;  // {"event":"merge","cluster":12,"from":[3,7],...}
};

struct ClusteringVersion {
  std::uint64_t version = 0;  // assigned by Write(): previous + 1
  UnixSeconds computed_at = 0;
  std::vector<ClusterRecord> clusters;
  // Members of each cluster, parallel to `clusters`, ascending account ids.
  std::vector<std::vector<AccountId>> members;
  // Optional, parallel to `members`: whether each member is flagged. Empty: every member takes
  // its cluster's flag.
  std::vector<std::vector<bool>> member_flagged;
  std::vector<HistoryEvent> history;
  ClusterId next_cluster_id = 1;  // the id counter after this run; ids are never reused
};

struct ClusteringHeader {
  std::uint64_t version = 0;
  UnixSeconds computed_at = 0;
  std::uint64_t clusters = 0;
  std::uint64_t flagged = 0;
  std::uint64_t accounts = 0;
  ClusterId next_cluster_id = 1;
};

struct Membership {
  ClusterId cluster = 0;
  float ring_score = 0;
  bool flagged = false;
};

// The answer to "where is this account", as a request path asks it.
struct MembershipLookup {
  bool known_account = false;
  std::optional<Membership> membership;  // from the clustering, or from a real-time flag
  bool realtime = false;                 // membership comes from a real-time flag
};

struct DetectionTables;  // store_tables.h
class DetectionStore;
class RealtimeFlagStore;

// Owns nothing but references: the account store, the table handles and the real-time flag
// store belong to the DetectionStore that made it.
class ClusteringStore {
 public:
  ClusteringStore(const ClusteringStore&) = delete;
  ClusteringStore& operator=(const ClusteringStore&) = delete;

  // Writes `clustering` as the next version and sets clustering.version to its number. Keeps
  // the newest `keep_versions` versions (at least 1). Real-time flags made before
  // clustering.computed_at are deleted in the same transaction (the clustering saw their
  // evidence); later ones are kept.
  Status Write(ClusteringVersion& clustering, std::uint32_t keep_versions);

  // Writes `clustering` under its own number, clustering.version, as the latest version: a
  // replica installs with it what the detection leader computed (service/detection_leader.h).
  // A version numbered at or above it that this store holds (a run no other replica saw) is
  // deleted in the same transaction, so `clustering` is the one served once this returns.
  // Otherwise as Write. REQUIRES: clustering.version > 0.
  Status Install(const ClusteringVersion& clustering, std::uint32_t keep_versions);

  // The whole of `version` in one snapshot, members by local account id with their flags;
  // NotFound when this store does not keep it.
  Result<ClusteringVersion> Read(std::uint64_t version) const;

  // The newest committed version, if any detection has run.
  Result<std::optional<ClusteringHeader>> Latest() const;
  Result<std::vector<ClusteringHeader>> Versions() const;
  Result<std::optional<Membership>> ClusterOf(std::uint64_t version, AccountId account) const;
  // The same, inside a snapshot the caller already holds.
  Result<std::optional<Membership>> ClusterOf(const StoreSnapshot& snapshot, std::uint64_t version,
                                              AccountId account) const;
  Result<std::optional<ClusterRecord>> Cluster(std::uint64_t version, ClusterId id) const;
  Status Members(std::uint64_t version, ClusterId id, std::vector<AccountId>* out) const;
  Status ForEachCluster(std::uint64_t version,
                        const std::function<Status(const ClusterRecord&)>& fn) const;
  Status History(std::uint64_t version, std::vector<HistoryEvent>* out) const;

  // Looks up many accounts by name in one read transaction, against the latest clustering as
  // of that transaction (written to *latest; version 0 when none), overlaid with real-time
  // flags. out[i] answers names[i].
  Status LookupMemberships(std::span<const std::string_view> names,
                           std::vector<MembershipLookup>* out, ClusteringHeader* latest) const;

 private:
  friend class DetectionStore;
  // Write (exact_version 0: the next number) and Install (exact_version: that number).
  Status WriteVersion(ClusteringVersion& clustering, std::uint32_t keep_versions,
                      std::uint64_t exact_version);

  ClusteringStore(AccountStore& store, const DetectionTables& tables,
                  RealtimeFlagStore& realtime_flags)
      : store_(store), tables_(tables), realtime_flags_(realtime_flags) {}

  AccountStore& store_;
  const DetectionTables& tables_;
  RealtimeFlagStore& realtime_flags_;
};

}  // namespace ringgraph::store
