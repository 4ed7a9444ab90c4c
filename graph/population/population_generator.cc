// The seeded population generator: planning groups, then emitting each account's records.
//
// Two phases. Plan() draws every group (type, size, shared resources) from one generator seeded
// by the options, then deals the group members over a random permutation of account names.
// Generate() walks the accounts in name order in chunks on a TBB pipeline: each account draws its
// records from its own std::mt19937_64 seeded by (seed, account), and a value that several
// accounts share (a card, an office address, a proxy exit) is a pure hash of (seed, what, which),
// so no account needs another's state and chunks can run on any thread in any order.
#include "graph/population/population_generator.h"

#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>

#include "graph/population/csv_writer.h"
#include "graph/signals/timestamp.h"
#include "graph/templates/prompt_corpus.h"

namespace ringgraph::population {

using PromptStyle = templates::PromptCorpus::Style;

namespace {

constexpr UnixSeconds kDay = 86400;
constexpr UnixSeconds kHour = 3600;
constexpr std::uint32_t kResellers = 3;
constexpr std::uint32_t kCarriers = 3;
constexpr std::uint32_t kReleases = 3;
// Global template-family pools shared by strangers.
constexpr std::uint32_t kPopularFamilies = 24;
constexpr std::uint32_t kBenchmarkFamilies = 40;
constexpr std::uint64_t kMaxAccounts = 200'000'000;

// Kind slots, in the order of kEmittedKinds.
constexpr std::uint8_t kPayment = 0;
constexpr std::uint8_t kIp = 1;
constexpr std::uint8_t kDevice = 2;
constexpr std::uint8_t kPrompt = 3;

// What a shared-value hash is for; keeps, say, a card and a device of one group apart.
enum Tag : std::uint64_t {
  kTagPlan = 1,
  kTagAccount,
  kTagGroup,
  kTagCard,
  kTagDevice,
  kTagHome,
  kTagHomeV6,
  kTagOffice,
  kTagCampus,
  kTagCgnat,
  kTagExit,
  kTagVps,
  kTagHotspot,
  kTagHost,
};

std::uint64_t SplitMix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

std::uint64_t Hash(std::uint64_t seed, std::uint64_t tag, std::uint64_t a = 0,
                   std::uint64_t b = 0) {
  return SplitMix(SplitMix(SplitMix(seed ^ (tag << 56)) ^ a) ^ (b * 0xD6E8FEB86659FD93ull));
}

// Uniform in [0, n); n > 0. Implemented here rather than with <random> distributions so the
// output is identical across standard libraries.
std::uint64_t Below(std::mt19937_64& rng, std::uint64_t n) {
  return static_cast<std::uint64_t>((static_cast<unsigned __int128>(rng()) * n) >> 64);
}
std::uint64_t Between(std::mt19937_64& rng, std::uint64_t lo, std::uint64_t hi) {  // inclusive
  return lo + Below(rng, hi - lo + 1);
}
double Unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }
bool Chance(std::mt19937_64& rng, double p) { return Unit(rng) < p; }

void AppendUint(std::string* out, std::uint64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, end);
}

void AppendHex(std::string* out, std::uint64_t v, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = digits - 1; i >= 0; --i) out->push_back(kHex[(v >> (4 * i)) & 0xF]);
}

std::string Ipv4(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) {
  std::string s;
  AppendUint(&s, a);
  s.push_back('.');
  AppendUint(&s, b);
  s.push_back('.');
  AppendUint(&s, c);
  s.push_back('.');
  AppendUint(&s, d);
  return s;
}

// First octets of consumer ISP space (cable, DSL, fibre) in North America, Europe and Asia.
constexpr std::uint8_t kResidentialOctets[] = {24, 71, 73,  76,  98,  174, 2,   5,   37,  46,
                                               79, 81, 86,  90,  92,  95,  109, 176, 178, 188,
                                               49, 61, 115, 121, 183, 187, 189, 201};
// Business and enterprise blocks.
constexpr std::uint8_t kOfficeOctets[] = {38,  63,  64,  65,  66,  67,  69,  194,
                                          195, 204, 206, 208, 209, 212, 213, 217};
// Legacy /16s held by universities.
constexpr std::uint8_t kCampusOctets[] = {128, 129, 130, 131, 132, 134, 136, 137,
                                          138, 140, 141, 144, 152, 155, 160, 171};
// Hosting and VPS providers.
constexpr std::uint8_t kVpsOctets[] = {45, 139, 142, 159, 165, 167, 185, 193};
// Consumer IPv6 prefixes (two leading groups) and mobile-carrier ones.
constexpr const char* kHomeV6Prefixes[] = {"2a02:8108", "2600:1700", "2601:18c",
                                           "2a01:e0a",  "2003:e6",   "2a00:23c5"};
constexpr const char* kMobileV6Prefixes[] = {"2607:fb90", "2600:1000", "2a01:598"};

std::string PublicIpv4(const std::uint8_t* octets, std::size_t count, std::uint64_t h) {
  return Ipv4(octets[h % count], (h >> 8) & 0xFF, (h >> 16) & 0xFF, 1 + (h >> 24) % 254);
}
template <std::size_t N>
std::string PublicIpv4(const std::uint8_t (&octets)[N], std::uint64_t h) {
  return PublicIpv4(octets, N, h);
}

std::string Ipv6(const char* prefix, std::uint64_t h1, std::uint64_t h2) {
  std::string s = prefix;
  std::uint64_t words[6] = {h1 & 0xFFFF,         (h1 >> 16) & 0xFFFF, h2 & 0xFFFF,
                            (h2 >> 16) & 0xFFFF, (h2 >> 32) & 0xFFFF, (h2 >> 48) & 0xFFFF};
  for (std::uint64_t w : words) {
    s.push_back(':');
    char buf[8];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, w, 16);
    s.append(buf, end);
  }
  return s;
}

std::string CardValue(std::uint64_t h) {
  std::string s = "card:";
  AppendHex(&s, h, 16);
  return s;
}

std::string DeviceValue(std::uint64_t h) {
  std::string s;
  AppendHex(&s, h, 16);
  AppendHex(&s, SplitMix(h), 16);
  return s;
}

// `count` x `scale`, rounded to the nearest integer, at least `floor`. At scale 1.0 it returns
// max(count, floor) exactly, so the sweep parameters leave the default plan as it was.
std::uint32_t ScaledCount(std::uint64_t count, double scale, std::uint32_t floor) {
  return static_cast<std::uint32_t>(
      std::max<double>(floor, std::round(static_cast<double>(count) * scale)));
}
// `count` / `scale`, rounded to the nearest integer, at least `floor`: for pools, where more
// sharing means fewer distinct values.
std::uint32_t DividedCount(std::uint64_t count, double scale, std::uint32_t floor) {
  return static_cast<std::uint32_t>(
      std::max<double>(floor, std::round(static_cast<double>(count) / scale)));
}

