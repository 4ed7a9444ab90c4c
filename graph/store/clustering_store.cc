// Clustering versions, memberships and history in LMDB. See clustering_store.h.
#include "graph/store/clustering_store.h"

#include <algorithm>
#include <cstring>

#include "graph/store/realtime_flag_store.h"
#include "graph/store/store_layout.h"
#include "graph/store/store_tables.h"

namespace ringgraph::store {
namespace {

using layout::ClusterValueHead;
using layout::GetBigEndian;
using layout::HeaderValue;
using layout::MembershipValue;
using layout::VersionKey;

ClusteringHeader DecodeHeader(std::uint64_t version, const MDB_val& d) {
  HeaderValue h;
  std::memcpy(&h, d.mv_data, sizeof h);
  return ClusteringHeader{version,   h.computed_at, h.clusters,
                          h.flagged, h.accounts,    h.next_cluster_id};
}

ClusterRecord DecodeCluster(std::uint64_t id, const MDB_val& d) {
  ClusterValueHead head;
  std::memcpy(&head, d.mv_data, sizeof head);
  ClusterRecord record;
  record.id = id;
  record.ring_score = head.score;
  record.flagged = head.flagged != 0;
  record.size = head.size;
  record.details_json.assign(static_cast<const char*>(d.mv_data) + sizeof head,
                             d.mv_size - sizeof head);
  return record;
}

Status ReadHistory(const DetectionTables& tables, MDB_txn* txn, std::uint64_t version,
                   std::vector<HistoryEvent>* out) {
  out->clear();
  RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor, LmdbCursor::Open(txn, tables.cluster_history));
  VersionKey prefix(version, 0, 8);
  MDB_val k = prefix.val(), d;
  int rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_SET_RANGE);
  while (rc == MDB_SUCCESS && GetBigEndian(static_cast<unsigned char*>(k.mv_data), 8) == version) {
    out->push_back({std::string(ToView(d))});
    rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_NEXT);
  }
  if (rc != MDB_SUCCESS && rc != MDB_NOTFOUND) return LmdbStatus(rc, "read history");
  return Status::Ok();
}

// Deletes every entry of `version`, in the clustering's write transaction.
Status DeleteVersion(const DetectionTables& tables, MDB_txn* txn, std::uint64_t version) {
  std::uint64_t v = version;
  MDB_val key{sizeof v, &v};
  int rc = mdb_del(txn, tables.clusterings, &key, nullptr);
  if (rc != MDB_SUCCESS && rc != MDB_NOTFOUND) return LmdbStatus(rc, "delete clustering header");
  for (MDB_dbi dbi :
       {tables.memberships, tables.clusters, tables.cluster_members, tables.cluster_history}) {
    RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor, LmdbCursor::Open(txn, dbi));
    VersionKey prefix(version, 0, 0);
    MDB_val k = prefix.val(), d;
    rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_SET_RANGE);
    while (rc == MDB_SUCCESS && k.mv_size >= 8 &&
           GetBigEndian(static_cast<unsigned char*>(k.mv_data), 8) == version) {
      rc = mdb_cursor_del(cursor.get(), dbi == tables.cluster_members ? MDB_NODUPDATA : 0);
      if (rc != MDB_SUCCESS) return LmdbStatus(rc, "delete old clustering");
      rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_GET_CURRENT);
      if (rc == MDB_NOTFOUND || rc == EINVAL)
        rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_SET_RANGE);
    }
    if (rc != MDB_SUCCESS && rc != MDB_NOTFOUND) return LmdbStatus(rc, "delete old clustering");
  }
  return Status::Ok();
}

}  // namespace

Status ClusteringStore::Write(ClusteringVersion& clustering, std::uint32_t keep_versions) {
  return WriteVersion(clustering, keep_versions, /*exact_version=*/0);
}

