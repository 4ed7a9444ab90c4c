// Partner labs' indicators in LMDB. See watchlist_store.h.
#include "graph/store/watchlist_store.h"

#include <nlohmann/json.hpp>

#include "graph/store/store_tables.h"

namespace ringgraph::store {
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

Status WatchlistStore::PutIndicators(std::span<const PartnerIndicator> indicators,
                                     std::size_t* changed, const StreamMark* mark) {
  *changed = 0;
  if (indicators.empty() && mark == nullptr) return Status::Ok();
  return StoreAccess::RunWriteTxn(
      store_, "write partner indicators to '" + store_.dir() + "'", [&](WriteTxn& write) -> Status {
        *changed = 0;
        for (const PartnerIndicator& indicator : indicators) {
          MDB_val k = ToVal(indicator.id), d;
          int rc = mdb_get(write.txn, tables_.watchlist, &k, &d);
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
          rc = mdb_put(write.txn, tables_.watchlist, &k, &dv, 0);
          if (rc != MDB_SUCCESS) return write.Fail(rc, "write partner indicator");
          ++*changed;
        }
        if (mark == nullptr) return Status::Ok();
        return PutStreamMark(write, StoreAccess::Tables(store_).meta, *mark);
      });
}

Status WatchlistStore::ForEachIndicator(
    const std::function<Status(const PartnerIndicator&)>& fn) const {
  if (!tables_.has_watchlist) return Status::Ok();
  RINGGRAPH_ASSIGN_OR_RETURN(auto snapshot, store_.Snapshot());
  return ScanEntries(StoreAccess::Txn(*snapshot), tables_.watchlist, "list partner indicators",
                     [&](const MDB_val&, const MDB_val& d) -> Status {
                       RINGGRAPH_ASSIGN_OR_RETURN(PartnerIndicator indicator,
                                                  DecodeIndicator(ToView(d)));
                       return fn(indicator);
                     });
}

}  // namespace ringgraph::store