// Whether a hydra pair shares a card: probability min(1, 0.3 x share_rate_scale), decided by a
// hash of the pair so both accounts agree. The hash's last decimal digit picks the tenth and 20
// further bits the place inside it, so at scale 1.0 this is exactly the original `hash % 10 < 3`
// (the sum is exact in a double, and the threshold is exactly 3).
bool HydraPairSharesCard(std::uint64_t pair_hash, double share_rate_scale) {
  const double tenths = static_cast<double>(pair_hash % 10) +
                        static_cast<double>((pair_hash / 10) & 0xFFFFF) * 0x1.0p-20;
  return tenths < std::min(10.0, 3.0 * share_rate_scale);
}

// The camouflage share of ring prompts once the templated share (1 - camouflage) is scaled by
// template_scale and capped at 1. Written as camouflage - (1 - camouflage)(scale - 1), equal to
// 1 - (1 - camouflage) x scale, because that form returns `camouflage` bit for bit at scale 1.0.
double ScaledCamouflage(double camouflage, double template_scale) {
  return std::max(0.0, camouflage - (1.0 - camouflage) * (template_scale - 1.0));
}

// Time zone of a group, in hours east of UTC.
int TimeZoneOf(std::uint64_t key) {
  static constexpr int kZones[] = {-8, -7, -5, -5, -3, 0, 1, 1, 2, 3, 5, 8, 8, 9};
  return kZones[key % (sizeof kZones / sizeof kZones[0])];
}

}  // namespace

std::string_view GroupTypePrefix(GroupType type) {
  switch (type) {
    case GroupType::kIndividual:
      return "individual";
    case GroupType::kFamily:
      return "family";
    case GroupType::kCompany:
      return "company";
    case GroupType::kUniversity:
      return "university";
    case GroupType::kCgnatUser:
      return "cgnat_user";
    case GroupType::kProxyCustomer:
      return "proxy_customer";
    case GroupType::kRingCardFarm:
      return "ring_cardfarm";
    case GroupType::kRingHydra:
      return "ring_hydra";
    case GroupType::kRingLowSlow:
      return "ring_lowslow";
  }
  return "unknown";
}

bool IsRingType(GroupType type) {
  return type == GroupType::kRingCardFarm || type == GroupType::kRingHydra ||
         type == GroupType::kRingLowSlow;
}

struct PopulationGenerator::Group {
  GroupType type = GroupType::kIndividual;
  std::uint32_t index = 0;  // within its type: the N in company-N
  std::uint32_t size = 1;
  // University of a lab; proxy reseller of a hydra ring, low-and-slow ring or proxy customer;
  // carrier of a CGNAT user.
  std::uint32_t parent = 0;
  // Card farm: 0 reuses each prepaid card over 2-4 accounts, 1 buys a fresh card per account.
  // University lab: 1 when the lab shares an eval-server device.
  std::uint32_t variant = 0;
  std::uint32_t pool_offset = 0;  // hydra: first exit of its slice of the reseller's pool
  std::uint32_t pool_size = 0;    // hydra: exits in its slice; card farm: VPS addresses
  std::uint32_t start_day = 0;    // ring: launch day; lab: deadline day
  std::uint32_t hosts = 0;        // ring automation hosts; company office IPs
  // Company cards; card farm accounts per prepaid card; low-and-slow accounts per shared card.
  std::uint32_t cards = 0;
  std::uint32_t first_family = 0;  // template families first_family .. first_family+families-1
  std::uint32_t families = 0;
  std::uint64_t key = 0;  // hashes of this key derive the group's shared values
};

struct PopulationGenerator::ChunkOutput {
  std::string signals;
  std::string truth;
  std::array<std::uint64_t, kEmittedKinds.size()> records_by_kind{};
  std::uint64_t rfc3339 = 0;
};

// Emits one account's records. Scratch for one thread.
class PopulationGenerator::AccountWriter {
 public:
  explicit AccountWriter(const PopulationGenerator& gen) : gen_(gen) {}

  void Write(std::uint64_t account, ChunkOutput* out);

 private:
  struct Record {
    UnixSeconds ts;
    std::uint8_t kind;
    std::string value;
  };

  void Add(UnixSeconds ts, std::uint8_t kind, std::string value) {
    ts = std::clamp(ts, created_, end_ - 1);
    records_.push_back({ts, kind, std::move(value)});
  }
  void Prompt(UnixSeconds ts, PromptStyle style, std::uint32_t family) {
    Add(ts, kPrompt, gen_.corpus_->FromTemplate(style, family, rng_));
  }
  void FreePrompt(UnixSeconds ts) { Add(ts, kPrompt, gen_.corpus_->FreeText(rng_)); }
  // A popular public template (Zipf-like: low family numbers are far more common).
  void PopularPrompt(UnixSeconds ts) {
    double u = Unit(rng_);
    auto family = static_cast<std::uint32_t>(kPopularFamilies * u * u);
    Prompt(ts, PromptStyle::kPopularPublic, family);
  }
  // Free text mostly, a popular public template with probability `popular`.
  void HonestPrompt(UnixSeconds ts, double popular) {
    if (Chance(rng_, popular)) {
      PopularPrompt(ts);
    } else {
      FreePrompt(ts);
    }
  }

  // When an honest account starts: most are older than the month and show up in its first
  // days; `new_share` signed up during it.
  UnixSeconds HonestCreation(double new_share) {
    const PopulationOptions& o = gen_.options_;
    if (Chance(rng_, new_share)) {
      return o.epoch + static_cast<UnixSeconds>(Below(rng_, (o.days - 1) * kDay));
    }
    return o.epoch + static_cast<UnixSeconds>(Below(rng_, std::min<UnixSeconds>(3, o.days) * kDay));
  }
  // A human's activity time after created_: local waking hours, weekdays only for office work;
  // within `within_days` of created_ when that is positive.
  UnixSeconds HumanTime(int tz, bool office, UnixSeconds within_days = 0) {
    const PopulationOptions& o = gen_.options_;
    const UnixSeconds first_day = (created_ - o.epoch) / kDay;
    UnixSeconds span = o.days - first_day;
    if (within_days > 0) span = std::min(span, within_days);
    for (int attempt = 0; attempt < 12; ++attempt) {
      UnixSeconds day = first_day + static_cast<UnixSeconds>(Below(rng_, span));
      int local_hour;
      if (office) {
        int weekday = static_cast<int>((3 + day) % 7);  // 2026-10-01 is a Thursday; 0 = Monday
        if (weekday >= 5 && !Chance(rng_, 0.1)) continue;
        local_hour = static_cast<int>(Between(rng_, 9, 17));
      } else {
        local_hour = static_cast<int>(Chance(rng_, 0.85) ? Between(rng_, 8, 23) : Below(rng_, 8));
      }
      UnixSeconds ts = o.epoch + day * kDay + (local_hour - tz) * kHour +
                       static_cast<UnixSeconds>(Below(rng_, kHour));
      if (ts >= created_ && ts < end_) return ts;
    }
    return AnyTime();
  }
  UnixSeconds AnyTime() {
    return created_ + static_cast<UnixSeconds>(Below(rng_, end_ - created_));
  }
  // Ring traffic: within about two days after a model release, around the clock.
  UnixSeconds BurstTime() {
    for (int attempt = 0; attempt < 4; ++attempt) {
      UnixSeconds release = gen_.release_times_[Below(rng_, gen_.release_times_.size())];
      double hours = -10.0 * std::log(1.0 - Unit(rng_));
      UnixSeconds ts = release + static_cast<UnixSeconds>(std::min(hours, 60.0) * kHour);
      if (ts >= created_ && ts < end_) return ts;
    }
    return created_ +
           static_cast<UnixSeconds>(Below(rng_, std::min<UnixSeconds>(end_ - created_, 2 * kDay)));
  }

