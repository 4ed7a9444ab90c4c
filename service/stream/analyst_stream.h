// Analysts' writes carried by a NATS JetStream stream, so that every ringd replica holds them:
// a label or a partner's indicator bundle accepted by any replica is published here, and every
// replica (the publishing one included) applies it as it consumes the stream
// (service/analyst_stream.h).
//
//   RINGGRAPH_ANALYST              stream, subjects ringgraph.analyst.>
//     ringgraph.analyst.label        a label as one JSON object: target, verdict, note, at (Unix
//                                    seconds) and replica (the one that accepted it)
//     ringgraph.analyst.indicators   a STIX bundle's bytes as received, the partner's name in
//                                    the Ringgraph-Partner header
//
// Thread safety: the functions are used with a StreamConnection by one thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "graph/common/status.h"
#include "graph/store/label_store.h"
#include "service/stream/signal_stream.h"

namespace ringgraph::stream {

inline constexpr std::string_view kAnalystStream = "RINGGRAPH_ANALYST";
inline constexpr std::string_view kLabelSubject = "ringgraph.analyst.label";
inline constexpr std::string_view kIndicatorsSubject = "ringgraph.analyst.indicators";
inline constexpr std::string_view kAllAnalystSubject = "ringgraph.analyst.>";
inline constexpr std::string_view kPartnerHeader = "Ringgraph-Partner";

// A label as a message body. Never holds a newline.
std::string LabelMessage(const store::Label& label, std::string_view replica);
// The label a message body holds. InvalidArgument when it is not a JSON object with string
// target, verdict and note and an integer at; what the label says is checked where it is
// applied (store::ValidateLabels), not here.
Result<store::Label> ParseLabelMessage(std::string_view body);

// Binds to the analyst stream, creating it (file storage, `replicas`) when it does not exist.
Status EnsureAnalystStream(StreamConnection& connection, int replicas);

// Publishes one message and waits for the stream's acknowledgement; returns its stream sequence.
// `partner` goes in the Ringgraph-Partner header unless empty.
Result<std::uint64_t> PublishAnalystMessage(StreamConnection& connection, std::string_view subject,
                                            std::string_view body, std::string_view partner);

}  // namespace ringgraph::stream
