#include "protokoll/stemming/spelling.h"

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
    std::string_view w = text.substr(i, j - i);
    // A word broken at the line's end ("funktionshind-") is no word of its own.
    const bool broken = j < text.size() && text[j] == '-';
    i = j;
    if (!LowerStart(w)) continue;
    ++lower;
    function_words += IsStopword(w);
    if (letters < 4 || broken) continue;
    ++score.words;
    known += lemmatizer_->Lookup(w).known;
    lemmatizer_->Trim();
  }
  if (score.words > 0) score.known = static_cast<double>(known) / score.words;
  if (lower > 0) score.function_words = static_cast<double>(function_words) / lower;
  return score;
}

}  // namespace protokoll::stemming