  std::string HomeIp(std::uint64_t key, std::uint64_t which) {
    return PublicIpv4(kResidentialOctets, Hash(gen_.options_.seed, kTagHome, key, which));
  }
  std::string HomeIpv6(std::uint64_t key) {
    std::uint64_t h = Hash(gen_.options_.seed, kTagHomeV6, key);
    return Ipv6(kHomeV6Prefixes[h % std::size(kHomeV6Prefixes)], h >> 8, SplitMix(h));
  }
  // A privacy address from the carrier's pool: effectively unique per session. The three draws
  // are sequenced, not left to argument evaluation order, which gcc and clang take differently;
  // this is the order gcc took when the population's digests were pinned.
  std::string MobileIpv6() {
    const std::uint64_t low = rng_();
    const std::uint64_t high = rng_();
    const char* prefix = kMobileV6Prefixes[Below(rng_, std::size(kMobileV6Prefixes))];
    return Ipv6(prefix, high, low);
  }
  std::string CgnatIp(std::uint32_t carrier) {
    std::uint64_t h =
        Hash(gen_.options_.seed, kTagCgnat, carrier, Below(rng_, gen_.cgnat_pool_per_carrier_));
    return Ipv4(100, 64 + (h & 63), (h >> 8) & 0xFF, 1 + (h >> 16) % 254);
  }
  std::string ExitIp(std::uint32_t reseller, std::uint32_t exit) {
    return PublicIpv4(kResidentialOctets, Hash(gen_.options_.seed, kTagExit, reseller, exit));
  }
  std::string RandomExit(std::uint32_t reseller) {
    return ExitIp(reseller,
                  static_cast<std::uint32_t>(Below(rng_, gen_.reseller_pool_size_[reseller])));
  }
  std::string HotspotIp() {
    return PublicIpv4(kOfficeOctets,
                      Hash(gen_.options_.seed, kTagHotspot, Below(rng_, gen_.hotspot_count_)));
  }
  std::string Device(std::uint64_t key, std::uint64_t which) {
    return DeviceValue(Hash(gen_.options_.seed, kTagDevice, key, which));
  }
  std::string SpoofedDevice() { return DeviceValue(rng_()); }
  std::string Card(std::uint64_t key, std::uint64_t which) {
    return CardValue(Hash(gen_.options_.seed, kTagCard, key, which));
  }

  void WriteIndividual(const Group& g, std::uint32_t member);
  void WriteFamily(const Group& g, std::uint32_t member);
  void WriteCompany(const Group& g, std::uint32_t member);
  void WriteUniversity(const Group& g, std::uint32_t member);
  void WriteCgnatUser(const Group& g, std::uint32_t member);
  void WriteProxyCustomer(const Group& g, std::uint32_t member);
  void WriteCardFarm(const Group& g, std::uint32_t member);
  void WriteHydra(const Group& g, std::uint32_t member);
  void WriteLowSlow(const Group& g, std::uint32_t member);
  void RingCreation(const Group& g, std::uint32_t spread_days);
  void RingPrompts(const Group& g, std::uint64_t planned_count, double camouflage, bool bursts);

  const PopulationGenerator& gen_;
  std::mt19937_64 rng_;
  std::vector<Record> records_;
  UnixSeconds created_ = 0;
  UnixSeconds end_ = 0;
  std::uint64_t account_key_ = 0;  // unique per account, for values no one else holds
};

void PopulationGenerator::AccountWriter::Write(std::uint64_t account, ChunkOutput* out) {
  const PopulationOptions& o = gen_.options_;
  rng_.seed(Hash(o.seed, kTagAccount, account));
  records_.clear();
  end_ = o.epoch + static_cast<UnixSeconds>(o.days) * kDay;
  account_key_ = Hash(o.seed, kTagAccount, account, 1);
  const Group& g = gen_.groups_[gen_.account_group_[account]];
  const std::uint32_t member = gen_.account_member_[account];
  switch (g.type) {
    case GroupType::kIndividual:
      WriteIndividual(g, member);
      break;
    case GroupType::kFamily:
      WriteFamily(g, member);
      break;
    case GroupType::kCompany:
      WriteCompany(g, member);
      break;
    case GroupType::kUniversity:
      WriteUniversity(g, member);
      break;
    case GroupType::kCgnatUser:
      WriteCgnatUser(g, member);
      break;
    case GroupType::kProxyCustomer:
      WriteProxyCustomer(g, member);
      break;
    case GroupType::kRingCardFarm:
      WriteCardFarm(g, member);
      break;
    case GroupType::kRingHydra:
      WriteHydra(g, member);
      break;
    case GroupType::kRingLowSlow:
      WriteLowSlow(g, member);
      break;
  }
  std::stable_sort(records_.begin(), records_.end(),
                   [](const Record& a, const Record& b) { return a.ts < b.ts; });

  const std::string name = gen_.AccountName(account);
  for (const Record& r : records_) {
    out->signals.append(name);
    out->signals.push_back(',');
    out->signals.append(kEmittedKinds[r.kind]);
    out->signals.push_back(',');
    AppendCsvField(&out->signals, r.value);
    out->signals.push_back(',');
    if (Chance(rng_, 0.1)) {
      out->signals.append(FormatRfc3339(r.ts));
      ++out->rfc3339;
    } else {
      AppendUint(&out->signals, static_cast<std::uint64_t>(r.ts));
    }
    out->signals.push_back('\n');
    ++out->records_by_kind[r.kind];
  }
  out->truth.append(name);
  out->truth.push_back(',');
  out->truth.append(GroupTypePrefix(g.type));
  out->truth.push_back('-');
  AppendUint(&out->truth, g.index);
  out->truth.append(IsRingType(g.type) ? ",1\n" : ",0\n");
}

