// RFC 4180 field and row appenders; see csv_writer.h.
#include "graph/population/csv_writer.h"

namespace ringgraph::population {

bool CsvFieldNeedsQuotes(std::string_view field) {
  return field.find_first_of(",\"\r\n") != std::string_view::npos;
}

void AppendCsvField(std::string* out, std::string_view field) {
  if (!CsvFieldNeedsQuotes(field)) {
    out->append(field);
    return;
  }
  out->push_back('"');
  std::size_t start = 0;
  while (true) {
    std::size_t quote = field.find('"', start);
    if (quote == std::string_view::npos) {
      out->append(field.substr(start));
      break;
    }
    out->append(field.substr(start, quote + 1 - start));
    out->push_back('"');  // the doubled quote
    start = quote + 1;
  }
  out->push_back('"');
}

void AppendCsvRow(std::string* out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (std::string_view field : fields) {
    if (!first) out->push_back(',');
    first = false;
    AppendCsvField(out, field);
  }
  out->push_back('\n');
}

}  // namespace ringgraph::population
