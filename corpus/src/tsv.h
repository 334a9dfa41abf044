// Reading the TSV data files: comment lines (#) and blank lines skipped, fields split on TAB,
// lists split on commas with white space trimmed.
#ifndef PROTOKOLL_CORPUS_TSV_H_
#define PROTOKOLL_CORPUS_TSV_H_

#include <string>
#include <string_view>
#include <vector>

namespace protokoll::corpus {

// The data rows of a TSV text, each split into its fields.
std::vector<std::vector<std::string>> ReadTsv(std::string_view text);
// A comma-separated list, trimmed, empty entries dropped.
std::vector<std::string> SplitList(std::string_view field);
std::string Trim(std::string_view s);

}  // namespace protokoll::corpus

#endif  // PROTOKOLL_CORPUS_TSV_H_
