// Describing a rejected field without showing it. A field that fails validation may hold a card
// number, an IP address, a device id or prompt text, and reject messages reach terminals and
// log collectors, so they say what the field looks like (its length and the classes of
// characters in it), never what it is.
#pragma once

#include <string>
#include <string_view>

namespace ringgraph {

// "9 bytes: letters, digits, punctuation" or "empty". Never contains a byte of `text`.
std::string DescribeValueShape(std::string_view text);

// True for short lowercase words such as kind names and CSV header names ("ip", "device_id"):
// safe to echo because no payment, IP, device or prompt value has this form.
bool LooksLikeIdentifier(std::string_view text);

// `text` itself when it LooksLikeIdentifier, else its shape in angle brackets.
std::string IdentifierOrShape(std::string_view text);

}  // namespace ringgraph
