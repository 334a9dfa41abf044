// PagedText, list numbers and XML parsing shared by the DOCX and ODT readers.
#include "reader_office.h"

#include <algorithm>
#include <cstring>

#include "readers.h"

namespace protokoll::indexer {

void PagedText::AddLine(std::string_view line) {
  if (!keep_pages_) {
    lines_.emplace_back(line);
    return;
  }
  std::string& page = pages_.back();
  if (!page.empty()) page += '\n';
  page.append(line);
}

void PagedText::PageBreak() {
  if (keep_pages_ && pages_.back().find_first_not_of(" \t\n") != std::string::npos) {
    pages_.emplace_back();
  }
}

std::vector<std::string> PagedText::TakePages() {
  std::vector<std::string> pages;
  for (auto& page : pages_) pages.push_back(ToNfc(page));
  if (pages.size() > 1 && pages.back().find_first_not_of(" \t\n") == std::string::npos) {
    pages.pop_back();
  }
  pages_ = {std::string()};
  return pages;
}

std::string PagedText::TakeJoined(std::string_view join) {
  std::string out;
  for (const auto& line : keep_pages_ ? pages_ : lines_) {
    if (line.find_first_not_of(" \t\n") == std::string::npos) continue;
    if (!out.empty()) out += join;
    out += line;
  }
  lines_.clear();
  pages_ = {std::string()};
  return ToNfc(out);
}

int ListStart(const pugi::xml_attribute& value) {
  constexpr int kMaxListStart = 1'000'000;
  return std::clamp(value.as_int(1), 0, kMaxListStart);
}

std::string FormatListNumber(int n, std::string_view format) {
  auto letters = [](int k, char base) {
    // a, b, …, z, aa, bb, …: the way Word and LibreOffice count past z.
    std::string s(static_cast<std::size_t>((k - 1) / 26 + 1),
                  static_cast<char>(base + (k - 1) % 26));
    return s;
  };
  auto roman = [](int k, bool upper) {
    static const std::pair<int, const char*> kParts[] = {
        {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
        {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
    std::string s;
    for (const auto& [value, text] : kParts) {
      while (k >= value) {
        s += text;
        k -= value;
      }
    }
    if (upper) {
      for (char& c : s) c = static_cast<char>(c - 'a' + 'A');
    }
    return s;
  };
  if (n <= 0) return std::to_string(n);
  if (format == "lowerLetter" || format == "a") return letters(n, 'a');
  if (format == "upperLetter" || format == "A") return letters(n, 'A');
  if ((format == "lowerRoman" || format == "i") && n < 4000) return roman(n, false);
  if ((format == "upperRoman" || format == "I") && n < 4000) return roman(n, true);
  if (format == "decimalZero" && n < 10) return std::string(1, '0').append(std::to_string(n));
  return std::to_string(n);
}

std::string_view LocalName(const pugi::xml_node& node) {
  const char* name = node.name();
  const char* colon = std::strchr(name, ':');
  return colon ? std::string_view(colon + 1) : std::string_view(name);
}

Status ParseXmlMember(ZipArchive& zip, std::string_view member, pugi::xml_document* xml) {
  std::string bytes;
  if (Status s = zip.Read(member, &bytes); !s.ok()) {
    // A part the format requires is missing: the file is broken, not absent.
    return s.code() == Status::Code::kNotFound ? Status::Corruption(s.message()) : s;
  }
  pugi::xml_parse_result result =
      xml->load_buffer(bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  if (!result) {
    return Status::Corruption(std::string(member) + " is not well-formed XML (" +
                              result.description() + " at byte " + std::to_string(result.offset) +
                              ")");
  }
  return zip.CheckTime();
}

std::string DocxMainPart(ZipArchive& zip) {
  pugi::xml_document rels;
  if (!zip.Has("_rels/.rels") || !ParseXmlMember(zip, "_rels/.rels", &rels).ok()) return {};
  for (pugi::xml_node rel : rels.document_element().children()) {
    std::string_view type = rel.attribute("Type").value();
    if (type.size() >= 15 && type.substr(type.size() - 15) == "/officeDocument") {
      std::string target = rel.attribute("Target").value();
      if (!target.empty() && target[0] == '/') target.erase(0, 1);
      return zip.Has(target) ? target : std::string();
    }
  }
  return {};
}

}  // namespace protokoll::indexer
