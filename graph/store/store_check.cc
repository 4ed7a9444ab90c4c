// The store consistency check. See store_check.h for what each phase compares.
#include "graph/store/store_check.h"

#include <cstring>
#include <set>
#include <string_view>
#include <utility>

#include "graph/store/store_layout.h"
#include "graph/store/store_tables.h"

namespace ringgraph::store {
namespace {

std::string Num(std::uint64_t n) { return std::to_string(n); }

Status ForEachEntry(MDB_txn* txn, MDB_dbi dbi, std::string_view table,
                    const std::function<Status(const MDB_val&, const MDB_val&)>& fn) {
  return ScanEntries(txn, dbi, "check: scan " + std::string(table), fn);
}

std::uint64_t Entries(MDB_txn* txn, MDB_dbi dbi) {
  MDB_stat st;
  if (mdb_stat(txn, dbi, &st) != MDB_SUCCESS) return 0;
  return st.ms_entries;
}

template <typename T>
T Load(const MDB_val& v) {
  T value;
  std::memcpy(&value, v.mv_data, sizeof value);
  return value;
}

// A point lookup: true when found (with *data set), false when not; an error otherwise.
Result<bool> Lookup(MDB_txn* txn, MDB_dbi dbi, MDB_val key, MDB_val* data, std::string_view what) {
  int rc = mdb_get(txn, dbi, &key, data);
  if (rc == MDB_NOTFOUND) return false;
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "check: " + std::string(what));
  return true;
}

// Whether the DUPSORT database under `cursor` holds the pair (key, data).
Result<bool> HasPair(MDB_cursor* cursor, MDB_val key, MDB_val data, std::string_view what) {
  int rc = mdb_cursor_get(cursor, &key, &data, MDB_GET_BOTH);
  if (rc == MDB_NOTFOUND) return false;
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "check: " + std::string(what));
  return true;
}

std::uint64_t VersionOf(const MDB_val& key) {
  return layout::GetBigEndian(static_cast<const unsigned char*>(key.mv_data), 8);
}
std::uint64_t IdAfterVersion(const MDB_val& key) {
  return layout::GetBigEndian(static_cast<const unsigned char*>(key.mv_data) + 8,
                              static_cast<int>(key.mv_size) - 8);
}

}  // namespace

StoreChecker::StoreChecker(const AccountStore& store, const DetectionStore* detection)
    : store_(store), detection_(detection) {}

void StoreChecker::Problem(std::string text) {
  if (report_.problems.size() < StoreCheckReport::kMaxListedProblems) {
    report_.problems.push_back(std::move(text));
  } else {
    ++report_.unlisted_problems;
  }
}

Result<StoreCheckReport> StoreChecker::Run() {
  report_ = StoreCheckReport{};
  RINGGRAPH_ASSIGN_OR_RETURN(std::unique_ptr<StoreSnapshot> snapshot, store_.Snapshot());
  snapshot_ = snapshot.get();
  Status s = CheckStaged();
  if (s.ok()) s = CheckAccounts();
  if (s.ok()) s = CheckSignals();
  if (s.ok()) s = CheckAdjacency();
  if (s.ok()) s = CheckTotals();
  if (s.ok()) s = CheckSharedHashes();
  if (s.ok() && detection_ != nullptr) s = CheckClusterings();
  if (s.ok() && detection_ != nullptr) s = CheckLabelsAndFlags();
  snapshot_ = nullptr;
  if (!s.ok()) return s.WithContext("check the store in '" + store_.dir() + "'");
  return report_;
}

// staged_observations: whole observations naming stored accounts and values, as many as meta
// counts. An account introduced by a staged batch has no account_activity entry until the merge.
Status StoreChecker::CheckStaged() {
  const AccountTables& dbi = StoreAccess::Tables(store_);
  if (!dbi.has_staging) return Status::Ok();
  MDB_txn* const txn = StoreAccess::Txn(*snapshot_);
  const std::uint64_t accounts = Entries(txn, dbi.account_names);
  const std::uint64_t signals = Entries(txn, dbi.signal_info);
  staged_accounts_.assign(accounts, false);
  std::uint64_t bad_ids = 0;
  RINGGRAPH_RETURN_IF_ERROR(ForEachEntry(
      txn, dbi.staged_observations, "staged_observations", [&](const MDB_val& k, const MDB_val& d) {
        constexpr std::size_t kSize = sizeof(layout::StagedObservation);
        if (k.mv_size != sizeof(std::uint64_t) || d.mv_size % kSize != 0) {
          Problem("staged_observations: a run has a " + Num(k.mv_size) + "-byte key and a " +
                  Num(d.mv_size) + "-byte value, not 8 and a multiple of " + Num(kSize));
          return Status::Ok();
        }
        const auto* bytes = static_cast<const unsigned char*>(d.mv_data);
        for (std::size_t at = 0; at < d.mv_size; at += kSize) {
          layout::StagedObservation o;
          std::memcpy(&o, bytes + at, kSize);
          ++report_.staged_observations;
          if (o.account >= accounts || (o.signal != kNoSignal && o.signal >= signals)) {
            ++bad_ids;
          } else {
            staged_accounts_[o.account] = true;
          }
        }
        return Status::Ok();
      }));
  if (bad_ids > 0) {
    Problem("staged_observations: " + Num(bad_ids) +
            " observations name an account or value the store lacks");
  }
  MDB_val data;
  RINGGRAPH_ASSIGN_OR_RETURN(bool found, Lookup(txn, dbi.meta, ToVal(layout::kMetaStaged), &data,
                                                "read the staged count"));
  const std::uint64_t counted =
      found && data.mv_size == sizeof(std::uint64_t) ? Load<std::uint64_t>(data) : 0;
  if (counted != report_.staged_observations) {
    Problem("meta: " + Num(counted) + " staged observations counted, staged_observations holds " +
            Num(report_.staged_observations));
  }
  return Status::Ok();
}

