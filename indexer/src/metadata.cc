// Metadata extraction: the meeting date, the body that met, its county, the participating
// municipalities and the topics of items and meeting, from the cleaned text and its
// structure. Each field has its own file (dates, body, municipalities, topics); this one
// combines them and runs the parsing steps in order.
#include <algorithm>
#include <map>

#include "body.h"
#include "case_numbers.h"
#include "dates.h"
#include "municipalities.h"
#include "protokoll/corpus/gazetteer.h"
#include "protokoll/indexer/parser.h"
#include "text_util.h"
#include "topics.h"

namespace protokoll::indexer {
namespace {

// Where the header ends in the cleaned text. Minutes without items still have a header:
// their first lines.
std::size_t HeaderEnd(const CleanedText& cleaned, const Structure& structure) {
  const std::string& text = cleaned.text;
  if (!structure.header.empty() &&
      text.compare(0, structure.header.size(), structure.header) == 0) {
    return structure.header.size();
  }
  if (structure.items.size() > 1) return 0;
  // Up to 15 lines, ending before the first sentence of running text: a letter's or a
  // memo's first paragraph is no header.
  std::size_t pos = 0;
  for (int lines = 0; lines < 15 && pos < text.size(); ++lines) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string::npos ? text.size() : nl + 1;
    std::string_view line =
        text::Trim(std::string_view(text).substr(pos, end - pos - (nl != std::string::npos)));
    if (text::Words(line).size() >= 6 &&
        (line.back() == '.' || line.find(". ") != std::string_view::npos)) {
      break;
    }
    pos = end;
  }
  return pos;
}

// The county most municipalities lie in; a tie goes to the body's organisation's county,
// then to the first-mentioned.
std::optional<std::string> MajorityCounty(const std::vector<std::string>& municipalities,
                                          const corpus::Gazetteer& gazetteer,
                                          const corpus::Organisation* organisation) {
  std::vector<std::pair<std::string, int>> counts;
  for (const auto& name : municipalities) {
    const auto* m = gazetteer.FindMunicipality(name);
    if (!m) continue;
    auto it = std::find_if(counts.begin(), counts.end(),
                           [&](const auto& c) { return c.first == m->county; });
    if (it == counts.end()) {
      counts.emplace_back(m->county, 1);
    } else {
      ++it->second;
    }
  }
  if (counts.empty()) return std::nullopt;
  int best = 0;
  for (const auto& c : counts) best = std::max(best, c.second);
  if (organisation) {
    for (const auto& c : counts) {
      if (c.second == best && c.first == organisation->county) return c.first;
    }
  }
  for (const auto& c : counts) {
    if (c.second == best) return c.first;
  }
  return std::nullopt;
}

void ExtractTopics(stemming::Analyzer* analyzer, Meeting* meeting) {
  TopicMatcher& matcher = TopicMatcher::For(analyzer);
  std::map<std::string, double> totals;
  for (Item& item : meeting->items) {
    item.topics.clear();
    for (const TopicScore& t : matcher.Match(item.title, item.text)) {
      item.topics.push_back(t.topic);
      totals[t.topic] += t.score;
    }
  }
  std::vector<std::pair<std::string, double>> order(totals.begin(), totals.end());
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  meeting->topics.clear();
  for (const auto& [name, score] : order) meeting->topics.push_back(name);
}

// A line of evidence as --explain shows it: at most about 160 bytes, cut between characters.
std::string Excerpt(std::string_view line) {
  constexpr std::size_t kMax = 160;
  if (line.size() <= kMax) return std::string(line);
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  return std::string(line.substr(0, cut)) + "…";
}

}  // namespace

void ExtractMetadata(const CleanedText& cleaned, const Structure& structure,
                     const MetadataContext& context, Meeting* meeting) {
  meeting->items = structure.items;
  meeting->header = structure.header;
  meeting->evidence.clear();
  meeting->warnings.clear();
  const std::size_t header_end = HeaderEnd(cleaned, structure);
  if (auto date = FindMeetingDate(cleaned.text, header_end, context.file_name)) {
    meeting->meeting_date = date->iso;
    meeting->date_inferred = date->inferred;
    meeting->evidence.push_back({"meeting_date", date->evidence, Excerpt(date->line)});
  } else {
    meeting->warnings.push_back(
        "no meeting date: no date in the header or on a line labelled "
        "as the meeting's date");
  }
  const corpus::Gazetteer* gazetteer = context.gazetteer;
  const corpus::Organisation* organisation = nullptr;
  std::string_view header(cleaned.text.data(), header_end);
  std::string body_line, body_kind;
  meeting->body = FindBody(header, gazetteer, &organisation, &body_line, &body_kind);
  // A first line that names no board is taken for a title only in minutes: a file with no
  // meeting date either ("Inköpslista", a manual) has no body.
  if (meeting->body && !meeting->meeting_date && body_kind == kFirstHeaderLine) {
    meeting->body.reset();
    organisation = nullptr;
  }
  if (meeting->body) meeting->evidence.push_back({"body", body_kind, Excerpt(body_line)});
  if (gazetteer) {
    if (!organisation) organisation = FindOrganisationIn(header, *gazetteer);
    const MunicipalityFinder& finder = MunicipalityFinder::For(*gazetteer);
    std::vector<std::string> lines;
    meeting->municipalities = finder.Find(cleaned.text, header_end, &lines);
    // The issuing municipality leads the list, whether or not the text names it elsewhere.
    std::string issuer_line;
    const corpus::Municipality* issuer = finder.FindIssuer(cleaned.text, &issuer_line);
    if (issuer) {
      auto& m = meeting->municipalities;
      auto it = std::find(m.begin(), m.end(), issuer->name);
      if (it != m.end()) {
        lines.erase(lines.begin() + (it - m.begin()));
        m.erase(it);
      }
      meeting->evidence.push_back(
          {"municipalities", "issuer: " + issuer->name, Excerpt(issuer_line)});
      m.insert(m.begin(), issuer->name);
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string& name = meeting->municipalities[i + (issuer ? 1 : 0)];
      meeting->evidence.push_back({"municipalities", "named: " + name, Excerpt(lines[i])});
    }
    // A municipality's own minutes are of its county; others' of where most participants are.
    meeting->county = issuer ? std::optional<std::string>(issuer->county)
                             : MajorityCounty(meeting->municipalities, *gazetteer, organisation);
    if (!meeting->county && organisation) meeting->county = organisation->county;
    if (!meeting->county) {
      if (const auto* org = FindOrganisationIn(cleaned.text, *gazetteer))
        meeting->county = org->county;
    }
  }
  if (context.analyzer) ExtractTopics(context.analyzer, meeting);
  // Case numbers: the text before an item may end with its number (Finnish minutes).
  for (std::size_t i = 0; i < meeting->items.size(); ++i) {
    const std::string& before = i ? meeting->items[i - 1].text : meeting->header;
    meeting->items[i].dnr = FindCaseNumbers(meeting->items[i].text, before);
  }
}

void ParseMeeting(const RawDocument& doc, const MetadataContext& context, Meeting* meeting,
                  CleanedText* cleaned_out) {
  CleanedText cleaned = Clean(doc);
  Structure structure = ParseStructure(cleaned);
  ExtractMetadata(cleaned, structure, context, meeting);
  if (cleaned_out) *cleaned_out = std::move(cleaned);
}

}  // namespace protokoll::indexer
