#include "pages.h"

#include <algorithm>
#include <cstdio>

#include "html.h"
#include "messages.h"
#include "protokoll/query/atom.h"

namespace protokoll::server {
namespace {

using json = nlohmann::json;
using Pairs = std::vector<std::pair<std::string, std::string>>;

// Hits a page of the search view shows.
constexpr int kPageSize = 10;

// The filters a search may repeat (protokoll-query's options), in the facets' order; their
// labels on the page are Label's.
constexpr const char* kFilters[] = {"kommun", "county", "body", "topic"};

std::string Str(const json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

std::string Joined(const json& list) {
  std::string out;
  if (!list.is_array()) return out;
  for (const auto& v : list) {
    if (v.is_string()) out += (out.empty() ? "" : ", ") + v.get<std::string>();
  }
  return out;
}

// The parameters that make a search (query, filters, dates), to carry from view to view.
Pairs SearchState(const Params& p) {
  Pairs out = {{"q", Param(p, "q")}};
  for (const char* name : kFilters) {
    auto [begin, end] = p.equal_range(name);
    for (auto it = begin; it != end; ++it) out.push_back({name, it->second});
  }
  out.push_back({"from", Param(p, "from")});
  out.push_back({"to", Param(p, "to")});
  return out;
}

Pairs With(Pairs pairs, const std::string& name, const std::string& value) {
  pairs.push_back({name, value});
  return pairs;
}

Pairs Without(Pairs pairs, const std::string& name, const std::string& value) {
  pairs.erase(
      std::remove_if(pairs.begin(), pairs.end(),
                     [&](const auto& kv) { return kv.first == name && kv.second == value; }),
      pairs.end());
  return pairs;
}

std::string Href(const std::string& path, const Pairs& pairs) {
  return Escape(path + QueryString(pairs));
}

std::string ItemHeading(const json& item) {
  const json number = item.is_object() && item.contains("number") ? item["number"] : json();
  std::string title = Str(item, "title");
  if (title.empty()) {
    // Item 0 of a meeting is its header (participants, place), searchable on its own.
    title = number.is_string() ? "(utan rubrik)" : "Mötets inledning";
  }
  return number.is_string() ? "§ " + number.get<std::string>() + " " + title : title;
}

std::string MeetingLine(const json& hit) {
  std::string date = Str(hit, "meeting_date");
  std::string line = date.empty() ? "datum saknas" : "<time>" + Escape(date) + "</time>";
  if (hit.value("date_inferred", false)) line += " (årtalet härlett)";
  if (!Str(hit, "body").empty()) line += " · " + Escape(Str(hit, "body"));
  const std::string places = Joined(hit.value("municipalities", json::array()));
  if (!places.empty()) line += " · " + Escape(places);
  if (!Str(hit, "county").empty()) line += " · " + Escape(Str(hit, "county"));
  return line;
}

// A view's page; its footer links to the API that gives the view's answer, api with the
// parameters api_params (the search's state when api is "").
std::string Layout(const PageContext& c, const std::string& view, const std::string& title,
                   const std::string& main, const std::string& api = "",
                   const Pairs& api_params = {}, const std::string& head_extra = "") {
  const Pairs state = SearchState(c.params);
  struct Nav {
    const char* path;
    const char* label;
  };
  const Nav navs[] = {{"/", "Sök"},
                      {"/tidslinje", "Tidslinje"},
                      {"/statistik", "Statistik"},
                      {"/kwic", "Ord i sammanhang"},
                      {"/hjalp", "Hjälp om sökfrågor"}};
  std::string nav;
  for (const Nav& n : navs) {
    const bool here = view == n.path;
    nav += std::string("<li><a href=\"") +
           (std::string(n.path) == "/hjalp" ? "/hjalp" : Href(n.path, state)) + "\"" +
           (here ? " aria-current=\"page\"" : "") + ">" + n.label + "</a></li>";
  }
  std::string page =
      "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>" +
      Escape(title) + " – Protokoll</title><link rel=\"stylesheet\" href=\"/style.css\">" +
      head_extra +
      "</head><body><a class=\"skip\" href=\"#main\">Hoppa till innehållet</a>"
      "<header><p class=\"brand\"><a href=\"/\">Protokoll</a> – sök i kommunala protokoll</p>"
      "<nav aria-label=\"Vyer\"><ul>" +
      nav + "</ul></nav></header><main id=\"main\" tabindex=\"-1\">" + main +
      "</main><footer><p>Senast indexerad: " +
      (c.last_indexed.empty() ? "okänt" : Escape(c.last_indexed)) +
      ". Samma svar som JSON: <a href=\"" +
      (api.empty() ? Href("/api/search", state) : Href(api, api_params)) + "\">" +
      Escape(api.empty() ? "/api/search" : api) + "</a>.</p></footer></body></html>\n";
  return page;
}

// The search form of a view: query, dates, and the filters already chosen.
std::string Form(const PageContext& c, const std::string& action, const std::string& extra = "") {
  const Params& p = c.params;
  std::string hidden;
  for (const char* name : kFilters) {
    auto [begin, end] = p.equal_range(name);
    for (auto it = begin; it != end; ++it) {
      hidden += "<input type=\"hidden\" name=\"" + std::string(name) + "\" value=\"" +
                Escape(it->second) + "\">";
    }
  }
  return "<form class=\"search\" role=\"search\" method=\"get\" action=\"" + Escape(action) +
         "\"><p><label for=\"q\">Sökfråga</label> <input id=\"q\" name=\"q\" type=\"search\" "
         "value=\"" +
         Escape(Param(p, "q")) +
         "\" placeholder=\"t.ex. sprutbyte kommun:Umeå\" maxlength=\"2000\"" +
         (Param(p, "q").empty() ? " autofocus" : "") +
         "> "
         "<button type=\"submit\">Sök</button> <a href=\"/hjalp\">Hur skriver jag en "
         "sökfråga?</a></p><fieldset><legend>Mötesdatum</legend><label for=\"from\">Från</label> "
         "<input id=\"from\" name=\"from\" value=\"" +
         Escape(Param(p, "from")) +
         "\" placeholder=\"ÅÅÅÅ-MM-DD\" size=\"11\" inputmode=\"numeric\"> <label "
         "for=\"to\">Till</label> <input id=\"to\" name=\"to\" value=\"" +
         Escape(Param(p, "to")) +
         "\" placeholder=\"ÅÅÅÅ-MM-DD\" size=\"11\" inputmode=\"numeric\"></fieldset>" +
         (extra.empty() ? "" : "<p>" + extra + "</p>") + hidden + "</form>";
}

std::string Notes(const PageContext& c) {
  std::string out;
  if (!c.error.empty()) {
    out += "<div class=\"error\" role=\"alert\"><h2>Sökfrågan gick inte att besvara</h2><p>" +
           Escape(c.error) + "</p><p><a href=\"/hjalp\">Så skriver du sökfrågor</a></p></div>";
  }
  for (const std::string& n : c.notes) out += "<p class=\"note\">" + Escape(n) + "</p>";
  return out;
}

// The filters chosen, each with a link that removes it.
std::string ActiveFilters(const PageContext& c, const std::string& path) {
  const Pairs state = SearchState(c.params);
  std::vector<const char*> names(std::begin(kFilters), std::end(kFilters));
  names.insert(names.end(), {"from", "to"});
  std::string items;
  for (const char* name : names) {
    const std::string label = Label(name);
    auto [begin, end] = c.params.equal_range(name);
    for (auto it = begin; it != end; ++it) {
      if (it->second.empty()) continue;
      items += "<li>" + std::string(label) + ": " + Escape(it->second) + " <a href=\"" +
               Href(path, Without(state, name, it->second)) + "\" aria-label=\"Ta bort " + label +
               " " + Escape(it->second) + "\">ta bort</a></li>";
    }
  }
  return items.empty() ? ""
                       : "<ul class=\"filters\" aria-label=\"Valda filter\">" + items + "</ul>";
}

std::string Facets(const PageContext& c, const json& facets) {
  if (!facets.is_object() || facets.empty()) return "";
  const Pairs state = SearchState(c.params);
  std::string out;
  // Each facet's value is added as its filter's parameter (a chip with "ta bort"); a year
  // is a date range instead.
  const struct {
    const char* field;  // the answer's facet
    const char* param;  // the filter it adds, which names it; null for the year
  } names[] = {{"kommun", "kommun"},
               {"län", "county"},
               {"organ", "body"},
               {"ämne", "topic"},
               {"år", nullptr}};
  for (const auto& [field, param] : names) {
    if (!facets.contains(field) || !facets[field].is_array() || facets[field].empty()) continue;
    out += "<section><h3>" + (param ? Label(param) : std::string("År")) + "</h3><ul>";
    for (const auto& v : facets[field]) {
      const std::string value = Str(v, "value");
      const Pairs next = param ? With(state, param, value)
                               : With(With(Without(Without(state, "from", Param(c.params, "from")),
                                                   "to", Param(c.params, "to")),
                                           "from", value),
                                      "to", value);
      out += "<li><a href=\"" + Href("/", next) + "\">" + Escape(value) +
             "</a> <span class=\"count\">" + std::to_string(v.value("count", 0)) + "</span></li>";
    }
    out += "</ul></section>";
  }
  // No hits count nothing: no heading over an empty box.
  if (out.empty()) return "";
  return "<aside aria-labelledby=\"facets-title\"><h2 id=\"facets-title\">Avgränsa</h2>" + out +
         "</aside>";
}

std::string Hit(const PageContext& c, const json& hit) {
  const std::string q = Param(c.params, "q");
  std::string out = "<article class=\"hit\"><h3><a href=\"" +
                    Href("/item/" + Str(hit, "item_id"), {{"q", q}}) + "\">" +
                    Escape(ItemHeading(hit.value("item", json()))) + "</a></h3><p class=\"meta\">" +
                    MeetingLine(hit) + "</p><p class=\"snippet\">" +
                    Marked(Str(hit, "snippet"), hit.value("match_offsets", json::array())) + "</p>";
  if (!Str(hit, "decision").empty()) {
    out +=
        "<p class=\"decision\"><strong>Beslut:</strong> " + Escape(Str(hit, "decision")) + "</p>";
  }
  const std::string topics = Joined(hit.value("topics", json::array()));
  if (!topics.empty()) out += "<p class=\"topics\">Ämnen: " + Escape(topics) + "</p>";
  const std::string dnr = Joined(hit.value("dnr", json::array()));
  if (!dnr.empty()) out += "<p class=\"topics\">Diarienummer: " + Escape(dnr) + "</p>";
  return out + "</article>";
}

// applied: the order the answer came in, which for filters alone is by date whatever was
// asked (there are no words to rank by, so relevance is not offered).
std::string SortLinks(const PageContext& c, const std::string& path, const std::string& applied) {
  const std::string asked = Param(c.params, "sort", "relevance");
  const std::string sort = applied.empty() ? asked : applied;
  const std::pair<const char*, const char*> sorts[] = {
      {"relevance", "Relevans"}, {"date", "Nyast först"}, {"date-asc", "Äldst först"}};
  std::string out = "<p class=\"sort\">Sortera: ";
  for (const auto& [value, label] : sorts) {
    if (std::string_view(value) == "relevance" && asked == value && sort != value) continue;
    if (sort == value) {
      out += "<strong aria-current=\"true\">" + std::string(label) + "</strong> ";
    } else {
      out += "<a href=\"" + Href(path, With(SearchState(c.params), "sort", value)) + "\">" + label +
             "</a> ";
    }
  }
  return out + "</p>";
}

int IntParam(const Params& p, const char* name) {
  try {
    return std::max(0, std::stoi(Param(p, name, "0")));
  } catch (...) {
    return 0;
  }
}

}  // namespace

std::string SearchPage(const PageContext& c, const json& answer) {
  const std::string q = Param(c.params, "q");
  std::string main = "<h1>Sök i protokollen</h1>" + Form(c, "/") + Notes(c) + ActiveFilters(c, "/");
  const Pairs state = SearchState(c.params);
  if (answer.is_object()) {
    const std::uint64_t total = answer.value("total", 0);
    const bool exact = answer.value("total_exact", true);
    const int offset = IntParam(c.params, "offset");
    const json& hits = answer["hits"];
    std::string results =
        "<section class=\"results\" aria-labelledby=\"results-title\">"
        "<h2 id=\"results-title\">" +
        std::string(exact ? "" : "Ungefär ") + std::to_string(total) +
        (total == 1 ? " träff" : " träffar") + "</h2>";
    if (answer.contains("suggestion") && answer["suggestion"].is_string()) {
      const std::string s = answer["suggestion"];
      results += "<p>Menade du <a href=\"" + Href("/", With(Without(state, "q", q), "q", s)) +
                 "\">" + Escape(s) + "</a>?</p>";
    }
    const std::string sort = Param(c.params, "sort");
    Pairs sorted = sort.empty() ? state : With(state, "sort", sort);
    // The feed lists the search's items newest in the archive first, whatever the sort here.
    results += SortLinks(c, "/", answer.value("sort", std::string()));
    if (total > 0) {
      results += "<p><a class=\"follow\" href=\"" + Href("/atom", state) +
                 "\">Följ sökningen (Atom-flöde)</a> · <a href=\"" +
                 Href("/api/search", With(sorted, "format", "csv")) +
                 "\">Ladda ner som CSV</a></p>";
    }
    for (const auto& hit : hits) results += Hit(c, hit);
    // Pages.
    std::string pages;
    if (hits.empty() && offset > 0) {
      // Past the last page (an old link, an offset typed by hand): no page number past the
      // last one, and the way back.
      pages = "Inga fler träffar. <a href=\"" + Href("/", sorted) + "\">Till första sidan</a>";
    } else {
      if (offset > 0) {
        pages +=
            "<a rel=\"prev\" href=\"" +
            Href("/", With(sorted, "offset", std::to_string(std::max(0, offset - kPageSize)))) +
            "\">Föregående</a> ";
      }
      const std::uint64_t page = offset / kPageSize + 1;
      const std::uint64_t last = (total + kPageSize - 1) / kPageSize;
      if (last > 1) {
        pages += "<span>Sida " + std::to_string(page) + " av " + (exact ? "" : "ungefär ") +
                 std::to_string(std::max(last, page)) + "</span> ";
      }
      if (static_cast<std::uint64_t>(offset) + hits.size() < total && !hits.empty()) {
        pages += "<a rel=\"next\" href=\"" +
                 Href("/", With(sorted, "offset", std::to_string(offset + kPageSize))) +
                 "\">Nästa</a>";
      }
    }
    if (!pages.empty()) results += "<nav class=\"pages\" aria-label=\"Sidor\">" + pages + "</nav>";
    results += "</section>";
    main += "<div class=\"columns\">" + results + Facets(c, answer["facets"]) + "</div>";
  }
  std::string head;
  if (!q.empty()) {
    head =
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Sökningen som flöde\" "
        "href=\"" +
        Href("/atom", state) + "\">";
  }
  return Layout(c, "/", q.empty() ? "Sök" : q, main, "/api/search", state, head);
}

std::string ItemPage(const PageContext& c, const json& answer) {
  const json& item = answer["item"];
  const std::string q = Param(c.params, "q");
  std::string main = "<p><a href=\"" + Href("/", SearchState(c.params)) +
                     "\">← Tillbaka till sökningen</a></p><article class=\"item\"><h1>" +
                     Escape(ItemHeading(item.value("item", json()))) +
                     "</h1><dl class=\"meeting\">";
  auto row = [&](const char* label, const std::string& value) {
    if (!value.empty()) main += "<dt>" + std::string(label) + "</dt><dd>" + Escape(value) + "</dd>";
  };
  row("Mötesdatum",
      Str(item, "meeting_date") + (item.value("date_inferred", false) ? " (årtalet härlett)" : ""));
  row("Organ", Str(item, "body"));
  row("Län", Str(item, "county"));
  row("Kommuner", Joined(item.value("municipalities", json::array())));
  row("Ämnen", Joined(item.value("topics", json::array())));
  // Case numbers, where the database has them (the hit's "dnr" list, schema 7 on).
  row("Diarienummer", Joined(item.value("dnr", json::array())));
  main += "<dt>Originalfil</dt><dd><a href=\"" + Href("/file/" + Str(item, "meeting_id"), {}) +
          "\">" + Escape(Str(item, "file").substr(Str(item, "file").rfind('/') + 1)) +
          "</a></dd></dl>";
  if (!Str(item, "decision").empty()) {
    main += "<section class=\"decision\"><h2>Beslut</h2><p>" + Escape(Str(item, "decision")) +
            "</p></section>";
  }
  main += "<section><h2>Text</h2><div class=\"text\">" +
          Marked(Str(item, "text"), item.value("match_offsets", json::array())) +
          "</div></section></article>";
  main +=
      "<nav class=\"meeting-items\" aria-labelledby=\"others\"><h2 id=\"others\">Mötets "
      "punkter</h2><ol>";
  for (const auto& other : answer.value("meeting_items", json::array())) {
    const std::string id = Str(other, "item_id");
    const bool here = id == Str(item, "item_id");
    const json heading = {{"number", other.value("number", json())},
                          {"title", other.value("title", json())}};
    const std::string label = ItemHeading(heading);
    main += "<li><a href=\"" + Href("/item/" + id, {{"q", q}}) + "\"" +
            (here ? " aria-current=\"page\"" : "") + ">" + Escape(label) + "</a>" +
            (Str(other, "decision").empty() ? "" : " <span class=\"badge\">beslut</span>") +
            "</li>";
  }
  main += "</ol></nav>";
  return Layout(c, "/item", ItemHeading(item.value("item", json())), main,
                "/api/item/" + Str(item, "item_id"), {{"q", q}});
}

std::string TimelinePage(const PageContext& c, const json& timeline, const json& per_year) {
  std::string main = "<h1>Tidslinje</h1><p>Beslut och ställningstaganden i datumordning.</p>" +
                     Form(c, "/tidslinje") + Notes(c) + ActiveFilters(c, "/tidslinje");
  if (timeline.is_object()) {
    std::vector<Bar> years;
    for (const auto& b : per_year.value("buckets", json::array())) {
      years.push_back({Str(b, "bucket"), b.value("items", 0.0)});
    }
    std::sort(years.begin(), years.end(),
              [](const Bar& a, const Bar& b) { return a.label < b.label; });
    main += "<section aria-labelledby=\"per-year\"><h2 id=\"per-year\">Punkter per år</h2>" +
            YearChart(years, "Matchande punkter per år") + "</section>";
    const Pairs state = SearchState(c.params);
    main += "<section aria-labelledby=\"rows\"><h2 id=\"rows\">" +
            std::to_string(timeline.value("total", 0)) + " beslut och ställningstaganden</h2>" +
            "<p><a href=\"" + Href("/api/timeline", With(state, "format", "csv")) +
            "\">Ladda ner som CSV</a></p><ol class=\"timeline\">";
    for (const auto& row : timeline.value("rows", json::array())) {
      main += "<li><p class=\"meta\">" + MeetingLine(row) + "</p><h3><a href=\"" +
              Href("/item/" + Str(row, "item_id"), {{"q", Param(c.params, "q")}}) + "\">" +
              Escape(ItemHeading(row.value("item", json()))) +
              "</a></h3><p><span class=\"badge\">" +
              (Str(row, "kind") == "decision" ? "beslut" : "ställningstagande") + "</span> " +
              Escape(Str(row, "statement")) + "</p></li>";
    }
    main += "</ol></section>";
  }
  return Layout(c, "/tidslinje", "Tidslinje", main, "/api/timeline", SearchState(c.params));
}

std::string StatsPage(const PageContext& c, const json& stats) {
  const std::string by = Param(c.params, "by", "year");
  const std::pair<const char*, const char*> bys[] = {{"year", "år"},
                                                     {"municipality", "kommun"},
                                                     {"county", "län"},
                                                     {"topic", "ämne"},
                                                     {"body", "organ"}};
  std::string by_label = "år";
  for (const auto& [value, label] : bys) {
    if (by == value) by_label = label;
  }
  std::string select = "<label for=\"by\">Räkna per</label> <select id=\"by\" name=\"by\">";
  for (const auto& [value, label] : bys) {
    select += "<option value=\"" + std::string(value) + "\"" + (by == value ? " selected" : "") +
              ">" + label + "</option>";
  }
  select += "</select>";
  std::string main = "<h1>Statistik</h1>" + Form(c, "/statistik", select) + Notes(c) +
                     ActiveFilters(c, "/statistik");
  if (stats.is_object()) {
    std::vector<Bar> bars;
    std::string table;
    for (const auto& b : stats.value("buckets", json::array())) {
      bars.push_back({Str(b, "bucket"), b.value("items", 0.0)});
      const json share = b.value("share", json());
      std::string percent;
      if (share.is_number()) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.1f %%", share.get<double>() * 100);
        percent = buffer;
        std::replace(percent.begin(), percent.end(), '.', ',');  // Swedish: 11,3 %
      }
      table += "<tr><th scope=\"row\">" + Escape(Str(b, "bucket")) + "</th><td>" +
               std::to_string(b.value("items", 0)) + "</td><td>" +
               std::to_string(b.value("meetings", 0)) + "</td><td>" + percent + "</td></tr>";
    }
    const Pairs state = With(SearchState(c.params), "by", by);
    main += "<p>" + std::to_string(stats.value("items", 0)) + " punkter i " +
            std::to_string(stats.value("meetings", 0)) + " möten. <a href=\"" +
            Href("/api/stats", With(state, "format", "csv")) + "\">Ladda ner som CSV</a></p>" +
            BarChart(bars, "Matchande punkter per " + by_label) +
            "<table><caption>Matchande punkter och möten</caption><thead><tr><th "
            "scope=\"col\">Grupp</th><th scope=\"col\">Punkter</th><th scope=\"col\">Möten</th><th "
            "scope=\"col\">Andel av alla punkter</th></tr></thead><tbody>" +
            table + "</tbody></table>";
  }
  return Layout(c, "/statistik", "Statistik", main, "/api/stats",
                With(SearchState(c.params), "by", by));
}

std::string KwicPage(const PageContext& c, const json& kwic) {
  const std::string width = Param(c.params, "width", "40");
  std::string extra =
      " <label for=\"width\">Tecken runt ordet</label> <input id=\"width\" "
      "name=\"width\" size=\"4\" inputmode=\"numeric\" value=\"" +
      Escape(width) + "\">";
  std::string main =
      "<h1>Ord i sammanhang</h1>" + Form(c, "/kwic", extra) + Notes(c) + ActiveFilters(c, "/kwic");
  if (kwic.is_object()) {
    const Pairs state = With(SearchState(c.params), "width", width);
    main += "<p>" + std::to_string(kwic.value("total", 0)) + " förekomster. <a href=\"" +
            Href("/api/kwic", With(state, "format", "csv")) +
            "\">Ladda ner som CSV</a></p><table class=\"kwic\"><caption>Förekomster med "
            "sammanhang</caption><thead><tr><th scope=\"col\">Före</th><th "
            "scope=\"col\">Träff</th><th scope=\"col\">Efter</th><th scope=\"col\">Möte</th></tr>"
            "</thead><tbody>";
    for (const auto& l : kwic.value("lines", json::array())) {
      main += "<tr><td class=\"left\">" + Escape(Str(l, "left")) + "</td><td><mark>" +
              Escape(Str(l, "match")) + "</mark></td><td>" + Escape(Str(l, "right")) +
              "</td><td><a href=\"" +
              Href("/item/" + Str(l, "item_id"), {{"q", Param(c.params, "q")}}) + "\">" +
              Escape(Str(l, "meeting_date")) + " " + Escape(Str(l, "body")) + "</a></td></tr>";
    }
    main += "</tbody></table>";
  }
  return Layout(c, "/kwic", "Ord i sammanhang", main, "/api/kwic",
                With(SearchState(c.params), "width", width));
}

std::string HelpPage(const PageContext& c) {
  // protokoll-query's QueryHelp in Swedish, line for line (its field lines come from the
  // query module's table of fields; the server's test checks that every field it lists is here).
  static constexpr std::string_view kHelp =
      R"(Frågespråket (som Xapians QueryParser):
  sprutbyte familjehem   alla orden (OCH är standard; när ingen punkt har alla, visas
                         punkter med några av dem, rangordnade, med en anmärkning)
  a OR b, a AND b        något av dem, båda (OR binder lösare än AND); OCH och ELLER går också
  a NOT b, a -b, +a      utan b; +a måste finnas med. Operatorerna skrivs bara med VERSALER
  (a OR b) c             gruppering med parenteser
  "ställer sig bakom"    en fras: de här ordformerna i den här ordningen; "familjehemmet" =
                         just den formen
  a NEAR b, a NEAR/5 b   högst 10 (5) ord från varandra
  sprut*                 ord som börjar på sprut
  Orden hittar sina böjningsformer och sammansättningar: familjehem hittar familjehemmet och
  familjehemscentrum (exakta former först); förkortningar vidgas (SoL, LSS, HVB, IFO ...).
Fält (på svenska eller engelska):
  kommun: municipality:  kommun:Bräcke, kommun:"Upplands Väsby", kommun:(Berg OR Åre)
  län: county:           län:jämtland, län:"Västra Götalands län"
  organ: body:           organ:socialpresidiet (en del av ett namn hittar alla som har den)
  ämne: topic:           ämne:missbruk (ett ämne i ämnesindelningen)
  år: year:              år:2020, år:2019..2021
  datum: date:           datum:2019..2021, datum:2020-09.., datum:..2020-06-30
  beslut: decision:      ord bara i besluten: beslut:familjehem
  rubrik: title:         ord bara i punkternas rubriker: rubrik:sprutbyte
  dnr: case:             diarienummer, hur det än är skrivet: dnr:KS-2025-00010,
                         dnr:"KS 2021/123" (inom citattecken när det har mellanslag);
                         dnr:KS-2025* en serie; ett diarienummer ensamt som sökfråga
                         (SBN 2025:74) ger dess punkter först
)";
  return Layout(
      c, "/hjalp", "Hjälp om sökfrågor",
      "<h1>Så skriver du sökfrågor</h1><p>Skriv orden du letar efter; alla ord måste "
      "finnas (OCH). Fält avgränsar: <code>kommun:Bräcke</code>, <code>län:jämtland</code>, "
      "<code>ämne:missbruk</code>, <code>år:2020</code>, <code>beslut:familjehem</code>, "
      "<code>rubrik:sprutbyte</code>. Hela frågespråket:</p><pre>" +
          Escape(kHelp) + "</pre>");
}

