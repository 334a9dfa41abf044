// The query language's parser: a recursive-descent parser from query text to a small syntax
// tree, with precise one-line error messages (the column and what was expected). It knows
// the syntax only; query_builder.h turns the tree into a Xapian query with the analyzer.
//
//   query := or ; or := and (OR and)* ; and := unary ((AND | NOT | AND NOT)? unary)*
//   unary := (NOT | + | -)? near ; near := primary (NEAR[/n] primary)*
//   primary := word | word* | "phrase" | ( or ) | field:primary
#ifndef PROTOKOLL_QUERY_QUERY_PARSER_H_
#define PROTOKOLL_QUERY_QUERY_PARSER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fields.h"
#include "protokoll/status.h"

namespace protokoll::query {

struct Node {
  enum class Kind : uint8_t { kWord, kPhrase, kAnd, kOr, kNear };
  Kind kind = Kind::kWord;
  Field field = Field::kText;
  std::string text;       // kWord, kPhrase: as written (without quotes or trailing *)
  bool wildcard = false;  // kWord: "word*", matches words starting with text
  int sign = 0;           // +1 required (+x), -1 excluded (-x, NOT x), 0 plain
  bool implicit = false;  // kAnd: joined by juxtaposition only (the default operator)
  int window = 0;         // kNear: the largest distance in words
  std::size_t begin = 0;  // byte span in the query, for suggestions
  std::size_t end = 0;
  std::vector<Node> children;
};

struct ParseLimits {
  std::size_t max_bytes = 8192;  // longer queries are refused
  std::size_t max_words = 256;   // so are queries with more words than this
};

// Parses query into *root. Bad syntax is InvalidArgument with a one-line message.
Status ParseQuery(std::string_view query, Node* root, const ParseLimits& limits = {});

// The tree as an S-expression, for tests: (AND sprutbyte (OR -a b) kommun:"berg").
std::string DebugString(const Node& node);

}  // namespace protokoll::query

#endif  // PROTOKOLL_QUERY_QUERY_PARSER_H_
