// Clustering versions, history and labels in LMDB. See clustering_store.h.
#include "graph/store/clustering_store.h"

#include <cstring>
#include <nlohmann/json.hpp>

#include "graph/store/store_layout.h"

namespace ringgraph::store {
namespace {

using layout::ClusterValueHead;
using layout::GetBigEndian;
using layout::HeaderValue;
using layout::LabelHead;
using layout::MembershipValue;
using layout::RealtimeValue;
using layout::VersionKey;

ClusteringHeader DecodeHeader(std::uint64_t version, const MDB_val& d) {
  HeaderValue h;
  std::memcpy(&h, d.mv_data, sizeof h);
  return ClusteringHeader{version,   h.computed_at, h.clusters,
                          h.flagged, h.accounts,    h.next_cluster_id};
}

}  // namespace

Result<std::unique_ptr<ClusteringStore>> ClusteringStore::Open(AccountStore& store) {
  std::unique_ptr<ClusteringStore> out(new ClusteringStore(store));
  const bool read_only = store.options_.read_only;
  const std::string where = "open clusterings in '" + store.dir() + "'";
  struct Spec {
    const char* name;
    unsigned flags;
    MDB_dbi* dbi;
  };
  const Spec specs[] = {
      {"clusterings", MDB_INTEGERKEY, &out->clusterings_},
      {"memberships", 0, &out->memberships_},
      {"clusters", 0, &out->clusters_},
      {"cluster_members", MDB_DUPSORT | MDB_DUPFIXED | MDB_INTEGERDUP, &out->cluster_members_},
      {"cluster_history", 0, &out->cluster_history_},
      {"labels", 0, &out->labels_},
  };
  auto open_all = [&](MDB_txn* txn, unsigned create) -> Status {
    for (const Spec& spec : specs) {
      int rc = mdb_dbi_open(txn, spec.name, spec.flags | create, spec.dbi);
      if (rc != MDB_SUCCESS) return LmdbStatus(rc, where + ": database " + spec.name);
    }
    // Added after the first release: a read-only open of an older store has none, which reads
    // as no real-time flags.
    int rc = mdb_dbi_open(txn, "realtime_flags", MDB_INTEGERKEY | create, &out->realtime_flags_);
    if (rc == MDB_NOTFOUND && create == 0) {
      out->has_realtime_flags_ = false;
    } else if (rc != MDB_SUCCESS) {
      return LmdbStatus(rc, where + ": database realtime_flags");
    }
    rc = mdb_dbi_open(txn, "watchlist", create, &out->watchlist_);
    if (rc == MDB_NOTFOUND && create == 0) {
      out->has_watchlist_ = false;
    } else if (rc != MDB_SUCCESS) {
      return LmdbStatus(rc, where + ": database watchlist");
    }
    return Status::Ok();
  };
  if (read_only) {
    std::shared_lock<std::shared_mutex> lock(store.map_mutex_);
    RINGGRAPH_ASSIGN_OR_RETURN(LmdbTxn txn, LmdbTxn::Begin(store.env_, MDB_RDONLY, where));
    Status s = open_all(txn.get(), 0);
    if (s.code() == Status::Code::kNotFound) {
      return Status::FailedPrecondition("no detection has run on '" + store.dir() +
                                        "' yet; run 'ringctl detect'");
    }
    RINGGRAPH_RETURN_IF_ERROR(s);
    RINGGRAPH_RETURN_IF_ERROR(txn.Commit(where));  // commit keeps the handles open
  } else {
    RINGGRAPH_RETURN_IF_ERROR(store.RunWriteTxn(
        where, [&](AccountStore::WriteTxn& write) { return open_all(write.txn, MDB_CREATE); }));
  }
  return out;
}

Status ClusteringStore::DeleteVersion(MDB_txn* txn, std::uint64_t version) {
  std::uint64_t v = version;
  MDB_val key{sizeof v, &v};
  int rc = mdb_del(txn, clusterings_, &key, nullptr);
  if (rc != MDB_SUCCESS && rc != MDB_NOTFOUND) return LmdbStatus(rc, "delete clustering header");
  for (MDB_dbi dbi : {memberships_, clusters_, cluster_members_, cluster_history_}) {
    RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor, LmdbCursor::Open(txn, dbi));
    VersionKey prefix(version, 0, 0);
    MDB_val k = prefix.val(), d;
    rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_SET_RANGE);
    while (rc == MDB_SUCCESS && k.mv_size >= 8 &&
           GetBigEndian(static_cast<unsigned char*>(k.mv_data), 8) == version) {
      rc = mdb_cursor_del(cursor.get(), dbi == cluster_members_ ? MDB_NODUPDATA : 0);
      if (rc != MDB_SUCCESS) return LmdbStatus(rc, "delete old clustering");
      rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_GET_CURRENT);
      if (rc == MDB_NOTFOUND || rc == EINVAL)
        rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_SET_RANGE);
    }
    if (rc != MDB_SUCCESS && rc != MDB_NOTFOUND) return LmdbStatus(rc, "delete old clustering");
  }
  return Status::Ok();
}