std::string ErrorPage(const PageContext& c, int status, const std::string& message) {
  return Layout(c, "", "Fel " + std::to_string(status),
                "<h1>" +
                    std::string(status == 404   ? "Sidan finns inte"
                                : status == 503 ? "Databasen går inte att nå just nu"
                                                : "Frågan gick inte att besvara") +
                    "</h1><p>" + Escape(message) + "</p><p><a href=\"/\">Till sökningen</a></p>");
}

std::string AtomFeed(const Params& params, const std::string& answer, const std::string& base,
                     const std::string& self, const std::string& updated) {
  const std::string q = Param(params, "q");
  query::FeedHead head;
  head.title = "Protokoll: " + (q.empty() ? std::string("alla möten") : q);
  head.id = self;
  head.self = self;
  head.updated = updated;
  head.item_url = base + "/item/";
  return query::AtomFeed(head, {{"", answer}});
}

const std::string& StyleSheet() {
  static const std::string kCss =
      R"(body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}
header,main,footer{max-width:72rem;margin:0 auto;padding:0 1rem}
header{border-bottom:1px solid #ccc}.brand{font-size:1.25rem;margin:.5rem 0}
nav ul{list-style:none;padding:0;margin:.25rem 0;display:flex;flex-wrap:wrap;gap:1rem}
a{color:#0b4f9c}a[aria-current]{font-weight:bold;color:#1b1b1b}
a:focus,input:focus,button:focus,select:focus{outline:3px solid #f5a623;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
form.search input[type=search]{width:min(32rem,100%);font-size:1.1rem;padding:.3rem}
fieldset{border:1px solid #ccc;margin:.5rem 0}button{font-size:1rem;padding:.3rem .8rem}
mark{background:#ffe066;color:inherit}.meta{color:#555;margin:.2rem 0}
.hit{border-bottom:1px solid #eee;padding:.5rem 0}.hit h3{font-size:1.15rem;margin:.2rem 0}
.decision{background:#f3f7ee;padding:.3rem .5rem;white-space:pre-line}.badge{background:#e3ecf7;padding:0 .4rem;border-radius:.3rem}
.columns{display:flex;gap:2rem;flex-wrap:wrap}.results{flex:3 1 30rem}aside{flex:1 1 14rem}
aside h3{font-size:1rem;margin:.8rem 0 .2rem}aside ul{list-style:none;padding:0;margin:0}
.count{color:#555}.filters li{display:inline-block;margin-right:1rem}
.error{border:2px solid #b00020;padding:.5rem}.note{color:#6a4b00}
.text{white-space:pre-wrap;overflow-wrap:anywhere}.chart{max-width:100%;height:auto}
.chart rect{fill:#2f6fb3}.chart text{font-size:12px;fill:#1b1b1b}
table{border-collapse:collapse;margin:1rem 0}td,th{padding:.2rem .5rem;border-bottom:1px solid #eee;text-align:left}
.kwic .left{text-align:right}footer{border-top:1px solid #ccc;margin-top:2rem;color:#555}
@media (max-width:40rem){.columns{display:block}table{display:block;overflow-x:auto}}
)";
  return kCss;
}

}  // namespace protokoll::server
