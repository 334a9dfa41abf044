#include "tokenizer.h"

#include <unicode/utext.h>

#include "normalizer.h"

namespace protokoll::stemming {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool HasDigit(std::string_view s) {
  for (char c : s) {
    if (IsDigit(c)) return true;
  }
  return false;
}

bool AllDigitsOrSigns(std::string_view s) {
  for (char c : s) {
    if (!IsDigit(c) && c != '-' && c != ':' && c != '/' && c != '.' && c != ',') return false;
  }
  return true;
}

// Characters that glue digits into one token: "2020-09-25", "28/2", "2020:47", "covid-19".
bool IsConnector(std::string_view s) {
  return s == "-" || s == ":" || s == "/" || s == "." || s == "," || s == "\xE2\x80\x93";
}

bool IsHyphen(std::string_view s) {
  return s == "-" || s == "\xE2\x80\x90" || s == "\xE2\x80\x91" || s == "\xC2\xAD";
}

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

// The gap is made of ignorable characters only (soft hyphen, zero-width characters).
bool AllIgnorable(std::string_view s) {
  if (s.empty()) return false;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = IgnorableLength(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

void AppendClean(std::string_view s, std::string* out) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = IgnorableLength(s, i);
    if (n != 0) {
      i += n;
      continue;
    }
    out->push_back(s[i++]);
  }
}

// Word-break classes of the characters that SimpleSegments handles (Unicode's Word_Break
// property, with the colon a MidLetter as in ICU's Swedish and Finnish rules).
enum class WordClass {
  kLetter,
  kDigit,
  kSpace,
  kCr,
  kNewline,
  kMidLetter,
  kMidNumLet,
  kMidNum,
  kOther,
  kUnknown
};

// The class of the character at text[i], and its length in bytes.
WordClass ClassAt(std::string_view text, std::size_t i, std::size_t* len) {
  const unsigned char c = text[i];
  *len = 1;
  // ICU's rules count "@" as a letter.
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@') return WordClass::kLetter;
  if (c >= '0' && c <= '9') return WordClass::kDigit;
  if (c < 0x80) {
    switch (c) {
      case ' ':
        return WordClass::kSpace;
      case '\r':
        return WordClass::kCr;
      case '\n':
      case '\v':
      case '\f':
        return WordClass::kNewline;
      case ':':
        return WordClass::kMidLetter;
      case '.':
      case '\'':
        return WordClass::kMidNumLet;
      case ',':
      case ';':
        return WordClass::kMidNum;
      case '_':
      case 0x7F:
        return WordClass::kUnknown;  // ExtendNumLet; a control
      default:
        return c < 0x20 && c != '\t' ? WordClass::kUnknown : WordClass::kOther;
    }
  }
  if (i + 1 >= text.size()) return WordClass::kUnknown;
  const unsigned char d = text[i + 1];
  *len = 2;
  if (c == 0xC3 && d >= 0x80 && d <= 0xBF) {  // Latin-1 letters, but for × and ÷
    return d == 0x97 || d == 0xB7 ? WordClass::kOther : WordClass::kLetter;
  }
  if (c == 0xC2 && (d == 0xA7 || d == 0xAB || d == 0xBB || d == 0xB0)) return WordClass::kOther;
  if (c == 0xE2 && d == 0x80 && i + 2 < text.size()) {
    *len = 3;
    switch (static_cast<unsigned char>(text[i + 2])) {
      case 0x93:
      case 0x94:
      case 0x9C:
      case 0x9D:
      case 0xA2:
        return WordClass::kOther;  // – — “ ” •
      case 0x98:
      case 0x99:
        return WordClass::kMidNumLet;  // ‘ ’
      default:
        break;
    }
  }
  return WordClass::kUnknown;
}

bool IsAlnum(WordClass c) { return c == WordClass::kLetter || c == WordClass::kDigit; }

// The segments ICU's word rules give text, found without ICU when every character of text is
// one of ClassAt's (most minutes are); false when one is not.
template <typename Segment>
bool SimpleSegments(std::string_view text, std::vector<Segment>* out) {
  const std::size_t n = text.size();
  std::size_t len = 0;
  for (std::size_t i = 0; i < n;) {
    const std::size_t begin = i;
    WordClass c = ClassAt(text, i, &len);
    i += len;
    bool word = false;
    if (c == WordClass::kUnknown) return false;
    if (c == WordClass::kSpace) {
      while (i < n && text[i] == ' ') ++i;
    } else if (c == WordClass::kCr) {
      if (i < n && text[i] == '\n') ++i;
    } else if (IsAlnum(c)) {
      word = true;
      WordClass last = c;
      while (i < n) {
        std::size_t dl = 0, el = 0;
        const WordClass d = ClassAt(text, i, &dl);
        if (d == WordClass::kUnknown) return false;
        if (IsAlnum(d)) {
          last = d;
          i += dl;
          continue;
        }
        if (d != WordClass::kMidLetter && d != WordClass::kMidNumLet && d != WordClass::kMidNum)
          break;
        if (i + dl >= n) break;
        const WordClass e = ClassAt(text, i + dl, &el);
        if (e == WordClass::kUnknown) return false;
        // "t.ex", "EU:s" (letter, mid, letter); "3,5", "1.000" (digit, mid, digit).
        const bool letters =
            last == WordClass::kLetter && e == WordClass::kLetter && d != WordClass::kMidNum;
        const bool digits =
            last == WordClass::kDigit && e == WordClass::kDigit && d != WordClass::kMidLetter;
        if (!letters && !digits) break;
        last = e;
        i += dl + el;
      }
    }
    out->push_back({begin, i, word});
  }
  return true;
}

}  // namespace