Status ClusteringStore::Install(const ClusteringVersion& clustering, std::uint32_t keep_versions) {
  if (clustering.version == 0) {
    return Status::InvalidArgument("a clustering to install needs its version number");
  }
  ClusteringVersion copy = clustering;
  return WriteVersion(copy, keep_versions, clustering.version);
}

Status ClusteringStore::WriteVersion(ClusteringVersion& clustering, std::uint32_t keep_versions,
                                     std::uint64_t exact_version) {
  if (clustering.members.size() != clustering.clusters.size()) {
    return Status::InvalidArgument("clustering has members for " +
                                   std::to_string(clustering.members.size()) + " clusters but " +
                                   std::to_string(clustering.clusters.size()) + " clusters");
  }
  keep_versions = std::max<std::uint32_t>(keep_versions, 1);
  return StoreAccess::RunWriteTxn(
      store_, "write clustering to '" + store_.dir() + "'", [&](WriteTxn& write) -> Status {
        MDB_txn* t = write.txn;
        // The next version number follows the newest one.
        std::uint64_t latest = 0;
        {
          RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor, LmdbCursor::Open(t, tables_.clusterings));
          MDB_val k, d;
          if (mdb_cursor_get(cursor.get(), &k, &d, MDB_LAST) == MDB_SUCCESS) {
            std::memcpy(&latest, k.mv_data, sizeof latest);
          }
        }
        // An installed version replaces every local one numbered at or above it, so that it is
        // the latest (and the header can still be appended).
        if (exact_version != 0) {
          for (std::uint64_t newer = exact_version; newer <= latest; ++newer) {
            RINGGRAPH_RETURN_IF_ERROR(DeleteVersion(tables_, t, newer));
          }
        }
        const std::uint64_t version = exact_version != 0 ? exact_version : latest + 1;
        clustering.version = version;
        HeaderValue header{clustering.computed_at, clustering.clusters.size(), 0, 0,
                           clustering.next_cluster_id};
        for (std::size_t i = 0; i < clustering.clusters.size(); ++i) {
          const ClusterRecord& c = clustering.clusters[i];
          header.flagged += c.flagged ? 1 : 0;
          header.accounts += clustering.members[i].size();
          std::string value(sizeof(ClusterValueHead), '\0');
          ClusterValueHead head{c.ring_score, static_cast<std::uint8_t>(c.flagged ? 1 : 0),
                                static_cast<std::uint32_t>(clustering.members[i].size())};
          std::memcpy(value.data(), &head, sizeof head);
          value += c.details_json;
          VersionKey key(version, c.id, 8);
          MDB_val k = key.val(), d = ToVal(value);
          int rc = mdb_put(t, tables_.clusters, &k, &d, 0);
          if (rc != MDB_SUCCESS) return write.Fail(rc, "write cluster");
          for (std::size_t m = 0; m < clustering.members[i].size(); ++m) {
            const AccountId account = clustering.members[i][m];
            const bool member_flagged = clustering.member_flagged.empty()
                                            ? c.flagged
                                            : c.flagged && clustering.member_flagged[i][m];
            AccountId account_copy = account;
            MDB_val mk = key.val(), md{sizeof account_copy, &account_copy};
            rc = mdb_put(t, tables_.cluster_members, &mk, &md, 0);
            if (rc != MDB_SUCCESS) return write.Fail(rc, "write cluster member");
            VersionKey member_key(version, account, 4);
            MembershipValue membership{c.id, static_cast<float>(c.ring_score),
                                       static_cast<std::uint8_t>(member_flagged ? 1 : 0)};
            MDB_val k2 = member_key.val(), d2{sizeof membership, &membership};
            rc = mdb_put(t, tables_.memberships, &k2, &d2, 0);
            if (rc != MDB_SUCCESS) return write.Fail(rc, "write membership");
          }
        }
        for (std::size_t i = 0; i < clustering.history.size(); ++i) {
          VersionKey key(version, i, 8);
          MDB_val k = key.val(), d = ToVal(clustering.history[i].json);
          int rc = mdb_put(t, tables_.cluster_history, &k, &d, 0);
          if (rc != MDB_SUCCESS) return write.Fail(rc, "write history");
        }
        std::uint64_t v = version;
        MDB_val hk{sizeof v, &v}, hd{sizeof header, &header};
        int rc = mdb_put(t, tables_.clusterings, &hk, &hd, MDB_APPEND);
        if (rc != MDB_SUCCESS) return write.Fail(rc, "write clustering header");
        if (version > keep_versions) {
          // Versions below the oldest one this store holds are gone already.
          std::uint64_t oldest = version;
          {
            RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor, LmdbCursor::Open(t, tables_.clusterings));
            MDB_val k, d;
            if (mdb_cursor_get(cursor.get(), &k, &d, MDB_FIRST) == MDB_SUCCESS) {
              std::memcpy(&oldest, k.mv_data, sizeof oldest);
            }
          }
          for (std::uint64_t old = oldest; old + keep_versions <= version; ++old) {
            Status s = DeleteVersion(tables_, t, old);
            if (!s.ok()) return s;
          }
        }
        return realtime_flags_.Reconcile(write, clustering.computed_at);
      });
}

