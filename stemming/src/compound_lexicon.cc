#include "compound_lexicon.h"

#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <vector>

namespace protokoll::stemming {
namespace {

// The flags of sv_SE.aff (single-character flags; see COMPOUNDBEGIN etc. in the .aff).
constexpr char kBegin = 'X';
constexpr char kMiddle = 'U';
constexpr char kEnd = 'Y';

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
  std::istringstream affs{std::string(aff)};
  for (std::string line; std::getline(affs, line);) {
    std::istringstream f(line);
    std::string kind, flag, strip, add, cond;
    if (!(f >> kind >> flag >> strip >> add >> cond) || kind != "SFX" || flag.size() != 1) {
      continue;
    }
    std::size_t slash = add.find('/');
    if (slash == std::string::npos) continue;
    std::string cont = add.substr(slash + 1);
    if (cont.find(kBegin) == std::string::npos && cont.find(kMiddle) == std::string::npos) {
      continue;
    }
    add.resize(slash);
    joining[flag[0]].push_back(
        {strip == "0" ? "" : strip, add == "0" ? "" : add, ParseCondition(cond)});
  }
  auto lexicon = std::make_shared<CompoundLexicon>();
  std::istringstream dics{std::string(dic)};
  std::string line;
  std::getline(dics, line);  // the word count
  while (std::getline(dics, line)) {
    std::size_t stop = line.find_first_of("\t ");
    if (stop != std::string::npos) line.resize(stop);
    std::size_t slash = line.find('/');
    if (slash == std::string::npos || slash == 0) continue;
    std::string word = line.substr(0, slash);
    std::string_view flags = std::string_view(line).substr(slash + 1);
    // Proper names are capitalized in the dictionary, tokens are folded: leave them out.
    if (Capitalized(word)) continue;
    if (flags.find(kEnd) != std::string_view::npos) lexicon->heads_.insert(word);
    if (flags.find(kBegin) != std::string_view::npos ||
        flags.find(kMiddle) != std::string_view::npos) {
      lexicon->modifiers_.emplace(word, Modifier{word});
    }
    std::u32string decoded;
    for (char flag : flags) {
      auto it = joining.find(flag);
      if (it == joining.end()) continue;
      if (decoded.empty()) decoded = Decode(word);
      for (const SuffixRule& rule : it->second) {
        if (!MatchesEnd(decoded, rule.condition)) continue;
        if (word.size() < rule.strip.size() ||
            word.compare(word.size() - rule.strip.size(), rule.strip.size(), rule.strip) != 0) {
          continue;
        }
        std::string form = word.substr(0, word.size() - rule.strip.size()) + rule.add;
        lexicon->modifiers_.emplace(std::move(form), Modifier{word});
      }
    }
  }
  // Count, for every modifier form, the dictionary words that begin with it.
  std::istringstream again{std::string(dic)};
  std::getline(again, line);
  while (std::getline(again, line)) {
    std::size_t stop = line.find_first_of("/\t ");
    std::string_view word = std::string_view(line).substr(0, stop);
    for (std::size_t len = 3; len + 3 <= word.size(); ++len) {
      auto it = lexicon->modifiers_.find(word.substr(0, len));
      if (it != lexicon->modifiers_.end()) ++it->second.productivity;
    }
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

bool CompoundLexicon::MayEndCompound(std::string_view lemma) const {
  return heads_.find(lemma) != heads_.end();
}

}  // namespace protokoll::stemming
