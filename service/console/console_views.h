// What the analyst console's JSON endpoints answer: the review queue, one ring, one account,
// built from RingService's reads (the same reads the Thrift API serves) into JSON values.
//
// Account names are user data and may hold any bytes: they are only ever JSON strings here,
// and JsonText() writes '<', '>' and '&' as \u escapes so no HTML parser can see a tag in them.
// Signal values appear only as their kind and keyed hash.
//
// Thread safety: every method may be called from any thread concurrently; the queue's parsed
// rows and the overview are cached per clustering version under a mutex, and Warm() fills them
// ahead of the first request (the console server calls it as versions appear).
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "graph/common/status.h"
#include "service/ring_service.h"

namespace ringgraph::console {

// Dumps `value` as JSON text that is safe to serve to a browser (see above); invalid UTF-8 in
// names is replaced, not an error.
std::string JsonText(const nlohmann::json& value);

// Escapes text for HTML element content and attribute values.
std::string HtmlEscape(std::string_view text);

struct QueueQuery {
  std::string sort = "score";  // score | size | newest (cluster ids grow, so newest is highest)
  std::string factor;          // only rings whose strongest factor has this name; empty: all
  std::string label = "any";   // any | unlabelled | ring | benign
  std::size_t offset = 0;
  std::size_t limit = 50;
};

// Checks a query's fields; InvalidArgument names the bad one.
Status ValidateQueueQuery(const QueueQuery& query);

class ConsoleViews {
 public:
  // `service` must outlive the views.
  explicit ConsoleViews(const service::RingService& service);
  ConsoleViews(const ConsoleViews&) = delete;
  ConsoleViews& operator=(const ConsoleViews&) = delete;

  // One page of the flagged rings of the latest clustering, with the total that match.
  Result<nlohmann::json> Queue(const QueueQuery& query);
  // The score distribution of the latest clustering's clusters (20 bins) with the flag
  // threshold, and the clusters and flagged rings of every kept version.
  Result<nlohmann::json> Overview();
  // A ring's summary, factors, evidence and features, a sample of at most `max_members`
  // members with the values they share, their activity per day, its label and history.
  Result<nlohmann::json> Ring(std::uint64_t cluster, std::size_t max_members) const;
  // An account's cluster, activity, signals by kind, label, and its strongest path to a
  // flagged ring.
  Result<nlohmann::json> Account(std::string_view account) const;

  // Reads and caches the queue's rows and the overview for the latest clustering unless they
  // are cached already; returns the version now cached (0: no clustering yet) and, through
  // `rings`, how many flagged rings it has. Cheap when nothing changed: one version read.
  Result<std::uint64_t> Warm(std::size_t* rings);

 private:
  struct QueueRow {
    std::uint64_t cluster = 0;
    double score = 0;
    std::uint32_t size = 0;
    std::string summary;
    std::string strongest_factor;
  };
  // The queue's rows for the latest clustering, parsed once per version.
  Result<std::vector<QueueRow>> Rows(std::uint64_t* version, std::int64_t* computed_at);

  const service::RingService& service_;
  std::mutex rows_mutex_;
  std::uint64_t rows_version_ = 0;  // 0: nothing cached
  std::int64_t rows_computed_at_ = 0;
  std::vector<QueueRow> rows_;
  std::uint64_t overview_version_ = 0;  // 0: nothing cached
  nlohmann::json overview_;
};

}  // namespace ringgraph::console
