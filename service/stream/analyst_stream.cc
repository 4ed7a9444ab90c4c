// Analysts' writes on JetStream. See analyst_stream.h.
#include "service/stream/analyst_stream.h"

#include <nats/nats.h>

#include <memory>
#include <nlohmann/json.hpp>

namespace ringgraph::stream {

std::string LabelMessage(const store::Label& label, std::string_view replica) {
  const nlohmann::json object = {{"target", label.target},
                                 {"verdict", label.verdict},
                                 {"note", label.note},
                                 {"at", label.at},
                                 {"replica", replica}};
  return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<store::Label> ParseLabelMessage(std::string_view body) {
  store::Label label;
  try {
    const nlohmann::json object = nlohmann::json::parse(body);
    label.target = object.at("target").get<std::string>();
    label.verdict = object.at("verdict").get<std::string>();
    label.note = object.value("note", std::string());
    label.at = object.at("at").get<UnixSeconds>();
  } catch (const nlohmann::json::exception& e) {
    return Status::InvalidArgument("not a label message ('" + std::string(body.substr(0, 120)) +
                                   "'): " + e.what());
  }
  return label;
}

Status EnsureAnalystStream(StreamConnection& connection, int replicas) {
  return connection.EnsureStream(kAnalystStream, kAllAnalystSubject, replicas).status();
}

Result<std::uint64_t> PublishAnalystMessage(StreamConnection& connection, std::string_view subject,
                                            std::string_view body, std::string_view partner) {
  const std::string subject_text(subject);
  natsMsg* message = nullptr;
  RINGGRAPH_RETURN_IF_ERROR(NatsStatus(natsMsg_Create(&message, subject_text.c_str(), nullptr,
                                                      body.data(), static_cast<int>(body.size())),
                                       "analyst message"));
  std::unique_ptr<natsMsg, void (*)(natsMsg*)> owned(message, natsMsg_Destroy);
  if (!partner.empty()) {
    const std::string partner_text(partner);
    RINGGRAPH_RETURN_IF_ERROR(NatsStatus(
        natsMsgHeader_Set(message, kPartnerHeader.data(), partner_text.c_str()), "partner header"));
  }
  jsPubAck* ack = nullptr;
  jsErrCode code = static_cast<jsErrCode>(0);
  RINGGRAPH_RETURN_IF_ERROR(
      NatsStatus(js_PublishMsg(&ack, connection.jetstream(), message, nullptr, &code),
                 "publish to " + subject_text + " (stream '" + std::string(kAnalystStream) + "')"));
  const std::uint64_t sequence = ack->Sequence;
  jsPubAck_Destroy(ack);
  return sequence;
}

}  // namespace ringgraph::stream