// One person: a home address (sometimes a second after a DHCP change, sometimes IPv6), now and
// then a phone on carrier NAT or a public hotspot; an own card or none; one to three devices.
void PopulationGenerator::AccountWriter::WriteIndividual(const Group& g, std::uint32_t member) {
  created_ = HonestCreation(0.15);
  const int tz = TimeZoneOf(g.key);
  const bool uses_hotspot = Chance(rng_, 0.1);
  const bool has_v6 = Chance(rng_, 0.2);
  if (Chance(rng_, 0.7)) {
    Add(created_, kPayment, Card(g.key, 0));
    if (Chance(rng_, 0.3)) Add(HumanTime(tz, false), kPayment, Card(g.key, 0));
  }
  const int devices = static_cast<int>(Between(rng_, 1, 3));
  const int sessions = static_cast<int>(Between(rng_, 3, 7));
  for (int s = 0; s < sessions; ++s) {
    UnixSeconds ts = s == 0 ? created_ : HumanTime(tz, false);
    double u = Unit(rng_);
    std::string ip = u < 0.72   ? HomeIp(g.key, 0)
                     : u < 0.8  ? HomeIp(g.key, 1)
                     : u < 0.88 ? (has_v6 ? HomeIpv6(g.key) : HomeIp(g.key, 0))
                     : u < 0.94 ? (uses_hotspot ? HotspotIp() : HomeIp(g.key, 0))
                                : CgnatIp(static_cast<std::uint32_t>(g.key % kCarriers));
    Add(ts, kIp, std::move(ip));
    Add(ts, kDevice, Device(g.key, Below(rng_, devices)));
  }
  const int prompts = static_cast<int>(Between(rng_, 1, 5));
  for (int p = 0; p < prompts; ++p) HonestPrompt(HumanTime(tz, false), 0.2);
}

// A household: one card, one home address, a shared family device and each member's own.
void PopulationGenerator::AccountWriter::WriteFamily(const Group& g, std::uint32_t member) {
  created_ = HonestCreation(0.1);
  const int tz = TimeZoneOf(g.key);
  const bool uses_shared_device = member == 0 || Chance(rng_, 0.75);
  if (Chance(rng_, 0.9)) Add(created_, kPayment, Card(g.key, 0));
  const int sessions = static_cast<int>(Between(rng_, 3, 7));
  for (int s = 0; s < sessions; ++s) {
    UnixSeconds ts = s == 0 ? created_ : HumanTime(tz, false);
    double u = Unit(rng_);
    std::string ip = u < 0.8   ? HomeIp(g.key, 0)
                     : u < 0.9 ? HomeIpv6(g.key)
                               : CgnatIp(static_cast<std::uint32_t>(g.key % kCarriers));
    Add(ts, kIp, std::move(ip));
    bool shared = uses_shared_device && Chance(rng_, 0.6);
    Add(ts, kDevice, Device(g.key, shared ? 0 : 100 + member));
  }
  const int prompts = static_cast<int>(Between(rng_, 1, 5));
  for (int p = 0; p < prompts; ++p) HonestPrompt(HumanTime(tz, false), 0.25);
}

// An employee: the office NAT on weekdays, home now and then, the team's corporate card, own
// laptop and phone, and about half the prompts from the company's internal tools.
void PopulationGenerator::AccountWriter::WriteCompany(const Group& g, std::uint32_t member) {
  created_ = HonestCreation(0.05);
  const int tz = TimeZoneOf(g.key);
  if (Chance(rng_, 0.85)) Add(HumanTime(tz, true), kPayment, Card(g.key, member % g.cards));
  const bool has_phone = Chance(rng_, 0.4);
  const int sessions = static_cast<int>(Between(rng_, 4, 8));
  for (int s = 0; s < sessions; ++s) {
    // The first session is the first working day after the account's (pre-month) start.
    UnixSeconds ts = HumanTime(tz, true, s == 0 ? 4 : 0);
    double u = Unit(rng_);
    std::string ip = u < 0.78   ? PublicIpv4(kOfficeOctets, Hash(gen_.options_.seed, kTagOffice,
                                                                 g.key, (member + s) % g.hosts))
                     : u < 0.95 ? HomeIp(account_key_, 0)
                                : CgnatIp(static_cast<std::uint32_t>(account_key_ % kCarriers));
    Add(ts, kIp, std::move(ip));
    Add(ts, kDevice, Device(account_key_, has_phone && Chance(rng_, 0.3) ? 1 : 0));
  }
  const int prompts = static_cast<int>(Between(rng_, 3, 8));
  for (int p = 0; p < prompts; ++p) {
    UnixSeconds ts = HumanTime(tz, true);
    if (Chance(rng_, 0.55)) {
      Prompt(ts, PromptStyle::kCompanyTool,
             g.first_family + static_cast<std::uint32_t>(Below(rng_, g.families)));
    } else {
      HonestPrompt(ts, 0.2);
    }
  }
}

// A lab member: the university's campus NAT (shared by all its labs), own card or none, own
// devices plus, in some labs, the eval server; harness prompts bunched before the lab deadline.
void PopulationGenerator::AccountWriter::WriteUniversity(const Group& g, std::uint32_t member) {
  created_ = HonestCreation(0.2);
  const int tz = TimeZoneOf(g.key);
  const std::uint64_t university = g.parent;
  const std::uint64_t campus_h = Hash(gen_.options_.seed, kTagCampus, university);
  const std::uint32_t campus_addresses = 2 + static_cast<std::uint32_t>(campus_h % 3);
  auto campus_ip = [&] {
    std::uint64_t h =
        Hash(gen_.options_.seed, kTagCampus, university, 1 + Below(rng_, campus_addresses));
    return Ipv4(kCampusOctets[campus_h % std::size(kCampusOctets)], (campus_h >> 8) & 0xFF,
                (h >> 8) & 0xFF, 1 + h % 254);
  };
  if (Chance(rng_, 0.55)) Add(created_, kPayment, Card(account_key_, 0));
  const bool uses_server = g.variant == 1 && Chance(rng_, 0.6);
  const int sessions = static_cast<int>(Between(rng_, 4, 8));
  for (int s = 0; s < sessions; ++s) {
    UnixSeconds ts = s == 0 ? created_ : HumanTime(tz, false);
    double u = Unit(rng_);
    Add(ts, kIp,
        u < 0.8    ? campus_ip()
        : u < 0.95 ? HomeIp(account_key_, 0)
                   : CgnatIp(static_cast<std::uint32_t>(account_key_ % kCarriers)));
    Add(ts, kDevice,
        uses_server && Chance(rng_, 0.5) ? Device(g.key, 0) : Device(account_key_, Below(rng_, 2)));
  }
  const UnixSeconds deadline = gen_.options_.epoch + static_cast<UnixSeconds>(g.start_day) * kDay;
  const int prompts = static_cast<int>(Between(rng_, 4, 10));
  for (int p = 0; p < prompts; ++p) {
    if (Chance(rng_, 0.65)) {
      UnixSeconds ts = Chance(rng_, 0.5)
                           ? deadline - static_cast<UnixSeconds>(Below(rng_, 4 * kDay))
                           : HumanTime(tz, false);
      Prompt(ts, PromptStyle::kBenchmarkHarness,
             g.first_family + static_cast<std::uint32_t>(Below(rng_, g.families)));
    } else {
      HonestPrompt(HumanTime(tz, false), 0.25);
    }
  }
}

