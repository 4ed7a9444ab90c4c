// Learning templates from kept sketches and settling the prompts they claim. See
// template_refresh.h.
#include "graph/ingest/template_refresh.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace ringgraph::ingest {

std::string DescribeRefresh(const TemplateRefreshReport& report) {
  std::string out = std::to_string(report.learned) + " templates learned (" +
                    std::to_string(report.templates) + " in all); " +
                    std::to_string(report.settled) + " kept prompts settled, " +
                    std::to_string(report.kept - report.settled - report.dropped) + " still kept";
  if (report.dropped > 0) out += ", " + std::to_string(report.dropped) + " oldest dropped";
  return out;
}

TemplateRefresh::TemplateRefresh(store::AccountStore& store, PromptTemplates& templates,
                                 const KeyedHasher& hasher,
                                 const std::vector<sharing::ConsortiumKey>* consortium_keys,
                                 TemplateRefreshOptions options)
    : store_(store),
      templates_(templates),
      hasher_(hasher),
      consortium_keys_(consortium_keys),
      options_(options) {}

Status TemplateRefresh::Run(TemplateRefreshReport* report) {
  const auto start = std::chrono::steady_clock::now();
  *report = TemplateRefreshReport{};

  // read, after merging what ingest staged: learning reads the accounts' prompt counts, which
  // staged batches have not added yet
  RINGGRAPH_RETURN_IF_ERROR(store_.MergeStaged());
  std::vector<std::uint64_t> sequences;
  std::vector<AccountId> accounts;
  std::vector<UnixSeconds> times;
  std::vector<std::vector<std::uint32_t>> sketches;
  RINGGRAPH_ASSIGN_OR_RETURN(std::unique_ptr<store::StoreSnapshot> snapshot, store_.Snapshot());
  RINGGRAPH_ASSIGN_OR_RETURN(std::string stored, snapshot->TemplateDictionaryBytes());
  RINGGRAPH_RETURN_IF_ERROR(snapshot->ForEachPendingPrompt([&](const store::PendingPrompt& p) {
    sequences.push_back(p.sequence);
    accounts.push_back(p.account);
    times.push_back(p.ts);
    sketches.emplace_back(p.sketch.begin(), p.sketch.end());
    return Status::Ok();
  }));
  report->kept = sketches.size();
  // Whether each kept prompt's account sent other prompts too: the kept ones are only those no
  // template claimed, so an account that appears once here may still be a returning sender. The
  // miner does not take its templates for phrases that one-time senders typed.
  std::vector<std::uint8_t> sends_elsewhere(accounts.size(), 0);
  {
    absl::flat_hash_map<AccountId, std::uint32_t> kept_of;
    for (AccountId a : accounts) ++kept_of[a];
    for (std::size_t i = 0; i < accounts.size(); ++i) {
      if (kept_of.at(accounts[i]) >= 2) continue;  // the miner sees that one itself
      RINGGRAPH_ASSIGN_OR_RETURN(store::AccountActivity activity, snapshot->Activity(accounts[i]));
      sends_elsewhere[i] = activity.prompts >= 2;
    }
  }
  templates::TemplateDictionary dictionary;
  if (!stored.empty()) {
    RINGGRAPH_ASSIGN_OR_RETURN(dictionary, templates::TemplateDictionary::Deserialize(stored));
  } else {
    templates::DictionaryOptions dictionary_options = templates_.dictionary()->options();
    dictionary_options.key_id = templates_.key_id();
    dictionary = templates::TemplateDictionary(dictionary_options);
  }

  // mine
  if (!sketches.empty()) {
    std::vector<std::uint32_t> account_of(accounts.begin(), accounts.end());
    templates::TemplateMiner miner(sketches, account_of, options_.miner, sends_elsewhere);
    RINGGRAPH_RETURN_IF_ERROR(miner.Run());
    using Learned = templates::TemplateDictionary::Learned;
    for (Learned learned : dictionary.Learn(miner.templates(), options_.miner.edit_shingles)) {
      report->learned += learned == Learned::kAdded;
      report->held += learned == Learned::kHeld;
    }
  }
  report->templates = dictionary.size();

  // match
  std::vector<std::string> names;    // account names of settled prompts, kept alive
  std::vector<std::string> ids;      // their template ids
  std::vector<std::size_t> claimed;  // indexes into the kept sketches
  std::vector<std::uint64_t> settled;
  for (std::size_t i = 0; i < sketches.size(); ++i) {
    std::optional<std::uint64_t> id = dictionary.Match(sketches[i]);
    if (!id.has_value()) continue;
    RINGGRAPH_ASSIGN_OR_RETURN(std::string name, snapshot->AccountName(accounts[i]));
    names.push_back(std::move(name));
    ids.push_back(templates::TemplateDictionary::IdText(*id));
    claimed.push_back(i);
    settled.push_back(sequences[i]);
  }
  snapshot.reset();
  const std::size_t keys = consortium_keys_ != nullptr ? consortium_keys_->size() : 0;
  std::vector<ValueHash> shared(claimed.size() * keys);
  std::vector<store::StoreRecord> records(claimed.size());
  for (std::size_t k = 0; k < claimed.size(); ++k) {
    store::StoreRecord& r = records[k];
    r.account = names[k];
    r.kind = kTemplateKind;
    r.value = hasher_.Hash(kTemplateKind, ids[k]);
    r.ts = times[claimed[k]];
    r.counts_activity = false;
    if (keys > 0) {
      for (std::size_t j = 0; j < keys; ++j) {
        shared[k * keys + j] = (*consortium_keys_)[j].Hash(kTemplateKind, ids[k]);
      }
      r.shared = &shared[k * keys];
    }
  }
  report->settled = claimed.size();

  // settle: the newest max_kept unclaimed sketches stay
  std::uint64_t drop_before = 0;
  {
    std::vector<std::uint64_t> unclaimed;
    std::size_t next_claimed = 0;
    for (std::size_t i = 0; i < sequences.size(); ++i) {
      if (next_claimed < claimed.size() && claimed[next_claimed] == i) {
        ++next_claimed;
        continue;
      }
      unclaimed.push_back(sequences[i]);
    }
    if (unclaimed.size() > options_.max_kept) {
      report->dropped = unclaimed.size() - options_.max_kept;
      drop_before = unclaimed[report->dropped];
    }
  }
  const std::string bytes = report->learned > 0 ? dictionary.Serialize() : std::string();
  if (!records.empty() || !settled.empty() || drop_before != 0 || !bytes.empty()) {
    RINGGRAPH_RETURN_IF_ERROR(store_.SettlePendingPrompts(bytes, records, settled, drop_before));
  }
  if (report->learned > 0) templates_.Replace(std::move(dictionary));
  report->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return Status::Ok();
}

}  // namespace ringgraph::ingest
