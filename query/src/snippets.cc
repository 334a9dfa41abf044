#include "snippets.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cstdint>
#include <cstring>

#include "protokoll/corpus/gazetteer.h"

namespace protokoll::query {
namespace {

// Is c one of " \t\n\v\f\r"? One compare and one bit test.
bool IsSpace(char c) {
  constexpr std::uint64_t kSpaces = (1ull << ' ') | (1ull << '\t') | (1ull << '\n') |
                                    (1ull << '\v') | (1ull << '\f') | (1ull << '\r');
  const unsigned char u = c;
  return u <= ' ' && ((kSpaces >> u) & 1) != 0;
}

// The first whitespace byte of text at or after i and before end, or end. Eight bytes are
// tested at a time for one of at most ' ' (every whitespace byte is one): the lowest such
// byte that the test flags is one.
std::size_t NextSpace(std::string_view text, std::size_t i, std::size_t end) {
  while (std::endian::native == std::endian::little && i + 8 <= end) {
    std::uint64_t x;
    std::memcpy(&x, text.data() + i, 8);
    const std::uint64_t low = (x - 0x2121212121212121ull) & ~x & 0x8080808080808080ull;
    if (low == 0) {
      i += 8;
      continue;
    }
    i += __builtin_ctzll(low) / 8;
    if (IsSpace(text[i])) return i;
    ++i;  // a control character that is not whitespace
  }
  while (i < end && !IsSpace(text[i])) ++i;
  return i;
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
      for (std::size_t k = 0; k < phrase.size() && ok; ++k) {
        ok = tokens[i + k].text == phrase[k] && tokens[i + k].position == tokens[i].position + k;
      }
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

// Candidate places looked at per highlight word.
constexpr std::size_t kMaxCandidates = 32;

// The first letters of a highlight word: every form that matches it in the text starts with
// them or holds them (a compound part), but for irregular forms ("gick" for "gå").
std::string_view NeedleOf(std::string_view word) {
  word = stemming::TermWord(word);
  std::size_t n = std::min<std::size_t>(word.size(), 4);
  while (n < word.size() && (static_cast<unsigned char>(word[n]) & 0xC0) == 0x80) ++n;
  return word.substr(0, n);
}

// text[i] as corpus::LowerName lowers it (ASCII and Latin-1 capitals, byte for byte).
unsigned char LowerAt(std::string_view text, std::size_t i) {
  const unsigned char c = text[i];
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (i > 0 && static_cast<unsigned char>(text[i - 1]) == 0xC3 && corpus::IsLatin1CapitalTail(c)) {
    return c + 0x20;
  }
  return c;
}

// Where, at or after from, text lowered holds needle (lowercase UTF-8), without lowering a
// copy of text: the places of needle's first byte and of its capital are found with memchr.
std::size_t FindLowered(std::string_view text, std::string_view needle, std::size_t from) {
  const std::size_t n = text.size();
  const unsigned char first = needle[0];
  const unsigned char capital = first >= 'a' && first <= 'z' ? first - 32 : first;
  auto next = [&](unsigned char c, std::size_t at) -> std::size_t {
    const void* q = at < n ? std::memchr(text.data() + at, c, n - at) : nullptr;
    return q ? static_cast<const char*>(q) - text.data() : std::string_view::npos;
  };
  std::size_t a = next(first, from);
  std::size_t b = capital == first ? std::string_view::npos : next(capital, from);
  while (true) {
    const std::size_t p = std::min(a, b);
    if (p == std::string_view::npos || p + needle.size() > n) return std::string_view::npos;
    std::size_t k = 1;
    while (k < needle.size() && LowerAt(text, p + k) == static_cast<unsigned char>(needle[k])) ++k;
    if (k == needle.size()) return p;
    if (p == a) {
      a = next(first, p + 1);
    } else {
      b = next(capital, p + 1);
    }
  }
}

}  // namespace

// A needle and how many bytes after it a match may reach (a phrase's later words).
struct SnippetMaker::Needle {
  std::string_view text;
  std::size_t reach = 0;
};

namespace {

// The whitespace-delimited words of text that hold a needle (and for a phrase, the words
// after it that the phrase may span), as byte ranges merged in text order.
std::vector<Span> CandidateRegions(std::string_view text,
                                   const std::vector<SnippetMaker::Needle>& needles) {
  std::vector<Span> at;
  for (const auto& [n, reach] : needles) {
    std::size_t found = 0;
    for (std::size_t p = FindLowered(text, n, 0); p != std::string::npos && found < kMaxCandidates;
         p = FindLowered(text, n, p + n.size())) {
      std::size_t b = p, e = std::min(text.size(), p + n.size() + reach);
      while (b > 0 && !IsSpace(text[b - 1])) --b;
      e = NextSpace(text, e, text.size());
      at.push_back({b, e});
      ++found;
      p = e > n.size() ? e - n.size() : p;  // the next candidate is in a later word
    }
  }
  std::sort(at.begin(), at.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<Span> regions;
  for (const Span& r : at) {
    if (!regions.empty() && r.begin <= regions.back().end) {
      regions.back().end = std::max(regions.back().end, r.end);
    } else {
      regions.push_back(r);
    }
  }
  return regions;
}

// The densest run of spans (sorted) that fits in max_bytes: its first index and its length
// (at least 1 when there are spans: one span longer than the window).
std::pair<std::size_t, std::size_t> Densest(const std::vector<Span>& spans, std::size_t max_bytes) {
  std::size_t best = 0, best_count = 0;
  for (std::size_t i = 0, j = 0; i < spans.size(); ++i) {
    j = std::max(j, i);
    while (j < spans.size() && spans[j].end - spans[i].begin <= max_bytes) ++j;
    if (j - i > best_count) best = i, best_count = j - i;
  }
  if (best_count == 0 && !spans.empty()) best_count = 1;
  return {best, best_count};
}

// Where the word at or after i begins (i itself if a word starts there).
std::size_t WordStart(std::string_view text, std::size_t i) {
  if (i > 0 && i < text.size() && !IsSpace(text[i - 1])) i = NextSpace(text, i, text.size());
  while (i < text.size() && IsSpace(text[i])) ++i;
  return i;
}

}  // namespace

SnippetMaker::SnippetMaker(stemming::Analyzer* analyzer, const Highlight& highlight)
    : analyzer_(analyzer), highlight_(highlight) {
  for (const std::string& t : highlight.terms) needles_.push_back({NeedleOf(t), 0});
  for (const std::string& p : highlight.prefixes) needles_.push_back({NeedleOf(p), 0});
  for (const auto& phrase : highlight.phrases) {
    if (phrase.empty()) continue;
    std::size_t span = 0;
    for (const std::string& w : phrase) span += 2 * w.size() + 2;  // inflected, punctuated
    needles_.push_back({NeedleOf(phrase[0]), span});
  }
  // A word's forms and parts mostly share a needle: look for each once, with its longest reach.
  std::sort(needles_.begin(), needles_.end(), [](const Needle& a, const Needle& b) {
    return a.text != b.text ? a.text < b.text : a.reach > b.reach;
  });
  needles_.erase(std::unique(needles_.begin(), needles_.end(),
                             [](const Needle& a, const Needle& b) { return a.text == b.text; }),
                 needles_.end());
  needles_.erase(std::remove_if(needles_.begin(), needles_.end(),
                                [](const Needle& n) { return n.text.empty(); }),
                 needles_.end());
}

SnippetMaker::~SnippetMaker() = default;

const std::vector<Span>& SnippetMaker::RegionMatches(std::string_view region) {
  // A region's matches depend on its text alone (it is analyzed on its own), and the same
  // words recur from hit to hit: each distinct region is analyzed once per query.
  auto it = memo_.find(region);
  if (it != memo_.end()) return it->second;
  if (memo_.size() >= kMaxMemo) memo_.clear();
  thread_local std::vector<stemming::Token> part;  // reused: its strings keep their memory
  analyzer_->Analyze(region, &part);
  return memo_.emplace(std::string(region), Matches(part, highlight_)).first->second;
}

Snippet SnippetMaker::Make(std::string_view text, std::size_t max_bytes) {
  thread_local std::vector<stemming::Token> tokens;  // reused: its strings keep their memory
  std::vector<Span> matches;
  if (!highlight_.empty()) {
    // Only the words that may match are analyzed: first those in the densest window of
    // them, which is the densest window of matches if each of them matches; else all of
    // them; the whole text only when none of them does (an irregular form, "gick" for "gå").
    const std::vector<Span> regions = CandidateRegions(text, needles_);
    auto verify = [&](std::size_t from, std::size_t to) {
      for (std::size_t k = from; k < to; ++k) {
        const Span& r = regions[k];
        for (const Span& m : RegionMatches(text.substr(r.begin, r.end - r.begin))) {
          matches.push_back({m.begin + r.begin, m.end + r.begin});
        }
      }
    };
    const auto [first, count] = Densest(regions, max_bytes);
    verify(first, first + count);
    if (matches.size() < count) {
      matches.clear();
      verify(0, regions.size());
    }
    if (matches.empty()) {
      analyzer_->Analyze(text, &tokens);
      matches = Matches(tokens, highlight_);
    }
  }
  Snippet snippet;
  // Where the text's words begin and end.
  std::size_t text_begin = 0, text_end = text.size();
  while (text_begin < text.size() && IsSpace(text[text_begin])) ++text_begin;
  while (text_end > text_begin && IsSpace(text[text_end - 1])) --text_end;
  if (text_begin == text_end) return snippet;

  // The densest window of matches that fits, then some context before it.
  std::size_t from = text_begin, to = text.size();
  if (!matches.empty()) {
    const auto [best, best_count] = Densest(matches, max_bytes);
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
    from = std::min(WordStart(text, std::max(want, text_begin)), first);
  }
  // End at the last word that fits.
  std::size_t limit = from + max_bytes;
  to = from;
  for (std::size_t b = from; b < text_end;) {
    const std::size_t e = NextSpace(text, b, text_end);
    if (e > limit && to > from) break;
    to = e;
    b = WordStart(text, e);
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
  out.reserve(to - from + 16);
  if (cut_before) out = "… ";
  // text[b, e) with each run of whitespace as one space. Words with one space between them
  // are copied together, as they are.
  auto copy_plain = [&](std::size_t b, std::size_t e) {
    for (std::size_t w = b;;) {
      w = NextSpace(text, w, e);
      if (w == e) break;
      if (w > b && text[w] == ' ' && w + 1 < e && !IsSpace(text[w + 1])) {
        ++w;
        continue;
      }
      out.append(text.data() + b, w - b);
      if (!out.empty() && out.back() != ' ') out += ' ';
      while (w < e && IsSpace(text[w])) ++w;
      b = w;
    }
    out.append(text.data() + b, e - b);
  };
  std::size_t m = 0;
  while (m < matches.size() && matches[m].begin < from) ++m;
  std::size_t i = from;
  for (; m < matches.size() && matches[m].end <= to; ++m) {
    copy_plain(i, matches[m].begin);
    const std::size_t b = out.size();
    out += OneLine(text.substr(matches[m].begin, matches[m].end - matches[m].begin));
    snippet.matches.push_back({b, out.size()});
    i = matches[m].end;
  }
  copy_plain(i, to);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (cut_after) out += " …";
  return snippet;
}

Snippet MakeSnippet(stemming::Analyzer* analyzer, std::string_view text, const Highlight& highlight,
                    std::size_t max_bytes) {
  return SnippetMaker(analyzer, highlight).Make(text, max_bytes);
}

}  // namespace protokoll::query
