// Query text -> tokens -> syntax tree. Errors name the column (in characters, 1-based) and
// what was expected, so a user can fix the query without reading documentation.
#include "query_parser.h"

#include <array>
#include <cstdio>

#include "protokoll/stemming/analyzer.h"

namespace protokoll::query {
namespace {

enum class TokType : uint8_t {
  kWord,
  kPhrase,
  kField,
  kLParen,
  kRParen,
  kAnd,
  kOr,
  kNot,
  kNear,
  kEnd
};

struct Tok {
  TokType type = TokType::kEnd;
  std::string text;
  std::size_t begin = 0, end = 0;
  int sign = 0;           // from a leading + or -
  bool wildcard = false;  // kWord ending in *
  Field field = Field::kText;
  int window = 0;  // kNear
};

// Column (1-based, in characters) of byte offset pos.
std::size_t Column(std::string_view q, std::size_t pos) {
  std::size_t col = 1;
  for (std::size_t i = 0; i < pos && i < q.size(); ++i) {
    if ((static_cast<unsigned char>(q[i]) & 0xC0) != 0x80) ++col;
  }
  return col;
}

bool IsSpace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Length of a quote character at s[i] (" “ ” „), 0 if none.
std::size_t QuoteLength(std::string_view s, std::size_t i) {
  if (s[i] == '"') return 1;
  if (i + 2 < s.size() + 0 && s.substr(i, 2) == "\xE2\x80") {
    unsigned char c = static_cast<unsigned char>(s[i + 2]);
    if (c == 0x9C || c == 0x9D || c == 0x9E) return 3;
  }
  return 0;
}

// Length of the valid UTF-8 sequence at s[i], 0 if invalid.
std::size_t Utf8Length(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80           ? 1
                  : (c >> 5) == 0x6  ? 2
                  : (c >> 4) == 0xE  ? 3
                  : (c >> 3) == 0x1E ? 4
                                     : 0;
  if (n == 0 || (n == 2 && c < 0xC2) || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  return n;
}

// Letters only (ASCII letters or multibyte UTF-8): the shape of a field name.
bool LooksLikeFieldName(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80)) return false;
  }
  return true;
}

class Lexer {
 public:
  Lexer(std::string_view q, const ParseLimits& limits) : q_(q), limits_(limits) {}

  Status Run(std::vector<Tok>* toks) {
    if (q_.size() > limits_.max_bytes) {
      return Status::InvalidArgument("query too long: " + std::to_string(q_.size()) +
                                     " bytes (at most " + std::to_string(limits_.max_bytes) + ")");
    }
    for (std::size_t i = 0; i < q_.size();) {
      std::size_t n = Utf8Length(q_, i);
      if (n == 0) return Error(i, "invalid UTF-8", " (queries are UTF-8 text)");
      unsigned char c = static_cast<unsigned char>(q_[i]);
      if ((c < 0x20 && !IsSpace(c)) || c == 0x7F) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", c);
        return Error(i, std::string("control character ") + hex, " in the query");
      }
      i += n;
    }
    for (std::size_t i = 0; i < q_.size();) {
      if (IsSpace(static_cast<unsigned char>(q_[i]))) {
        ++i;
        continue;
      }
      i = Next(i, toks);
      if (!status_.ok()) return status_;
    }
    std::size_t words = 0;
    for (const Tok& t : *toks) words += t.type == TokType::kWord || t.type == TokType::kPhrase;
    if (words > limits_.max_words) {
      return Status::InvalidArgument("query too long: " + std::to_string(words) +
                                     " words (at most " + std::to_string(limits_.max_words) + ")");
    }
    toks->push_back({TokType::kEnd, "", q_.size(), q_.size()});
    return Status::OK();
  }

 private:
  // "<before> at column N<after>": the message names where the problem is.
  Status Error(std::size_t pos, const std::string& before, const std::string& after = "") {
    status_ =
        Status::InvalidArgument(before + " at column " + std::to_string(Column(q_, pos)) + after);
    return status_;
  }

