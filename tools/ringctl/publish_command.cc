// ringctl publish: signal records from CSV or JSON Lines files onto the NATS JetStream signal
// stream (service/stream/signal_stream.h), for backfills and tests; ringd --nats consumes it.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "service/stream/signal_stream.h"
#include "tools/ringctl/command.h"
#include "tools/ringctl/store_access.h"

namespace ringgraph::tools {
namespace {

struct PublishFlags {
  std::vector<std::string> files;
  std::string format;
  stream::StreamSettings settings;
  bool quiet = false;
};

int Publish(const PublishFlags& flags, const std::vector<std::string>& files,
            const std::vector<InputFormat>& formats);

int RunPublish(const PublishFlags& flags) {
  const std::string command = "publish";
  std::vector<std::string> files =
      flags.files.empty() ? std::vector<std::string>{"-"} : flags.files;
  Result<std::vector<InputFormat>> input_formats = RecordInputFormats(files, flags.format);
  if (!input_formats.ok()) return ReportFailure(command, input_formats.status());
  const std::vector<InputFormat>& formats = *input_formats;
  const int code = Publish(flags, files, formats);
  stream::CloseNatsLibrary();
  return code;
}

int Publish(const PublishFlags& flags, const std::vector<std::string>& files,
            const std::vector<InputFormat>& formats) {
  const std::string command = "publish";
  auto publisher = stream::SignalPublisher::Create(flags.settings);
  if (!publisher.ok()) return ReportFailure(command, publisher.status());

  std::uint64_t rejected = 0;
  Status failure;
  for (std::size_t f = 0; f < files.size() && failure.ok(); ++f) {
    Result<std::unique_ptr<RecordReader>> reader = RecordReader::Open(files[f], formats[f]);
    if (!reader.ok()) {
      failure = reader.status();
      break;
    }
    ProgressLine progress("publish " + (*reader)->source_name());
    for (;;) {
      RawRecord record;
      std::string error;
      Result<RecordReader::Outcome> outcome = (*reader)->Next(&record, &error);
      if (!outcome.ok()) {
        failure = outcome.status();
        break;
      }
      if (*outcome == RecordReader::Outcome::kEnd) break;
      if (*outcome == RecordReader::Outcome::kRejected) {
        ++rejected;
        std::cerr << error << "\n";
        continue;
      }
      failure = (*publisher)->Publish(record);
      if (!failure.ok()) break;
      if ((*publisher)->published() % 50000 == 0) {
        std::string text = HumanCount(static_cast<double>((*publisher)->published())) + " records";
        if ((*reader)->total_bytes() > 0) {
          text += ", " +
                  std::to_string((*reader)->bytes_consumed() * 100 / (*reader)->total_bytes()) +
                  "%";
        }
        progress.Update(text);
      }
    }
    progress.Finish();
  }
  // Whatever was sent is waited for, also after a failure, so the count printed is stored.
  Status acknowledged = (*publisher)->Finish();
  if (failure.ok()) failure = acknowledged;
  if (!flags.quiet) {
    std::printf("publish: %llu records to stream '%s' at %s, %llu rejected, %llu not stored\n",
                static_cast<unsigned long long>((*publisher)->published() - (*publisher)->failed()),
                flags.settings.stream.c_str(), flags.settings.urls.c_str(),
                static_cast<unsigned long long>(rejected),
                static_cast<unsigned long long>((*publisher)->failed()));
  }
  if (!failure.ok()) {
    ReportFailure(command, failure);
    return kExitFailure;
  }
  return rejected > 0 ? kExitPartial : kExitOk;
}

}  // namespace

void RegisterPublishCommand(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<PublishFlags>();
  CLI::App* sub = app.add_subcommand(
      "publish",
      "Publish signal records (account,kind,value,ts) from CSV or JSON Lines files, or stdin, to "
      "the NATS JetStream signal stream that ringd --nats consumes (one message per record on "
      "ringgraph.signals.<kind>). Creates the stream if it does not exist.\n"
      "Malformed records get one 'file:line: reason' line on stderr and are skipped; exit code "
      "3 means some were.");
  AddRecordInputOptions(sub, &flags->files, &flags->format);
  sub->add_option("--nats", flags->settings.urls,
                  "NATS server URLs, comma-separated (nats://host:port,...)")
      ->required();
  sub->add_option("--stream", flags->settings.stream, "JetStream stream")->capture_default_str();
  sub->add_option("--replicas", flags->settings.replicas,
                  "Replicas when the stream has to be created (3 on a 3-server cluster)")
      ->check(CLI::Range(1, 5))
      ->capture_default_str();
  sub->add_flag("--quiet", flags->quiet, "Print no summary");
  sub->callback([flags, &context] { context.exit_code = RunPublish(*flags); });
}

}  // namespace ringgraph::tools