Status StoreChecker::CheckAccounts() {
  const AccountTables& dbi = StoreAccess::Tables(store_);
  MDB_txn* const txn = StoreAccess::Txn(*snapshot_);
  const std::uint64_t accounts = Entries(txn, dbi.account_names);
  report_.accounts = accounts;
  account_prompts_.assign(accounts, 0);

  // account_names: dense ids, each name mapped back to its id by account_ids.
  std::uint64_t expected = 0;
  RINGGRAPH_RETURN_IF_ERROR(ForEachEntry(
      txn, dbi.account_names, "account_names", [&](const MDB_val& k, const MDB_val& d) {
        if (k.mv_size != sizeof(AccountId)) {
          Problem("account_names: a key has " + Num(k.mv_size) + " bytes, not 4");
          return Status::Ok();
        }
        const AccountId id = Load<AccountId>(k);
        if (id != expected) {
          Problem("account_names: ids are not dense: id " + Num(id) + " follows " +
                  (expected == 0 ? std::string("nothing") : "id " + Num(expected - 1)) +
                  "; the next new account would reuse an id");
          expected = id;
        }
        ++expected;
        MDB_val back;
        RINGGRAPH_ASSIGN_OR_RETURN(bool found,
                                   Lookup(txn, dbi.account_ids, d, &back, "look up account id"));
        if (!found) {
          Problem("account_names: account id " + Num(id) + "'s name has no account_ids entry");
        } else if (back.mv_size != sizeof(AccountId) || Load<AccountId>(back) != id) {
          Problem("account_names: account id " + Num(id) + "'s name maps back to id " +
                  (back.mv_size == sizeof(AccountId) ? Num(Load<AccountId>(back)) : "(bad size)") +
                  " in account_ids");
        }
        return Status::Ok();
      }));

  // account_ids: every name's id has that name in account_names.
  std::uint64_t names = 0;
  RINGGRAPH_RETURN_IF_ERROR(
      ForEachEntry(txn, dbi.account_ids, "account_ids", [&](const MDB_val& k, const MDB_val& d) {
        ++names;
        if (d.mv_size != sizeof(AccountId)) {
          Problem("account_ids: a name of " + Num(k.mv_size) + " bytes maps to a value of " +
                  Num(d.mv_size) + " bytes, not an account id");
          return Status::Ok();
        }
        AccountId id = Load<AccountId>(d);
        MDB_val name;
        RINGGRAPH_ASSIGN_OR_RETURN(
            bool found,
            Lookup(txn, dbi.account_names, MDB_val{sizeof id, &id}, &name, "look up account name"));
        if (!found) {
          Problem("account_ids: a name maps to account id " + Num(id) +
                  ", which has no account_names entry");
        } else if (name.mv_size != k.mv_size || std::memcmp(name.mv_data, k.mv_data, k.mv_size)) {
          Problem("account_ids: a name maps to account id " + Num(id) +
                  ", whose account_names entry holds another name");
        }
        return Status::Ok();
      }));
  if (names != accounts) {
    Problem("account_ids has " + Num(names) + " names but account_names has " + Num(accounts) +
            " ids");
  }

  // account_activity: one entry per account.
  std::uint64_t activities = 0;
  std::vector<bool> has_activity(accounts, false);
  RINGGRAPH_RETURN_IF_ERROR(ForEachEntry(
      txn, dbi.account_activity, "account_activity", [&](const MDB_val& k, const MDB_val& d) {
        ++activities;
        if (k.mv_size != sizeof(AccountId) || d.mv_size != sizeof(AccountActivity)) {
          Problem("account_activity: an entry has a " + Num(k.mv_size) + "-byte key and a " +
                  Num(d.mv_size) + "-byte value, not 4 and " + Num(sizeof(AccountActivity)));
          return Status::Ok();
        }
        const AccountId id = Load<AccountId>(k);
        const AccountActivity activity = Load<AccountActivity>(d);
        if (id >= accounts) {
          Problem("account_activity: account id " + Num(id) + " is not an account (there are " +
                  Num(accounts) + ")");
          return Status::Ok();
        }
        account_prompts_[id] = activity.prompts;
        has_activity[id] = true;
        report_.records += activity.records;
        return Status::Ok();
      }));
  // An account without an entry must be one that staged observations introduced: the merge
  // writes its entry.
  std::uint64_t missing = 0;
  for (std::uint64_t a = 0; a < accounts; ++a) {
    if (!has_activity[a] && (a >= staged_accounts_.size() || !staged_accounts_[a])) ++missing;
  }
  if (activities > accounts || missing > 0) {
    Problem("account_activity has " + Num(activities) + " entries for " + Num(accounts) +
            " accounts, and " + Num(missing) +
            " accounts have none and no staged observation; every account has exactly one");
  }
  return Status::Ok();
}

