#include "morphology.h"

#include <lttoolbox/fst_processor.h>
#include <sys/stat.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>

#include "decompounder.h"

namespace protokoll::stemming {
namespace {

// Longer "words" are junk; the analyser knows none of them.
constexpr std::size_t kMaxWordBytes = 80;

bool IsVerb(std::string_view pos) {
  return pos == "vblex" || pos == "vbmod" || pos == "vbser" || pos == "vbhaver" || pos == "vaux";
}

std::string Class(const Reading& r) {
  if (r.pos == "adj" && r.Has("pp")) return "pp";
  if (r.pos == "adj" && r.Has("pprs")) return "pprs";
  if (IsVerb(r.pos)) return "v";
  return r.pos;
}

// Apertium marks homonyms with superscript digits ("vara¹", "vara²"): one lemma for us.
std::string StripHomonymMark(std::string lemma) {
  for (std::string_view mark : {"¹", "²", "³", "⁴"}) {
    if (lemma.ends_with(mark)) lemma.resize(lemma.size() - mark.size());
  }
  return lemma;
}

// "krävs" is the deponent "krävas" and the passive of "kräva": the first outranks the second.
bool IsDeponent(const Reading* r) {
  return IsVerb(r->pos) && r->Has("pasv") && r->lemma.ends_with('s');
}
bool IsPassiveOfOther(const Reading* r) {
  return IsVerb(r->pos) && r->Has("pasv") && !r->lemma.ends_with('s');
}

}  // namespace

bool Reading::Has(std::string_view tag) const {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

std::vector<Reading> ParseReadings(std::string_view analyses) {
  std::vector<Reading> out;
  if (analyses.empty() || analyses[0] == '@' || analyses[0] == '*') return out;
  std::size_t start = 0;
  while (start <= analyses.size()) {
    std::size_t end = analyses.find('/', start);
    if (end == std::string_view::npos) end = analyses.size();
    std::string_view a = analyses.substr(start, end - start);
    start = end + 1;
    std::size_t lt = a.find('<');
    if (lt == 0 || lt == std::string_view::npos) continue;
    Reading r;
    r.lemma = StripHomonymMark(std::string(a.substr(0, lt)));
    // A letter's lemma is the letter with "alphabet" appended ("e": "ealphabet").
    const bool letter = r.lemma.ends_with("alphabet") && Utf8Length(r.lemma) == 9;
    if (letter) r.lemma.resize(r.lemma.size() - 8);
    bool compound = false;
    for (std::size_t at = lt; at < a.size();) {
      std::size_t gt = a.find('>', at);
      if (gt == std::string_view::npos) break;
      std::string tag(a.substr(at + 1, gt - at - 1));
      if (tag == "cmp" || tag.starts_with("compound")) compound = true;
      if (r.pos.empty()) {
        r.pos = std::move(tag);
      } else {
        r.tags.push_back(std::move(tag));
      }
      at = gt + 1;
    }
    // Multi-word joins ("+") are the decompounder's business.
    if (r.pos.empty() || a.find('+') != std::string_view::npos) continue;
    // A letter's genitive is written with a colon ("k:s"); without one, two letters are an
    // abbreviation ("KS", "vs"), no form of the first.
    if (letter && r.Has("gen")) continue;
    r.in_compound = compound;
    out.push_back(std::move(r));
  }
  return out;
}

bool AddsAccent(std::string_view form, std::string_view lemma) {
  return form.find("é") == std::string_view::npos && lemma.find("é") != std::string_view::npos;
}

std::vector<LemmaKey> LemmaKeys(const std::vector<Reading>& readings, std::string_view form) {
  std::vector<const Reading*> rs;
  for (const Reading& r : readings) {
    if (!r.in_compound) rs.push_back(&r);
  }
  auto drop = [&rs](auto&& pred) { std::erase_if(rs, pred); };
  // Every Swedish supine ends in -t, or -ts in the passive.
  if (!form.empty() && !form.ends_with('t') && !form.ends_with("ts") && rs.size() > 1) {
    drop([](const Reading* r) { return IsVerb(r->pos) && r->Has("supn"); });
  }
  // The analyser also reads a word written without its accent as the accented one ("armen"
  // as "armén"); a reading of the form as written outranks that ("armen" is the arm).
  if (!form.empty()) {
    auto accented = [form](const Reading* r) { return AddsAccent(form, r->lemma); };
    if (!std::all_of(rs.begin(), rs.end(), accented)) drop(accented);
  }
  // Imperatives and the rare subjunctives ("leve", "drive") give way to a noun or adjective.
  if (std::any_of(rs.begin(), rs.end(), [](const Reading* r) { return !IsVerb(r->pos); })) {
    drop([](const Reading* r) { return r->Has("imp") || r->Has("prs") || r->Has("pis"); });
  }
  // A deponent verb also outranks a noun's genitive of the same form ("lyckas", "andas").
  if (std::any_of(rs.begin(), rs.end(), IsDeponent)) {
    drop(IsPassiveOfOther);
    drop([](const Reading* r) { return r->pos == "n" && r->Has("gen"); });
  }
  // A genitive is a noun's: an adjective has one only when used as a noun ("de gamlas"),
  // so a noun reading outranks it ("moderns" is the mother's, not modern's).
  if (std::any_of(rs.begin(), rs.end(),
                  [](const Reading* r) { return r->pos == "n" && r->Has("gen"); })) {
    drop([](const Reading* r) { return r->pos == "adj" && r->Has("gen"); });
  }
  if (std::any_of(rs.begin(), rs.end(), [](const Reading* r) {
        return r->pos == "adj" && !r->Has("pp") && !r->Has("pprs");
      })) {
    drop([](const Reading* r) { return r->pos == "adj" && r->Has("pp"); });
  }
  std::vector<LemmaKey> keys;
  for (const Reading* r : rs) {
    LemmaKey key{r->lemma, Class(*r)};
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
  }
  const bool verb = std::any_of(keys.begin(), keys.end(), [](auto& k) { return k.pos == "v"; });
  if (verb) std::erase_if(keys, [](const LemmaKey& k) { return k.pos == "pp"; });
  return keys;
}

std::vector<std::string> VerbParts(const std::vector<Reading>& readings) {
  std::vector<const Reading*> rs;
  for (const Reading& r : readings) {
    if (!r.in_compound) rs.push_back(&r);
  }
  std::vector<std::string> verbs;
  if (std::none_of(rs.begin(), rs.end(), IsDeponent)) return verbs;
  for (const Reading* r : rs) {
    if (IsPassiveOfOther(r) && std::find(verbs.begin(), verbs.end(), r->lemma) == verbs.end()) {
      verbs.push_back(r->lemma);
    }
  }
  return verbs;
}

Morphology::Morphology(std::unique_ptr<FSTProcessor> fst, std::size_t cache_entries)
    : fst_(std::move(fst)), cache_entries_(cache_entries) {}

Morphology::~Morphology() = default;

Status Morphology::Open(const std::string& path, std::size_t cache_entries,
                        std::unique_ptr<Morphology>* morphology) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return Status::NotFound("cannot read morphological analyser " + path +
                            " (install apertium-swe-nor)");
  }
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Status::IOError("cannot open " + path);
  try {
    auto fst = std::make_unique<FSTProcessor>();
    fst->load(f);
    std::fclose(f);
    f = nullptr;
    // The "bilingual" lookup of lttoolbox is the one that takes a single word and returns
    // all its analyses, which is what a per-word analysis needs.
    fst->initBiltrans();
    if (!fst->valid()) return Status::Corruption("invalid morphological analyser " + path);
    morphology->reset(new Morphology(std::move(fst), cache_entries));
  } catch (const std::exception& e) {
    if (f) std::fclose(f);
    return Status::IOError("cannot load " + path + ": " + e.what());
  }
  return Status::OK();
}

