// Clustering versions, stable cluster ids, their history, and analysts' labels, kept in the
// same LMDB environment as the account store.
//
// A detection run writes one ClusteringVersion in one write transaction: readers keep seeing
// the previous version until that commit (LMDB's MVCC), and the oldest versions beyond
// `keep_versions` are deleted in the same transaction. Named databases:
//   clusterings      version -> header (computed at, clusters, flagged, accounts)
//   memberships      version + account -> cluster id, ring score, flagged
//   clusters         version + cluster id -> score, flagged, size, details (JSON)
//   cluster_members  version + cluster id -> account ids (DUPSORT)
//   cluster_history  version + sequence -> event (JSON: birth, death, merge, split, continue)
//   labels           "account:NAME" or "cluster:ID" -> label (JSON)
//   realtime_flags   account -> real-time assignment to a flagged cluster (MDB_INTEGERKEY)
//   watchlist        partner indicator id -> indicator (JSON), imported from partner labs
//
// Real-time flags are made between detection runs, when new evidence links an account to a
// flagged ring. Writing a clustering reconciles them: flags made before that clustering's
// snapshot are deleted (the clustering saw their evidence), later ones are kept.
// Keys are big-endian so that one version's entries are contiguous and ordered.
//
// Thread safety: as AccountStore — one writer at a time, snapshots from any thread.
#pragma once

#include <lmdb.h>

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

inline constexpr std::size_t kMaxLabelNoteBytes = 4096;

struct Label {
  std::string target;   // "account:NAME" or "cluster:ID"
  std::string verdict;  // "ring" or "benign"
  std::string note;
  UnixSeconds at = 0;
};

// The one check of analysts' labels, whoever sends them (ringd's label call, ringctl label):
// the verdict is "ring" or "benign", the note at most kMaxLabelNoteBytes, the target
// "cluster:<number>" or "account:<non-empty name>". It does not look in the store: whether the
// account exists is PutLabels' to say. The first bad label fails with kInvalidArgument, named
// "label" when there is one and "label N" (1-based) when there are several.
Status ValidateLabels(std::span<const Label> labels);

// An account assigned to a flagged cluster between detection runs.
struct RealtimeFlag {
  AccountId account = 0;
  ClusterId cluster = 0;
  float ring_score = 0;
  float link_weight = 0;  // the strongest link that tied the account to the cluster
  std::uint64_t based_on_version = 0;
  UnixSeconds at = 0;
};

// A partner lab's indicator, imported from a STIX bundle (graph/sharing): values hashed under a
// consortium key that, held by a local account, mark it as part of the partner's ring.
struct PartnerIndicator {
  std::string id;        // the STIX indicator id
  std::string modified;  // RFC 3339, as in the bundle
  std::string partner;   // the lab that shared it
  int confidence = 0;    // 0..100
  UnixSeconds valid_from = 0;
  UnixSeconds valid_until = 0;  // 0: no end
  std::string key_id;           // the consortium key its values are hashed under
  std::vector<std::pair<KindCode, ValueHash>> values;
};

// The answer to "where is this account", as a request path asks it.
struct MembershipLookup {
  bool known_account = false;
  std::optional<Membership> membership;  // from the clustering, or from a real-time flag
  bool realtime = false;                 // membership comes from a real-time flag
};

class ClusteringStore {
 public:
  // REQUIRES: `store` outlives this object and is open read-write (or read-only for reads).
  static Result<std::unique_ptr<ClusteringStore>> Open(AccountStore& store);

  // Writes `clustering` as the next version and sets clustering.version to its number. Keeps
  // the newest `keep_versions` versions (at least 1).
  Status Write(ClusteringVersion& clustering, std::uint32_t keep_versions);

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

  // Records real-time flags; an account's newer flag replaces its older one.
  Status PutRealtimeFlags(std::span<const RealtimeFlag> flags);
  Status ForEachRealtimeFlag(const std::function<Status(const RealtimeFlag&)>& fn) const;

  // Stores indicators in one transaction; one already stored with the same id and modified
  // time is left as it is. *changed counts the new or updated ones.
  Status PutIndicators(std::span<const PartnerIndicator> indicators, std::size_t* changed);
  Status ForEachIndicator(const std::function<Status(const PartnerIndicator&)>& fn) const;

  // Stores analysts' labels in one transaction. The labels are checked first (ValidateLabels),
  // and an "account:<name>" target must name an account in the store. The first bad label
  // refuses the whole call (kInvalidArgument, or kNotFound for an unknown account) with its
  // position, and nothing is stored. A label for a target that has one replaces it.
  Status PutLabels(std::span<const Label> labels);
  Status PutLabel(const Label& label) { return PutLabels({&label, 1}); }
  Result<std::optional<Label>> GetLabel(const std::string& target) const;
  Status ForEachLabel(const std::function<Status(const Label&)>& fn) const;

 private:
  friend class StoreChecker;  // store_check.h: reads the tables in the account store's snapshot
  explicit ClusteringStore(AccountStore& store) : store_(store) {}
  Status DeleteVersion(MDB_txn* txn, std::uint64_t version);
  // Deletes the real-time flags made before `snapshot_at`, in the clustering's transaction.
  Status ReconcileRealtimeFlags(AccountStore::WriteTxn& write, UnixSeconds snapshot_at);

  AccountStore& store_;
  MDB_dbi clusterings_ = 0, memberships_ = 0, clusters_ = 0, cluster_members_ = 0,
          cluster_history_ = 0, labels_ = 0, realtime_flags_ = 0, watchlist_ = 0;
  bool has_realtime_flags_ = true;
  bool has_watchlist_ = true;
};

}  // namespace ringgraph::store
