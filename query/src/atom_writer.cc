// The Atom writer: search answers (JSON) to feed entries.
#include <nlohmann/json.hpp>

#include "protokoll/item_record.h"
#include "protokoll/query/atom.h"

namespace protokoll::query {
namespace {

using json = nlohmann::json;

using K = record::Key;

std::string Str(const json& j, std::string_view key) {
  const std::string k(key);
  return j.is_object() && j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : "";
}

// The item record's field (item_record.h) in a hit, as a string ("" if none).
std::string Str(const json& hit, K key) {
  const json* v = record::Find(hit, key);
  return v && v->is_string() ? v->get<std::string>() : "";
}

// "§ 48 Avtal Familjehemscentrum", as the web page heads an item.
std::string Heading(const json& hit) {
  const json* found = record::Find(hit, K::kItemNumber);
  const json number = found ? *found : json();
  std::string title = Str(hit, K::kItemTitle);
  if (title.empty()) title = number.is_string() ? "(utan rubrik)" : "Mötets inledning";
  return number.is_string() ? "§ " + number.get<std::string>() + " " + title : title;
}

std::string Entry(const FeedHead& head, const std::string& category, const json& hit) {
  const std::string date = Str(hit, K::kMeetingDate);
  std::string updated = Str(hit, "added");
  if (updated.empty()) updated = date.empty() ? head.updated : date + "T00:00:00Z";
  const std::string link = head.item_url.empty() ? "file://" + Str(hit, K::kFile)
                                                 : head.item_url + UrlEncode(Str(hit, K::kItemId));
  std::string title = Heading(hit);
  if (!Str(hit, K::kBody).empty()) title += " – " + Str(hit, K::kBody);
  std::string entry = "<entry><title>" + EscapeMarkup(title) +
                      "</title><id>urn:protokoll:item:" + EscapeMarkup(Str(hit, K::kItemId)) +
                      "</id><link href=\"" + EscapeMarkup(link) + "\"/><updated>" +
                      EscapeMarkup(updated) + "</updated>";
  if (!category.empty()) entry += "<category term=\"" + EscapeMarkup(category) + "\"/>";
  return entry + "<summary>" + EscapeMarkup(Str(hit, "snippet")) + "</summary></entry>";
}

}  // namespace

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string EscapeMarkup(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string AtomFeed(const FeedHead& head, const std::vector<FeedSection>& sections) {
  std::string feed =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
      "<title>" +
      EscapeMarkup(head.title) + "</title><id>" + EscapeMarkup(head.id) + "</id>";
  if (!head.self.empty()) feed += "<link rel=\"self\" href=\"" + EscapeMarkup(head.self) + "\"/>";
  feed += "<updated>" + EscapeMarkup(head.updated) +
          "</updated><author><name>Protokoll</name></author>";
  for (const FeedSection& section : sections) {
    const json answer = json::parse(section.answer_json, nullptr, false);
    if (!answer.is_object() || !answer.contains("hits") || !answer["hits"].is_array()) continue;
    for (const json& hit : answer["hits"]) feed += Entry(head, section.category, hit);
  }
  return feed + "</feed>\n";
}

}  // namespace protokoll::query