  // Lexes the token at i; returns the offset after it.
  std::size_t Next(std::size_t i, std::vector<Tok>* toks) {
    int sign = 0;
    std::size_t start = i;
    if ((q_[i] == '+' || q_[i] == '-') && i + 1 < q_.size() && !IsSpace(q_[i + 1]) &&
        q_[i + 1] != '+' && q_[i + 1] != '-' && q_[i + 1] != ')') {
      sign = q_[i] == '+' ? 1 : -1;
      ++i;
    } else if (q_[i] == '+' || q_[i] == '-') {
      return i + 1;  // a lone dash: punctuation ("sprutbyte - Östersund")
    }
    if (q_[i] == '(') {
      toks->push_back({TokType::kLParen, "(", start, i + 1, sign});
      return i + 1;
    }
    if (q_[i] == ')') {
      toks->push_back({TokType::kRParen, ")", i, i + 1});
      return i + 1;
    }
    if (std::size_t ql = QuoteLength(q_, i)) {
      std::size_t j = i + ql;
      while (j < q_.size() && QuoteLength(q_, j) == 0) ++j;
      if (j >= q_.size()) {
        Error(i, "unbalanced quotes: the quote", " is never closed");
        return q_.size();
      }
      Tok t{TokType::kPhrase, std::string(q_.substr(i + ql, j - i - ql)), start, j, sign};
      t.end = j + QuoteLength(q_, j);
      toks->push_back(std::move(t));
      return toks->back().end;
    }
    std::size_t j = i;
    while (j < q_.size() && !IsSpace(q_[j]) && q_[j] != '(' && q_[j] != ')' &&
           QuoteLength(q_, j) == 0) {
      ++j;
    }
    std::string_view word = q_.substr(i, j - i);
    if (sign == 0) {
      static constexpr std::array<std::pair<std::string_view, TokType>, 7> kOps = {{
          {"AND", TokType::kAnd},
          {"OCH", TokType::kAnd},
          {"OR", TokType::kOr},
          {"ELLER", TokType::kOr},
          {"NOT", TokType::kNot},
          {"INTE", TokType::kNot},
          {"NEAR", TokType::kNear},
      }};
      for (const auto& [name, type] : kOps) {
        if (word == name) {
          toks->push_back({type, std::string(word), i, j, 0, false, Field::kText,
                           type == TokType::kNear ? 10 : 0});
          return j;
        }
      }
      if (word.substr(0, 5) == "NEAR/") {
        int n = 0;
        std::string_view digits = word.substr(5);
        for (char d : digits) {
          // A letter, or a fifth digit, makes it no number; later digits must not revive it
          // (they overflowed n: "NEAR/1x1111111111", found by query_parser_fuzz).
          if (d < '0' || d > '9' || n >= 1000) {
            n = -1;
            break;
          }
          n = n * 10 + (d - '0');
        }
        if (digits.empty() || n < 1) {
          Error(i, "NEAR/n", " needs a positive number of words (like NEAR/5)");
          return q_.size();
        }
        toks->push_back({TokType::kNear, std::string(word), i, j, 0, false, Field::kText, n});
        return j;
      }
    }
    std::size_t colon = word.find(':');
    Field field;
    // A word inflected after a colon ("SKR:s", "EU:s") is a word, unless it names a field.
    const bool inflected = colon != std::string_view::npos &&
                           !FieldByName(word.substr(0, colon), &field) &&
                           !stemming::ColonInflectionBase(word).empty();
    if (colon != std::string_view::npos && LooksLikeFieldName(word.substr(0, colon)) &&
        word.substr(colon + 1, 2) != "//" && !inflected) {
      if (!FieldByName(word.substr(0, colon), &field)) {
        Error(i, "unknown field '" + std::string(word.substr(0, colon + 1)) + "'",
              " (fields: " + FieldList() + ")");
        return q_.size();
      }
      Tok f{TokType::kField, std::string(word.substr(0, colon)), start, i + colon + 1, sign};
      f.field = field;
      toks->push_back(std::move(f));
      if (colon + 1 == word.size()) return j;  // the value follows: kommun:"Upplands Väsby"
      i += colon + 1;
      word = word.substr(colon + 1);
      sign = 0;
      start = i;
    }
    Tok t{TokType::kWord, std::string(word), start, j, sign};
    while (!t.text.empty() && t.text.back() == '*') {
      t.text.pop_back();
      t.wildcard = true;
    }
    const bool field_value =
        !toks->empty() && toks->back().type == TokType::kField && toks->back().end == start;
    if (t.wildcard && t.text.empty() && !field_value) {
      Error(i, "a lone '*'", ": a wildcard needs the start of a word (like sprut*)");
      return q_.size();
    }
    if (t.text.find('*') != std::string::npos) {
      Error(i + t.text.find('*'), "'*'", " is allowed only at the end of a word (like sprut*)");
      return q_.size();
    }
    toks->push_back(std::move(t));
    return j;
  }

  std::string_view q_;
  const ParseLimits& limits_;
  Status status_;
};