Status StoreChecker::CheckSignals() {
  const AccountTables& dbi = StoreAccess::Tables(store_);
  MDB_txn* const txn = StoreAccess::Txn(*snapshot_);
  const std::uint64_t signals = Entries(txn, dbi.signal_info);
  report_.signals = signals;
  signal_holders_claimed_.assign(signals, 0);
  signal_observations_claimed_.assign(signals, 0);
  signal_kind_.assign(signals, 0);
  std::array<std::uint64_t, 256> by_kind{};

  // signal_info: dense ids, each (kind, hash) mapped back to its id by signal_ids.
  std::uint64_t expected = 0;
  RINGGRAPH_RETURN_IF_ERROR(
      ForEachEntry(txn, dbi.signal_info, "signal_info", [&](const MDB_val& k, const MDB_val& d) {
        if (k.mv_size != sizeof(SignalId) || d.mv_size != sizeof(SignalInfo)) {
          Problem("signal_info: an entry has a " + Num(k.mv_size) + "-byte key and a " +
                  Num(d.mv_size) + "-byte value, not 4 and " + Num(sizeof(SignalInfo)));
          return Status::Ok();
        }
        const SignalId id = Load<SignalId>(k);
        const SignalInfo info = Load<SignalInfo>(d);
        if (id != expected) {
          Problem("signal_info: ids are not dense: id " + Num(id) + " follows " +
                  (expected == 0 ? std::string("nothing") : "id " + Num(expected - 1)) +
                  "; the next new value would reuse an id");
          expected = id;
        }
        ++expected;
        if (id >= signals) return Status::Ok();  // reported above as not dense
        signal_holders_claimed_[id] = info.account_count;
        signal_observations_claimed_[id] = info.observations;
        signal_kind_[id] = info.kind;
        ++by_kind[info.kind];
        unsigned char key[1 + kValueHashBytes];
        key[0] = info.kind;
        std::memcpy(key + 1, info.hash.data(), kValueHashBytes);
        MDB_val back;
        RINGGRAPH_ASSIGN_OR_RETURN(bool found, Lookup(txn, dbi.signal_ids, MDB_val{sizeof key, key},
                                                      &back, "look up signal id"));
        if (!found) {
          Problem("signal_info: signal id " + Num(id) +
                  "'s kind and hash have no signal_ids entry");
        } else if (back.mv_size != sizeof(SignalId) || Load<SignalId>(back) != id) {
          Problem("signal_info: signal id " + Num(id) + "'s kind and hash map back to id " +
                  (back.mv_size == sizeof(SignalId) ? Num(Load<SignalId>(back)) : "(bad size)") +
                  " in signal_ids");
        }
        return Status::Ok();
      }));

  // signal_ids: every (kind, hash) maps to a signal with that kind and hash.
  std::uint64_t keys = 0;
  RINGGRAPH_RETURN_IF_ERROR(
      ForEachEntry(txn, dbi.signal_ids, "signal_ids", [&](const MDB_val& k, const MDB_val& d) {
        ++keys;
        if (k.mv_size != 1 + kValueHashBytes || d.mv_size != sizeof(SignalId)) {
          Problem("signal_ids: an entry has a " + Num(k.mv_size) + "-byte key and a " +
                  Num(d.mv_size) + "-byte value, not 17 and 4");
          return Status::Ok();
        }
        SignalId id = Load<SignalId>(d);
        MDB_val info_val;
        RINGGRAPH_ASSIGN_OR_RETURN(bool found, Lookup(txn, dbi.signal_info, MDB_val{sizeof id, &id},
                                                      &info_val, "look up signal info"));
        if (!found || info_val.mv_size != sizeof(SignalInfo)) {
          Problem("signal_ids: a value maps to signal id " + Num(id) +
                  ", which has no signal_info entry");
          return Status::Ok();
        }
        const SignalInfo info = Load<SignalInfo>(info_val);
        const auto* key = static_cast<const unsigned char*>(k.mv_data);
        if (info.kind != key[0] || std::memcmp(info.hash.data(), key + 1, kValueHashBytes) != 0) {
          Problem("signal_ids: a value maps to signal id " + Num(id) +
                  ", whose signal_info holds another kind or hash");
        }
        return Status::Ok();
      }));
  if (keys != signals) {
    Problem("signal_ids has " + Num(keys) + " values but signal_info has " + Num(signals) + " ids");
  }

  // meta: signals per kind.
  MDB_val data;
  RINGGRAPH_ASSIGN_OR_RETURN(bool found, Lookup(txn, dbi.meta, ToVal(layout::kMetaKindCounts),
                                                &data, "read signals per kind"));
  std::array<std::uint64_t, 256> stored{};
  if (found && data.mv_size == sizeof stored) {
    std::memcpy(stored.data(), data.mv_data, sizeof stored);
  } else if (found) {
    Problem("meta: signals_by_kind has " + Num(data.mv_size) + " bytes, not " + Num(sizeof stored));
  } else if (signals > 0) {
    Problem("meta: signals_by_kind is missing but the store holds " + Num(signals) + " signals");
  }
  for (int kind = 0; kind < 256; ++kind) {
    if (stored[kind] != by_kind[kind]) {
      Problem("meta: signals_by_kind says " + Num(stored[kind]) + " values of kind code " +
              Num(kind) + ", signal_info holds " + Num(by_kind[kind]));
    }
  }
  return Status::Ok();
}

