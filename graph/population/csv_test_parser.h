// A small RFC 4180 parser for the population tests, written from the RFC independently of the
// engine's record reader so that the writer is checked against a second reading of the format.
// Test-only: not part of the library.
#pragma once

#include <string>
#include <vector>

namespace ringgraph::population::csv_test {

// RFC 4180 rows: fields split on ',', quoted fields may hold ',', '"' (doubled) and line breaks;
// rows end with "\n" or "\r\n". Returns false on malformed input.
inline bool ParseCsv(const std::string& text, std::vector<std::vector<std::string>>* rows) {
  rows->clear();
  std::vector<std::string> row;
  std::string field;
  std::size_t i = 0;
  bool row_open = false;
  while (i < text.size()) {
    row_open = true;
    if (text[i] == '"') {
      ++i;
      while (true) {
        if (i >= text.size()) return false;  // unterminated quote
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field.push_back(text[i++]);
      }
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
        if (text[i] == '"') return false;  // a bare quote inside an unquoted field
        field.push_back(text[i++]);
      }
    }
    if (i < text.size() && text[i] == ',') {
      row.push_back(std::move(field));
      field.clear();
      ++i;
      continue;
    }
    if (i < text.size() && text[i] == '\r') ++i;
    if (i < text.size() && text[i] != '\n') return false;  // junk after a closing quote
    ++i;
    row.push_back(std::move(field));
    field.clear();
    rows->push_back(std::move(row));
    row.clear();
    row_open = false;
  }
  return !row_open;
}

}  // namespace ringgraph::population::csv_test
