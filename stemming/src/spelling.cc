#include "protokoll/stemming/spelling.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "lemmatizer.h"
#include "stopwords.h"

namespace protokoll::stemming {
namespace {

// Lower-case letters start a word that counts; upper-case ones (names, headings in capitals)
// and digits do not. UTF-8 lead byte C3 with å ä ö é (A5 A4 B6 A9) is lower case.
bool LowerStart(std::string_view w) {
  const auto c = static_cast<unsigned char>(w[0]);
  if (c >= 'a' && c <= 'z') return true;
  return c == 0xC3 && w.size() > 1 &&
         std::string_view("\xA5\xA4\xB6\xA9").find(w[1]) != std::string_view::npos;
}

bool LetterByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

bool UpperByte(unsigned char c) { return c >= 'A' && c <= 'Z'; }

// Lowers a word's capital first letter (A-Z, Å Ä Ö É): 0 if it had none, 1 for an ASCII
// capital, 2 for a two-byte one; -1 (the word left alone) for a word of capitals ("EU",
// "ATT") or one with a capital inside ("SocSam").
int Capital(std::string* w) {
  int capital = 0;
  const auto c = static_cast<unsigned char>((*w)[0]);
  if (UpperByte(c)) {
    (*w)[0] = static_cast<char>(c - 'A' + 'a');
    capital = 1;
  } else if (c == 0xC3 && w->size() > 1 &&
             std::string_view("\x85\x84\x96\x89").find((*w)[1]) != std::string_view::npos) {
    (*w)[1] = static_cast<char>((*w)[1] + 0x20);
    capital = 2;
  }
  for (std::size_t k = static_cast<std::size_t>(capital); k < w->size(); ++k) {
    if (UpperByte(static_cast<unsigned char>((*w)[k]))) return -1;
  }
  return capital;
}

// Puts back the capital Capital took (capital: its return value).
void Uncapital(std::string* w, int capital) {
  if (capital == 1) (*w)[0] = static_cast<char>((*w)[0] - 'a' + 'A');
  if (capital == 2) (*w)[1] = static_cast<char>((*w)[1] - 0x20);
}

// Calls f(at, word, letters) for each run of letters in text, at its byte offset.
template <typename F>
void ForEachWord(std::string_view text, F f) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (!LetterByte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    std::size_t letters = 0;
    while (j < text.size() && LetterByte(static_cast<unsigned char>(text[j]))) {
      letters += (static_cast<unsigned char>(text[j]) & 0xC0) != 0x80;
      ++j;
    }
    f(i, text.substr(i, j - i), letters);
    i = j;
  }
}

// A text with the ligature fault mends at least this many words, of two or more spellings.
constexpr int kMinMends = 3;
// The ligatures whose text lost its second letter: the letter kept, then the one lost. Where
// two give words, the first in this order wins: "moton" is "motion", not "motton"; "fata"
// is "fatta", not "flata".
constexpr std::pair<char, char> kLigatures[] = {{'t', 'i'}, {'t', 't'}, {'f', 'i'},
                                                {'f', 't'}, {'f', 'l'}, {'f', 'f'}};
// Words with more places for a lost letter than this are left alone (the candidates grow
// with the square of the places).
constexpr std::size_t kMaxLigaturePlaces = 6;
// Shorter words are left alone: "fr", "st" and "fl" are abbreviations ("fr.o.m.", "m.fl.").
constexpr std::size_t kMinMendLetters = 3;

}  // namespace

Spelling::Spelling(std::unique_ptr<Lemmatizer> lemmatizer) : lemmatizer_(std::move(lemmatizer)) {}

Spelling::~Spelling() = default;

Status Spelling::Open(const std::string& dir, std::unique_ptr<Spelling>* spelling) {
  std::unique_ptr<Lemmatizer> lemmatizer;
  // A page's words repeat on the next pages: a small cache pays.
  Status s = Lemmatizer::Open(dir, 1 << 14, &lemmatizer);
  if (!s.ok()) return s;
  spelling->reset(new Spelling(std::move(lemmatizer)));
  return Status::OK();
}