Status StoreChecker::CheckAdjacency() {
  const AccountTables& dbi = StoreAccess::Tables(store_);
  MDB_txn* const txn = StoreAccess::Txn(*snapshot_);
  const std::uint64_t accounts = report_.accounts, signals = report_.signals;
  std::vector<std::uint32_t> holders(signals, 0);
  std::vector<std::uint64_t> observations(signals, 0);

  // account -> signal, each looked up as signal -> account.
  {
    RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor reverse, LmdbCursor::Open(txn, dbi.signal_accounts));
    RINGGRAPH_RETURN_IF_ERROR(ForEachEntry(
        txn, dbi.account_signals, "account_signals", [&](const MDB_val& k, const MDB_val& d) {
          ++report_.adjacency_entries;
          if (k.mv_size != sizeof(AccountId) || d.mv_size != sizeof(AccountSignal)) {
            Problem("account_signals: an entry has a " + Num(k.mv_size) + "-byte key and a " +
                    Num(d.mv_size) + "-byte value, not 4 and " + Num(sizeof(AccountSignal)));
            return Status::Ok();
          }
          AccountId account = Load<AccountId>(k);
          const AccountSignal entry = Load<AccountSignal>(d);
          SignalId signal = entry.signal;
          const std::string pair = "account " + Num(account) + " -> signal " + Num(signal);
          if (account >= accounts) Problem("account_signals: " + pair + ": no such account");
          if (signal >= signals) {
            Problem("account_signals: " + pair + ": no such signal");
            return Status::Ok();
          }
          ++holders[signal];
          observations[signal] += entry.count;
          RINGGRAPH_ASSIGN_OR_RETURN(
              bool found, HasPair(reverse.get(), MDB_val{sizeof signal, &signal},
                                  MDB_val{sizeof account, &account}, "look up signal_accounts"));
          if (!found) {
            Problem("account_signals holds " + pair + " but signal_accounts lacks signal " +
                    Num(signal) + " -> account " + Num(account));
          }
          return Status::Ok();
        }));
  }

  // signal -> account, each looked up as account -> signal.
  {
    RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor forward, LmdbCursor::Open(txn, dbi.account_signals));
    RINGGRAPH_RETURN_IF_ERROR(ForEachEntry(
        txn, dbi.signal_accounts, "signal_accounts", [&](const MDB_val& k, const MDB_val& d) {
          ++report_.reverse_adjacency_entries;
          if (k.mv_size != sizeof(SignalId) || d.mv_size != sizeof(AccountId)) {
            Problem("signal_accounts: an entry has a " + Num(k.mv_size) + "-byte key and a " +
                    Num(d.mv_size) + "-byte value, not 4 and 4");
            return Status::Ok();
          }
          AccountId account = Load<AccountId>(d);
          const SignalId signal = Load<SignalId>(k);
          if (account >= accounts || signal >= signals) {
            Problem("signal_accounts: signal " + Num(signal) + " -> account " + Num(account) +
                    (signal >= signals ? ": no such signal" : ": no such account"));
          }
          // account_signals' duplicates compare by their leading signal id only.
          AccountSignal probe{signal, 0, 0, 0};
          RINGGRAPH_ASSIGN_OR_RETURN(
              bool found, HasPair(forward.get(), MDB_val{sizeof account, &account},
                                  MDB_val{sizeof probe, &probe}, "look up account_signals"));
          if (!found) {
            Problem("signal_accounts holds signal " + Num(signal) + " -> account " + Num(account) +
                    " but account_signals lacks account " + Num(account) + " -> signal " +
                    Num(signal));
          }
          return Status::Ok();
        }));
  }

  // What signal_info says against the recount.
  for (std::uint64_t s = 0; s < signals; ++s) {
    if (holders[s] != signal_holders_claimed_[s]) {
      Problem("signal_info: signal " + Num(s) + " claims " + Num(signal_holders_claimed_[s]) +
              " holders, account_signals has " + Num(holders[s]));
    }
    if (observations[s] != signal_observations_claimed_[s]) {
      Problem("signal_info: signal " + Num(s) + " claims " + Num(signal_observations_claimed_[s]) +
              " observations, account_signals counts " + Num(observations[s]));
    }
  }
  return Status::Ok();
}

