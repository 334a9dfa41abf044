#include "snippets.h"

#include <algorithm>

namespace protokoll::query {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool TokenMatches(const stemming::Token& token, const Highlight& h) {
  for (const stemming::Term& t : token.terms) {
    if (h.terms.count(t.text)) return true;
  }
  for (const std::string& p : h.prefixes) {
    if (token.text.compare(0, p.size(), p) == 0) return true;
  }
  return false;
}

std::vector<Span> Matches(const std::vector<stemming::Token>& tokens, const Highlight& h) {
  std::vector<Span> out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (TokenMatches(tokens[i], h)) out.push_back({tokens[i].begin, tokens[i].end});
    for (const auto& phrase : h.phrases) {
      if (i + phrase.size() > tokens.size()) continue;
      bool ok = true;
      for (std::size_t k = 0; k < phrase.size() && ok; ++k) ok = tokens[i + k].text == phrase[k];
      if (ok) out.push_back({tokens[i].begin, tokens[i + phrase.size() - 1].end});
    }
  }
  std::sort(out.begin(), out.end(), [](const Span& a, const Span& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  // Drop spans inside an earlier one (a word inside a matched phrase).
  std::vector<Span> merged;
  for (const Span& s : out) {
    if (!merged.empty() && s.begin < merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
    } else {
      merged.push_back(s);
    }
  }
  return merged;
}

}  // namespace

std::vector<Span> FindMatches(stemming::Analyzer* analyzer, std::string_view text,
                              const Highlight& highlight) {
  std::vector<stemming::Token> tokens;
  analyzer->Analyze(text, &tokens);
  return Matches(tokens, highlight);
}

std::string OneLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (IsSpace(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Snippet MakeSnippet(stemming::Analyzer* analyzer, std::string_view text, const Highlight& highlight,
                    std::size_t max_bytes) {
  std::vector<stemming::Token> tokens;
  analyzer->Analyze(text, &tokens);
  Snippet snippet;
  if (tokens.empty()) return snippet;
  std::vector<Span> matches = Matches(tokens, highlight);

  // The densest window of matches that fits, then some context before it.
  std::size_t from = tokens.front().begin, to = text.size();
  if (!matches.empty()) {
    std::size_t best = 0, best_count = 0;
    for (std::size_t i = 0, j = 0; i < matches.size(); ++i) {
      j = std::max(j, i);
      while (j < matches.size() && matches[j].end - matches[i].begin <= max_bytes) ++j;
      if (j - i > best_count) best = i, best_count = j - i;
    }
    if (best_count == 0) best_count = 1;  // one match longer than the window
    std::size_t first = matches[best].begin;
    std::size_t last = matches[best + best_count - 1].end;
    std::size_t slack = max_bytes > last - first ? max_bytes - (last - first) : 0;
    std::size_t want = first > slack / 3 ? first - slack / 3 : 0;
    // Start at a sentence or line start if one is near.
    for (std::size_t k = first; k > want; --k) {
      char c = text[k - 1];
      if (c == '\n' ||
          ((c == ' ' || c == '\t') && k >= 2 && (text[k - 2] == '.' || text[k - 2] == ':'))) {
        want = k;
        break;
      }
    }
    from = first;
    for (const stemming::Token& t : tokens) {
      if (t.begin >= want) {
        from = std::min(t.begin, first);
        break;
      }
    }
  }
  // End at the last token that fits.
  std::size_t limit = from + max_bytes;
  to = from;
  for (const stemming::Token& t : tokens) {
    if (t.begin < from) continue;
    if (t.end > limit && to > from) break;
    to = t.end;
  }
  // Keep closing punctuation of the last word (". , ) :").
  while (to < text.size() && to < limit &&
         (text[to] == '.' || text[to] == ',' || text[to] == ')' || text[to] == ':' ||
          text[to] == ';')) {
    ++to;
  }
  bool cut_before = from > tokens.front().begin;
  bool cut_after = to < tokens.back().end;

  // Copy with whitespace collapsed, mapping match offsets.
  std::string& out = snippet.text;
  if (cut_before) out = "… ";
  std::size_t m = 0;
  while (m < matches.size() && matches[m].begin < from) ++m;
  for (std::size_t i = from; i < to; ++i) {
    if (m < matches.size() && i == matches[m].begin && matches[m].end <= to) {
      std::size_t b = out.size();
      std::string word = OneLine(text.substr(i, matches[m].end - i));
      out += word;
      snippet.matches.push_back({b, out.size()});
      i = matches[m].end - 1;
      ++m;
      continue;
    }
    char c = text[i];
    if (IsSpace(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (cut_after) out += " …";
  return snippet;
}

}  // namespace protokoll::query