Status ClusteringStore::Write(ClusteringVersion& clustering, std::uint32_t keep_versions) {
  if (clustering.members.size() != clustering.clusters.size()) {
    return Status::InvalidArgument("clustering has members for " +
                                   std::to_string(clustering.members.size()) + " clusters but " +
                                   std::to_string(clustering.clusters.size()) + " clusters");
  }
  keep_versions = std::max<std::uint32_t>(keep_versions, 1);
  return store_.RunWriteTxn(
      "write clustering to '" + store_.dir() + "'", [&](AccountStore::WriteTxn& write) -> Status {
        MDB_txn* t = write.txn;
        // The next version number follows the newest one.
        std::uint64_t latest = 0;
        {
          RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor, LmdbCursor::Open(t, clusterings_));
          MDB_val k, d;
          if (mdb_cursor_get(cursor.get(), &k, &d, MDB_LAST) == MDB_SUCCESS) {
            std::memcpy(&latest, k.mv_data, sizeof latest);
          }
        }
        const std::uint64_t version = latest + 1;
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
          int rc = mdb_put(t, clusters_, &k, &d, 0);
          if (rc != MDB_SUCCESS) return write.Fail(rc, "write cluster");
          for (std::size_t m = 0; m < clustering.members[i].size(); ++m) {
            const AccountId account = clustering.members[i][m];
            const bool member_flagged = clustering.member_flagged.empty()
                                            ? c.flagged
                                            : c.flagged && clustering.member_flagged[i][m];
            AccountId account_copy = account;
            MDB_val mk = key.val(), md{sizeof account_copy, &account_copy};
            rc = mdb_put(t, cluster_members_, &mk, &md, 0);
            if (rc != MDB_SUCCESS) return write.Fail(rc, "write cluster member");
            VersionKey member_key(version, account, 4);
            MembershipValue membership{c.id, static_cast<float>(c.ring_score),
                                       static_cast<std::uint8_t>(member_flagged ? 1 : 0)};
            MDB_val k2 = member_key.val(), d2{sizeof membership, &membership};
            rc = mdb_put(t, memberships_, &k2, &d2, 0);
            if (rc != MDB_SUCCESS) return write.Fail(rc, "write membership");
          }
        }
        for (std::size_t i = 0; i < clustering.history.size(); ++i) {
          VersionKey key(version, i, 8);
          MDB_val k = key.val(), d = ToVal(clustering.history[i].json);
          int rc = mdb_put(t, cluster_history_, &k, &d, 0);
          if (rc != MDB_SUCCESS) return write.Fail(rc, "write history");
        }
        std::uint64_t v = version;
        MDB_val hk{sizeof v, &v}, hd{sizeof header, &header};
        int rc = mdb_put(t, clusterings_, &hk, &hd, MDB_APPEND);
        if (rc != MDB_SUCCESS) return write.Fail(rc, "write clustering header");
        if (version > keep_versions) {
          for (std::uint64_t old = 1; old + keep_versions <= version; ++old) {
            Status s = DeleteVersion(t, old);
            if (!s.ok()) return s;
          }
        }
        return ReconcileRealtimeFlags(write, clustering.computed_at);
      });
}