Status StoreChecker::CheckTotals() {
  const AccountTables& dbi = StoreAccess::Tables(store_);
  MDB_txn* const txn = StoreAccess::Txn(*snapshot_);
  const std::uint64_t accounts = report_.accounts;
  std::uint64_t prompts = 0;
  for (std::uint64_t p : account_prompts_) prompts += p;

  MDB_val data;
  RINGGRAPH_ASSIGN_OR_RETURN(
      bool found, Lookup(txn, dbi.meta, ToVal(layout::kMetaTotals), &data, "read totals"));
  if (found && data.mv_size == sizeof(layout::Totals)) {
    const layout::Totals totals = Load<layout::Totals>(data);
    if (totals.records != report_.records) {
      Problem("meta: totals say " + Num(totals.records) + " records, account_activity adds up to " +
              Num(report_.records));
    }
    if (totals.prompts != prompts) {
      Problem("meta: totals say " + Num(totals.prompts) + " prompts, account_activity adds up to " +
              Num(prompts));
    }
  } else if (found) {
    Problem("meta: totals has " + Num(data.mv_size) + " bytes, not " + Num(sizeof(layout::Totals)));
  } else if (report_.records > 0) {
    Problem("meta: totals are missing but account_activity holds " + Num(report_.records) +
            " records");
  }

  if (dbi.has_days) {
    std::vector<std::uint64_t> day_prompts(accounts, 0);
    RINGGRAPH_RETURN_IF_ERROR(ForEachEntry(
        txn, dbi.account_days, "account_days", [&](const MDB_val& k, const MDB_val& d) {
          ++report_.account_days;
          if (k.mv_size != sizeof(AccountId) || d.mv_size != sizeof(std::uint64_t)) {
            Problem("account_days: an entry has a " + Num(k.mv_size) + "-byte key and a " +
                    Num(d.mv_size) + "-byte value, not 4 and 8");
            return Status::Ok();
          }
          const AccountId account = Load<AccountId>(k);
          if (account >= accounts) {
            Problem("account_days: account id " + Num(account) + " is not an account");
            return Status::Ok();
          }
          day_prompts[account] += Load<std::uint64_t>(d) & 0xffffffffu;
          return Status::Ok();
        }));
    for (std::uint64_t a = 0; a < accounts; ++a) {
      if (day_prompts[a] > account_prompts_[a]) {
        Problem("account_days: account " + Num(a) + " has " + Num(day_prompts[a]) +
                " prompts by day but " + Num(account_prompts_[a]) + " in account_activity");
      }
    }
  }

  if (dbi.has_templates) {
    RINGGRAPH_RETURN_IF_ERROR(ForEachEntry(
        txn, dbi.prompt_sketches, "prompt_sketches", [&](const MDB_val& k, const MDB_val& d) {
          ++report_.pending_prompts;
          layout::PendingPromptHead head{};
          if (k.mv_size != sizeof(std::uint64_t) || d.mv_size < sizeof head) {
            Problem("prompt_sketches: an entry has a " + Num(k.mv_size) + "-byte key and a " +
                    Num(d.mv_size) + "-byte value");
            return Status::Ok();
          }
          head = Load<layout::PendingPromptHead>(d);
          const std::uint64_t sequence = Load<std::uint64_t>(k);
          if (d.mv_size != sizeof head + head.count * sizeof(std::uint32_t)) {
            Problem("prompt_sketches: sketch " + Num(sequence) + " says " + Num(head.count) +
                    " shingles but holds " + Num(d.mv_size - sizeof head) + " bytes of them");
          }
          if (head.account >= accounts) {
            Problem("prompt_sketches: sketch " + Num(sequence) + " names account id " +
                    Num(head.account) + ", which is not an account");
          }
          return Status::Ok();
        }));
  }
  return Status::Ok();
}

