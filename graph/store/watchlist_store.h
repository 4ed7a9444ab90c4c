// The watchlist: partner labs' indicators, imported from STIX bundles (graph/sharing), kept in
// the same LMDB environment as the account store (opened with the other detection tables by
// DetectionStore). Named database:
//   watchlist        partner indicator id -> indicator (JSON)
// A store written before the watchlist existed, opened read-only, has none.
//
// Thread safety: as AccountStore — one writer at a time, reads from any thread.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "graph/common/status.h"
#include "graph/common/types.h"
#include "graph/store/account_store.h"

namespace ringgraph::store {

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

struct DetectionTables;  // store_tables.h
class DetectionStore;

// Owns nothing but references, to the account store and the DetectionStore's table handles.
class WatchlistStore {
 public:
  WatchlistStore(const WatchlistStore&) = delete;
  WatchlistStore& operator=(const WatchlistStore&) = delete;

  // Stores indicators in one transaction; one already stored with the same id and modified
  // time is left as it is, so storing the same bundle twice changes nothing. *changed counts the
  // new or updated ones. With `mark`, a stream consumer's position is stored in the same
  // transaction.
  Status PutIndicators(std::span<const PartnerIndicator> indicators, std::size_t* changed,
                       const StreamMark* mark = nullptr);
  Status ForEachIndicator(const std::function<Status(const PartnerIndicator&)>& fn) const;

 private:
  friend class DetectionStore;
  WatchlistStore(AccountStore& store, const DetectionTables& tables)
      : store_(store), tables_(tables) {}

  AccountStore& store_;
  const DetectionTables& tables_;
};

}  // namespace ringgraph::store