Result<ClusteringVersion> ClusteringStore::Read(std::uint64_t version) const {
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  MDB_txn* txn = StoreAccess::Txn(*snapshot);
  ClusteringVersion out;
  out.version = version;
  {
    std::uint64_t v = version;
    MDB_val k{sizeof v, &v}, d;
    const int rc = mdb_get(txn, tables_.clusterings, &k, &d);
    if (rc == MDB_NOTFOUND) {
      return Status::NotFound("clustering version " + std::to_string(version) +
                              " is not kept in '" + store_.dir() + "'");
    }
    if (rc != MDB_SUCCESS) return LmdbStatus(rc, "read clustering header");
    if (d.mv_size != sizeof(HeaderValue)) return Status::Corruption("bad clustering header");
    const ClusteringHeader header = DecodeHeader(version, d);
    out.computed_at = header.computed_at;
    out.next_cluster_id = header.next_cluster_id;
  }
  RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor clusters, LmdbCursor::Open(txn, tables_.clusters));
  RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor members, LmdbCursor::Open(txn, tables_.cluster_members));
  VersionKey prefix(version, 0, 8);
  MDB_val k = prefix.val(), d;
  int rc = mdb_cursor_get(clusters.get(), &k, &d, MDB_SET_RANGE);
  while (rc == MDB_SUCCESS && k.mv_size == 16 &&
         GetBigEndian(static_cast<unsigned char*>(k.mv_data), 8) == version) {
    if (d.mv_size < sizeof(ClusterValueHead)) return Status::Corruption("bad cluster record");
    const ClusterId id = GetBigEndian(static_cast<unsigned char*>(k.mv_data) + 8, 8);
    out.clusters.push_back(DecodeCluster(id, d));
    std::vector<AccountId>& ids = out.members.emplace_back();
    std::vector<bool>& flags = out.member_flagged.emplace_back();
    VersionKey key(version, id, 8);
    MDB_val mk = key.val(), md;
    int mrc = mdb_cursor_get(members.get(), &mk, &md, MDB_SET_KEY);
    if (mrc == MDB_SUCCESS) mrc = mdb_cursor_get(members.get(), &mk, &md, MDB_GET_MULTIPLE);
    while (mrc == MDB_SUCCESS) {
      const std::size_t n = md.mv_size / sizeof(AccountId), old = ids.size();
      ids.resize(old + n);
      std::memcpy(ids.data() + old, md.mv_data, n * sizeof(AccountId));
      mrc = mdb_cursor_get(members.get(), &mk, &md, MDB_NEXT_MULTIPLE);
    }
    if (mrc != MDB_NOTFOUND) return LmdbStatus(mrc, "read cluster members");
    for (AccountId account : ids) {
      VersionKey member_key(version, account, 4);
      MDB_val k2 = member_key.val(), d2;
      const int grc = mdb_get(txn, tables_.memberships, &k2, &d2);
      if (grc != MDB_SUCCESS && grc != MDB_NOTFOUND) return LmdbStatus(grc, "read membership");
      bool flagged = out.clusters.back().flagged;
      if (grc == MDB_SUCCESS && d2.mv_size >= sizeof(MembershipValue)) {
        MembershipValue m;
        std::memcpy(&m, d2.mv_data, sizeof m);
        flagged = m.flagged != 0;
      }
      flags.push_back(flagged);
    }
    rc = mdb_cursor_get(clusters.get(), &k, &d, MDB_NEXT);
  }
  if (rc != MDB_SUCCESS && rc != MDB_NOTFOUND) return LmdbStatus(rc, "scan clusters");
  RINGGRAPH_RETURN_IF_ERROR(ReadHistory(tables_, txn, version, &out.history));
  return out;
}