Status ClusteringStore::ReconcileRealtimeFlags(AccountStore::WriteTxn& write,
                                               UnixSeconds snapshot_at) {
  RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor, LmdbCursor::Open(write.txn, realtime_flags_));
  MDB_val k, d;
  int rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_FIRST);
  while (rc == MDB_SUCCESS) {
    RealtimeValue value;
    std::memcpy(&value, d.mv_data, std::min(sizeof value, d.mv_size));
    if (d.mv_size != sizeof value || value.at < snapshot_at) {
      rc = mdb_cursor_del(cursor.get(), 0);
      if (rc != MDB_SUCCESS) return write.Fail(rc, "reconcile real-time flags");
      rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_GET_CURRENT);
      if (rc == EINVAL) rc = MDB_NOTFOUND;  // deleted the last entry
      continue;
    }
    rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_NEXT);
  }
  if (rc != MDB_NOTFOUND) return write.Fail(rc, "reconcile real-time flags");
  return Status::Ok();
}

Status ClusteringStore::LookupMemberships(std::span<const std::string_view> names,
                                          std::vector<MembershipLookup>* out,
                                          ClusteringHeader* latest) const {
  out->assign(names.size(), MembershipLookup{});
  *latest = ClusteringHeader{};
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  MDB_txn* txn = snapshot->txn_.get();
  {
    RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor, LmdbCursor::Open(txn, clusterings_));
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
      int rc = mdb_get(txn, memberships_, &k, &d);
      if (rc == MDB_SUCCESS) {
        MembershipValue m;
        std::memcpy(&m, d.mv_data, sizeof m);
        answer.membership = Membership{m.cluster, m.score, m.flagged != 0};
        if (m.flagged != 0) continue;  // a flag from the clustering needs no overlay
      } else if (rc != MDB_NOTFOUND) {
        return LmdbStatus(rc, "read membership");
      }
    }
    if (!has_realtime_flags_) continue;
    AccountId account = *id;
    MDB_val k{sizeof account, &account}, d;
    int rc = mdb_get(txn, realtime_flags_, &k, &d);
    if (rc == MDB_NOTFOUND) continue;
    if (rc != MDB_SUCCESS) return LmdbStatus(rc, "read real-time flag");
    if (d.mv_size != sizeof(RealtimeValue)) return Status::Corruption("bad real-time flag");
    RealtimeValue value;
    std::memcpy(&value, d.mv_data, sizeof value);
    answer.membership = Membership{value.cluster, value.score, true};
    answer.realtime = true;
  }
  return Status::Ok();
}

namespace {

std::string EncodeIndicator(const PartnerIndicator& indicator) {
  nlohmann::json j;
  j["id"] = indicator.id;
  j["modified"] = indicator.modified;
  j["partner"] = indicator.partner;
  j["confidence"] = indicator.confidence;
  j["valid_from"] = indicator.valid_from;
  j["valid_until"] = indicator.valid_until;
  j["key_id"] = indicator.key_id;
  nlohmann::json values = nlohmann::json::array();
  for (const auto& [kind, hash] : indicator.values) {
    values.push_back({{"kind", kind}, {"hash", HashToHex(hash)}});
  }
  j["values"] = values;
  return j.dump();
}

Result<PartnerIndicator> DecodeIndicator(std::string_view text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return Status::Corruption("bad watchlist entry");
  PartnerIndicator indicator;
  indicator.id = j.value("id", "");
  indicator.modified = j.value("modified", "");
  indicator.partner = j.value("partner", "");
  indicator.confidence = j.value("confidence", 0);
  indicator.valid_from = j.value("valid_from", std::int64_t{0});
  indicator.valid_until = j.value("valid_until", std::int64_t{0});
  indicator.key_id = j.value("key_id", "");
  for (const auto& v : j.value("values", nlohmann::json::array())) {
    ValueHash hash{};
    const std::string hex = v.value("hash", "");
    for (std::size_t i = 0; i < hash.size() && 2 * i + 1 < hex.size(); ++i) {
      hash[i] = static_cast<std::uint8_t>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
    }
    indicator.values.emplace_back(static_cast<KindCode>(v.value("kind", 0)), hash);
  }
  return indicator;
}

}  // namespace