// A phone user: carrier NAT addresses shared by thousands, fresh IPv6 privacy addresses.
void PopulationGenerator::AccountWriter::WriteCgnatUser(const Group& g, std::uint32_t member) {
  created_ = HonestCreation(0.2);
  const int tz = TimeZoneOf(g.key);
  if (Chance(rng_, 0.75)) Add(created_, kPayment, Card(g.key, 0));
  const int sessions = static_cast<int>(Between(rng_, 3, 7));
  for (int s = 0; s < sessions; ++s) {
    UnixSeconds ts = s == 0 ? created_ : HumanTime(tz, false);
    double u = Unit(rng_);
    Add(ts, kIp, u < 0.7 ? CgnatIp(g.parent) : u < 0.9 ? MobileIpv6() : HomeIp(g.key, 0));
    Add(ts, kDevice, Device(g.key, Chance(rng_, 0.85) ? 0 : 1));
  }
  const int prompts = static_cast<int>(Between(rng_, 1, 4));
  for (int p = 0; p < prompts; ++p) HonestPrompt(HumanTime(tz, false), 0.3);
}

// An honest customer of a proxy reseller (privacy, geo-unblocking, scraping for their own
// product): rotating exits from the same pool the hydra rings use, everything else their own.
void PopulationGenerator::AccountWriter::WriteProxyCustomer(const Group& g, std::uint32_t member) {
  created_ = HonestCreation(0.15);
  const int tz = TimeZoneOf(g.key);
  if (Chance(rng_, 0.85)) Add(created_, kPayment, Card(g.key, 0));
  const int devices = static_cast<int>(Between(rng_, 1, 2));
  const int sessions = static_cast<int>(Between(rng_, 4, 8));
  for (int s = 0; s < sessions; ++s) {
    UnixSeconds ts = s == 0 ? created_ : HumanTime(tz, false);
    Add(ts, kIp, Chance(rng_, 0.85) ? RandomExit(g.parent) : HomeIp(g.key, 0));
    Add(ts, kDevice, Device(g.key, Below(rng_, devices)));
  }
  const int prompts = static_cast<int>(Between(rng_, 2, 6));
  for (int p = 0; p < prompts; ++p) HonestPrompt(HumanTime(tz, false), 0.2);
}

// Ring accounts are created in the days after the ring's launch day.
void PopulationGenerator::AccountWriter::RingCreation(const Group& g, std::uint32_t spread_days) {
  created_ = gen_.options_.epoch + static_cast<UnixSeconds>(g.start_day) * kDay +
             static_cast<UnixSeconds>(Below(rng_, spread_days * kDay));
  created_ = std::min(created_, end_ - kDay);
}

// Extraction prompts from the ring's few families; `camouflage` of them honest-looking. The
// sweep parameters scale `planned_count` (ring_volume_scale) and the templated share
// (template_scale); each prompt still makes the same draws, so 1.0 changes nothing.
void PopulationGenerator::AccountWriter::RingPrompts(const Group& g, std::uint64_t planned_count,
                                                     double camouflage, bool bursts) {
  const PopulationOptions& o = gen_.options_;
  const std::uint32_t count = ScaledCount(planned_count, o.ring_volume_scale, 1);
  camouflage = ScaledCamouflage(camouflage, o.template_scale);
  for (std::uint32_t p = 0; p < count; ++p) {
    if (Chance(rng_, camouflage)) {
      HonestPrompt(AnyTime(), 0.4);
      continue;
    }
    UnixSeconds ts = bursts && Chance(rng_, 0.8) ? BurstTime() : AnyTime();
    Prompt(ts, PromptStyle::kExtraction,
           g.first_family + static_cast<std::uint32_t>(Below(rng_, g.families)));
  }
}

// Card farm: prepaid cards reused over a few accounts, or one fresh card each; a handful of
// automation hosts; a small pool of VPS addresses; a phone on carrier NAT as camouflage.
void PopulationGenerator::AccountWriter::WriteCardFarm(const Group& g, std::uint32_t member) {
  RingCreation(g, 4);
  const std::string card = g.variant == 0 ? Card(g.key, member / g.cards) : Card(account_key_, 0);
  Add(created_, kPayment, card);
  if (Chance(rng_, 0.4)) Add(BurstTime(), kPayment, card);
  const std::uint64_t host = member % g.hosts;
  const std::uint64_t second_host = (member + 1 + Below(rng_, g.hosts)) % g.hosts;
  const bool spoofs = Chance(rng_, 0.3);
  const int sessions = static_cast<int>(Between(rng_, 5, 9));
  for (int s = 0; s < sessions; ++s) {
    UnixSeconds ts = s == 0 ? created_ : (Chance(rng_, 0.7) ? BurstTime() : AnyTime());
    double u = Unit(rng_);
    Add(ts, kIp,
        u < 0.85   ? PublicIpv4(kVpsOctets,
                                Hash(gen_.options_.seed, kTagVps, g.key, Below(rng_, g.pool_size)))
        : u < 0.95 ? CgnatIp(static_cast<std::uint32_t>(g.key % kCarriers))
                   : RandomExit(static_cast<std::uint32_t>(g.key % kResellers)));
    double d = Unit(rng_);
    Add(ts, kDevice,
        spoofs && d < 0.3 ? SpoofedDevice()
        : d < 0.8         ? DeviceValue(Hash(gen_.options_.seed, kTagHost, g.key, host))
                          : DeviceValue(Hash(gen_.options_.seed, kTagHost, g.key, second_host)));
  }
  RingPrompts(g, Between(rng_, 10, 22), /*camouflage=*/0.2, /*bursts=*/true);
}