class Parser {
 public:
  Parser(std::string_view q, std::vector<Tok> toks) : q_(q), toks_(std::move(toks)) {}

  Status Parse(Node* root) {
    if (toks_.size() == 1) return Status::InvalidArgument("empty query: give words to search for");
    *root = ParseOr(Field::kText);
    if (status_.ok() && Peek().type == TokType::kRParen) {
      Error(Peek().begin, "unbalanced parentheses: the ')'", " has no '('");
    }
    if (status_.ok() && Peek().type != TokType::kEnd)
      Error(Peek().begin, "unexpected '" + Peek().text + "'");
    return status_;
  }

 private:
  const Tok& Peek() const { return toks_[pos_]; }
  const Tok& Take() { return toks_[pos_ < toks_.size() - 1 ? pos_++ : pos_]; }
  bool Failed() const { return !status_.ok(); }

  // "<before> at column N<after>"; the first error wins.
  void Error(std::size_t at, const std::string& before, const std::string& after = "") {
    if (status_.ok()) {
      status_ =
          Status::InvalidArgument(before + " at column " + std::to_string(Column(q_, at)) + after);
    }
  }

  static bool StartsPrimary(TokType t) {
    return t == TokType::kWord || t == TokType::kPhrase || t == TokType::kField ||
           t == TokType::kLParen;
  }

  // An operator needs an operand after it; says so if there is none.
  bool ExpectOperand(const Tok& op) {
    if (StartsPrimary(Peek().type) || Peek().type == TokType::kNot) return true;
    Error(op.begin, op.text, " needs a word after it");
    return false;
  }

  Node ParseOr(Field field) {
    Node first = ParseAnd(field);
    if (Failed() || Peek().type != TokType::kOr) return first;
    Node node;
    node.kind = Node::Kind::kOr;
    node.field = field;
    node.begin = first.begin;
    node.children.push_back(std::move(first));
    while (!Failed() && Peek().type == TokType::kOr) {
      const Tok& op = Take();
      if (!ExpectOperand(op)) break;
      node.children.push_back(ParseAnd(field));
    }
    for (const Node& c : node.children) {
      if (c.sign < 0)
        Error(c.begin, "NOT or -", " inside OR has nothing to exclude from (write a AND NOT b)");
    }
    node.end = node.children.back().end;
    return node;
  }

  Node ParseAnd(Field field) {
    Node node;
    node.kind = Node::Kind::kAnd;
    node.field = field;
    node.implicit = true;
    if (Peek().type == TokType::kAnd || Peek().type == TokType::kOr ||
        Peek().type == TokType::kNear) {
      Error(Peek().begin, Peek().text, " needs a word before it");
      return node;
    }
    node.children.push_back(ParseUnary(field));
    while (!Failed()) {
      TokType t = Peek().type;
      if (t == TokType::kAnd) {
        const Tok& op = Take();
        node.implicit = false;
        if (!ExpectOperand(op)) break;
        node.children.push_back(ParseUnary(field));
      } else if (t == TokType::kNot || StartsPrimary(t)) {
        node.children.push_back(ParseUnary(field));
      } else {
        break;
      }
    }
    if (node.children.size() == 1) return std::move(node.children[0]);
    node.begin = node.children.front().begin;
    node.end = node.children.back().end;
    return node;
  }

  Node ParseUnary(Field field) {
    if (Peek().type == TokType::kNot) {
      const Tok& op = Take();
      if (!ExpectOperand(op)) return {};
      if (Peek().type == TokType::kNot) {
        Error(Peek().begin, "NOT NOT", " is not allowed");
        return {};
      }
      Node n = ParseNear(field);
      n.sign = -1;
      return n;
    }
    return ParseNear(field);
  }

  Node ParseNear(Field field) {
    Node first = ParsePrimary(field);
    if (Failed() || Peek().type != TokType::kNear) return first;
    Node node;
    node.kind = Node::Kind::kNear;
    node.field = field;
    node.window = Peek().window;
    node.begin = first.begin;
    node.sign = first.sign;
    first.sign = 0;
    node.children.push_back(std::move(first));
    while (!Failed() && Peek().type == TokType::kNear) {
      const Tok& op = Take();
      node.window = std::max(node.window, op.window);
      if (!StartsPrimary(Peek().type)) {
        Error(op.begin, op.text, " needs a word after it");
        break;
      }
      node.children.push_back(ParsePrimary(field));
    }
    for (const Node& c : node.children) {
      if (c.kind != Node::Kind::kWord && c.kind != Node::Kind::kPhrase) {
        Error(c.begin, "NEAR operand", ": NEAR joins words or phrases, not groups or fields");
      } else if (c.sign != 0) {
        Error(c.begin, "sign", ": + and - do not apply inside NEAR");
      }
    }
    node.end = node.children.back().end;
    return node;
  }

