// Flagged rings as STIX 2.1 indicators, and partner labs' indicators as a watchlist.
//
// Export writes one bundle: the exporting lab's identity, the TLP marking, an
// extension-definition for what STIX lacks, and one indicator per flagged ring. An indicator's
// pattern lists the ring's shared values — payment, ip, device and template values held by at
// least two of its members — as consortium-keyed hashes:
//   [x-ringgraph-signal:kind = 'device' AND x-ringgraph-signal:value_hash = '<32 hex>']
//     OR [x-ringgraph-signal:kind = 'payment' AND ...] ...
// Its extension carries the ring's size and score, the consortium key id (never the key), and
// a MAC of the indicator's content under the consortium key, so that a bundle edited on the way
// is refused by the importer. Ids are UUIDv5 of the lab, the key and the ring's stable id, and
// the timestamps come from the clustering, so exporting an unchanged ring twice gives the same
// bytes. No raw value, local-key hash or account name is written.
//
// Import checks the STIX 2.1 rules the bundle uses (types, spec_version, id formats, RFC 3339
// timestamps, validity order, confidence range, a pattern of the grammar above, the MAC under a
// configured consortium key) and rejects the whole bundle, naming the object and property, on
// the first failure; nothing is stored then.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "graph/common/status.h"
#include "graph/projection/account_projection.h"
#include "graph/sharing/consortium_key.h"
#include "graph/store/account_store.h"
#include "graph/store/clustering_store.h"
#include "graph/store/watchlist_store.h"

namespace ringgraph::sharing {

struct ExportOptions {
  double min_score = 0.0;            // rings scoring below are left out (flagged rings only)
  std::vector<std::uint64_t> rings;  // empty: every flagged ring
  std::string lab = "ringgraph";     // the exporting lab's name (its identity object)
  std::string tlp = "amber";         // clear|white, green, amber or red
  int valid_days = 90;
  std::size_t max_values_per_ring = 500;
  projection::ProjectionOptions projection;  // generic cut-offs: generic values are not shared
};

struct ExportReport {
  std::size_t indicators = 0;
  std::size_t values = 0;
  std::size_t rings_without_shared_values = 0;  // ingested before the key was configured
};

// The bundle for the latest clustering. Fails when no detection has run.
Result<std::string> ExportIndicators(const store::StoreSnapshot& snapshot,
                                     const store::ClusteringStore& clusterings,
                                     const ConsortiumKey& key, const ExportOptions& options,
                                     ExportReport* report);

// Parses and checks a bundle; on success returns its indicators as watchlist entries.
// `partner` overrides the partner name taken from the bundle's identity.
Result<std::vector<store::PartnerIndicator>> ParseIndicators(std::string_view bundle_json,
                                                             const std::vector<ConsortiumKey>& keys,
                                                             const std::string& partner);

// Matching imported indicators against local accounts: graph/sharing/watchlist.h.

}  // namespace ringgraph::sharing
