#include "decompounder.h"

namespace protokoll::stemming {
namespace {

bool IsBoundary(std::string_view s, std::size_t i) {
  return i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}

bool IsLetterText(std::string_view s) {
  for (char c : s) {
    if ((c >= '0' && c <= '9') || c == '-' || c == ':' || c == '.') return false;
  }
  return true;
}

}  // namespace

std::size_t NumeralPrefix(std::string_view word) {
  static constexpr std::string_view kNumerals[] = {"en",   "ett", "två",  "tre", "fyr",
                                                   "fyra", "fem", "sex",  "sju", "åtta",
                                                   "nio",  "tio", "elva", "tolv"};
  std::size_t longest = 0;
  for (std::string_view numeral : kNumerals) {
    if (word.starts_with(numeral) && numeral.size() > longest) longest = numeral.size();
  }
  return longest;
}

std::size_t Utf8Length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Is base long enough for the modifier form: min letters, or one less before a linking -s
// ("års" of "år").
static bool LongEnough(std::string_view form, std::string_view base, std::size_t min) {
  const std::size_t letters = Utf8Length(base);
  return letters >= min || (letters + 1 == min && form.size() == base.size() + 1 &&
                            form.starts_with(base) && form.ends_with('s'));
}

bool Decompounder::SplitModifier(std::string_view modifier, std::size_t depth,
                                 std::vector<CompoundPart>* parts) const {
  const std::size_t min = options_.min_part;
  if (const std::string* base = dictionary_->ModifierBase(modifier)) {
    if (LongEnough(modifier, *base, min)) {
      parts->push_back({std::string(modifier), *base});
      return true;
    }
  }
  if (depth + 1 >= options_.max_modifiers) return false;
  // A compound modifier: "hemsjukvårds" = hem | sjukvårds. Longest first piece first.
  for (std::size_t j = modifier.size(); j-- > 1;) {
    if (!IsBoundary(modifier, j)) continue;
    std::string_view first = modifier.substr(0, j), rest = modifier.substr(j);
    if (Utf8Length(rest) < min) continue;
    if (Utf8Length(first) < min) break;
    const std::string* base = dictionary_->ModifierBase(first);
    if (base == nullptr || !LongEnough(first, *base, min)) continue;
    std::size_t mark = parts->size();
    parts->push_back({std::string(first), *base});
    if (SplitModifier(rest, depth + 1, parts)) return true;
    parts->resize(mark);
  }
  return false;
}

std::vector<CompoundPart> Decompounder::Split(std::string_view word) const {
  std::vector<CompoundPart> parts;
  const std::size_t min = options_.min_part;
  if (word.size() > options_.max_word_bytes || Utf8Length(word) < 2 * min || !IsLetterText(word)) {
    return parts;
  }
  // Longest head first: the split that leaves the largest dictionary word at the end is the
  // one least likely to be an accident ("vård|avgifterna", not "vårdav|gifterna").
  for (std::size_t i = 1; i < word.size(); ++i) {
    if (!IsBoundary(word, i)) continue;
    std::string_view modifier = word.substr(0, i), head = word.substr(i);
    if (Utf8Length(modifier) < min) continue;
    if (Utf8Length(head) < min) break;
    // Cheap hash lookups before the hunspell call in IsHead.
    if (!SplitModifier(modifier, 0, &parts)) continue;
    if (dictionary_->IsHead(head)) {
      parts.push_back({std::string(head), std::string(head)});
      return parts;
    }
    parts.clear();
  }
  parts.clear();
  // A numeral starts compounds though it is shorter than a part ("en|bostads|hus",
  // "två|vånings|hus", "fyr|bädds|rum"), when what follows is a compound itself: "enskild"
  // and "ensamhet" stay whole. The numeral has no base word, so it is no part of its own.
  for (std::size_t n = NumeralPrefix(word); n > 0; n = NumeralPrefix(word.substr(0, n - 1))) {
    std::vector<CompoundPart> rest = Split(word.substr(n));
    if (rest.empty()) continue;
    parts.push_back({std::string(word.substr(0, n)), std::string()});
    parts.insert(parts.end(), rest.begin(), rest.end());
    return parts;
  }
  return parts;
}

}  // namespace protokoll::stemming
