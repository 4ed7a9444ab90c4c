// Parsing record timestamps: Unix seconds or RFC 3339, into UTC Unix seconds.
#pragma once

#include <string>
#include <string_view>

#include "graph/common/status.h"
#include "graph/common/types.h"

namespace ringgraph {

// Accepts "1759312800" (non-negative integer seconds) or RFC 3339 such as
// "2026-10-01T12:00:00Z", "2026-10-01T14:00:00.250+02:00" (fractions are truncated; 't', 'z'
// and a space separator are accepted). Years 1970..9999.
// An error message is a predicate for the caller to prefix with the field's name ("is empty",
// "is neither ..."); it describes the text by its shape and never quotes it.
Result<UnixSeconds> ParseTimestamp(std::string_view text);

// "2026-10-01T12:00:00Z".
std::string FormatRfc3339(UnixSeconds seconds);

}  // namespace ringgraph
