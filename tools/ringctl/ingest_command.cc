// ringctl ingest: reads signal records from CSV or JSON Lines files (or stdin) into the store.
#include <cstdio>
#include <iostream>

#include "graph/deployment/keyed_store.h"
#include "graph/ingest/ingest_pipeline.h"
#include "graph/ingest/prompt_templates.h"
#include "graph/ingest/template_refresh.h"
#include "tools/ringctl/store_access.h"

namespace ringgraph::tools {
namespace {

struct IngestFlags {
  std::vector<std::string> files;
  std::string format;
  bool strict = false;
  bool create_secret = false;
  bool quiet = false;
  std::size_t batch_records = 0;  // sized to the store
  std::uint64_t max_map_mib = 0;
};

int RunIngest(const GlobalOptions& global, const IngestFlags& flags) {
  const std::string command = "ingest";
  Result<KindRegistry> kinds = LoadKinds(global);
  if (!kinds.ok()) return ReportFailure(command, kinds.status());

  std::vector<std::string> files =
      flags.files.empty() ? std::vector<std::string>{"-"} : flags.files;
  Result<std::vector<InputFormat>> input_formats = RecordInputFormats(files, flags.format);
  if (!input_formats.ok()) return ReportFailure(command, input_formats.status());
  const std::vector<InputFormat>& formats = *input_formats;

  deployment::KeyedStoreOptions keyed_options = KeyedStoreOptionsOf(global);
  keyed_options.create_secret = flags.create_secret;
  keyed_options.create_if_missing = true;
  keyed_options.max_map_bytes = flags.max_map_mib << 20;
  auto keyed = deployment::KeyedStore::Open(keyed_options);
  if (!keyed.ok()) return ReportFailure(command, keyed.status());
  store::AccountStore& account_store = (*keyed)->store();
  const KeyedHasher& hasher = (*keyed)->hasher();
  const std::vector<sharing::ConsortiumKey>* share_keys = &(*keyed)->share_keys();

  std::unique_ptr<ingest::PromptTemplates> templates;
  {
    auto snapshot = account_store.Snapshot();
    if (!snapshot.ok()) return ReportFailure(command, snapshot.status());
    auto loaded = ingest::PromptTemplates::Load(**snapshot, (*keyed)->secret());
    if (!loaded.ok()) return ReportFailure(command, loaded.status());
    templates = std::move(loaded).value();
  }
  ingest::TemplateRefreshOptions refresh_options;
  ingest::TemplateRefresh refresh(account_store, *templates, hasher, share_keys, refresh_options);
  ingest::TemplateRefreshReport learned_total;
  // Sketches kept when the last refresh ended: the next one runs once refresh_after more have
  // gathered (most unmatched prompts are free text that no template will ever claim).
  std::uint64_t kept_after_refresh = 0;
  {
    auto snapshot = account_store.Snapshot();
    if (!snapshot.ok()) return ReportFailure(command, snapshot.status());
    kept_after_refresh = (*snapshot)->pending_prompts();
  }
  // Learns templates from the kept sketches; `final` at the end of the input.
  auto learn = [&](bool final) -> Status {
    if (!final) {
      auto snapshot = account_store.Snapshot();
      if (!snapshot.ok()) return snapshot.status();
      if ((*snapshot)->pending_prompts() < kept_after_refresh + refresh_options.refresh_after) {
        return Status::Ok();
      }
    }
    ingest::TemplateRefreshReport report;
    RINGGRAPH_RETURN_IF_ERROR(refresh.Run(&report));
    kept_after_refresh = report.kept - report.settled - report.dropped;
    learned_total.learned += report.learned;
    learned_total.settled += report.settled;
    learned_total.dropped += report.dropped;
    learned_total.templates = report.templates;
    learned_total.kept = report.kept;
    learned_total.seconds += report.seconds;
    return Status::Ok();
  };

  ingest::IngestReport total;
  std::uint64_t errors_shown = 0;
  Status failure;
  for (std::size_t f = 0; f < files.size() && failure.ok(); ++f) {
    Result<std::unique_ptr<RecordReader>> reader = RecordReader::Open(files[f], formats[f]);
    if (!reader.ok()) {
      failure = reader.status();
      break;
    }
    ProgressLine progress("ingest " + (*reader)->source_name());
    ingest::IngestOptions options;
    options.batch_records = flags.batch_records;
    options.strict = flags.strict;
    options.assign_templates = ingest::MakePromptTemplateAssigner(*templates);
    options.after_commit = [&] { return learn(/*final=*/false); };
    options.consortium_keys = share_keys;
    options.on_reject = [&](std::uint64_t, const std::string& message) {
      ++errors_shown;
      std::cerr << message << "\n";
    };
    const std::uint64_t ingested_before = total.records_ingested;
    options.on_progress = [&](std::uint64_t done, std::uint64_t size, std::uint64_t records) {
      std::string text = HumanCount(static_cast<double>(ingested_before + records)) + " records";
      if (size > 0) text += ", " + std::to_string(done * 100 / size) + "%";
      progress.Update(text);
    };
    ingest::IngestPipeline pipeline(account_store, *kinds, hasher, options);
    ingest::IngestReport report;
    failure = pipeline.Run(**reader, &report);
    progress.Finish();
    total.records_read += report.records_read;
    total.records_ingested += report.records_ingested;
    total.records_rejected += report.records_rejected;
    total.batches += report.batches;
    total.merges += report.merges;
    total.new_accounts += report.new_accounts;
    total.new_signals += report.new_signals;
    total.map_growths += report.map_growths;
    total.seconds += report.seconds;
  }

  if (failure.ok() && total.records_ingested > 0) failure = learn(/*final=*/true);
  if (!flags.quiet) {
    double rate = total.seconds > 0 ? total.records_ingested / total.seconds : 0;
    std::printf(
        "ingest: read %llu records, ingested %llu, rejected %llu in %.2f s (%s records/s)\n"
        "        %llu new accounts, %llu new signal values, %llu batches committed, %llu "
        "merges, map grown %llu times\n",
        static_cast<unsigned long long>(total.records_read),
        static_cast<unsigned long long>(total.records_ingested),
        static_cast<unsigned long long>(total.records_rejected), total.seconds,
        HumanCount(rate).c_str(), static_cast<unsigned long long>(total.new_accounts),
        static_cast<unsigned long long>(total.new_signals),
        static_cast<unsigned long long>(total.batches),
        static_cast<unsigned long long>(total.merges),
        static_cast<unsigned long long>(total.map_growths));
    std::printf(
        "        templates: %llu learned (%llu known), %llu prompts settled by templates "
        "learned after they arrived, %llu unmatched prompts kept, learning %.2f s\n",
        static_cast<unsigned long long>(learned_total.learned),
        static_cast<unsigned long long>(learned_total.templates),
        static_cast<unsigned long long>(learned_total.settled),
        static_cast<unsigned long long>(kept_after_refresh), learned_total.seconds);
  }
  if (!failure.ok()) {
    ReportFailure(command, failure);
    return kExitFailure;  // the work failed; usage errors were caught before any reading
  }
  return total.records_rejected > 0 ? kExitPartial : kExitOk;
}

}  // namespace

void RegisterIngestCommand(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<IngestFlags>();
  CLI::App* sub = app.add_subcommand(
      "ingest",
      "Ingest signal records (account,kind,value,ts) from CSV or JSON Lines files, or stdin.\n"
      "Bad records get one 'file:line: reason' line on stderr and are skipped; exit code 3 "
      "means some were rejected.");
  AddRecordInputOptions(sub, &flags->files, &flags->format);
  sub->add_flag("--strict", flags->strict,
                "Stop at the first bad record; nothing of its batch is committed");
  sub->add_flag("--create-secret", flags->create_secret,
                "Create the hashing secret (mode 0600) if it does not exist yet");
  sub->add_option("--batch-size", flags->batch_records,
                  "Records per durable transaction (default: sized to the store, from 50,000 "
                  "up to 500,000 records as it grows, so that input in time order ingests "
                  "about as fast as input grouped by account)")
      ->check(CLI::Range(1, 10000000));
  sub->add_option(
      "--max-map-mib", flags->max_map_mib,
      "Largest the LMDB map may grow, in MiB (0: 1 TiB); ringd's flag of the same name");
  // The flag's name before it matched ringd's. Kept, hidden, for one release.
  sub->add_option_function<std::uint64_t>(
         "--max-map-size",
         [flags](std::uint64_t mib) {
           std::cerr << "ringctl ingest: --max-map-size is deprecated and will be removed in the "
                        "next release; use --max-map-mib\n";
           flags->max_map_mib = mib;
         },
         "Deprecated spelling of --max-map-mib")
      ->group("");
  sub->add_flag("--quiet", flags->quiet, "Print no summary");
  sub->callback([flags, &context] { context.exit_code = RunIngest(context.global, *flags); });
}

}  // namespace ringgraph::tools