// Hydra: a new residential exit almost every session, from the ring's slice of its reseller's
// pool (so each exit carries a few ring accounts, plus the reseller's honest customers);
// spoofed device hashes; mostly fresh cards, some shared by two accounts (30% of pairs at
// share_rate_scale 1).
void PopulationGenerator::AccountWriter::WriteHydra(const Group& g, std::uint32_t member) {
  RingCreation(g, 5);
  const std::uint32_t pair = member / 2;
  const bool pair_shares_card =
      HydraPairSharesCard(Hash(g.key, kTagCard, pair), gen_.options_.share_rate_scale);
  Add(created_, kPayment, pair_shares_card ? Card(g.key, pair) : Card(account_key_, 0));
  const int sessions = static_cast<int>(Between(rng_, 5, 9));
  std::string device = SpoofedDevice();
  for (int s = 0; s < sessions; ++s) {
    UnixSeconds ts = s == 0 ? created_ : (Chance(rng_, 0.75) ? BurstTime() : AnyTime());
    double u = Unit(rng_);
    Add(ts, kIp,
        u < 0.9
            ? ExitIp(g.parent, g.pool_offset + static_cast<std::uint32_t>(Below(rng_, g.pool_size)))
        : u < 0.95 ? RandomExit(g.parent)
                   : CgnatIp(static_cast<std::uint32_t>(account_key_ % kCarriers)));
    if (Chance(rng_, 0.4)) device = SpoofedDevice();
    Add(ts, kDevice, device);
  }
  RingPrompts(g, Between(rng_, 10, 22), /*camouflage=*/0.15, /*bursts=*/true);
}

// Low-and-slow: accounts created across the month, modest volume spread evenly, random exits
// like any proxy customer; only cards shared in pairs (g.cards accounts per card) and two or
// three hosts tie them together.
void PopulationGenerator::AccountWriter::WriteLowSlow(const Group& g, std::uint32_t member) {
  RingCreation(g, std::max<std::uint32_t>(1, gen_.options_.days * 6 / 10));
  Add(created_, kPayment, Card(g.key, member / g.cards));
  const bool spoofs = Chance(rng_, 0.5);
  const int sessions = static_cast<int>(Between(rng_, 3, 6));
  for (int s = 0; s < sessions; ++s) {
    UnixSeconds ts = s == 0 ? created_ : AnyTime();
    Add(ts, kIp, Chance(rng_, 0.7) ? RandomExit(g.parent) : HomeIp(account_key_, Below(rng_, 2)));
    Add(ts, kDevice,
        spoofs && Chance(rng_, 0.5)
            ? Device(account_key_, 0)
            : DeviceValue(Hash(gen_.options_.seed, kTagHost, g.key, member % g.hosts)));
  }
  RingPrompts(g, Between(rng_, 5, 9), /*camouflage=*/0.3, /*bursts=*/false);
}

// ---------------------------------------------------------------------------------------------

PopulationGenerator::PopulationGenerator(const PopulationOptions& options) : options_(options) {}
PopulationGenerator::~PopulationGenerator() = default;

Result<std::unique_ptr<PopulationGenerator>> PopulationGenerator::Create(
    const PopulationOptions& options) {
  if (options.accounts < 100 || options.accounts > kMaxAccounts) {
    return Status::InvalidArgument("accounts " + std::to_string(options.accounts) +
                                   " is out of range; use 100 to " + std::to_string(kMaxAccounts));
  }
  if (options.days < 7 || options.days > 366) {
    return Status::InvalidArgument("days " + std::to_string(options.days) +
                                   " is out of range; use 7 to 366");
  }
  if (options.accounts_per_chunk == 0) {
    return Status::InvalidArgument("accounts_per_chunk must be positive");
  }
  const struct {
    const char* option;
    const char* flag;
    double value;
  } sweep_parameters[] = {
      {"ring_size_scale", "--ring-size-scale", options.ring_size_scale},
      {"share_rate_scale", "--share-rate-scale", options.share_rate_scale},
      {"template_scale", "--template-scale", options.template_scale},
      {"ring_volume_scale", "--ring-volume-scale", options.ring_volume_scale},
  };
  for (const auto& parameter : sweep_parameters) {
    // Written so that NaN fails too.
    if (!(parameter.value >= kMinSweepScale && parameter.value <= kMaxSweepScale)) {
      char text[64];
      std::snprintf(text, sizeof text, "%g", parameter.value);
      return Status::InvalidArgument(std::string(parameter.option) + " (" + parameter.flag +
                                     ") is " + text + ", out of range; use a value from 0.1 to 10");
    }
  }
  std::unique_ptr<PopulationGenerator> gen(new PopulationGenerator(options));
  RINGGRAPH_RETURN_IF_ERROR(gen->Plan());
  gen->corpus_ = std::make_unique<templates::PromptCorpus>(options.seed);
  return gen;
}

