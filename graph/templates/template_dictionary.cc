// Learned templates, matching by weighted containment, and their byte format. See
// template_dictionary.h.
#include "graph/templates/template_dictionary.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <mutex>

#include "graph/templates/prompt_sketch.h"

namespace ringgraph::templates {
namespace {

constexpr char kMagic[4] = {'R', 'G', 'T', '4'};
constexpr std::uint32_t kFormatVersion = 1;
constexpr std::size_t kHeaderBytes = 4 + 4 + 4 + 8 + 8 + 8;  // magic .. template count
constexpr std::size_t kTemplateHeaderBytes = 8 + 4 + 4 + 4;
constexpr std::size_t kMinObservable = 3;

void PutU32(std::string* out, std::uint32_t v) {
  for (int b = 0; b < 4; ++b) out->push_back(static_cast<char>((v >> (8 * b)) & 0xff));
}
void PutU64(std::string* out, std::uint64_t v) {
  for (int b = 0; b < 8; ++b) out->push_back(static_cast<char>((v >> (8 * b)) & 0xff));
}

// Reads little-endian values; a read past the end marks the reader failed and returns 0.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}
  std::uint64_t Get(int width) {
    if (failed_ || bytes_.size() - pos_ < static_cast<std::size_t>(width)) {
      failed_ = true;
      return 0;
    }
    std::uint64_t v = 0;
    for (int b = 0; b < width; ++b) {
      v |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes_[pos_ + b])) << (8 * b);
    }
    pos_ += static_cast<std::size_t>(width);
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

bool SortedDistinct(const std::vector<std::uint32_t>& values) {
  for (std::size_t k = 1; k < values.size(); ++k) {
    if (values[k - 1] >= values[k]) return false;
  }
  return true;
}

}  // namespace

struct TemplateDictionary::Index {
  absl::flat_hash_set<std::uint64_t> ids;  // kept up to date by Add()
  std::mutex mutex;
  std::atomic<bool> ready{false};
  // shingle value -> [begin, end) in `holders`
  absl::flat_hash_map<std::uint32_t, std::pair<std::uint32_t, std::uint32_t>> postings;
  std::vector<std::uint32_t> holders;
  // Per template k: prefix[offset[k] + i] = weight of its first i skeleton values.
  std::vector<std::size_t> prefix_offset;
  std::vector<double> prefix;
};

TemplateDictionary::TemplateDictionary(DictionaryOptions options)
    : options_(options), index_(std::make_unique<Index>()) {}
TemplateDictionary::~TemplateDictionary() = default;
TemplateDictionary::TemplateDictionary(TemplateDictionary&&) noexcept = default;
TemplateDictionary& TemplateDictionary::operator=(TemplateDictionary&&) noexcept = default;

std::string TemplateDictionary::IdText(std::uint64_t id) {
  char text[24];
  std::snprintf(text, sizeof(text), "t4-%016llx", static_cast<unsigned long long>(id));
  return text;
}

bool TemplateDictionary::Add(LearnedTemplate learned) {
  if (learned.skeleton.empty() || !SortedDistinct(learned.skeleton)) return false;
  if (!index_->ids.insert(learned.id).second) return false;
  templates_.push_back(std::move(learned));
  index_->ready.store(false, std::memory_order_release);
  return true;
}

std::vector<TemplateDictionary::Learned> TemplateDictionary::Learn(
    std::span<const LearnedTemplate> learned, std::uint32_t max_edit) {
  // The held templates that hold each value, before any of the run is added.
  const std::size_t held = templates_.size();
  absl::flat_hash_map<std::uint32_t, std::vector<std::uint32_t>> holders;
  for (std::uint32_t k = 0; k < held; ++k) {
    for (std::uint32_t v : templates_[k].skeleton) holders[v].push_back(k);
  }
  std::vector<Learned> out;
  out.reserve(learned.size());
  absl::flat_hash_map<std::uint32_t, std::size_t> shared;
  for (const LearnedTemplate& t : learned) {
    if (t.skeleton.empty() || !SortedDistinct(t.skeleton)) {
      out.push_back(Learned::kRejected);
      continue;
    }
    shared.clear();
    for (std::uint32_t v : t.skeleton) {
      auto it = holders.find(v);
      if (it == holders.end()) continue;
      for (std::uint32_t k : it->second) ++shared[k];
    }
    // The closest held template (most values shared, then the first held) that differs by at
    // most max_edit values each way, around a core that is most of both: more than twice
    // max_edit shared values (three labels of a short template plus one token are another
    // template, not an edit of it).
    std::int64_t same = -1;
    std::size_t same_shared = 0;
    for (const auto& [k, count] : shared) {
      if (count <= 2 * static_cast<std::size_t>(max_edit)) continue;
      if (t.skeleton.size() - count > max_edit ||
          templates_[k].skeleton.size() - count > max_edit) {
        continue;
      }
      if (count > same_shared || (count == same_shared && k < static_cast<std::uint32_t>(same))) {
        same = k;
        same_shared = count;
      }
    }
    if (same >= 0) {
      // The held template takes the values it lacked: the prompts this run learned it from
      // match it too, and its earlier prompts still do (they hold all but a few of its values).
      std::vector<std::uint32_t>& skeleton = templates_[static_cast<std::size_t>(same)].skeleton;
      std::vector<std::uint32_t> both;
      std::set_union(skeleton.begin(), skeleton.end(), t.skeleton.begin(), t.skeleton.end(),
                     std::back_inserter(both));
      if (both.size() != skeleton.size()) {
        skeleton = std::move(both);
        index_->ready.store(false, std::memory_order_release);
      }
      out.push_back(Learned::kHeld);
    } else {
      out.push_back(Add(t) ? Learned::kAdded : Learned::kRejected);
    }
  }
  return out;
}