Status ClusteringStore::LookupMemberships(std::span<const std::string_view> names,
                                          std::vector<MembershipLookup>* out,
                                          ClusteringHeader* latest) const {
  out->assign(names.size(), MembershipLookup{});
  *latest = ClusteringHeader{};
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  MDB_txn* txn = StoreAccess::Txn(*snapshot);
  {
    RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor, LmdbCursor::Open(txn, tables_.clusterings));
    MDB_val k, d;
    int rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_LAST);
    if (rc == MDB_SUCCESS) {
      if (d.mv_size != sizeof(HeaderValue)) return Status::Corruption("bad clustering header");
      std::uint64_t v;
      std::memcpy(&v, k.mv_data, sizeof v);
      *latest = DecodeHeader(v, d);
    } else if (rc != MDB_NOTFOUND) {
      return LmdbStatus(rc, "read the latest clustering");
    }
  }
  const std::uint64_t version = latest->version;
  for (std::size_t i = 0; i < names.size(); ++i) {
    RINGGRAPH_ASSIGN_OR_RETURN(std::optional<AccountId> id, snapshot->FindAccount(names[i]));
    if (!id.has_value()) continue;
    MembershipLookup& answer = (*out)[i];
    answer.known_account = true;
    if (version != 0) {
      VersionKey key(version, *id, 4);
      MDB_val k = key.val(), d;
      int rc = mdb_get(txn, tables_.memberships, &k, &d);
      if (rc == MDB_SUCCESS) {
        MembershipValue m;
        std::memcpy(&m, d.mv_data, sizeof m);
        answer.membership = Membership{m.cluster, m.score, m.flagged != 0};
        if (m.flagged != 0) continue;  // a flag from the clustering needs no overlay
      } else if (rc != MDB_NOTFOUND) {
        return LmdbStatus(rc, "read membership");
      }
    }
    RINGGRAPH_ASSIGN_OR_RETURN(std::optional<RealtimeFlag> flag,
                               realtime_flags_.FlagOf(*snapshot, *id));
    if (!flag.has_value()) continue;
    answer.membership = Membership{flag->cluster, flag->ring_score, true};
    answer.realtime = true;
  }
  return Status::Ok();
}

Result<std::vector<ClusteringHeader>> ClusteringStore::Versions() const {
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  std::vector<ClusteringHeader> out;
  RINGGRAPH_RETURN_IF_ERROR(ScanEntries(StoreAccess::Txn(*snapshot), tables_.clusterings,
                                        "list clusterings",
                                        [&](const MDB_val& k, const MDB_val& d) -> Status {
                                          std::uint64_t version;
                                          std::memcpy(&version, k.mv_data, sizeof version);
                                          if (d.mv_size != sizeof(HeaderValue))
                                            return Status::Corruption("bad clustering header");
                                          out.push_back(DecodeHeader(version, d));
                                          return Status::Ok();
                                        }));
  return out;
}

