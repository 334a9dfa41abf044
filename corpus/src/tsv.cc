#include "tsv.h"

#include "protokoll/data_lines.h"

namespace protokoll::corpus {

std::string Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  std::size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  std::size_t e = s.find_last_not_of(ws);
  return std::string(s.substr(b, e - b + 1));
}

std::vector<std::vector<std::string>> ReadTsv(std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  ForEachDataLine(text, [&](std::string_view line) {
    std::vector<std::string> fields;
    std::size_t f = 0;
    while (true) {
      std::size_t tab = line.find('\t', f);
      fields.push_back(Trim(line.substr(f, tab == std::string_view::npos ? tab : tab - f)));
      if (tab == std::string_view::npos) break;
      f = tab + 1;
    }
    rows.push_back(std::move(fields));
  });
  return rows;
}

std::vector<std::string> SplitList(std::string_view field) {
  std::vector<std::string> out;
  std::size_t f = 0;
  while (f <= field.size()) {
    std::size_t comma = field.find(',', f);
    if (comma == std::string_view::npos) comma = field.size();
    std::string item = Trim(field.substr(f, comma - f));
    if (!item.empty()) out.push_back(std::move(item));
    f = comma + 1;
  }
  return out;
}

}  // namespace protokoll::corpus