const TemplateDictionary::Index& TemplateDictionary::GetIndex() const {
  Index& index = *index_;
  if (index.ready.load(std::memory_order_acquire)) return index;
  std::lock_guard lock(index.mutex);
  if (index.ready.load(std::memory_order_relaxed)) return index;
  // Count, prefix sum, fill: the templates that hold each value.
  absl::flat_hash_map<std::uint32_t, std::uint32_t> counts;
  for (const LearnedTemplate& t : templates_) {
    for (std::uint32_t v : t.skeleton) ++counts[v];
  }
  index.postings.clear();
  index.postings.reserve(counts.size());
  std::uint32_t at = 0;
  for (const auto& [value, count] : counts) {
    index.postings[value] = {at, at};
    at += count;
  }
  index.holders.assign(at, 0);
  for (std::uint32_t k = 0; k < templates_.size(); ++k) {
    for (std::uint32_t v : templates_[k].skeleton) {
      auto& range = index.postings[v];
      index.holders[range.second++] = k;
    }
  }
  index.prefix_offset.assign(templates_.size() + 1, 0);
  for (std::size_t k = 0; k < templates_.size(); ++k) {
    index.prefix_offset[k + 1] = index.prefix_offset[k] + templates_[k].skeleton.size() + 1;
  }
  index.prefix.assign(index.prefix_offset.back(), 0.0);
  for (std::size_t k = 0; k < templates_.size(); ++k) {
    double* prefix = index.prefix.data() + index.prefix_offset[k];
    const std::vector<std::uint32_t>& skeleton = templates_[k].skeleton;
    for (std::size_t i = 0; i < skeleton.size(); ++i) {
      prefix[i + 1] = prefix[i] + 1.0 / counts[skeleton[i]];
    }
  }
  index.ready.store(true, std::memory_order_release);
  return index;
}

TemplateMatch TemplateDictionary::BestMatch(std::span<const std::uint32_t> sketch) const {
  TemplateMatch best;
  if (templates_.empty() || sketch.empty()) return best;
  const Index& index = GetIndex();
  // Per-thread scratch: covered weight per candidate, zero outside a call.
  thread_local std::vector<double> covered;
  thread_local std::vector<std::uint32_t> candidates;
  if (covered.size() < templates_.size()) covered.resize(templates_.size(), 0.0);
  candidates.clear();
  for (std::uint32_t v : sketch) {
    auto it = index.postings.find(v);
    if (it == index.postings.end()) continue;
    const auto [begin, end] = it->second;
    const double weight = 1.0 / static_cast<double>(end - begin);
    for (std::uint32_t i = begin; i < end; ++i) {
      const std::uint32_t k = index.holders[i];
      if (covered[k] == 0) candidates.push_back(k);
      covered[k] += weight;
    }
  }
  const std::uint32_t horizon = SketchHorizon(sketch, options_.max_shingles);
  for (std::uint32_t k : candidates) {
    const double weight = covered[k];
    covered[k] = 0;
    const std::vector<std::uint32_t>& skeleton = templates_[k].skeleton;
    const auto observable = static_cast<std::size_t>(
        std::upper_bound(skeleton.begin(), skeleton.end(), horizon) - skeleton.begin());
    if (observable < std::min(kMinObservable, skeleton.size())) continue;
    const double total = index.prefix[index.prefix_offset[k] + observable];
    const double containment = weight / total;
    if (containment < options_.min_containment) continue;
    bool better = best.index < 0;
    if (!better) {
      const LearnedTemplate& current = templates_[best.index];
      constexpr double kEpsilon = 1e-9;
      if (weight > best.covered + kEpsilon) {
        better = true;
      } else if (weight > best.covered - kEpsilon) {
        if (containment > best.containment + kEpsilon) {
          better = true;
        } else if (containment > best.containment - kEpsilon) {
          better = skeleton.size() > current.skeleton.size() ||
                   (skeleton.size() == current.skeleton.size() && templates_[k].id < current.id);
        }
      }
    }
    if (better) best = {static_cast<std::int32_t>(k), containment, weight};
  }
  return best;
}