Spelling::Score Spelling::Check(std::string_view text) {
  Score score;
  int known = 0, lower = 0, function_words = 0;
  std::size_t all_letters = 0, a_rings = 0;
  ForEachWord(text, [&](std::size_t at, std::string_view w, std::size_t letters) {
    all_letters += letters;
    for (std::size_t k = 0; (k = w.find("\xC3", k)) != std::string_view::npos; ++k) {
      a_rings += k + 1 < w.size() && (w[k + 1] == '\xA5' || w[k + 1] == '\x85');  // å, Å
    }
    // A word broken at the line's end ("funktionshind-") is no word of its own.
    const std::size_t end = at + w.size();
    const bool broken = end < text.size() && text[end] == '-';
    if (!LowerStart(w)) return;
    ++lower;
    function_words += IsStopword(w);
    if (letters < 4 || broken) return;
    ++score.words;
    known += lemmatizer_->Lookup(w).known;
    lemmatizer_->Trim();
  });
  if (score.words > 0) score.known = static_cast<double>(known) / score.words;
  if (lower > 0) score.function_words = static_cast<double>(function_words) / lower;
  if (all_letters > 0) score.a_ring = static_cast<double>(a_rings) / all_letters;
  return score;
}

int Spelling::MendLigatures(std::string* text) {
  struct Mend {
    std::size_t at, size;
    std::string word;
  };
  struct Insert {
    std::size_t place;  // after this byte
    char letter;
  };
  std::vector<Mend> mends;
  std::vector<std::string> spellings;
  std::vector<Insert> inserts;
  std::string candidate;
  auto known = [&](const std::string& w) {
    const bool k = lemmatizer_->Lookup(w).known;
    lemmatizer_->Trim();
    return k;
  };
  // w with the letters of a and b (b.place > a.place, or b unset) inserted.
  auto spell = [&](std::string_view w, const Insert& a, const Insert* b) {
    candidate.assign(w.substr(0, a.place + 1));
    candidate += a.letter;
    if (b == nullptr) {
      candidate.append(w.substr(a.place + 1));
      return;
    }
    candidate.append(w.substr(a.place + 1, b->place - a.place));
    candidate += b->letter;
    candidate.append(w.substr(b->place + 1));
  };
  const std::string_view all(*text);
  ForEachWord(all, [&](std::size_t at, std::string_view w, std::size_t letters) {
    const std::size_t end = at + w.size();
    // Not a word broken at the line's end ("funktionshind-") nor a piece of an abbreviation
    // ("fr.o.m.", "m.fl."): a point before the word or between it and a letter.
    const bool apart = (end < all.size() && all[end] == '-') || (at > 0 && all[at - 1] == '.') ||
                       (end + 1 < all.size() && all[end] == '.' &&
                        LetterByte(static_cast<unsigned char>(all[end + 1])));
    if (apart || letters < kMinMendLetters) return;
    // A capital starts a name or a sentence: the word in lower case, the capital put back.
    std::string lower(w);
    const int capital = Capital(&lower);
    if (capital < 0 || known(lower)) return;
    inserts.clear();
    std::size_t places = 0;
    for (char c : lower) places += c == 'f' || c == 't';
    if (places == 0 || places > kMaxLigaturePlaces) return;
    for (const auto& [kept, lost] : kLigatures) {
      for (std::size_t p = 0; p < lower.size(); ++p) {
        if (lower[p] == kept) inserts.push_back({p, lost});
      }
    }
    bool found = false;
    for (std::size_t a = 0; a < inserts.size() && !found; ++a) {
      spell(lower, inserts[a], nullptr);
      found = known(candidate);
    }
    for (std::size_t a = 0; a < inserts.size() && !found; ++a) {
      for (std::size_t b = 0; b < inserts.size() && !found; ++b) {
        if (inserts[b].place <= inserts[a].place) continue;
        spell(lower, inserts[a], &inserts[b]);
        found = known(candidate);
      }
    }
    if (!found) return;
    if (capital > 0) Uncapital(&candidate, capital);
    if (std::find(spellings.begin(), spellings.end(), w) == spellings.end()) {
      spellings.emplace_back(w);
    }
    mends.push_back({at, w.size(), candidate});
  });
  if (mends.size() < static_cast<std::size_t>(kMinMends) || spellings.size() < 2) return 0;
  std::string out;
  out.reserve(text->size() + mends.size());
  std::size_t from = 0;
  for (const Mend& m : mends) {
    out.append(*text, from, m.at - from);
    out += m.word;
    from = m.at + m.size;
  }
  out.append(*text, from, std::string::npos);
  text->swap(out);
  return static_cast<int>(mends.size());
}

}  // namespace protokoll::stemming
