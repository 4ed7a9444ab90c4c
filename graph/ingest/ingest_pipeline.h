// Batched, pipelined ingest of signal records into the account store.
//
// Three stages run as a TBB pipeline so that reading, hashing and committing overlap:
//   read      (serial)   parse the next batch of records from the reader
//   prepare   (parallel) validate, normalise, keyed-hash values, fingerprint prompts
//   commit    (serial)   report rejected records, then write the batch in one durable
//                        transaction (AccountStore::IngestBatch)
// A batch is acknowledged (counted as ingested, shown in progress) only after its commit.
// Batches are staged (AccountStore::StageBatch: durable, but their counts are aggregated into
// the account tables later) and merged in one ordered pass whenever the staged records reach
// AdaptiveBatching::StagedRecordsFor the store's size, and at the end of the run, so that the
// cost of input in time order is close to that of input grouped by account.
// With `strict`, the first rejected record stops the run before its batch is committed.
//
// Determinism: the same input gives the same store, however the stages are timed. Batch i's
// prompts are matched against the templates in force right after batch i - kLiveBatches
// committed (after_commit may learn new ones while later batches are being prepared; batches
// 0 to kLiveBatches - 1 get the templates the run started with), and its size comes from the
// store's keys as of that commit. Which batches a newly learned template matches, and what the
// next refresh mines, therefore depend only on the input.
//
// Thread safety: one Run() at a time per pipeline object.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/common/status.h"
#include "graph/sharing/consortium_key.h"
#include "graph/signals/keyed_hash.h"
#include "graph/signals/record_reader.h"
#include "graph/signals/signal_kind.h"
#include "graph/store/account_store.h"
#include "graph/templates/template_dictionary.h"

namespace ringgraph::ingest {

// One version of the learned templates. A version never changes; learning makes a new one.
using TemplateVersion = std::shared_ptr<const templates::TemplateDictionary>;

// Batches in the pipeline at once (read, being prepared, being committed). When batch i is
// read, batch i - kLiveBatches has committed.
inline constexpr std::size_t kLiveBatches = 3;

struct PromptTemplateAssigner {
  // The version in force now. Optional: without it every batch is given a null version.
  std::function<TemplateVersion()> current;
  // Maps each prompt text to a template id of `version` ("" when it matches none) and, for a
  // prompt without one, to the sketch the store keeps until a template learned later claims it
  // (empty when none is kept). Called from TBB worker threads with whole batches; must be
  // thread-safe. The texts are never stored.
  std::function<void(const TemplateVersion& version, std::span<const std::string_view> prompts,
                     std::vector<std::string>* ids,
                     std::vector<std::vector<std::uint32_t>>* sketches)>
      assign;
  explicit operator bool() const { return static_cast<bool>(assign); }
};

// How many records a commit takes when IngestOptions::batch_records is 0 (the default).
//
// Each record updates B-trees keyed by account and by signal value. A commit writes every page
// it dirtied, so a batch that touches k random keys of a tree of P pages costs about
// P * (1 - exp(-k / P)) page writes: input grouped by account touches few pages per record, but
// input in time order (a live stream) touches a different account with almost every record and
// rewrites most of the account trees at every commit. Sizing the batch to the number of keys
// the store holds (accounts plus signal values) bounds those writes at about one rewrite of each
// tree per that many records, whatever the order, so the cost per record stays the same as the
// store grows. The bounds keep small stores responsive and memory bounded: at most three
// batches are in flight (read, prepare, commit), and a commit copies every page it dirties.
// At 1M accounts in time order a ceiling of 500,000 ingested as fast as 1,000,000 with 1.5
// instead of 2.3 GiB of anonymous memory (README, "Performance").
//
// A merge of staged batches costs about one pass over the account tables (input in time order
// updates most of their pages) plus its staged records, so staging a fixed multiple of the
// store's keys before merging keeps the cost per record the same as the store grows, whatever
// the order, and a larger multiple spreads the pass over more records: twice the keys gave
// time-ordered input at 1M accounts 1.09x the rate of once (median of 5 paired runs; grouped
// input unchanged, 0.98x), with 0.1-0.2 GiB more anonymous memory in the larger merge
// (README, "Performance"). At least one batch's worth, at most max_staged_records (a merge
// holds its observations, 17 bytes each, and their aggregates in memory).
struct AdaptiveBatching {
  std::size_t min_records = 50000;
  std::size_t max_records = 500000;
  std::size_t max_staged_records = 8000000;
  std::uint64_t staged_per_store_key = 2;
  // The batch for a store holding this many accounts plus signal values.
  std::size_t RecordsFor(std::uint64_t store_keys) const;
  // How many staged records to merge at, for such a store.
  std::size_t StagedRecordsFor(std::uint64_t store_keys) const;
};

struct IngestOptions {
  // Records per durable commit; 0 sizes each batch to the store (AdaptiveBatching).
  std::size_t batch_records = 0;
  AdaptiveBatching adaptive;
  bool strict = false;
  // Stage batches and merge them (see the top of this file); false writes each batch whole in
  // its own commit (AccountStore::IngestBatch), visible to readers at once, as a run of one
  // batch wants. Runs with a stream_mark are never staged.
  bool stage_batches = true;
  // Optional: without it, prompts count towards prompt volume but add no template signal.
  PromptTemplateAssigner assign_templates;
  // Optional: payment, ip, device and template values are also hashed under each of these keys
  // for indicator sharing (graph/sharing). The store must be bound to the same keys in the same
  // order (AccountStore::BindConsortiumKeys).
  const std::vector<sharing::ConsortiumKey>* consortium_keys = nullptr;
  // Optional: a stream consumer's position, stored in the same transaction as each batch (even
  // one whose records were all rejected). Meant for runs of one batch (batch_records at least
  // the number of records), where the mark covers everything the run was given.
  const store::StreamMark* stream_mark = nullptr;
  // Called on the committing thread after every committed batch, before on_progress; a
  // failure stops the run (what was committed stays). Ingest uses it to learn templates from
  // the kept sketches once enough have gathered.
  std::function<Status()> after_commit;
  // Called on the committing thread after every committed batch.
  std::function<void(std::uint64_t bytes_consumed, std::uint64_t total_bytes,
                     std::uint64_t records_ingested)>
      on_progress;
  // Called once per rejected record with its line (1-based; the position for in-memory
  // records) and "source:line: reason".
  std::function<void(std::uint64_t line, const std::string& message)> on_reject;
};

struct IngestReport {
  std::uint64_t records_read = 0;
  std::uint64_t records_ingested = 0;
  std::uint64_t records_rejected = 0;
  std::uint64_t batches = 0;
  std::uint64_t merges = 0;  // merges of staged batches
  std::uint64_t new_accounts = 0;
  std::uint64_t new_signals = 0;
  std::uint64_t map_growths = 0;
  double seconds = 0;
  bool stopped_by_strict = false;
};

class IngestPipeline {
 public:
  IngestPipeline(store::AccountStore& store, const KindRegistry& kinds, const KeyedHasher& hasher,
                 IngestOptions options);
  IngestPipeline(const IngestPipeline&) = delete;
  IngestPipeline& operator=(const IngestPipeline&) = delete;

  // Ingests everything `reader` yields. Returns non-OK for an I/O or store failure, a fatal
  // reader error, or (with strict) the first bad record; *report says what was committed.
  Status Run(RecordReader& reader, IngestReport* report);

 private:
  store::AccountStore& store_;
  const KindRegistry& kinds_;
  const KeyedHasher& hasher_;
  IngestOptions options_;
};

}  // namespace ringgraph::ingest
