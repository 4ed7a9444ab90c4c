// Template skeletons, matching by weighted containment, and their byte format. See
// template_dictionary.h.
#include "graph/templates/template_dictionary.h"

#include <absl/container/flat_hash_map.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace ringgraph::templates {
namespace {

constexpr char kMagic[4] = {'R', 'G', 'T', 'D'};
constexpr std::uint32_t kFormatVersion = 1;

void PutU32(std::string* out, std::uint32_t v) {
  for (int b = 0; b < 4; ++b) out->push_back(static_cast<char>((v >> (8 * b)) & 0xff));
}
void PutU64(std::string* out, std::uint64_t v) {
  for (int b = 0; b < 8; ++b) out->push_back(static_cast<char>((v >> (8 * b)) & 0xff));
}

// Reads little-endian values from bytes; any read past the end marks the reader failed.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}
  std::uint64_t Get(int width) {
    if (bytes_.size() - pos_ < static_cast<std::size_t>(width) || failed_) {
      failed_ = true;
      return 0;
    }
    std::uint64_t v = 0;
    for (int b = 0; b < width; ++b) {
      v |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes_[pos_ + b])) << (8 * b);
    }
    pos_ += width;
    return v;
  }
  bool failed() const { return failed_; }
  std::size_t remaining() const { return bytes_.size() - pos_; }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

std::uint64_t Checksum(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return MixBits(h);
}

}  // namespace

struct TemplateDictionary::Index {
  absl::flat_hash_map<std::uint64_t, std::vector<std::uint32_t>> postings;
  absl::flat_hash_map<std::uint64_t, std::uint32_t> by_id;
  std::vector<double> total_weight;  // per skeleton: sum of its shingles' weights
};

std::string TemplateIdText(std::uint64_t id) {
  char text[24];
  std::snprintf(text, sizeof(text), "t2-%016llx", static_cast<unsigned long long>(id));
  return text;
}

std::uint64_t TemplateIdFromAnchors(std::span<const std::uint64_t> anchors,
                                    std::uint64_t hash_seed) {
  std::uint64_t h = MixBits(hash_seed ^ 0x74656d706c617465ULL);  // "template"
  for (std::uint64_t a : anchors) h = MixBits(h ^ a);
  return h;
}

TemplateDictionary::TemplateDictionary(ShingleOptions shingle_options)
    : shingle_options_(shingle_options), index_(std::make_unique<Index>()) {}
TemplateDictionary::~TemplateDictionary() = default;
TemplateDictionary::TemplateDictionary(TemplateDictionary&&) noexcept = default;
TemplateDictionary& TemplateDictionary::operator=(TemplateDictionary&&) noexcept = default;

bool TemplateDictionary::Add(Skeleton skeleton) {
  if (skeleton.shingles.empty() || index_->by_id.contains(skeleton.id)) return false;
  const auto k = static_cast<std::uint32_t>(skeletons_.size());
  index_->by_id.emplace(skeleton.id, k);
  // Skeletons whose weights change: those that share a shingle with the new one.
  std::vector<std::uint32_t> touched = {k};
  for (std::uint64_t s : skeleton.shingles) {
    std::vector<std::uint32_t>& list = index_->postings[s];
    touched.insert(touched.end(), list.begin(), list.end());
    list.push_back(k);
  }
  skeletons_.push_back(std::move(skeleton));
  index_->total_weight.push_back(0);
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  for (std::uint32_t t : touched) {
    double total = 0;
    for (std::uint64_t s : skeletons_[t].shingles) total += 1.0 / index_->postings[s].size();
    index_->total_weight[t] = total;
  }
  return true;
}

TemplateMatch TemplateDictionary::BestMatch(std::span<const std::uint64_t> shingles,
                                            double min_containment) const {
  // Per-thread scratch: covered weight per candidate skeleton, and which entries were touched.
  thread_local std::vector<double> covered;
  thread_local std::vector<std::uint32_t> candidates;
  if (covered.size() < skeletons_.size()) covered.resize(skeletons_.size(), 0.0);
  candidates.clear();
  for (std::uint64_t s : shingles) {
    auto it = index_->postings.find(s);
    if (it == index_->postings.end()) continue;
    const double weight = 1.0 / it->second.size();
    for (std::uint32_t k : it->second) {
      if (covered[k] == 0) candidates.push_back(k);
      covered[k] += weight;
    }
  }
  TemplateMatch best;
  for (std::uint32_t k : candidates) {
    const double containment = covered[k] / index_->total_weight[k];
    covered[k] = 0;
    if (containment < min_containment) continue;
    if (best.skeleton < 0 || containment > best.containment + 1e-12 ||
        (containment > best.containment - 1e-12 &&
         skeletons_[k].shingles.size() > skeletons_[best.skeleton].shingles.size())) {
      best.skeleton = static_cast<std::int32_t>(k);
      best.containment = containment;
    }
  }
  return best;
}