Status ClusteringStore::PutIndicators(std::span<const PartnerIndicator> indicators,
                                      std::size_t* changed) {
  *changed = 0;
  if (indicators.empty()) return Status::Ok();
  return store_.RunWriteTxn(
      "write partner indicators to '" + store_.dir() + "'",
      [&](AccountStore::WriteTxn& write) -> Status {
        *changed = 0;
        for (const PartnerIndicator& indicator : indicators) {
          MDB_val k = ToVal(indicator.id), d;
          int rc = mdb_get(write.txn, watchlist_, &k, &d);
          if (rc == MDB_SUCCESS) {
            RINGGRAPH_ASSIGN_OR_RETURN(
                PartnerIndicator old,
                DecodeIndicator(std::string_view(static_cast<const char*>(d.mv_data), d.mv_size)));
            if (old.modified == indicator.modified) continue;  // the same bundle again
          } else if (rc != MDB_NOTFOUND) {
            return write.Fail(rc, "read partner indicator");
          }
          const std::string value = EncodeIndicator(indicator);
          MDB_val dv = ToVal(value);
          rc = mdb_put(write.txn, watchlist_, &k, &dv, 0);
          if (rc != MDB_SUCCESS) return write.Fail(rc, "write partner indicator");
          ++*changed;
        }
        return Status::Ok();
      });
}

Status ClusteringStore::ForEachIndicator(
    const std::function<Status(const PartnerIndicator&)>& fn) const {
  if (!has_watchlist_) return Status::Ok();
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor, LmdbCursor::Open(snapshot->txn_.get(), watchlist_));
  MDB_val k, d;
  int rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_FIRST);
  while (rc == MDB_SUCCESS) {
    RINGGRAPH_ASSIGN_OR_RETURN(
        PartnerIndicator indicator,
        DecodeIndicator(std::string_view(static_cast<const char*>(d.mv_data), d.mv_size)));
    RINGGRAPH_RETURN_IF_ERROR(fn(indicator));
    rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_NEXT);
  }
  if (rc != MDB_NOTFOUND) return LmdbStatus(rc, "list partner indicators");
  return Status::Ok();
}

Status ClusteringStore::PutRealtimeFlags(std::span<const RealtimeFlag> flags) {
  if (flags.empty()) return Status::Ok();
  return store_.RunWriteTxn("write real-time flags to '" + store_.dir() + "'",
                            [&](AccountStore::WriteTxn& write) -> Status {
                              for (const RealtimeFlag& flag : flags) {
                                RealtimeValue value{flag.cluster, flag.ring_score, flag.link_weight,
                                                    flag.based_on_version, flag.at};
                                AccountId account = flag.account;
                                MDB_val k{sizeof account, &account}, d{sizeof value, &value};
                                int rc = mdb_put(write.txn, realtime_flags_, &k, &d, 0);
                                if (rc != MDB_SUCCESS)
                                  return write.Fail(rc, "write real-time flag");
                              }
                              return Status::Ok();
                            });
}

