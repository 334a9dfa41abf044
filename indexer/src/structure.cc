// Structure parser, first cut: items start at lines "§ N Title", "N) Title" or "N. Title".
#include <regex>

#include "protokoll/indexer/parser.h"

namespace protokoll::indexer {

Structure ParseStructure(const std::string& text) {
  static const std::regex kItemLine(R"(^\s*(?:§\s*(\d+)|(\d{1,2})[.)])\s+(\S.*)$)");
  Structure out;
  std::size_t pos = 0;
  Item* current = nullptr;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    std::smatch m;
    if (std::regex_match(line, m, kItemLine)) {
      out.items.push_back({});
      current = &out.items.back();
      current->number = m[1].matched ? m[1].str() : m[2].str();
      current->title = m[3].str();
    }
    if (current) {
      current->text += line + "\n";
    } else {
      out.header += line + "\n";
    }
  }
  if (out.items.empty()) {
    out.items.push_back({});
    out.items.back().text = text;
  }
  return out;
}

}  // namespace protokoll::indexer
