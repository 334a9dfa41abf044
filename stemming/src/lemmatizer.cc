#include "lemmatizer.h"

#include <hunspell/hunspell.hxx>
#include <sys/stat.h>

#include <algorithm>

namespace protokoll::stemming {
namespace {

// Hunspell's SPELL_COMPOUND info bit (hunspell/atypes.hxx): the word was accepted as a
// compound built by the affix file's rules, not found in the word list.
constexpr int kSpellCompound = 1 << 0;
// Longer "words" are junk (or a 1 MB run of letters); hunspell gives them nothing useful.
constexpr std::size_t kMaxWordBytes = 80;

bool FileExists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// "sundsvalls" -> "Sundsvalls": proper names are capitalized in the dictionary.
std::string Capitalize(std::string_view w) {
  std::string out(w);
  if (out.empty()) return out;
  unsigned char c = static_cast<unsigned char>(out[0]);
  if (c >= 'a' && c <= 'z') {
    out[0] = static_cast<char>(c - 'a' + 'A');
  } else if (c == 0xC3 && out.size() > 1) {
    unsigned char d = static_cast<unsigned char>(out[1]);
    if (d >= 0xA0 && d <= 0xBE && d != 0xB7) out[1] = static_cast<char>(d - 0x20);
  }
  return out;
}

}  // namespace

Lemmatizer::Lemmatizer(std::unique_ptr<Hunspell> hunspell, std::size_t cache_entries)
    : hunspell_(std::move(hunspell)), snowball_("swedish"), cache_entries_(cache_entries) {}

Lemmatizer::~Lemmatizer() = default;

Status Lemmatizer::Open(const std::string& dir, std::size_t cache_entries,
                        std::unique_ptr<Lemmatizer>* lemmatizer) {
  std::string aff = dir + "/sv_SE.aff", dic = dir + "/sv_SE.dic";
  // Hunspell does not report a missing file; it just knows no words.
  if (!FileExists(aff) || !FileExists(dic)) {
    return Status::NotFound("cannot read hunspell dictionary " + dir +
                            "/sv_SE.{aff,dic} (install hunspell-sv)");
  }
  try {
    auto hunspell = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
    lemmatizer->reset(new Lemmatizer(std::move(hunspell), cache_entries));
  } catch (const std::exception& e) {
    return Status::IOError(std::string("cannot load hunspell dictionary: ") + e.what());
  }
  return Status::OK();
}

void Lemmatizer::Compute(const std::string& word, Entry* entry) {
  entry->known = false;
  entry->compound = false;
  entry->stems.clear();
  if (word.empty() || word.size() > kMaxWordBytes) return;
  try {
    int info = 0;
    std::string probe = word;
    bool ok = hunspell_->spell(probe, &info);
    if (!ok) {
      probe = Capitalize(word);
      info = 0;
      ok = probe != word && hunspell_->spell(probe, &info);
    }
    if (!ok) return;
    entry->known = true;
    entry->compound = (info & kSpellCompound) != 0;
    std::string folded;
    for (const std::string& stem : hunspell_->stem(probe)) {
      normalizer_.Fold(stem, &folded);
      if (std::find(entry->stems.begin(), entry->stems.end(), folded) == entry->stems.end()) {
        entry->stems.push_back(folded);
      }
    }
  } catch (const std::exception&) {
    // Hunspell is not documented to throw, but a bad_alloc must not cross the module.
    entry->known = false;
    entry->stems.clear();
  }
}

const Lemmatizer::Entry& Lemmatizer::Lookup(std::string_view word) {
  if (cache_entries_ == 0) {
    Compute(std::string(word), &scratch_);
    return scratch_;
  }
  auto it = cache_.find(word);
  if (it != cache_.end()) return it->second;
  std::string key(word);
  Entry& entry = cache_[key];
  Compute(key, &entry);
  return entry;
}

std::string Lemmatizer::Snowball(const std::string& word) {
  if (word.size() > kMaxWordBytes) return word;
  try {
    return snowball_(word);
  } catch (const Xapian::Error&) {
    return word;
  }
}

void Lemmatizer::Trim() {
  if (cache_.size() > cache_entries_) cache_.clear();
}

}  // namespace protokoll::stemming