Status StoreChecker::CheckSharedHashes() {
  if (!StoreAccess::Tables(store_).has_shared) return Status::Ok();
  const AccountTables& dbi = StoreAccess::Tables(store_);
  MDB_txn* const txn = StoreAccess::Txn(*snapshot_);
  constexpr std::size_t kHashKey = 8 + sizeof(SignalId);
  constexpr std::size_t kLookupKey = 8 + 1 + kValueHashBytes;
  RINGGRAPH_RETURN_IF_ERROR(ForEachEntry(
      txn, dbi.shared_hashes, "shared_hashes", [&](const MDB_val& k, const MDB_val& d) {
        ++report_.shared_hashes;
        if (k.mv_size != kHashKey || d.mv_size != kValueHashBytes) {
          Problem("shared_hashes: an entry has a " + Num(k.mv_size) + "-byte key and a " +
                  Num(d.mv_size) + "-byte value, not 12 and 16");
          return Status::Ok();
        }
        const auto* key = static_cast<const unsigned char*>(k.mv_data);
        SignalId signal;
        std::memcpy(&signal, key + 8, sizeof signal);
        if (signal >= report_.signals) {
          Problem("shared_hashes: signal id " + Num(signal) + " is not a signal");
          return Status::Ok();
        }
        unsigned char lookup[kLookupKey];
        std::memcpy(lookup, key, 8);
        lookup[8] = signal_kind_[signal];
        std::memcpy(lookup + 9, d.mv_data, kValueHashBytes);
        MDB_val back;
        RINGGRAPH_ASSIGN_OR_RETURN(
            bool found, Lookup(txn, dbi.shared_lookup, MDB_val{sizeof lookup, lookup}, &back,
                               "look up consortium hash"));
        if (!found || back.mv_size != sizeof(SignalId) || Load<SignalId>(back) != signal) {
          Problem("shared_hashes: signal " + Num(signal) +
                  "'s consortium hash does not map back to it in shared_lookup");
        }
        return Status::Ok();
      }));
  RINGGRAPH_RETURN_IF_ERROR(ForEachEntry(
      txn, dbi.shared_lookup, "shared_lookup", [&](const MDB_val& k, const MDB_val& d) {
        if (k.mv_size != kLookupKey || d.mv_size != sizeof(SignalId)) {
          Problem("shared_lookup: an entry has a " + Num(k.mv_size) + "-byte key and a " +
                  Num(d.mv_size) + "-byte value, not 25 and 4");
          return Status::Ok();
        }
        SignalId signal = Load<SignalId>(d);
        const auto* key = static_cast<const unsigned char*>(k.mv_data);
        if (signal >= report_.signals || signal_kind_[signal] != key[8]) {
          Problem("shared_lookup: a consortium hash maps to signal id " + Num(signal) +
                  ", which is not a signal of its kind");
          return Status::Ok();
        }
        unsigned char hash_key[kHashKey];
        std::memcpy(hash_key, key, 8);
        std::memcpy(hash_key + 8, &signal, sizeof signal);
        MDB_val hash;
        RINGGRAPH_ASSIGN_OR_RETURN(
            bool found, Lookup(txn, dbi.shared_hashes, MDB_val{sizeof hash_key, hash_key}, &hash,
                               "look up consortium hash of a signal"));
        if (!found || hash.mv_size != kValueHashBytes ||
            std::memcmp(hash.mv_data, key + 9, kValueHashBytes) != 0) {
          Problem("shared_lookup: a consortium hash maps to signal " + Num(signal) +
                  ", whose shared_hashes entry holds another hash");
        }
        return Status::Ok();
      }));
  return Status::Ok();
}