namespace {

// The genders of readings' nouns of lemma, outside compounds, in the order they come.
std::vector<std::string> GendersOf(const std::vector<Reading>& readings, const std::string& lemma) {
  std::vector<std::string> genders;
  for (const Reading& r : readings) {
    if (r.in_compound || r.pos != "n" || r.lemma != lemma) continue;
    for (const char* g : {"ut", "nt"}) {
      if (r.Has(g) && std::find(genders.begin(), genders.end(), g) == genders.end()) {
        genders.emplace_back(g);
      }
    }
  }
  return genders;
}

}  // namespace

std::vector<std::string> Morphology::NounGenders(std::string_view word, const std::string& lemma) {
  if (GendersOf(Analyze(lemma), lemma).size() < 2) return {};
  return GendersOf(Analyze(word), lemma);
}

namespace {

// The readings of an analysis lttoolbox gave back (none for an unknown word).
void Parse(const std::pair<UString, int>& out, std::vector<Reading>* readings) {
  // The second member counts the characters left unread: such a word is unknown (as one
  // given back marked with '@', which ParseReadings skips).
  if (out.second != 0) return;
  icu::UnicodeString analyses(out.first.data(), static_cast<int32_t>(out.first.size()));
  analyses.toLower();
  std::string utf8;
  analyses.toUTF8String(utf8);
  *readings = ParseReadings(utf8);
}

}  // namespace

void Morphology::Compute(std::string_view word, std::vector<Reading>* readings) {
  readings->clear();
  if (word.empty() || word.size() > kMaxWordBytes) return;
  try {
    icu::UnicodeString in =
        icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int>(word.size())));
    UString w(in.getBuffer(), in.length());
    Parse(fst_->biltransWithQueue(w, false), readings);
    // Proper names are capitalized in the analyser ("Mölndals" is Mölndal's genitive): a word
    // it lacks in lower case, or knows only as a compound's first part ("europa"), may be one.
    if (std::any_of(readings->begin(), readings->end(),
                    [](const Reading& r) { return !r.in_compound; })) {
      return;
    }
    const UChar32 first = in.char32At(0);
    const UChar32 upper = u_toupper(first);
    if (upper == first) return;
    in.replace(0, U16_LENGTH(first), upper);
    std::vector<Reading> names;
    Parse(fst_->biltransWithQueue(UString(in.getBuffer(), in.length()), false), &names);
    for (Reading& r : names) {
      if (!r.in_compound) readings->push_back(std::move(r));
    }
  } catch (const std::exception&) {
    readings->clear();  // lttoolbox is not documented to throw; nothing must cross the module
  }
}

const std::vector<Reading>& Morphology::Analyze(std::string_view word) {
  if (cache_entries_ == 0) {
    Compute(word, &scratch_);
    return scratch_;
  }
  auto it = cache_.find(word);
  if (it != cache_.end()) return it->second;
  if (cache_.size() >= cache_entries_) cache_.clear();
  std::vector<Reading>& readings = cache_[std::string(word)];
  Compute(word, &readings);
  return readings;
}

}  // namespace protokoll::stemming
