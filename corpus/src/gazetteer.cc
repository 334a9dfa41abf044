#include "protokoll/corpus/gazetteer.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstring>

#include "tsv.h"

extern const char* const kKommunerTsv;
extern const std::size_t kKommunerTsv_size;
extern const char* const kOrganisationerTsv;
extern const std::size_t kOrganisationerTsv_size;

namespace protokoll::corpus {
namespace {

int EditDistance(const std::u32string& a, const std::u32string& b, int limit) {
  if (std::abs(static_cast<int>(a.size()) - static_cast<int>(b.size())) > limit) return limit + 1;
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    int row_min = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::u32string DecodeUtf8(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (i + len > s.size()) len = 1;
    char32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::string LowerName(std::string_view s) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x80 * kOnes;
  std::string out(s);
  char* p = out.data();
  const std::size_t n = out.size();
  for (std::size_t i = 0; i < n;) {
    uint64_t x;
    if (i + 8 <= n && (std::memcpy(&x, p + i, 8), (x & kHigh) == 0)) {
      // Eight ASCII bytes at once: a byte's high bit marks 'A'..'Z'; add 0x20 to those.
      const uint64_t from_a = x + (0x80 - 'A') * kOnes;
      const uint64_t past_z = x + (0x80 - 'Z' - 1) * kOnes;
      x += ((from_a & ~past_z & kHigh) >> 2);
      std::memcpy(p + i, &x, 8);
      i += 8;
      continue;
    }
    const unsigned char c = p[i];
    if (c >= 'A' && c <= 'Z') {
      p[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < n) {
      const unsigned char d = p[i + 1];
      if (IsLatin1CapitalTail(d)) p[i + 1] = static_cast<char>(d + 0x20);
      ++i;
    }
    ++i;
  }
  return out;
}

Status Gazetteer::Parse(std::string_view municipalities_tsv, std::string_view organisations_tsv,
                        Gazetteer* out) {
  Gazetteer g;
  for (const auto& row : ReadTsv(municipalities_tsv)) {
    if (row.size() < 2 || row[0].empty() || row[1].empty()) {
      return Status::Corruption("kommuner.tsv: a row needs a name and a county");
    }
    Municipality m;
    m.name = row[0];
    m.county = row[1];
    if (row.size() > 2) m.forms = SplitList(row[2]);
    m.ambiguous = row.size() > 3 && row[3] == "1";
    if (std::find(g.counties_.begin(), g.counties_.end(), m.county) == g.counties_.end()) {
      g.counties_.push_back(m.county);
    }
    g.municipalities_.push_back(std::move(m));
  }
  // Canonical names first, so that a form never shadows another municipality's name.
  for (std::size_t i = 0; i < g.municipalities_.size(); ++i) {
    g.municipality_index_.emplace(LowerName(g.municipalities_[i].name), i);
  }
  for (std::size_t i = 0; i < g.municipalities_.size(); ++i) {
    for (const auto& form : g.municipalities_[i].forms) {
      g.municipality_index_.emplace(LowerName(form), i);
    }
  }
  for (const auto& row : ReadTsv(organisations_tsv)) {
    if (row.size() < 2 || row[0].empty()) {
      return Status::Corruption("organisationer.tsv: a row needs a name and a county");
    }
    Organisation o;
    o.name = row[0];
    o.county = row[1];
    if (row.size() > 2) o.members = SplitList(row[2]);
    if (row.size() > 3) o.aliases = SplitList(row[3]);
    g.organisations_.push_back(std::move(o));
  }
  for (std::size_t i = 0; i < g.organisations_.size(); ++i) {
    g.organisation_index_.emplace(LowerName(g.organisations_[i].name), i);
    for (const auto& alias : g.organisations_[i].aliases) {
      g.organisation_index_.emplace(LowerName(alias), i);
    }
  }
  *out = std::move(g);
  return Status::OK();
}

const Gazetteer& Gazetteer::Default() {
  static const Gazetteer* gazetteer = [] {
    auto* g = new Gazetteer;
    // The embedded data is checked by the corpus tests; a bad row leaves what parsed so far.
    (void)Parse(std::string_view(kKommunerTsv, kKommunerTsv_size),
                std::string_view(kOrganisationerTsv, kOrganisationerTsv_size), g);
    return g;
  }();
  return *gazetteer;
}

const Municipality* Gazetteer::FindMunicipality(std::string_view name) const {
  auto it = municipality_index_.find(LowerName(Trim(name)));
  return it == municipality_index_.end() ? nullptr : &municipalities_[it->second];
}

const Municipality* Gazetteer::FindMunicipalityFuzzy(std::string_view name, int max_edits) const {
  if (const Municipality* m = FindMunicipality(name)) return m;
  std::u32string target = DecodeUtf8(LowerName(Trim(name)));
  const Municipality* best = nullptr;
  int best_distance = INT_MAX;
  bool tie = false;
  for (const auto& [form, index] : municipality_index_) {
    int d = EditDistance(DecodeUtf8(form), target, max_edits);
    if (d > max_edits) continue;
    const Municipality* m = &municipalities_[index];
    if (d < best_distance) {
      best = m;
      best_distance = d;
      tie = false;
    } else if (d == best_distance && m != best) {
      tie = true;
    }
  }
  return tie ? nullptr : best;
}

const Organisation* Gazetteer::FindOrganisation(std::string_view name) const {
  auto it = organisation_index_.find(LowerName(Trim(name)));
  return it == organisation_index_.end() ? nullptr : &organisations_[it->second];
}

std::string Gazetteer::CanonicalCounty(std::string_view name) const {
  std::string lowered = LowerName(Trim(name));
  for (const auto& county : counties_) {
    std::string c = LowerName(county);
    if (c == lowered) return county;
    // "jämtlands län" also answers to "jämtlands" and "jämtland".
    std::string stem = c.substr(0, c.rfind(" län"));
    if (stem == lowered ||
        (stem.size() > 1 && stem.back() == 's' && stem.substr(0, stem.size() - 1) == lowered)) {
      return county;
    }
  }
  return {};
}

}  // namespace protokoll::corpus