Result<std::optional<ClusteringHeader>> ClusteringStore::Latest() const {
  RINGGRAPH_ASSIGN_OR_RETURN(std::vector<ClusteringHeader> versions, Versions());
  if (versions.empty()) return std::optional<ClusteringHeader>();
  return std::optional<ClusteringHeader>(versions.back());
}

Result<std::optional<Membership>> ClusteringStore::ClusterOf(std::uint64_t version,
                                                             AccountId account) const {
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  return ClusterOf(*snapshot, version, account);
}

Result<std::optional<Membership>> ClusteringStore::ClusterOf(const StoreSnapshot& snapshot,
                                                             std::uint64_t version,
                                                             AccountId account) const {
  VersionKey key(version, account, 4);
  MDB_val k = key.val(), d;
  int rc = mdb_get(StoreAccess::Txn(snapshot), tables_.memberships, &k, &d);
  if (rc == MDB_NOTFOUND) return std::optional<Membership>();
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "read membership");
  MembershipValue m;
  std::memcpy(&m, d.mv_data, sizeof m);
  return std::optional<Membership>(Membership{m.cluster, m.score, m.flagged != 0});
}

Result<std::optional<ClusterRecord>> ClusteringStore::Cluster(std::uint64_t version,
                                                              ClusterId id) const {
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  VersionKey key(version, id, 8);
  MDB_val k = key.val(), d;
  int rc = mdb_get(StoreAccess::Txn(*snapshot), tables_.clusters, &k, &d);
  if (rc == MDB_NOTFOUND) return std::optional<ClusterRecord>();
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "read cluster");
  if (d.mv_size < sizeof(ClusterValueHead)) return Status::Corruption("bad cluster record");
  return std::optional<ClusterRecord>(DecodeCluster(id, d));
}

Status ClusteringStore::Members(std::uint64_t version, ClusterId id,
                                std::vector<AccountId>* out) const {
  out->clear();
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  RINGGRAPH_ASSIGN_OR_RETURN(
      LmdbCursor cursor, LmdbCursor::Open(StoreAccess::Txn(*snapshot), tables_.cluster_members));
  VersionKey key(version, id, 8);
  MDB_val k = key.val(), d;
  int rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_SET_KEY);
  if (rc == MDB_NOTFOUND) return Status::Ok();
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "read cluster members");
  rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_GET_MULTIPLE);
  while (rc == MDB_SUCCESS) {
    std::size_t n = d.mv_size / sizeof(AccountId), old = out->size();
    out->resize(old + n);
    std::memcpy(out->data() + old, d.mv_data, n * sizeof(AccountId));
    rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_NEXT_MULTIPLE);
  }
  if (rc != MDB_NOTFOUND) return LmdbStatus(rc, "read cluster members");
  return Status::Ok();
}

Status ClusteringStore::ForEachCluster(
    std::uint64_t version, const std::function<Status(const ClusterRecord&)>& fn) const {
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor,
                             LmdbCursor::Open(StoreAccess::Txn(*snapshot), tables_.clusters));
  VersionKey prefix(version, 0, 8);
  MDB_val k = prefix.val(), d;
  int rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_SET_RANGE);
  while (rc == MDB_SUCCESS && k.mv_size == 16 &&
         GetBigEndian(static_cast<unsigned char*>(k.mv_data), 8) == version) {
    if (d.mv_size < sizeof(ClusterValueHead)) return Status::Corruption("bad cluster record");
    RINGGRAPH_RETURN_IF_ERROR(
        fn(DecodeCluster(GetBigEndian(static_cast<unsigned char*>(k.mv_data) + 8, 8), d)));
    rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_NEXT);
  }
  if (rc != MDB_SUCCESS && rc != MDB_NOTFOUND) return LmdbStatus(rc, "scan clusters");
  return Status::Ok();
}

Status ClusteringStore::History(std::uint64_t version, std::vector<HistoryEvent>* out) const {
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  return ReadHistory(tables_, StoreAccess::Txn(*snapshot), version, out);
}

}  // namespace ringgraph::store
