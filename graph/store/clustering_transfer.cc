// Clustering versions as bytes naming accounts. See clustering_transfer.h.
#include "graph/store/clustering_transfer.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>

namespace ringgraph::store {
namespace {

constexpr std::string_view kMagic = "RGCLUST1";

class ByteWriter {
 public:
  void U64(std::uint64_t value) { Big(value, 8); }
  void U8(std::uint8_t value) { bytes_.push_back(static_cast<char>(value)); }
  void Str(std::string_view text) {
    Big(text.size(), 4);
    bytes_.append(text);
  }
  void Raw(std::string_view text) { bytes_.append(text); }
  std::string Take() { return std::move(bytes_); }

 private:
  void Big(std::uint64_t value, int width) {
    for (int i = width - 1; i >= 0; --i) bytes_.push_back(static_cast<char>(value >> (8 * i)));
  }
  std::string bytes_;
};

// Reads what ByteWriter wrote; the first read past the end sets failed() and returns zeros.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}
  std::uint64_t U64() { return Big(8); }
  std::uint8_t U8() { return static_cast<std::uint8_t>(Big(1)); }
  std::string_view Str() { return Raw(static_cast<std::size_t>(Big(4))); }
  std::string_view Raw(std::size_t size) {
    if (failed_ || bytes_.size() - at_ < size) {
      failed_ = true;
      return {};
    }
    std::string_view out = bytes_.substr(at_, size);
    at_ += size;
    return out;
  }
  // A count of items that each take at least `min_item_bytes`: more than the bytes left can
  // hold means the bytes are not an encoding (and keeps a forged count from allocating much).
  std::uint64_t Count(std::size_t min_item_bytes) {
    const std::uint64_t count = U64();
    if (count > (bytes_.size() - at_) / min_item_bytes) failed_ = true;
    return failed_ ? 0 : count;
  }
  bool failed() const { return failed_; }
  bool at_end() const { return at_ == bytes_.size(); }

 private:
  std::uint64_t Big(int width) {
    std::string_view raw = Raw(static_cast<std::size_t>(width));
    std::uint64_t value = 0;
    for (char c : raw) value = value << 8 | static_cast<unsigned char>(c);
    return value;
  }
  std::string_view bytes_;
  std::size_t at_ = 0;
  bool failed_ = false;
};

}  // namespace

Result<std::string> EncodeClustering(const StoreSnapshot& snapshot,
                                     const ClusteringVersion& clustering) {
  ByteWriter out;
  out.Raw(kMagic);
  out.U64(clustering.version);
  out.U64(static_cast<std::uint64_t>(clustering.computed_at));
  out.U64(clustering.next_cluster_id);
  out.U64(clustering.clusters.size());
  for (std::size_t i = 0; i < clustering.clusters.size(); ++i) {
    const ClusterRecord& cluster = clustering.clusters[i];
    std::uint64_t score_bits = 0;
    std::memcpy(&score_bits, &cluster.ring_score, sizeof score_bits);
    out.U64(cluster.id);
    out.U64(score_bits);
    out.U8(cluster.flagged ? 1 : 0);
    out.Str(cluster.details_json);
    const std::vector<AccountId>& members = clustering.members[i];
    out.U64(members.size());
    for (std::size_t m = 0; m < members.size(); ++m) {
      RINGGRAPH_ASSIGN_OR_RETURN(std::string name, snapshot.AccountName(members[m]));
      out.Str(name);
      const bool flagged =
          clustering.member_flagged.empty() ? cluster.flagged : clustering.member_flagged[i][m];
      out.U8(flagged ? 1 : 0);
    }
  }
  out.U64(clustering.history.size());
  for (const HistoryEvent& event : clustering.history) out.Str(event.json);
  return out.Take();
}

Result<DecodedClustering> DecodeClustering(const StoreSnapshot& snapshot, std::string_view bytes) {
  ByteReader in(bytes);
  auto corrupt = [&](std::string_view what) {
    return Status::Corruption("clustering bytes (" + std::to_string(bytes.size()) +
                              " bytes) are not an encoded clustering: " + std::string(what));
  };
  if (in.Raw(kMagic.size()) != kMagic) return corrupt("wrong magic");
  DecodedClustering out;
  ClusteringVersion& clustering = out.clustering;
  clustering.version = in.U64();
  clustering.computed_at = static_cast<UnixSeconds>(in.U64());
  clustering.next_cluster_id = in.U64();
  const std::uint64_t clusters = in.Count(/*min_item_bytes=*/29);
  for (std::uint64_t c = 0; c < clusters && !in.failed(); ++c) {
    ClusterRecord cluster;
    cluster.id = in.U64();
    const std::uint64_t score_bits = in.U64();
    std::memcpy(&cluster.ring_score, &score_bits, sizeof score_bits);
    cluster.flagged = in.U8() != 0;
    cluster.details_json = std::string(in.Str());
    const std::uint64_t members = in.Count(/*min_item_bytes=*/5);
    std::vector<std::pair<AccountId, bool>> local;
    local.reserve(members);
    for (std::uint64_t m = 0; m < members && !in.failed(); ++m) {
      const std::string_view name = in.Str();
      const bool flagged = in.U8() != 0;
      if (in.failed()) break;
      RINGGRAPH_ASSIGN_OR_RETURN(std::optional<AccountId> id, snapshot.FindAccount(name));
      if (!id.has_value()) {
        if (out.unknown_accounts++ == 0) out.first_unknown_account = std::string(name);
        continue;
      }
      local.emplace_back(*id, flagged);
    }
    // The store keeps members in ascending id order; local ids order differently than the
    // leader's did.
    std::sort(local.begin(), local.end());
    cluster.size = static_cast<std::uint32_t>(local.size());
    std::vector<AccountId>& ids = clustering.members.emplace_back();
    std::vector<bool>& flags = clustering.member_flagged.emplace_back();
    for (const auto& [id, flagged] : local) {
      ids.push_back(id);
      flags.push_back(flagged);
    }
    clustering.clusters.push_back(std::move(cluster));
  }
  const std::uint64_t events = in.Count(/*min_item_bytes=*/4);
  for (std::uint64_t e = 0; e < events && !in.failed(); ++e) {
    clustering.history.push_back({std::string(in.Str())});
  }
  if (in.failed()) return corrupt("truncated");
  if (!in.at_end()) return corrupt("bytes after the end");
  return out;
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * sizeof digest);
  for (unsigned char byte : digest) {
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 0xF]);
  }
  return out;
}

}  // namespace ringgraph::store
