// Reading the line-based data files compiled into the tools (word lists, TSV tables): one
// loop for all of them, so they agree on line ends, blank lines and # comments.
#ifndef PROTOKOLL_DATA_LINES_H_
#define PROTOKOLL_DATA_LINES_H_

#include <string_view>

namespace protokoll {

// Calls fn(line) for each line of text that is not blank and does not start with '#',
// without its line end ("\n" or "\r\n").
template <typename Fn>
void ForEachDataLine(std::string_view text, Fn fn) {
  while (!text.empty()) {
    const std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos || line.front() == '#') continue;
    fn(line);
  }
}

}  // namespace protokoll

#endif  // PROTOKOLL_DATA_LINES_H_
