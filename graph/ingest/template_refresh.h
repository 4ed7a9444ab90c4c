// Learns new prompt templates from the sketches of prompts that matched none, and settles the
// prompts those templates claim.
//
// A template is learned from the corpus once it recurs (graph/templates/template_miner.h); a
// prompt that arrived before its template was learned keeps its keyed sketch in the store
// (prompt_sketches). A refresh goes through named phases:
//   read    the stored dictionary and every kept sketch with its account and time;
//   mine    the kept sketches for templates (at least min_prompts prompts from min_accounts
//           accounts); the ones the dictionary does not hold yet join it. Ids are stable: a
//           template mined again (its skeleton within the miner's edit_shingles of a held one,
//           TemplateDictionary::Learn) keeps the held id, even where this run's anchors would
//           give it another;
//   match   every kept sketch against the grown dictionary;
//   settle  one durable transaction: the new dictionary, a template observation for every
//           matched prompt (counted once: its prompt was counted when it was ingested), and the
//           matched sketches deleted; unmatched sketches beyond `max_kept` go, oldest first, so
//           what is kept (and mined) stays bounded whatever the stream's length.
// Then the PromptTemplates that ingest matches against switch to the new dictionary.
//
// ringctl ingest refreshes whenever `refresh_after` more sketches have gathered and at its end;
// ringd and ringctl detect refresh before every detection run, so detection sees every template.
//
// Thread safety: one Run() at a time per store (writes are serialised by the store anyway); it
// may run while other threads ingest through the same PromptTemplates.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/common/status.h"
#include "graph/ingest/prompt_templates.h"
#include "graph/sharing/consortium_key.h"
#include "graph/signals/keyed_hash.h"
#include "graph/store/account_store.h"
#include "graph/templates/template_miner.h"

namespace ringgraph::ingest {

struct TemplateRefreshOptions {
  templates::MinerOptions miner;
  // Unclaimed sketches kept for later learning; beyond it the oldest are dropped.
  std::uint64_t max_kept = 1'000'000;
  // ringctl ingest refreshes once this many more sketches are kept than after the last refresh.
  std::uint64_t refresh_after = 400'000;
};

struct TemplateRefreshReport {
  std::uint64_t kept = 0;       // sketches read
  std::uint64_t learned = 0;    // templates new to the dictionary
  std::uint64_t held = 0;       // mined again: the dictionary's skeleton and id kept
  std::uint64_t templates = 0;  // in the dictionary afterwards
  std::uint64_t settled = 0;    // prompts claimed by a template
  std::uint64_t dropped = 0;    // unclaimed sketches dropped as the oldest beyond max_kept
  double seconds = 0;
};

// One line for logs and progress, e.g. "12 templates learned (40 in all); 3,200 kept prompts
// settled, 1,100 still kept".
std::string DescribeRefresh(const TemplateRefreshReport& report);

class TemplateRefresh {
 public:
  // `consortium_keys` may be null; the store must be bound to the same keys in the same order.
  TemplateRefresh(store::AccountStore& store, PromptTemplates& templates, const KeyedHasher& hasher,
                  const std::vector<sharing::ConsortiumKey>* consortium_keys,
                  TemplateRefreshOptions options = {});
  TemplateRefresh(const TemplateRefresh&) = delete;
  TemplateRefresh& operator=(const TemplateRefresh&) = delete;

  Status Run(TemplateRefreshReport* report);

 private:
  store::AccountStore& store_;
  PromptTemplates& templates_;
  const KeyedHasher& hasher_;
  const std::vector<sharing::ConsortiumKey>* consortium_keys_;
  TemplateRefreshOptions options_;
};

}  // namespace ringgraph::ingest