Status PopulationGenerator::Plan() {
  std::mt19937_64 rng(Hash(options_.seed, kTagPlan));
  const std::uint64_t n = options_.accounts;
  name_width_ = std::max<int>(6, static_cast<int>(std::to_string(n - 1).size()));

  // Model releases: one early, one mid-month, one late (scaled to the month's length).
  for (std::uint32_t r = 0; r < kReleases; ++r) {
    std::uint32_t lo = 2 + r * (options_.days - 4) / kReleases;
    std::uint32_t width = std::max<std::uint32_t>(1, (options_.days - 4) / kReleases - 2);
    std::uint32_t day = lo + static_cast<std::uint32_t>(Below(rng, width));
    release_times_.push_back(options_.epoch + static_cast<UnixSeconds>(day) * kDay +
                             static_cast<UnixSeconds>(Between(rng, 15, 19)) * kHour);
  }

  auto add_group = [&](GroupType type, std::uint32_t size) -> Group& {
    Group& g = groups_.emplace_back();
    g.type = type;
    g.index = static_cast<std::uint32_t>(groups_by_type_[static_cast<int>(type)]++);
    g.size = size;
    g.key = Hash(options_.seed, kTagGroup, static_cast<std::uint64_t>(type), g.index);
    accounts_by_type_[static_cast<int>(type)] += size;
    return g;
  };

  // Rings: styles dealt round-robin, then shuffled; sizes around 4% of the population in all,
  // hydras larger and low-and-slow smaller.
  std::vector<GroupType> styles;
  for (std::uint32_t r = 0; r < options_.rings; ++r) {
    static constexpr GroupType kStyles[] = {GroupType::kRingCardFarm, GroupType::kRingHydra,
                                            GroupType::kRingLowSlow};
    styles.push_back(kStyles[r % 3]);
  }
  std::shuffle(styles.begin(), styles.end(), rng);
  const double base =
      options_.rings == 0 ? 0 : std::max(6.0, 0.04 * static_cast<double>(n) / options_.rings);
  // Exits in the hydra slices of each reseller's pool, and what they would be at
  // share_rate_scale 1 (the reseller's pool is never smaller than that).
  std::array<std::uint64_t, kResellers> reseller_ring_exits{};
  std::array<std::uint64_t, kResellers> reseller_unscaled_ring_exits{};
  const double share = options_.share_rate_scale;
  std::uint32_t ring_family_cursor = 0;
  for (GroupType style : styles) {
    double factor = style == GroupType::kRingHydra     ? 1.6
                    : style == GroupType::kRingLowSlow ? 0.4
                                                       : 1.0;
    double jitter = 0.7 + 0.6 * Unit(rng);
    auto size = static_cast<std::uint32_t>(
        std::max(4.0, std::round(base * factor * jitter * options_.ring_size_scale)));
    ring_accounts_ += size;
    if (ring_accounts_ > n / 2) {
      return Status::InvalidArgument(
          std::to_string(options_.rings) + " rings need more than half of " + std::to_string(n) +
          " accounts; raise --accounts or lower --rings or --ring-size-scale (rings hold about 4% "
          "of accounts times --ring-size-scale, at least 4 each)");
    }
    Group& g = add_group(style, size);
    g.families =
        ScaledCount(style == GroupType::kRingLowSlow ? Between(rng, 4, 6) : Between(rng, 2, 4),
                    options_.template_scale, 1);
    g.first_family = ring_family_cursor;
    ring_family_cursor += g.families;
    g.parent = static_cast<std::uint32_t>(Below(rng, kResellers));
    g.start_day = static_cast<std::uint32_t>(Between(rng, 1, options_.days / 2));
    switch (style) {
      case GroupType::kRingCardFarm:
        g.variant = Chance(rng, 0.5) ? 1 : 0;
        g.cards = ScaledCount(Between(rng, 2, 4), share, 1);
        g.hosts = DividedCount(
            std::min<std::uint32_t>(8, 2 + size / 40 + static_cast<std::uint32_t>(Below(rng, 2))),
            share, 1);
        g.pool_size = DividedCount(std::max<std::uint32_t>(2, size / 4), share, 2);
        break;
      case GroupType::kRingHydra: {
        g.parent = g.index % kResellers;
        g.pool_offset = static_cast<std::uint32_t>(reseller_ring_exits[g.parent]);
        const std::uint32_t unscaled_pool = std::max<std::uint32_t>(4, size * 3 / 2);
        g.pool_size = DividedCount(unscaled_pool, share, 2);
        reseller_ring_exits[g.parent] += g.pool_size;
        reseller_unscaled_ring_exits[g.parent] += unscaled_pool;
        break;
      }
      case GroupType::kRingLowSlow:
        g.hosts = DividedCount(Between(rng, 2, 3), share, 1);
        g.cards = ScaledCount(2, share, 1);
        g.start_day = 1;
        break;
      default:
        break;
    }
  }

  // Honest groups fill the rest: each type takes its share of the honest accounts in groups of
  // its own size range; individuals take what is left.
  const std::uint64_t honest = n - ring_accounts_;
  std::uint64_t remaining = honest;
  auto fill = [&](GroupType type, double share, std::uint32_t min_size, std::uint32_t max_size,
                  auto&& draw_size, auto&& init) {
    auto target = static_cast<std::uint64_t>(share * static_cast<double>(honest));
    std::uint64_t placed = 0;
    while (placed + min_size <= target && remaining >= min_size) {
      std::uint64_t cap = std::min<std::uint64_t>({max_size, target - placed, remaining});
      auto size = static_cast<std::uint32_t>(
          std::clamp<std::uint64_t>(draw_size(), min_size, std::max<std::uint64_t>(cap, min_size)));
      init(add_group(type, size));
      placed += size;
      remaining -= size;
    }
  };
  // Companies: sizes log-uniform from 5 to 250 (smaller in small populations).
  const auto company_max =
      static_cast<std::uint32_t>(std::clamp<std::uint64_t>(honest / 40, 5, 250));
  std::uint32_t company_family_cursor = 0;
  fill(
      GroupType::kCompany, 0.08, 5, company_max,
      [&] {
        return static_cast<std::uint64_t>(
            std::exp(std::log(5.0) + Unit(rng) * (std::log(company_max + 1.0) - std::log(5.0))));
      },
      [&](Group& g) {
        g.hosts = 1 + g.size / 120;  // office NAT addresses
        g.cards = 1 + g.size / 60;   // corporate cards
        g.families = static_cast<std::uint32_t>(Between(rng, 2, 4));
        g.first_family = company_family_cursor;
        company_family_cursor += g.families;
      });
  // University labs, three to six per university (one campus NAT).
  std::uint32_t university = 0, labs_left = 0;
  fill(
      GroupType::kUniversity, 0.025, 4, 25, [&] { return Between(rng, 4, 25); },
      [&](Group& g) {
        if (labs_left == 0) {
          ++university;
          labs_left = static_cast<std::uint32_t>(Between(rng, 3, 6));
        }
        --labs_left;
        g.parent = university;
        g.variant = Chance(rng, 0.4) ? 1 : 0;
        g.start_day = static_cast<std::uint32_t>(Between(rng, 5, options_.days - 1));
        g.families = static_cast<std::uint32_t>(Between(rng, 2, 3));
        g.first_family =
            static_cast<std::uint32_t>(Below(rng, kBenchmarkFamilies - g.families + 1));
      });
  fill(
      GroupType::kFamily, 0.06, 2, 5, [&] { return Between(rng, 2, 5); }, [](Group&) {});
  fill(
      GroupType::kCgnatUser, 0.10, 1, 1, [] { return 1; },
      [](Group& g) { g.parent = g.index % kCarriers; });
  fill(
      GroupType::kProxyCustomer, 0.02, 1, 1, [] { return 1; },
      [](Group& g) { g.parent = g.index % kResellers; });
  const std::uint64_t individuals = remaining;
  while (remaining > 0) {
    add_group(GroupType::kIndividual, 1);
    --remaining;
  }

  // Shared pools sized so the look-alikes look as DOMAIN.md describes them at any scale.
  const std::uint64_t cgnat_per_carrier =
      accounts_by_type_[static_cast<int>(GroupType::kCgnatUser)] / kCarriers;
  cgnat_pool_per_carrier_ =
      static_cast<std::uint32_t>(std::max<std::uint64_t>(2, cgnat_per_carrier * 3 / 1500));
  hotspot_count_ = static_cast<std::uint32_t>(std::max<std::uint64_t>(1, individuals / 300));
  const std::uint64_t customers = accounts_by_type_[static_cast<int>(GroupType::kProxyCustomer)];
  for (std::uint32_t r = 0; r < kResellers; ++r) {
    reseller_pool_size_.push_back(static_cast<std::uint32_t>(std::max<std::uint64_t>(
        16, std::max(reseller_ring_exits[r], reseller_unscaled_ring_exits[r]) +
                customers / kResellers * 2)));
  }

  // Deal members over a random permutation of account names.
  std::vector<std::uint32_t> names(n);
  for (std::uint64_t i = 0; i < n; ++i) names[i] = static_cast<std::uint32_t>(i);
  for (std::uint64_t i = n - 1; i > 0; --i) std::swap(names[i], names[Below(rng, i + 1)]);
  account_group_.resize(n);
  account_member_.resize(n);
  std::uint64_t slot = 0;
  for (std::uint32_t gi = 0; gi < groups_.size(); ++gi) {
    for (std::uint32_t m = 0; m < groups_[gi].size; ++m, ++slot) {
      account_group_[names[slot]] = gi;
      account_member_[names[slot]] = m;
    }
  }
  if (slot != n) {
    return Status::Internal("population plan placed " + std::to_string(slot) + " of " +
                            std::to_string(n) + " accounts");
  }
  return Status::Ok();
}