  Node ParsePrimary(Field field) {
    const Tok& t = Take();
    Node node;
    node.field = field;
    node.sign = t.sign;
    node.begin = t.begin;
    node.end = t.end;
    switch (t.type) {
      case TokType::kWord:
        node.kind = Node::Kind::kWord;
        node.text = t.text;
        node.wildcard = t.wildcard;
        return node;
      case TokType::kPhrase:
        node.kind = Node::Kind::kPhrase;
        node.text = t.text;
        if (node.text.find_first_not_of(" \t") == std::string::npos) {
          Error(t.begin, "empty phrase \"\"");
        }
        return node;
      case TokType::kLParen: {
        if (Peek().type == TokType::kRParen) {
          Error(t.begin, "empty parentheses ()");
          return node;
        }
        if (nesting_ == kMaxNesting) {
          Error(t.begin, "'('",
                " opens more than " + std::to_string(kMaxNesting) + " nested parentheses");
          return node;
        }
        ++nesting_;
        Node inner = ParseOr(field);
        --nesting_;
        if (Failed()) return inner;
        if (Peek().type != TokType::kRParen) {
          Error(t.begin, "unbalanced parentheses: the '('", " is never closed");
          return inner;
        }
        node.end = Take().end;
        if (t.sign != 0) {
          if (inner.sign != 0 && inner.kind != Node::Kind::kAnd) {
            Error(t.begin, "sign before '('", " and another inside it");
          }
          inner.sign = t.sign;
        }
        inner.begin = node.begin;
        inner.end = node.end;
        return inner;
      }
      case TokType::kField: {
        if (field != Field::kText) {
          Error(t.begin, "field " + t.text + ":",
                " inside " + std::string(FieldName(field)) + ":(...)");
          return node;
        }
        if (!StartsPrimary(Peek().type) || Peek().type == TokType::kField || Peek().sign != 0) {
          Error(t.begin, "field " + t.text + ":",
                " needs a value right after it (like " + t.text + ":Berg or " + t.text +
                    ":\"two words\")");
          return node;
        }
        Node value = ParsePrimary(t.field);
        value.sign = t.sign;
        value.begin = t.begin;
        return value;
      }
      case TokType::kRParen:
        Error(t.begin, "unbalanced parentheses: the ')'", " has no '('");
        return node;
      default:
        Error(t.begin, t.text.empty() ? "the query ends too early" : "unexpected " + t.text);
        return node;
    }
  }

  // Parentheses nest the parser's recursion (and the builder's after it): a query of a few
  // thousand '(' overflowed the stack (query_parser_fuzz). No one writes more than a few.
  static constexpr int kMaxNesting = 32;

  std::string_view q_;
  std::vector<Tok> toks_;
  std::size_t pos_ = 0;
  int nesting_ = 0;  // parentheses open around the current token
  Status status_;
};

void Debug(const Node& n, std::string* out) {
  if (n.sign > 0) *out += '+';
  if (n.sign < 0) *out += '-';
  std::string field = n.field == Field::kText ? "" : std::string(FieldName(n.field)) + ":";
  switch (n.kind) {
    case Node::Kind::kWord:
      *out += field + n.text + (n.wildcard ? "*" : "");
      return;
    case Node::Kind::kPhrase:
      *out += field + "\"" + n.text + "\"";
      return;
    case Node::Kind::kAnd:
      *out += n.implicit ? "(and" : "(AND";
      break;
    case Node::Kind::kOr:
      *out += "(OR";
      break;
    case Node::Kind::kNear:
      *out += "(NEAR/" + std::to_string(n.window);
      break;
  }
  for (const Node& c : n.children) {
    *out += ' ';
    Debug(c, out);
  }
  *out += ')';
}

}  // namespace

Status ParseQuery(std::string_view query, Node* root, const ParseLimits& limits) {
  std::vector<Tok> toks;
  Status s = Lexer(query, limits).Run(&toks);
  if (!s.ok()) return s;
  return Parser(query, std::move(toks)).Parse(root);
}

std::string DebugString(const Node& node) {
  std::string out;
  Debug(node, &out);
  return out;
}

}  // namespace protokoll::query