Status ClusteringStore::ForEachRealtimeFlag(
    const std::function<Status(const RealtimeFlag&)>& fn) const {
  if (!has_realtime_flags_) return Status::Ok();
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor,
                             LmdbCursor::Open(snapshot->txn_.get(), realtime_flags_));
  MDB_val k, d;
  int rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_FIRST);
  while (rc == MDB_SUCCESS) {
    if (d.mv_size != sizeof(RealtimeValue) || k.mv_size != sizeof(AccountId)) {
      return Status::Corruption("bad real-time flag");
    }
    RealtimeValue value;
    std::memcpy(&value, d.mv_data, sizeof value);
    RealtimeFlag flag;
    std::memcpy(&flag.account, k.mv_data, sizeof flag.account);
    flag.cluster = value.cluster;
    flag.ring_score = value.score;
    flag.link_weight = value.link_weight;
    flag.based_on_version = value.based_on_version;
    flag.at = value.at;
    RINGGRAPH_RETURN_IF_ERROR(fn(flag));
    rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_NEXT);
  }
  if (rc != MDB_NOTFOUND) return LmdbStatus(rc, "list real-time flags");
  return Status::Ok();
}

Result<std::vector<ClusteringHeader>> ClusteringStore::Versions() const {
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor,
                             LmdbCursor::Open(snapshot->txn_.get(), clusterings_));
  std::vector<ClusteringHeader> out;
  MDB_val k, d;
  int rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_FIRST);
  while (rc == MDB_SUCCESS) {
    std::uint64_t version;
    std::memcpy(&version, k.mv_data, sizeof version);
    if (d.mv_size != sizeof(HeaderValue)) return Status::Corruption("bad clustering header");
    out.push_back(DecodeHeader(version, d));
    rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_NEXT);
  }
  if (rc != MDB_NOTFOUND) return LmdbStatus(rc, "list clusterings");
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
  int rc = mdb_get(snapshot.txn_.get(), memberships_, &k, &d);
  if (rc == MDB_NOTFOUND) return std::optional<Membership>();
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "read membership");
  MembershipValue m;
  std::memcpy(&m, d.mv_data, sizeof m);
  return std::optional<Membership>(Membership{m.cluster, m.score, m.flagged != 0});
}

namespace {
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
}  // namespace

Result<std::optional<ClusterRecord>> ClusteringStore::Cluster(std::uint64_t version,
                                                              ClusterId id) const {
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  VersionKey key(version, id, 8);
  MDB_val k = key.val(), d;
  int rc = mdb_get(snapshot->txn_.get(), clusters_, &k, &d);
  if (rc == MDB_NOTFOUND) return std::optional<ClusterRecord>();
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "read cluster");
  if (d.mv_size < sizeof(ClusterValueHead)) return Status::Corruption("bad cluster record");
  return std::optional<ClusterRecord>(DecodeCluster(id, d));
}

Status ClusteringStore::Members(std::uint64_t version, ClusterId id,
                                std::vector<AccountId>* out) const {
  out->clear();
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor,
                             LmdbCursor::Open(snapshot->txn_.get(), cluster_members_));
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
  RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor, LmdbCursor::Open(snapshot->txn_.get(), clusters_));
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
  out->clear();
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor,
                             LmdbCursor::Open(snapshot->txn_.get(), cluster_history_));
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

namespace {
// How a label is named in errors: "label" alone, "label N" among several.
std::string LabelPosition(std::span<const Label> labels, std::size_t i) {
  return labels.size() == 1 ? std::string("label") : "label " + std::to_string(i + 1);
}
}  // namespace

Status ValidateLabels(std::span<const Label> labels) {
  auto where = [&](std::size_t i) { return LabelPosition(labels, i); };
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const Label& label = labels[i];
    if (label.verdict != "ring" && label.verdict != "benign") {
      return Status::InvalidArgument(where(i) + ": verdict '" + label.verdict +
                                     "' must be ring or benign");
    }
    if (label.note.size() > kMaxLabelNoteBytes) {
      return Status::InvalidArgument(where(i) + ": note is longer than " +
                                     std::to_string(kMaxLabelNoteBytes) + " bytes");
    }
    if (label.target.rfind("cluster:", 0) == 0) {
      const std::string id = label.target.substr(8);
      if (id.empty() || id.size() > 19 || id.find_first_not_of("0123456789") != std::string::npos) {
        return Status::InvalidArgument(where(i) +
                                       ": a cluster target is 'cluster:' followed by a number");
      }
    } else if (label.target.rfind("account:", 0) != 0 || label.target.size() == 8) {
      return Status::InvalidArgument(where(i) +
                                     ": the target must be 'account:NAME' or 'cluster:ID'");
    }
  }
  return Status::Ok();
}