std::string TemplateDictionary::Serialize() const {
  std::string out(kMagic, sizeof(kMagic));
  PutU32(&out, kFormatVersion);
  PutU32(&out, shingle_options_.mask_slots ? 1 : 0);
  PutU32(&out, shingle_options_.shingle_words);
  PutU64(&out, shingle_options_.hash_seed);
  PutU32(&out, shingle_options_.max_tokens);
  PutU64(&out, skeletons_.size());
  for (const Skeleton& k : skeletons_) {
    PutU64(&out, k.id);
    PutU32(&out, k.learned_from);
    PutU32(&out, static_cast<std::uint32_t>(k.shingles.size()));
    for (std::uint64_t s : k.shingles) PutU64(&out, s);
  }
  PutU64(&out, Checksum(out));
  return out;
}

Result<TemplateDictionary> TemplateDictionary::Deserialize(std::string_view bytes,
                                                           const ShingleOptions& expected) {
  if (bytes.size() < sizeof(kMagic) + 8 || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) {
    return Status::Corruption(
        "template dictionary: the bytes do not start with the dictionary header; pass a file "
        "written by TemplateDictionary::Serialize");
  }
  std::string_view body = bytes.substr(0, bytes.size() - 8);
  ByteReader tail(bytes.substr(bytes.size() - 8));
  if (tail.Get(8) != Checksum(body)) {
    return Status::Corruption(
        "template dictionary: checksum mismatch (truncated or damaged); restore it from a backup "
        "or learn it again");
  }
  ByteReader in(body.substr(sizeof(kMagic)));
  const std::uint64_t version = in.Get(4);
  if (version != kFormatVersion) {
    return Status::Corruption("template dictionary: format version " + std::to_string(version) +
                              " is not known to this build (expected " +
                              std::to_string(kFormatVersion) + ")");
  }
  ShingleOptions options;
  options.mask_slots = in.Get(4) != 0;
  options.shingle_words = static_cast<std::uint32_t>(in.Get(4));
  options.hash_seed = in.Get(8);
  options.max_tokens = static_cast<std::uint32_t>(in.Get(4));
  if (options.mask_slots != expected.mask_slots || options.shingle_words != expected.shingle_words ||
      options.hash_seed != expected.hash_seed || options.max_tokens != expected.max_tokens) {
    return Status::InvalidArgument(
        "template dictionary: it was built with other shingle settings (mask_slots, "
        "shingle_words, hash_seed or max_tokens) than this fingerprinter's; use the same settings "
        "or learn a new dictionary");
  }
  TemplateDictionary dictionary(options);
  const std::uint64_t count = in.Get(8);
  for (std::uint64_t k = 0; k < count && !in.failed(); ++k) {
    Skeleton skeleton;
    skeleton.id = in.Get(8);
    skeleton.learned_from = static_cast<std::uint32_t>(in.Get(4));
    const std::uint64_t shingles = in.Get(4);
    if (shingles * 8 > in.remaining()) break;
    skeleton.shingles.resize(shingles);
    for (std::uint64_t& s : skeleton.shingles) s = in.Get(8);
    if (!std::is_sorted(skeleton.shingles.begin(), skeleton.shingles.end())) {
      return Status::Corruption("template dictionary: skeleton " + std::to_string(k) +
                                " has unsorted shingles");
    }
    dictionary.Add(std::move(skeleton));
  }
  if (in.failed() || dictionary.size() != count || in.remaining() != 0) {
    return Status::Corruption("template dictionary: the skeleton list is truncated or has "
                              "trailing bytes; restore it from a backup or learn it again");
  }
  return dictionary;
}

}  // namespace ringgraph::templates
