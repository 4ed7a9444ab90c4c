// UTF-8 validation for record fields.
#pragma once

#include <cstddef>
#include <string_view>

namespace ringgraph {

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
// On false, *bad_offset (if given) is the byte offset of the first bad sequence.
bool IsValidUtf8(std::string_view text, std::size_t* bad_offset = nullptr);

}  // namespace ringgraph