Status StoreChecker::CheckClusterings() {
  const DetectionTables& c = StoreAccess::Tables(*detection_);
  MDB_txn* const txn = StoreAccess::Txn(*snapshot_);
  const std::uint64_t accounts = report_.accounts;
  report_.clusterings_checked = true;

  // Headers, and the versions they make.
  std::map<std::uint64_t, layout::HeaderValue> headers;
  RINGGRAPH_RETURN_IF_ERROR(
      ForEachEntry(txn, c.clusterings, "clusterings", [&](const MDB_val& k, const MDB_val& d) {
        if (k.mv_size != sizeof(std::uint64_t) || d.mv_size != sizeof(layout::HeaderValue)) {
          Problem("clusterings: an entry has a " + Num(k.mv_size) + "-byte key and a " +
                  Num(d.mv_size) + "-byte value, not 8 and " + Num(sizeof(layout::HeaderValue)));
          return Status::Ok();
        }
        const std::uint64_t version = Load<std::uint64_t>(k);
        if (!headers.empty() && version != headers.rbegin()->first + 1) {
          Problem("clusterings: version " + Num(version) + " follows version " +
                  Num(headers.rbegin()->first) + "; kept versions are consecutive");
        }
        headers[version] = Load<layout::HeaderValue>(d);
        return Status::Ok();
      }));
  report_.clustering_versions = headers.size();
  if (!headers.empty()) {
    report_.oldest_version = headers.begin()->first;
    report_.latest_version = headers.rbegin()->first;
  }

  // Entries of versions without a header, counted per table and version.
  std::map<std::pair<std::string, std::uint64_t>, std::uint64_t> orphans;
  auto known_version = [&](std::string_view table, const MDB_val& k, std::size_t key_bytes) {
    if (k.mv_size != key_bytes) {
      Problem(std::string(table) + ": a key has " + Num(k.mv_size) + " bytes, not " +
              Num(key_bytes));
      return false;
    }
    const std::uint64_t version = VersionOf(k);
    if (headers.count(version) == 0) {
      ++orphans[{std::string(table), version}];
      return false;
    }
    return true;
  };

  // clusters: per version count, flagged and summed sizes; per cluster its claimed size.
  struct VersionTally {
    std::uint64_t clusters = 0, flagged = 0, sizes = 0, memberships = 0;
  };
  std::map<std::uint64_t, VersionTally> tally;
  struct ClusterTally {
    std::uint32_t size = 0;
    std::uint64_t members = 0;
  };
  std::map<std::pair<std::uint64_t, std::uint64_t>, ClusterTally> clusters;
  RINGGRAPH_RETURN_IF_ERROR(
      ForEachEntry(txn, c.clusters, "clusters", [&](const MDB_val& k, const MDB_val& d) {
        if (!known_version("clusters", k, 16)) return Status::Ok();
        const std::uint64_t version = VersionOf(k), id = IdAfterVersion(k);
        if (d.mv_size < sizeof(layout::ClusterValueHead)) {
          Problem("clusters: version " + Num(version) + " cluster " + Num(id) + " has " +
                  Num(d.mv_size) + " bytes, too few for its head");
          return Status::Ok();
        }
        const layout::ClusterValueHead head = Load<layout::ClusterValueHead>(d);
        VersionTally& t = tally[version];
        ++t.clusters;
        t.flagged += head.flagged != 0 ? 1 : 0;
        t.sizes += head.size;
        clusters[{version, id}].size = head.size;
        if (id >= headers[version].next_cluster_id) {
          Problem("clusters: version " + Num(version) + " cluster " + Num(id) +
                  " is not below the header's next cluster id " +
                  Num(headers[version].next_cluster_id));
        }
        return Status::Ok();
      }));

  // cluster_members: each member's membership names that cluster.
  RINGGRAPH_RETURN_IF_ERROR(ForEachEntry(
      txn, c.cluster_members, "cluster_members", [&](const MDB_val& k, const MDB_val& d) {
        if (!known_version("cluster_members", k, 16)) return Status::Ok();
        const std::uint64_t version = VersionOf(k), id = IdAfterVersion(k);
        const std::string where =
            "cluster_members: version " + Num(version) + " cluster " + Num(id);
        auto cluster = clusters.find({version, id});
        if (cluster == clusters.end()) {
          Problem(where + " has members but no clusters entry");
        } else {
          ++cluster->second.members;
        }
        if (d.mv_size != sizeof(AccountId)) {
          Problem(where + ": a member has " + Num(d.mv_size) + " bytes, not 4");
          return Status::Ok();
        }
        const AccountId account = Load<AccountId>(d);
        if (account >= accounts) Problem(where + ": member " + Num(account) + " is not an account");
        layout::VersionKey member_key(version, account, 4);
        MDB_val membership;
        RINGGRAPH_ASSIGN_OR_RETURN(bool found, Lookup(txn, c.memberships, member_key.val(),
                                                      &membership, "look up membership"));
        if (!found) {
          Problem(where + ": member " + Num(account) + " has no memberships entry");
        } else if (membership.mv_size < sizeof(layout::MembershipValue) ||
                   Load<layout::MembershipValue>(membership).cluster != id) {
          Problem(where + ": member " + Num(account) + "'s membership names another cluster");
        }
        return Status::Ok();
      }));

  // memberships: each names a cluster whose member list holds the account.
  {
    RINGGRAPH_ASSIGN_OR_RETURN(LmdbCursor members, LmdbCursor::Open(txn, c.cluster_members));
    RINGGRAPH_RETURN_IF_ERROR(
        ForEachEntry(txn, c.memberships, "memberships", [&](const MDB_val& k, const MDB_val& d) {
          if (!known_version("memberships", k, 12)) return Status::Ok();
          const std::uint64_t version = VersionOf(k);
          AccountId account = static_cast<AccountId>(IdAfterVersion(k));
          ++tally[version].memberships;
          ++report_.memberships;
          const std::string where =
              "memberships: version " + Num(version) + " account " + Num(account);
          if (d.mv_size != sizeof(layout::MembershipValue)) {
            Problem(where + ": the value has " + Num(d.mv_size) + " bytes, not " +
                    Num(sizeof(layout::MembershipValue)));
            return Status::Ok();
          }
          const std::uint64_t cluster = Load<layout::MembershipValue>(d).cluster;
          if (clusters.count({version, cluster}) == 0) {
            Problem(where + " names cluster " + Num(cluster) + ", which has no clusters entry");
            return Status::Ok();
          }
          layout::VersionKey members_key(version, cluster, 8);
          RINGGRAPH_ASSIGN_OR_RETURN(
              bool found, HasPair(members.get(), members_key.val(),
                                  MDB_val{sizeof account, &account}, "look up cluster member"));
          if (!found) {
            Problem(where + " names cluster " + Num(cluster) + ", whose member list lacks it");
          }
          return Status::Ok();
        }));
  }

  RINGGRAPH_RETURN_IF_ERROR(ForEachEntry(txn, c.cluster_history, "cluster_history",
                                         [&](const MDB_val& k, const MDB_val&) {
                                           known_version("cluster_history", k, 16);
                                           return Status::Ok();
                                         }));

  // Headers and cluster sizes against the recounts.
  for (const auto& [version, header] : headers) {
    const VersionTally& t = tally[version];
    report_.clusters += t.clusters;
    const std::string where = "clusterings: version " + Num(version) + "'s header says ";
    if (header.clusters != t.clusters) {
      Problem(where + Num(header.clusters) + " clusters, clusters holds " + Num(t.clusters));
    }
    if (header.flagged != t.flagged) {
      Problem(where + Num(header.flagged) + " flagged, clusters flags " + Num(t.flagged));
    }
    if (header.accounts != t.sizes) {
      Problem(where + Num(header.accounts) + " accounts, its clusters' sizes add up to " +
              Num(t.sizes));
    }
    if (header.accounts != t.memberships) {
      Problem(where + Num(header.accounts) + " accounts, memberships holds " + Num(t.memberships));
    }
  }
  for (const auto& [key, cluster] : clusters) {
    if (cluster.size != cluster.members) {
      Problem("clusters: version " + Num(key.first) + " cluster " + Num(key.second) + " says " +
              Num(cluster.size) + " members, cluster_members lists " + Num(cluster.members));
    }
  }
  for (const auto& [key, count] : orphans) {
    Problem(key.first + ": " + Num(count) + " entries of version " + Num(key.second) +
            ", which has no clusterings header (left behind by a deleted or unfinished version)");
  }
  return Status::Ok();
}

