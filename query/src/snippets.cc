#include "snippets.h"

#include <algorithm>
#include <cctype>

#include "protokoll/corpus/gazetteer.h"

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
  thread_local std::vector<stemming::Token> tokens;  // reused: its strings keep their memory
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

namespace {

// Texts up to this size are analyzed whole; in longer ones only the regions around words
// that may match.
constexpr std::size_t kWholeTextBytes = 600;
// Candidate places looked at in a long text.
constexpr std::size_t kMaxCandidates = 32;

// The first letters of a highlight word: every form that matches it in the text starts with
// them or holds them (a compound part), but for irregular forms ("gick" for "gå").
std::string_view Needle(std::string_view word) {
  word = stemming::PartWord(word);
  std::size_t n = std::min<std::size_t>(word.size(), 4);
  while (n < word.size() && (static_cast<unsigned char>(word[n]) & 0xC0) == 0x80) ++n;
  return word.substr(0, n);
}

// Byte ranges of text around the places a highlight word may match, widened to whitespace
// and merged; empty when there is no such place.
std::vector<Span> CandidateRegions(std::string_view text, const Highlight& h, std::size_t reach) {
  std::vector<std::string_view> needles;
  for (const std::string& t : h.terms) needles.push_back(Needle(t));
  for (const std::string& p : h.prefixes) needles.push_back(Needle(p));
  for (const auto& phrase : h.phrases) {
    if (!phrase.empty()) needles.push_back(Needle(phrase[0]));
  }
  const std::string lower = corpus::LowerName(text);  // byte for byte: offsets hold
  std::vector<std::size_t> at;
  for (std::string_view n : needles) {
    if (n.empty()) continue;
    for (std::size_t p = lower.find(n); p != std::string::npos && at.size() < kMaxCandidates;
         p = lower.find(n, p + n.size())) {
      at.push_back(p);
    }
  }
  std::sort(at.begin(), at.end());
  std::vector<Span> regions;
  for (std::size_t p : at) {
    std::size_t b = p > reach ? p - reach : 0, e = std::min(text.size(), p + reach);
    while (b > 0 && !IsSpace(text[b - 1])) --b;
    while (e < text.size() && !IsSpace(text[e])) ++e;
    if (!regions.empty() && b <= regions.back().end) {
      regions.back().end = std::max(regions.back().end, e);
    } else {
      regions.push_back({b, e});
    }
  }
  return regions;
}

// The tokens of text's regions, with offsets in text.
void AnalyzeRegions(stemming::Analyzer* analyzer, std::string_view text,
                    const std::vector<Span>& regions, std::vector<stemming::Token>* tokens) {
  thread_local std::vector<stemming::Token> part;
  tokens->clear();
  for (const Span& r : regions) {
    analyzer->Analyze(text.substr(r.begin, r.end - r.begin), &part);
    for (stemming::Token& t : part) {
      t.begin += r.begin;
      t.end += r.begin;
      tokens->push_back(std::move(t));
    }
  }
}

}  // namespace

Snippet MakeSnippet(stemming::Analyzer* analyzer, std::string_view text, const Highlight& highlight,
                    std::size_t max_bytes) {
  thread_local std::vector<stemming::Token> tokens;  // reused: its strings keep their memory
  std::vector<Span> matches;
  if (text.size() > kWholeTextBytes && !highlight.empty()) {
    // A long text: only the regions around candidate words, if a match is among them.
    AnalyzeRegions(analyzer, text, CandidateRegions(text, highlight, max_bytes), &tokens);
    matches = Matches(tokens, highlight);
  }
  if (matches.empty()) {
    analyzer->Analyze(text, &tokens);
    matches = Matches(tokens, highlight);
  }
  Snippet snippet;
  if (tokens.empty()) return snippet;
  // Where the text's words begin and end (the tokens may cover only regions of it).
  std::size_t text_begin = 0, text_end = text.size();
  while (text_begin < text.size() && IsSpace(text[text_begin])) ++text_begin;
  while (text_end > text_begin && IsSpace(text[text_end - 1])) --text_end;

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
  bool cut_before = from > text_begin;
  bool cut_after = to < text_end;
  if (cut_after) {
    // Only punctuation left ("avslutas.)"): the text is not cut.
    bool words_left = false;
    for (std::size_t i = to; i < text_end && !words_left; ++i) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      words_left = std::isalnum(c) || c >= 0x80;
    }
    cut_after = words_left;
  }

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
