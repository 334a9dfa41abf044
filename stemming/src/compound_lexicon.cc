#include "compound_lexicon.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "decompounder.h"
#include "protokoll/data_lines.h"

namespace protokoll::stemming {
namespace {

// The flags of sv_SE.aff (single-character flags; see COMPOUNDBEGIN etc. in the .aff).
constexpr char kBegin = 'X';
constexpr char kMiddle = 'U';
constexpr char kEnd = 'Y';
constexpr char kForbidden = '%';  // FORBIDDENWORD
constexpr char kUnitForm = '3';   // a unit after a number in COMPOUNDRULE ("5-års")

std::u32string Decode(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

// One position of an affix condition: a character class or any character.
struct CondChar {
  bool any = false;
  bool negated = false;
  std::u32string chars;
};

std::vector<CondChar> ParseCondition(std::string_view cond) {
  std::vector<CondChar> out;
  std::u32string c = Decode(cond);
  for (std::size_t i = 0; i < c.size(); ++i) {
    CondChar cc;
    if (c[i] == U'.') {
      cc.any = true;
    } else if (c[i] == U'[') {
      ++i;
      if (i < c.size() && c[i] == U'^') {
        cc.negated = true;
        ++i;
      }
      while (i < c.size() && c[i] != U']') cc.chars.push_back(c[i++]);
    } else {
      cc.chars.push_back(c[i]);
    }
    out.push_back(std::move(cc));
  }
  return out;
}

bool MatchesEnd(const std::u32string& word, const std::vector<CondChar>& cond) {
  if (cond.size() > word.size()) return false;
  std::size_t off = word.size() - cond.size();
  for (std::size_t i = 0; i < cond.size(); ++i) {
    if (cond[i].any) continue;
    bool in = cond[i].chars.find(word[off + i]) != std::u32string::npos;
    if (in == cond[i].negated) return false;
  }
  return true;
}

struct SuffixRule {
  std::string strip;
  std::string add;
  std::vector<CondChar> condition;
};

bool Capitalized(std::string_view w) {
  if (w.empty()) return true;
  unsigned char c = static_cast<unsigned char>(w[0]);
  if (c >= 'A' && c <= 'Z') return true;
  return c == 0xC3 && w.size() > 1 && static_cast<unsigned char>(w[1]) < 0xA0;
}

// Splits line at runs of spaces and tabs into up to N fields; returns how many it found.
template <std::size_t N>
std::size_t SplitFields(std::string_view line, std::string_view (&fields)[N]) {
  std::size_t n = 0;
  std::size_t at = line.find_first_not_of(" \t");
  while (n < N && at != std::string_view::npos) {
    std::size_t end = line.find_first_of(" \t", at);
    fields[n++] = line.substr(at, end == std::string_view::npos ? end : end - at);
    if (end == std::string_view::npos) break;
    at = line.find_first_not_of(" \t", end);
  }
  return n;
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

}  // namespace

std::shared_ptr<CompoundLexicon> CompoundLexicon::Parse(std::string_view aff,
                                                        std::string_view dic) {
  // Suffix rules whose result may start or sit inside a compound, by flag.
  std::map<char, std::vector<SuffixRule>> joining;
  ForEachDataLine(aff, [&](std::string_view line) {
    std::string_view f[5];
    if (SplitFields(line, f) < 5 || f[0] != "SFX" || f[1].size() != 1) return;
    std::string_view add = f[3];
    std::size_t slash = add.find('/');
    if (slash == std::string_view::npos) return;
    std::string_view cont = add.substr(slash + 1);
    if (cont.find(kBegin) == std::string_view::npos &&
        cont.find(kMiddle) == std::string_view::npos) {
      return;
    }
    add = add.substr(0, slash);
    joining[f[1][0]].push_back({f[2] == "0" ? "" : std::string(f[2]),
                                add == "0" ? "" : std::string(add), ParseCondition(f[4])});
  });
  auto lexicon = std::make_shared<CompoundLexicon>();
  // The first line is the word count; each entry is word/FLAGS (then morphology, ignored).
  std::size_t first = dic.find('\n');
  std::string_view entries = first == std::string_view::npos ? "" : dic.substr(first + 1);
  lexicon->modifiers_.reserve(1 << 15);
  lexicon->heads_.reserve(1 << 17);
  std::string form;
  // Joining forms with the word each stands for, kept if the dictionary has that word (and,
  // if begin, lists it as a compound's first part).
  struct ListedForm {
    std::string form, word;
    bool begin = false;
  };
  std::vector<ListedForm> listed_forms;
  std::vector<std::pair<std::string, std::string>> manna_forms;  // joining form, -man word
  ForEachDataLine(entries, [&](std::string_view line) {
    line = line.substr(0, line.find_first_of("\t "));
    std::size_t slash = line.find('/');
    // The dictionary lists joining forms as entries ending in a hyphen. Those in -u- of a
    // word in -a ("gatu-" of "gata", "stugu-" of "stuga") start compounds ("gatu|belysning"),
    // and so do those that add -a or -s to a word that starts compounds itself ("barna-",
    // "knivs-"). (Most others are prefixes, "auto-", "geo-", "pre-", and no words: "automat"
    // is no "auto|mat".)
    const std::string_view listed = line.substr(0, slash);
    if (listed.size() > 4 && listed.ends_with('-') && !Capitalized(listed)) {
      const std::string_view form = listed.substr(0, listed.size() - 1);
      const std::string_view stem = form.substr(0, form.size() - 1);
      if (form.ends_with('u')) {
        listed_forms.push_back({std::string(form), std::string(stem) + "a", false});
      } else if (form.ends_with('a') || form.ends_with('s')) {
        listed_forms.push_back({std::string(form), std::string(stem), true});
      }
    }
    if (slash == std::string_view::npos || slash == 0) return;
    std::string_view word = line.substr(0, slash);
    std::string_view flags = line.substr(slash + 1);
    // Proper names are capitalized in the dictionary, tokens are folded: leave them out.
    if (Capitalized(word)) return;
    // A unit's genitive that follows a number in a compound ("5-års|plan") starts compounds
    // of its own too: "års|redovisning" is "år".
    if (flags.find(kUnitForm) != std::string_view::npos && word.size() > 2 && word.ends_with('s')) {
      listed_forms.push_back(
          {std::string(word), std::string(word.substr(0, word.size() - 1)), false});
    }
    if (flags.find(kEnd) != std::string_view::npos) lexicon->heads_.emplace(word);
    if (flags.find(kBegin) != std::string_view::npos ||
        flags.find(kMiddle) != std::string_view::npos) {
      lexicon->modifiers_.try_emplace(std::string(word), Modifier{std::string(word)});
      // "lekmanna-", "nämndemanna-": the joining form of a -man word, which is its base.
      if (word.size() > 7 && word.ends_with("manna")) {
        manna_forms.push_back({std::string(word), std::string(word.substr(0, word.size() - 2))});
      }
    }
    std::u32string decoded;
    for (char flag : flags) {
      auto it = joining.find(flag);
      if (it == joining.end()) continue;
      if (decoded.empty()) decoded = Decode(word);
      for (const SuffixRule& rule : it->second) {
        if (!MatchesEnd(decoded, rule.condition) || !word.ends_with(rule.strip)) continue;
        form.assign(word.substr(0, word.size() - rule.strip.size()));
        form += rule.add;
        if (lexicon->modifiers_.find(form) == lexicon->modifiers_.end()) {
          lexicon->modifiers_.emplace(form, Modifier{std::string(word)});
        }
      }
    }
  });
  // The words the listed joining forms stand for, and whether the dictionary has them.
  std::unordered_map<std::string, bool, StringHash, std::equal_to<>> joined_words;
  for (const ListedForm& f : listed_forms) joined_words.emplace(f.word, false);
  for (const auto& [form, man] : manna_forms) joined_words.emplace(man, false);
  // Count, for every modifier form, the dictionary words that begin with it.
  ForEachDataLine(entries, [&](std::string_view line) {
    const std::size_t end = line.find_first_of("/\t ");
    std::string_view word = line.substr(0, end);
    for (std::size_t len = 3; len + 3 <= word.size(); ++len) {
      auto it = lexicon->modifiers_.find(word.substr(0, len));
      if (it != lexicon->modifiers_.end()) ++it->second.productivity;
    }
    // A forbidden word ("direktiver/%") is a misspelling the dictionary lists to reject.
    const bool forbidden =
        end != std::string_view::npos && line[end] == '/' &&
        line.substr(end + 1, line.find_first_of("\t ", end) - end - 1).find(kForbidden) !=
            std::string_view::npos;
    if (!word.empty() && !Capitalized(word) && !forbidden) {
      if (auto it = joined_words.find(word); it != joined_words.end()) it->second = true;
      lexicon->forward_.Add(word);
      lexicon->reversed_.Add(std::string(word.rbegin(), word.rend()));
    }
  });
  for (const ListedForm& f : listed_forms) {
    if (!joined_words[f.word]) continue;
    if (f.begin) {
      auto it = lexicon->modifiers_.find(f.word);
      if (it == lexicon->modifiers_.end() || it->second.base != f.word) continue;
    }
    lexicon->modifiers_.try_emplace(f.form, Modifier{f.word});
  }
  for (const auto& [form, man] : manna_forms) {
    if (joined_words[man]) lexicon->modifiers_.find(form)->second.base = man;
  }
  return lexicon;
}

Status CompoundLexicon::Load(const std::string& dir,
                             std::shared_ptr<const CompoundLexicon>* lexicon) {
  // Kept for the life of the process (never freed: tearing down ~10 MB of small strings
  // at exit would cost a short-lived tool a tenth of a second).
  static std::mutex mu;
  static auto* loaded = new std::map<std::string, std::shared_ptr<const CompoundLexicon>>;
  std::lock_guard<std::mutex> lock(mu);
  if (auto cached = (*loaded)[dir]) {
    *lexicon = std::move(cached);
    return Status::OK();
  }
  std::string aff, dic;
  if (!ReadFile(dir + "/sv_SE.aff", &aff) || !ReadFile(dir + "/sv_SE.dic", &dic)) {
    return Status::NotFound("cannot read hunspell dictionary " + dir +
                            "/sv_SE.{aff,dic} (install hunspell-sv)");
  }
  std::shared_ptr<const CompoundLexicon> parsed = Parse(aff, dic);
  (*loaded)[dir] = parsed;
  *lexicon = std::move(parsed);
  return Status::OK();
}

const std::string* CompoundLexicon::ModifierBase(std::string_view form) const {
  auto it = modifiers_.find(form);
  return it == modifiers_.end() ? nullptr : &it->second.base;
}

std::size_t CompoundLexicon::Productivity(std::string_view form) const {
  auto it = modifiers_.find(form);
  return it == modifiers_.end() ? 0 : it->second.productivity;
}

CompoundLexicon::HeadEvidence CompoundLexicon::EndingEvidence(std::string_view word) const {
  HeadEvidence evidence;
  const std::string key(word.rbegin(), word.rend());
  for (auto it = reversed_.LowerBound(key);
       it != reversed_.end() && reversed_.At(*it).starts_with(key); ++it) {
    // Bytes reversed: the letters before the ending, read back into order.
    const std::string_view rest = reversed_.At(*it).substr(key.size());
    const std::string before(rest.rbegin(), rest.rend());
    if (Utf8Length(before) < 3) continue;
    ++evidence.words;
    if (ModifierBase(before) != nullptr) ++evidence.compounds;
  }
  return evidence;
}

CompoundLexicon::HeadEvidence CompoundLexicon::StartingEvidence(std::string_view word) const {
  std::lock_guard<std::mutex> lock(starting_mu_);
  if (auto it = starting_.find(word); it != starting_.end()) return it->second;
  HeadEvidence evidence;
  for (auto it = forward_.LowerBound(word);
       it != forward_.end() && forward_.At(*it).starts_with(word); ++it) {
    const std::string_view rest = forward_.At(*it).substr(word.size());
    if (Utf8Length(rest) < 3) continue;
    ++evidence.words;
    if (IsWord(rest)) ++evidence.compounds;
  }
  starting_.emplace(std::string(word), evidence);
  return evidence;
}

bool CompoundLexicon::IsWord(std::string_view word) const {
  const auto it = forward_.LowerBound(word);
  return it != forward_.end() && forward_.At(*it) == word;
}

namespace {

// The first eight bytes of text, big-endian and padded with zeros: one number compares two
// words as their first eight bytes do (no word holds a zero byte).
std::uint64_t Head(std::string_view text) {
  std::uint64_t head = 0;
  for (std::size_t k = 0; k < 8; ++k) {
    head = (head << 8) | (k < text.size() ? static_cast<unsigned char>(text[k]) : 0u);
  }
  return head;
}

}  // namespace

void CompoundLexicon::WordList::Add(std::string_view word) {
  spans_.push_back({static_cast<std::uint32_t>(text_.size()),
                    static_cast<std::uint32_t>(word.size()), Head(word)});
  text_ += word;
}

std::vector<CompoundLexicon::Span>::const_iterator CompoundLexicon::WordList::LowerBound(
    std::string_view key) const {
  // Sorted when first asked: a tool that never splits a dictionary word spares the time.
  std::call_once(sorted_, [this] {
    std::sort(spans_.begin(), spans_.end(), [this](const Span& a, const Span& b) {
      return a.head != b.head ? a.head < b.head : At(a) < At(b);
    });
  });
  const std::uint64_t head = Head(key);
  return std::lower_bound(spans_.begin(), spans_.end(), key,
                          [this, head](const Span& span, std::string_view k) {
                            return span.head != head ? span.head < head : At(span) < k;
                          });
}

bool CompoundLexicon::MayEndCompound(std::string_view lemma) const {
  return heads_.find(lemma) != heads_.end();
}

}  // namespace protokoll::stemming