std::optional<std::uint64_t> TemplateDictionary::Match(
    std::span<const std::uint32_t> sketch) const {
  const TemplateMatch m = BestMatch(sketch);
  if (m.index < 0) return std::nullopt;
  return templates_[m.index].id;
}

std::string TemplateDictionary::Serialize() const {
  std::string out(kMagic, sizeof(kMagic));
  PutU32(&out, kFormatVersion);
  PutU32(&out, options_.max_shingles);
  std::uint64_t containment_bits;
  static_assert(sizeof(containment_bits) == sizeof(options_.min_containment));
  std::memcpy(&containment_bits, &options_.min_containment, sizeof(containment_bits));
  PutU64(&out, containment_bits);
  PutU64(&out, options_.key_id);
  PutU64(&out, templates_.size());
  for (const LearnedTemplate& t : templates_) {
    PutU64(&out, t.id);
    PutU32(&out, t.prompts);
    PutU32(&out, t.accounts);
    PutU32(&out, static_cast<std::uint32_t>(t.skeleton.size()));
    for (std::uint32_t v : t.skeleton) PutU32(&out, v);
  }
  PutU64(&out, Checksum(out));
  return out;
}

Result<TemplateDictionary> TemplateDictionary::Deserialize(std::string_view bytes) {
  auto corrupt = [](const std::string& what) {
    return Status::Corruption("template dictionary: " + what +
                              "; restore it from a backup or learn it again");
  };
  if (bytes.size() < kHeaderBytes + 8 || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) {
    return corrupt("the bytes do not start with a dictionary header (magic RGT4)");
  }
  const std::string_view body = bytes.substr(0, bytes.size() - 8);
  ByteReader tail(bytes.substr(bytes.size() - 8));
  if (tail.Get(8) != Checksum(body)) return corrupt("checksum mismatch (truncated or damaged)");
  ByteReader in(body.substr(sizeof(kMagic)));
  const std::uint64_t version = in.Get(4);
  if (version != kFormatVersion) {
    return corrupt("format version " + std::to_string(version) +
                   " is not known to this build (it reads version " +
                   std::to_string(kFormatVersion) + ")");
  }
  DictionaryOptions options;
  options.max_shingles = static_cast<std::uint32_t>(in.Get(4));
  const std::uint64_t containment_bits = in.Get(8);
  std::memcpy(&options.min_containment, &containment_bits, sizeof(containment_bits));
  options.key_id = in.Get(8);
  if (options.max_shingles == 0 || !(options.min_containment > 0) ||
      !(options.min_containment <= 1)) {
    return corrupt("match settings out of range");
  }
  const std::uint64_t count = in.Get(8);
  if (count > in.remaining() / kTemplateHeaderBytes) return corrupt("template count past the end");
  TemplateDictionary dictionary(options);
  dictionary.templates_.reserve(count);
  for (std::uint64_t k = 0; k < count; ++k) {
    LearnedTemplate t;
    t.id = in.Get(8);
    t.prompts = static_cast<std::uint32_t>(in.Get(4));
    t.accounts = static_cast<std::uint32_t>(in.Get(4));
    const std::uint64_t size = in.Get(4);
    if (in.failed() || size > in.remaining() / 4) {
      return corrupt("template " + std::to_string(k) + " runs past the end");
    }
    t.skeleton.resize(size);
    for (std::uint32_t& v : t.skeleton) v = static_cast<std::uint32_t>(in.Get(4));
    if (t.skeleton.empty() || !SortedDistinct(t.skeleton)) {
      return corrupt("template " + std::to_string(k) + " has an empty or unsorted skeleton");
    }
    if (!dictionary.index_->ids.insert(t.id).second) {
      return corrupt("template id " + IdText(t.id) + " repeats");
    }
    dictionary.templates_.push_back(std::move(t));
  }
  if (in.failed() || in.remaining() != 0) return corrupt("trailing bytes after the templates");
  return dictionary;
}

}  // namespace ringgraph::templates
