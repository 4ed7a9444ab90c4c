// Appending RFC 4180 CSV fields and rows to a string buffer.
//
// The generator builds each chunk of output in memory and writes it with one large write, so the
// writer appends to a std::string rather than wrapping a stream. A field is quoted only when it
// must be: when it holds a comma, a double quote, CR or LF. Quotes inside are doubled.
//
// Thread safety: free functions on caller-owned buffers; safe from any thread.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace ringgraph::population {

// True when `field` holds a character that forces quoting (',', '"', '\r', '\n').
bool CsvFieldNeedsQuotes(std::string_view field);

// Appends `field`, quoted and with '"' doubled when CsvFieldNeedsQuotes(field).
void AppendCsvField(std::string* out, std::string_view field);

// Appends the fields separated by commas and ends the row with "\n".
void AppendCsvRow(std::string* out, std::initializer_list<std::string_view> fields);

}  // namespace ringgraph::population
