// The ingest pipeline: read, prepare in parallel, commit. See ingest_pipeline.h.
#include "graph/ingest/ingest_pipeline.h"

#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>

#include "graph/ingest/record_validator.h"

namespace ringgraph::ingest {
namespace {

struct Reject {
  std::uint64_t line = 0;
  std::string message;
};

// What the run's later batches are read with once a batch has committed (ingest_pipeline.h,
// "Determinism").
struct CommitPoint {
  std::uint64_t store_keys = 0;  // accounts plus signal values in the store
  TemplateVersion templates;
};

struct Batch {
  CommitPoint read_with;  // the commit point kLiveBatches batches earlier, or the run's start
  std::vector<RawRecord> raw;
  std::vector<Reject> rejects;               // reader rejections, then validation rejections
  std::vector<store::StoreRecord> prepared;  // views into `raw` and `shared`
  std::vector<ValueHash> shared;             // consortium hashes, keys per record
  std::vector<std::vector<std::uint32_t>> sketches;  // kept sketches of unmatched prompts
  std::size_t reader_rejects = 0;                    // how many of `rejects` the reader made
  Status fatal;  // a reader error that ends the input after this batch
};

}  // namespace

std::size_t AdaptiveBatching::RecordsFor(std::uint64_t store_keys) const {
  const std::size_t floor = std::max<std::size_t>(1, min_records);
  const std::size_t ceiling = std::max(floor, max_records);
  return static_cast<std::size_t>(std::clamp<std::uint64_t>(store_keys, floor, ceiling));
}

std::size_t AdaptiveBatching::StagedRecordsFor(std::uint64_t store_keys) const {
  const std::size_t floor = std::max<std::size_t>(1, max_records);
  const std::size_t ceiling = std::max(floor, max_staged_records);
  return static_cast<std::size_t>(
      std::clamp<std::uint64_t>(staged_per_store_key * store_keys, floor, ceiling));
}

IngestPipeline::IngestPipeline(store::AccountStore& store, const KindRegistry& kinds,
                               const KeyedHasher& hasher, IngestOptions options)
    : store_(store), kinds_(kinds), hasher_(hasher), options_(std::move(options)) {}

Status IngestPipeline::Run(RecordReader& reader, IngestReport* report) {
  *report = IngestReport{};
  const auto start = std::chrono::steady_clock::now();
  const RecordValidator validator(kinds_);
  // Keys the store holds (accounts + signal values), which sets the adaptive batch size (through
  // the commit points) and how much is staged before a merge; grown by each commit.
  const bool staged = options_.stage_batches && options_.stream_mark == nullptr;
  std::uint64_t store_keys = 0;                 // the commit stage's alone, once the pipeline runs
  if (options_.batch_records == 0 || staged) {  // not on ringd's per-call path
    Result<store::StoreStats> stats = store_.Stats();
    if (!stats.ok()) return stats.status();
    store_keys = stats->accounts + stats->signals;
  }
  bool staged_any = false;  // the commit stage's alone
  auto merge = [&]() -> Status {
    if (!staged_any) return Status::Ok();
    store::IngestBatchStats merged;
    RINGGRAPH_RETURN_IF_ERROR(store_.MergeStaged(&merged));
    if (merged.records > 0) ++report->merges;
    return Status::Ok();
  };
  bool input_done = false;
  std::atomic<bool> stop{false};
  Status failure;

  // The commit point of every committed batch, in order, for the read stage (see "Determinism").
  auto templates_now = [&]() -> TemplateVersion {
    return options_.assign_templates.current ? options_.assign_templates.current() : nullptr;
  };
  const CommitPoint start_point{store_keys, templates_now()};
  // Only the points later reads still need are kept: a point holds its templates version alive.
  std::deque<CommitPoint> commit_points;  // of batches first_point, first_point + 1, ...
  std::uint64_t first_point = 0;
  std::mutex commit_points_mutex;
  std::condition_variable commit_point_recorded;
  std::uint64_t batches_read = 0;  // the read stage's alone
  // The point batch `index` is read with; false when the run stopped first.
  auto point_for = [&](std::uint64_t index, CommitPoint* point) {
    if (index < kLiveBatches) {
      *point = start_point;
      return true;
    }
    std::unique_lock<std::mutex> lock(commit_points_mutex);
    // The pipeline holds at most kLiveBatches batches, so that commit has happened: no wait.
    const std::uint64_t wanted = index - kLiveBatches;
    commit_point_recorded.wait(
        lock, [&] { return first_point + commit_points.size() > wanted || stop.load(); });
    if (first_point + commit_points.size() <= wanted) return false;
    for (; first_point < wanted; ++first_point) commit_points.pop_front();  // read in order
    *point = commit_points.front();
    return true;
  };

  auto read_stage = [&](tbb::flow_control& flow) -> Batch* {
    auto batch = std::make_unique<Batch>();
    if (input_done || stop.load() || !point_for(batches_read, &batch->read_with)) {
      flow.stop();
      return nullptr;
    }
    ++batches_read;
    const std::size_t batch_records =
        options_.batch_records > 0 ? options_.batch_records
                                   : options_.adaptive.RecordsFor(batch->read_with.store_keys);
    batch->raw.reserve(std::min<std::size_t>(batch_records, 1 << 16));
    RawRecord record;
    std::string error;
    while (batch->raw.size() < batch_records) {
      Result<RecordReader::Outcome> outcome = reader.Next(&record, &error);
      if (!outcome.ok()) {
        batch->fatal = outcome.status();
        input_done = true;
        break;
      }
      if (*outcome == RecordReader::Outcome::kEnd) {
        input_done = true;
        break;
      }
      if (*outcome == RecordReader::Outcome::kRejected) {
        batch->rejects.push_back({record.line, std::move(error)});
        ++batch->reader_rejects;
        if (options_.strict) {
          input_done = true;
          break;
        }
        continue;
      }
      batch->raw.push_back(std::move(record));
    }
    return batch.release();
  };

  const std::size_t shared_keys =
      options_.consortium_keys != nullptr ? options_.consortium_keys->size() : 0;
  auto share = [&](Batch* batch, std::size_t i, store::StoreRecord& r, std::string_view value) {
    if (shared_keys == 0 || !sharing::IsSharedKind(r.kind)) return;
    ValueHash* out = &batch->shared[i * shared_keys];
    for (std::size_t k = 0; k < shared_keys; ++k)
      out[k] = (*options_.consortium_keys)[k].Hash(r.kind, value);
    r.shared = out;
  };
  auto prepare_stage = [&](Batch* batch) -> Batch* {
    const std::size_t n = batch->raw.size();
    batch->shared.resize(n * shared_keys);
    std::vector<std::string> reasons(n);
    std::vector<store::StoreRecord> prepared(n);
    std::vector<std::uint8_t> ok(n, 0);
    std::vector<std::size_t> prompt_index;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 512),
                      [&](const tbb::blocked_range<std::size_t>& range) {
                        for (std::size_t i = range.begin(); i < range.end(); ++i) {
                          Result<ValidatedRecord> v = validator.Validate(batch->raw[i]);
                          if (!v.ok()) {
                            reasons[i] = v.status().message();
                            continue;
                          }
                          store::StoreRecord& r = prepared[i];
                          r.account = batch->raw[i].account;
                          r.ts = v->ts;
                          r.kind = v->kind->code;
                          if (v->kind->treatment == ValueTreatment::kPromptText) {
                            r.counts_prompt = true;
                            r.has_signal = false;  // set below if a template matches
                          } else {
                            r.value = hasher_.Hash(r.kind, v->normalized_value);
                            share(batch, i, r, v->normalized_value);
                          }
                          ok[i] = 1;
                        }
                      });
    for (std::size_t i = 0; i < n; ++i) {
      if (ok[i] && prepared[i].counts_prompt) prompt_index.push_back(i);
    }
    if (options_.assign_templates && !prompt_index.empty()) {
      std::vector<std::string_view> texts;
      texts.reserve(prompt_index.size());
      for (std::size_t i : prompt_index) texts.push_back(batch->raw[i].value);
      std::vector<std::string> ids;
      options_.assign_templates.assign(batch->read_with.templates, texts, &ids, &batch->sketches);
      for (std::size_t k = 0; k < prompt_index.size() && k < ids.size(); ++k) {
        if (ids[k].empty()) {
          if (k < batch->sketches.size())
            prepared[prompt_index[k]].prompt_sketch = batch->sketches[k];
          continue;
        }
        store::StoreRecord& r = prepared[prompt_index[k]];
        r.kind = kTemplateKind;
        r.value = hasher_.Hash(kTemplateKind, ids[k]);
        r.has_signal = true;
        share(batch, prompt_index[k], r, ids[k]);
      }
    }
    batch->prepared.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (ok[i]) {
        batch->prepared.push_back(prepared[i]);
      } else {
        batch->rejects.push_back(
            {batch->raw[i].line,
             reader.source_name() + ":" + std::to_string(batch->raw[i].line) + ": " + reasons[i]});
      }
    }
    // Ids the store already knows, found here in parallel rather than by the one writing thread.
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, batch->prepared.size(), 4096),
        [&](const tbb::blocked_range<std::size_t>& range) {
          store_.FindCachedIds(
              std::span<store::StoreRecord>(batch->prepared).subspan(range.begin(), range.size()));
        });
    // A prompt's text is not needed past this point; drop it early.
    for (std::size_t i : prompt_index) {
      std::string().swap(batch->raw[i].value);
    }
    return batch;
  };

  auto commit_batch = [&](std::unique_ptr<Batch> batch) {
    if (stop.load()) return;
    report->records_read += batch->raw.size() + batch->reader_rejects;
    report->records_rejected += batch->rejects.size();
    if (options_.on_reject) {
      for (const Reject& reject : batch->rejects) options_.on_reject(reject.line, reject.message);
    }
    if (options_.strict && !batch->rejects.empty()) {
      report->stopped_by_strict = true;
      failure = Status::InvalidArgument(batch->rejects.front().message +
                                        " (--strict: nothing of this batch was committed)");
      stop = true;
      return;
    }
    if (!batch->prepared.empty() || options_.stream_mark != nullptr) {
      store::IngestBatchStats stats;
      Status s = staged && !batch->prepared.empty()
                     ? store_.StageBatch(batch->prepared, &stats)
                     : store_.IngestBatch(batch->prepared, &stats, options_.stream_mark);
      if (!s.ok()) {
        failure = s;
        stop = true;
        return;
      }
      report->records_ingested += batch->prepared.size();
      report->new_accounts += stats.new_accounts;
      report->new_signals += stats.new_signals;
      store_keys += stats.new_accounts + stats.new_signals;
      report->map_growths += stats.map_growths;
      ++report->batches;
      if (staged) {
        // Counted by the store: others (a template refresh after the commit) merge too. The
        // batch is committed either way; a failed merge stops the run, and what is staged
        // stays for the next merge.
        staged_any = true;
        Result<std::uint64_t> staged_records = store_.StagedObservations();
        s = staged_records.ok() && *staged_records >= options_.adaptive.StagedRecordsFor(store_keys)
                ? merge()
                : staged_records.status();
        if (!s.ok()) {
          failure = s;
          stop = true;
          return;
        }
      }
    }
    if (options_.after_commit) {
      Status s = options_.after_commit();
      if (!s.ok()) {
        failure = s;
        stop = true;
        return;
      }
    }
    if (options_.on_progress) {
      options_.on_progress(reader.bytes_consumed(), reader.total_bytes(), report->records_ingested);
    }
    if (!batch->fatal.ok()) {
      failure = batch->fatal;
      stop = true;
    }
  };
  auto commit_stage = [&](Batch* batch) {
    commit_batch(std::unique_ptr<Batch>(batch));
    // Recorded after after_commit, so a template learned there is in the point.
    CommitPoint point{store_keys, templates_now()};
    {
      std::lock_guard<std::mutex> lock(commit_points_mutex);
      commit_points.push_back(std::move(point));
    }
    commit_point_recorded.notify_all();
  };

  tbb::parallel_pipeline(
      /*max_number_of_live_tokens=*/kLiveBatches,
      tbb::make_filter<void, Batch*>(tbb::filter_mode::serial_in_order, read_stage) &
          tbb::make_filter<Batch*, Batch*>(tbb::filter_mode::parallel, prepare_stage) &
          tbb::make_filter<Batch*, void>(tbb::filter_mode::serial_in_order, commit_stage));

  // What was staged is committed and acknowledged: merged even when the run failed, so that
  // readers see it (a merge that fails here is retried by the next read-write open).
  Status merged = merge();
  if (failure.ok()) failure = merged;
  report->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return failure;
}

}  // namespace ringgraph::ingest