Status StoreChecker::CheckLabelsAndFlags() {
  const DetectionTables& c = StoreAccess::Tables(*detection_);
  MDB_txn* const txn = StoreAccess::Txn(*snapshot_);
  RINGGRAPH_RETURN_IF_ERROR(
      ForEachEntry(txn, c.labels, "labels", [&](const MDB_val& k, const MDB_val& d) {
        const std::uint64_t position = report_.labels++;
        const std::string where = "labels: label " + Num(position + 1) + " (in key order)";
        layout::LabelHead head{};
        if (d.mv_size >= sizeof head) head = Load<layout::LabelHead>(d);
        if (d.mv_size < sizeof head || sizeof head + head.verdict_size > d.mv_size) {
          Problem(where + " does not decode: its value has " + Num(d.mv_size) + " bytes");
          return Status::Ok();
        }
        const std::string_view verdict(static_cast<const char*>(d.mv_data) + sizeof head,
                                       head.verdict_size);
        if (verdict != "ring" && verdict != "benign") {
          Problem(where + " has a verdict that is neither ring nor benign");
        }
        const std::string_view target = ToView(k);
        if (target.rfind("account:", 0) == 0) {
          MDB_val id;
          RINGGRAPH_ASSIGN_OR_RETURN(
              bool found, Lookup(txn, StoreAccess::Tables(store_).account_ids,
                                 ToVal(target.substr(8)), &id, "look up labelled account"));
          if (!found) Problem(where + " names an account that is not in the store");
        } else if (target.rfind("cluster:", 0) != 0 || target.size() == 8 ||
                   target.find_first_not_of("0123456789", 8) != std::string_view::npos) {
          Problem(where + " has a target that is neither account:NAME nor cluster:ID");
        }
        return Status::Ok();
      }));

  if (!c.has_realtime_flags) return Status::Ok();
  return ForEachEntry(
      txn, c.realtime_flags, "realtime_flags", [&](const MDB_val& k, const MDB_val& d) {
        ++report_.realtime_flags;
        if (k.mv_size != sizeof(AccountId) || d.mv_size != sizeof(layout::RealtimeValue)) {
          Problem("realtime_flags: an entry has a " + Num(k.mv_size) + "-byte key and a " +
                  Num(d.mv_size) + "-byte value, not 4 and " + Num(sizeof(layout::RealtimeValue)));
          return Status::Ok();
        }
        const AccountId account = Load<AccountId>(k);
        const layout::RealtimeValue flag = Load<layout::RealtimeValue>(d);
        if (account >= report_.accounts) {
          Problem("realtime_flags: account id " + Num(account) + " is not an account");
        }
        if (flag.based_on_version > report_.latest_version) {
          Problem("realtime_flags: account " + Num(account) + "'s flag is based on version " +
                  Num(flag.based_on_version) + ", newer than the latest " +
                  Num(report_.latest_version));
        }
        return Status::Ok();
      });
}

Result<StoreCheckReport> CheckStore(const AccountStore& store, const DetectionStore* detection) {
  StoreChecker checker(store, detection);
  return checker.Run();
}

}  // namespace ringgraph::store