std::string PopulationGenerator::AccountName(std::uint64_t account) const {
  std::string digits = std::to_string(account);
  std::string name = "acct-";
  if (static_cast<int>(digits.size()) < name_width_) name.append(name_width_ - digits.size(), '0');
  name += digits;
  return name;
}

GroupType PopulationGenerator::GroupTypeOf(std::uint64_t account) const {
  return groups_[account_group_[account]].type;
}

std::string PopulationGenerator::GroupNameOf(std::uint64_t account) const {
  const Group& g = groups_[account_group_[account]];
  return std::string(GroupTypePrefix(g.type)) + "-" + std::to_string(g.index);
}

void PopulationGenerator::GenerateChunk(std::uint64_t chunk, ChunkOutput* out) const {
  const std::uint64_t begin = chunk * options_.accounts_per_chunk;
  const std::uint64_t end = std::min(options_.accounts, begin + options_.accounts_per_chunk);
  out->signals.reserve((end - begin) * 1400);
  out->truth.reserve((end - begin) * 40);
  AccountWriter writer(*this);
  for (std::uint64_t a = begin; a < end; ++a) writer.Write(a, out);
}

Status PopulationGenerator::Generate(const OutputSink& signals, const OutputSink& truth,
                                     const ProgressCallback& progress,
                                     PopulationSummary* summary) const {
  PopulationSummary result;
  result.accounts = options_.accounts;
  result.ring_accounts = ring_accounts_;
  result.rings = options_.rings;
  result.groups_by_type = groups_by_type_;
  result.accounts_by_type = accounts_by_type_;
  result.release_times = release_times_;

  static constexpr std::string_view kSignalsHeader = "account,kind,value,ts\n";
  static constexpr std::string_view kTruthHeader = "account,group,is_ring\n";
  RINGGRAPH_RETURN_IF_ERROR(signals(kSignalsHeader));
  RINGGRAPH_RETURN_IF_ERROR(truth(kTruthHeader));
  result.signals_bytes = kSignalsHeader.size();
  result.truth_bytes = kTruthHeader.size();

  const std::uint64_t chunks =
      (options_.accounts + options_.accounts_per_chunk - 1) / options_.accounts_per_chunk;
  std::uint64_t next_chunk = 0;
  std::uint64_t done = 0;
  Status failure;                 // touched only by the serial output filter
  std::atomic<bool> stop{false};  // read by the input filter, which may run concurrently
  // Ordered output bounds memory to a few chunks per thread, whatever the population size.
  const auto tokens = static_cast<std::size_t>(2 * tbb::this_task_arena::max_concurrency() + 2);
  tbb::parallel_pipeline(
      tokens, tbb::make_filter<void, std::uint64_t>(tbb::filter_mode::serial_in_order,
                                                    [&](tbb::flow_control& fc) -> std::uint64_t {
                                                      if (next_chunk >= chunks || stop.load()) {
                                                        fc.stop();
                                                        return 0;
                                                      }
                                                      return next_chunk++;
                                                    }) &
                  tbb::make_filter<std::uint64_t, std::shared_ptr<ChunkOutput>>(
                      tbb::filter_mode::parallel,
                      [this](std::uint64_t chunk) {
                        auto out = std::make_shared<ChunkOutput>();
                        GenerateChunk(chunk, out.get());
                        return out;
                      }) &
                  tbb::make_filter<std::shared_ptr<ChunkOutput>, void>(
                      tbb::filter_mode::serial_in_order, [&](std::shared_ptr<ChunkOutput> out) {
                        if (!failure.ok()) return;
                        failure = signals(out->signals);
                        if (failure.ok()) failure = truth(out->truth);
                        if (!failure.ok()) stop.store(true);
                        result.signals_bytes += out->signals.size();
                        result.truth_bytes += out->truth.size();
                        for (std::size_t k = 0; k < out->records_by_kind.size(); ++k) {
                          result.records_by_kind[k] += out->records_by_kind[k];
                          result.records += out->records_by_kind[k];
                        }
                        result.rfc3339_timestamps += out->rfc3339;
                        done = std::min(options_.accounts, done + options_.accounts_per_chunk);
                        if (progress) progress(done, options_.accounts);
                      }));
  RINGGRAPH_RETURN_IF_ERROR(failure);
  if (summary != nullptr) *summary = std::move(result);
  return Status::Ok();
}

namespace {

// A file written with large unbuffered writes (the chunks are already megabytes).
class OutputFile {
 public:
  ~OutputFile() {
    if (file_ != nullptr) std::fclose(file_);
  }
  Status Open(const std::string& path) {
    path_ = path;
    file_ = std::fopen(path.c_str(), "wb");
    if (file_ == nullptr) {
      return Status::IoError("cannot create " + path + ": " + std::strerror(errno) +
                             "; check that --out is a writable directory");
    }
    std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
    return Status::Ok();
  }
  Status Write(std::string_view bytes) {
    if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
      return Status::IoError("writing " + path_ + " failed: " + std::strerror(errno) +
                             "; check free disk space");
    }
    return Status::Ok();
  }
  Status Close() {
    int rc = std::fclose(file_);
    file_ = nullptr;
    if (rc != 0) {
      return Status::IoError("closing " + path_ + " failed: " + std::strerror(errno) +
                             "; check free disk space");
    }
    return Status::Ok();
  }

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
};

}  // namespace

Status PopulationGenerator::WriteTo(const std::string& out_dir, const ProgressCallback& progress,
                                    PopulationSummary* summary) const {
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) {
    return Status::IoError("cannot create output directory " + out_dir + ": " + ec.message() +
                           "; choose a writable --out");
  }
  if (!std::filesystem::is_directory(out_dir, ec)) {
    return Status::IoError("output path " + out_dir +
                           " is not a directory; choose a directory for --out");
  }
  const std::string signals_path = (std::filesystem::path(out_dir) / "signals.csv").string();
  const std::string truth_path = (std::filesystem::path(out_dir) / "truth.csv").string();
  OutputFile signals, truth;
  RINGGRAPH_RETURN_IF_ERROR(signals.Open(signals_path));
  RINGGRAPH_RETURN_IF_ERROR(truth.Open(truth_path));
  RINGGRAPH_RETURN_IF_ERROR(Generate([&](std::string_view b) { return signals.Write(b); },
                                     [&](std::string_view b) { return truth.Write(b); }, progress,
                                     summary));
  RINGGRAPH_RETURN_IF_ERROR(signals.Close());
  return truth.Close();
}

}  // namespace ringgraph::population
