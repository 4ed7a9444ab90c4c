#include "graph/signals/value_shape.h"

namespace ringgraph {

std::string DescribeValueShape(std::string_view text) {
  if (text.empty()) return "empty";
  bool letters = false, digits = false, spaces = false, punctuation = false, control = false,
       non_ascii = false;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      letters = true;
    } else if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == ' ' || c == '\t') {
      spaces = true;
    } else if (c >= 0x80) {
      non_ascii = true;
    } else if (c < 0x20 || c == 0x7f) {
      control = true;
    } else {
      punctuation = true;
    }
  }
  std::string shape = std::to_string(text.size()) + (text.size() == 1 ? " byte:" : " bytes:");
  const char* separator = " ";
  auto add = [&](bool present, const char* name) {
    if (!present) return;
    shape += separator;
    shape += name;
    separator = ", ";
  };
  add(letters, "letters");
  add(digits, "digits");
  add(spaces, "spaces");
  add(punctuation, "punctuation");
  add(control, "control characters");
  add(non_ascii, "non-ASCII");
  return shape;
}

bool LooksLikeIdentifier(std::string_view text) {
  if (text.empty() || text.size() > 24) return false;
  for (char c : text) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  }
  return true;
}

std::string IdentifierOrShape(std::string_view text) {
  if (LooksLikeIdentifier(text)) return std::string(text);
  return "<" + DescribeValueShape(text) + ">";
}

}  // namespace ringgraph