Status ClusteringStore::PutLabels(std::span<const Label> labels) {
  RINGGRAPH_RETURN_IF_ERROR(ValidateLabels(labels));
  auto where = [&](std::size_t i) { return LabelPosition(labels, i); };
  return store_.RunWriteTxn(
      "store " + std::to_string(labels.size()) + " label(s)",
      [&](AccountStore::WriteTxn& write) -> Status {
        for (std::size_t i = 0; i < labels.size(); ++i) {
          const Label& label = labels[i];
          if (label.target.rfind("account:", 0) == 0) {
            MDB_val name = ToVal(std::string_view(label.target).substr(8)), id;
            int rc = mdb_get(write.txn, store_.dbi_.account_ids, &name, &id);
            if (rc == MDB_NOTFOUND) {
              return Status::NotFound(where(i) + ": account '" + label.target.substr(8) +
                                      "' is not in the store");
            }
            if (rc != MDB_SUCCESS) return write.Fail(rc, "look up labelled account");
          }
          std::string value(sizeof(LabelHead), '\0');
          LabelHead head{label.at, static_cast<std::uint32_t>(label.verdict.size())};
          std::memcpy(value.data(), &head, sizeof head);
          value += label.verdict;
          value += label.note;
          MDB_val k = ToVal(label.target), d = ToVal(value);
          int rc = mdb_put(write.txn, labels_, &k, &d, 0);
          if (rc != MDB_SUCCESS) return write.Fail(rc, "write label");
        }
        return Status::Ok();
      });
}

namespace {
Result<Label> DecodeLabel(const MDB_val& k, const MDB_val& d) {
  if (d.mv_size < sizeof(LabelHead)) return Status::Corruption("bad label record");
  LabelHead head;
  std::memcpy(&head, d.mv_data, sizeof head);
  if (sizeof head + head.verdict_size > d.mv_size) return Status::Corruption("bad label record");
  const char* body = static_cast<const char*>(d.mv_data) + sizeof head;
  Label label;
  label.target = std::string(ToView(k));
  label.at = head.at;
  label.verdict.assign(body, head.verdict_size);
  label.note.assign(body + head.verdict_size, d.mv_size - sizeof head - head.verdict_size);
  return label;
}
}  // namespace

Result<std::optional<Label>> ClusteringStore::GetLabel(const std::string& target) const {
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  MDB_val k = ToVal(target), d;
  int rc = mdb_get(snapshot->txn_.get(), labels_, &k, &d);
  if (rc == MDB_NOTFOUND) return std::optional<Label>();
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "read label");
  RINGGRAPH_ASSIGN_OR_RETURN(Label label, DecodeLabel(k, d));
  return std::optional<Label>(std::move(label));
}

Status ClusteringStore::ForEachLabel(const std::function<Status(const Label&)>& fn) const {
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor cursor, LmdbCursor::Open(snapshot->txn_.get(), labels_));
  MDB_val k, d;
  int rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_FIRST);
  while (rc == MDB_SUCCESS) {
    RINGGRAPH_ASSIGN_OR_RETURN(Label label, DecodeLabel(k, d));
    RINGGRAPH_RETURN_IF_ERROR(fn(label));
    rc = mdb_cursor_get(cursor.get(), &k, &d, MDB_NEXT);
  }
  if (rc != MDB_NOTFOUND) return LmdbStatus(rc, "scan labels");
  return Status::Ok();
}

}  // namespace ringgraph::store