Status Tokenizer::Open(std::unique_ptr<Tokenizer>* tokenizer) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale("sv", "SE"), status));
  if (U_FAILURE(status) || !words) return Status::IOError("cannot open ICU word break iterator");
  tokenizer->reset(new Tokenizer(std::move(words)));
  return Status::OK();
}

std::size_t Tokenizer::Tokenize(std::string_view text, std::vector<RawToken>* tokens) {
  segments_.clear();
  if (!simple_segments_ || !SimpleSegments(text, &segments_)) {
    segments_.clear();
    UErrorCode status = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_FAILURE(status)) return 0;
    words_->setText(ut, status);
    if (U_SUCCESS(status)) {
      // For UTF-8 UText, ICU's native indexes are byte offsets into text.
      int32_t begin = words_->first();
      for (int32_t end = words_->next(); end != icu::BreakIterator::DONE;
           begin = end, end = words_->next()) {
        segments_.push_back({static_cast<std::size_t>(begin), static_cast<std::size_t>(end),
                             words_->getRuleStatus() >= UBRK_WORD_NUMBER});
      }
    }
    // Detach the iterator from ut before closing it.
    words_->setText(icu::UnicodeString());
    utext_close(ut);
  }

  auto seg_text = [&](std::size_t k) {
    return text.substr(segments_[k].begin, segments_[k].end - segments_[k].begin);
  };
  std::size_t count = 0;
  auto next_token = [&]() -> RawToken& {
    if (count == tokens->size()) tokens->emplace_back();
    RawToken& t = (*tokens)[count++];
    t.text.clear();
    t.after_line_hyphen = false;
    return t;
  };

  const std::size_t n = segments_.size();
  bool line_hyphen_pending = false;
  for (std::size_t k = 0; k < n; ++k) {
    std::string_view s = seg_text(k);
    if (!segments_[k].word) {
      // "§ 48", "§§ 12": the section mark takes the number that follows it.
      if (s == "\xC2\xA7") {
        std::size_t j = k + 1;
        while (j < n && seg_text(j) == "\xC2\xA7") ++j;
        if (j < n && !segments_[j].word && seg_text(j).find('\n') == std::string_view::npos &&
            !seg_text(j).empty() && IsBlank(seg_text(j)[0])) {
          ++j;
        }
        if (j < n && segments_[j].word && HasDigit(seg_text(j)) && IsDigit(seg_text(j)[0])) {
          RawToken& t = next_token();
          t.begin = segments_[k].begin;
          t.end = segments_[j].end;
          t.type = TokenType::kCode;
          t.text = "\xC2\xA7";
          t.text.append(seg_text(j));
          k = j;
          line_hyphen_pending = false;
          continue;
        }
      }
      // "famil-" at the end of a line: the next word may be its rest.
      if (IsHyphen(s) && k > 0 && segments_[k - 1].word) {
        std::size_t j = k + 1;
        bool newline = false, blank = true;
        for (; j < n && !segments_[j].word && blank; ++j) {
          for (char c : seg_text(j)) {
            blank = blank && IsBlank(c);
            newline = newline || c == '\n';
          }
        }
        if (blank && newline && j < n && segments_[j].word) {
          line_hyphen_pending = true;
          k = j - 1;  // the loop's ++k lands on the next word
          continue;
        }
      }
      line_hyphen_pending = false;
      continue;
    }
    RawToken& t = next_token();
    t.begin = segments_[k].begin;
    t.end = segments_[k].end;
    t.after_line_hyphen = line_hyphen_pending;
    line_hyphen_pending = false;
    AppendClean(s, &t.text);
    bool digits = HasDigit(s);
    // Extend over connectors between digit groups and over invisible characters.
    while (k + 1 < n) {
      if (k + 1 < n && segments_[k + 1].word) {
        // Two word segments back to back: ICU split at something invisible.
        AppendClean(seg_text(k + 1), &t.text);
        digits = digits || HasDigit(seg_text(k + 1));
        t.end = segments_[++k].end;
        continue;
      }
      std::string_view gap = seg_text(k + 1);
      if (k + 2 >= n || !segments_[k + 2].word) break;
      std::string_view after = seg_text(k + 2);
      if (AllIgnorable(gap)) {
        AppendClean(after, &t.text);
        digits = digits || HasDigit(after);
      } else if (IsConnector(gap) && (digits || IsDigit(after[0]))) {
        // "covid-19", "2020-09-25"; a hyphen between two words ("vård-omställningen") is not
        // glued: both words stay searchable on their own.
        t.text.append(gap == "\xE2\x80\x93" ? "-" : gap);
        AppendClean(after, &t.text);
        digits = true;
      } else {
        break;
      }
      k += 2;
      t.end = segments_[k].end;
    }
    if (!digits) {
      t.type = TokenType::kWord;
    } else {
      t.type = AllDigitsOrSigns(t.text) ? TokenType::kNumber : TokenType::kCode;
    }
  }
  return count;
}

}  // namespace protokoll::stemming
