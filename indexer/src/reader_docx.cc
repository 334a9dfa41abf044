// DOCX reader: word/document.xml's paragraphs (w:p), runs (w:t, w:tab → TAB, w:br → newline),
// tables (one row a line, cells separated by TAB) and numbered lists (markers like "1. " are
// rendered by counting, as Word does, so the structure parser still sees "1." items); the
// header and footer parts go to RawDocument::headers. Page breaks (explicit ones, and the
// ones Word recorded when it last laid the document out) split pages.
#include <cctype>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "reader_office.h"

namespace protokoll::indexer {
namespace {

struct Level {
  int start = 1;
  std::string format = "decimal";  // w:numFmt
  std::string text;                // w:lvlText, "%1." ; empty → "%<level+1>."
};

// word/numbering.xml: list instances (w:num) point at abstract definitions (w:abstractNum).
struct Numbering {
  std::map<std::string, std::map<int, Level>> abstract;  // abstractNumId → ilvl → level
  std::map<std::string, std::string> num_to_abstract;    // numId → abstractNumId
  std::map<std::string, std::map<int, int>> overrides;   // numId → ilvl → start
};

Numbering ParseNumbering(const pugi::xml_document& xml) {
  Numbering n;
  for (pugi::xml_node node : xml.document_element().children()) {
    std::string_view name = LocalName(node);
    if (name == "abstractNum") {
      auto& levels = n.abstract[node.attribute("w:abstractNumId").value()];
      for (pugi::xml_node lvl : node.children()) {
        if (LocalName(lvl) != "lvl") continue;
        Level& level = levels[lvl.attribute("w:ilvl").as_int()];
        for (pugi::xml_node p : lvl.children()) {
          std::string_view pname = LocalName(p);
          if (pname == "start") level.start = ListStart(p.attribute("w:val"));
          if (pname == "numFmt") level.format = p.attribute("w:val").value();
          if (pname == "lvlText") level.text = p.attribute("w:val").value();
        }
      }
    } else if (name == "num") {
      std::string id = node.attribute("w:numId").value();
      for (pugi::xml_node p : node.children()) {
        if (LocalName(p) == "abstractNumId") n.num_to_abstract[id] = p.attribute("w:val").value();
        if (LocalName(p) == "lvlOverride") {
          pugi::xml_node start =
              p.find_child([](pugi::xml_node c) { return LocalName(c) == "startOverride"; });
          if (start)
            n.overrides[id][p.attribute("w:ilvl").as_int()] = ListStart(start.attribute("w:val"));
        }
      }
    }
  }
  return n;
}

class DocxWalker {
 public:
  // counters: list numbers shared with the walker of the enclosing text (a list may run on
  // through a table), or nullptr for a fresh set.
  DocxWalker(const Numbering& numbering, PagedText* out,
             std::map<std::string, std::map<int, int>>* counters)
      : numbering_(numbering), out_(out), counters_(counters ? counters : &own_counters_) {}

  bool too_deep() const { return too_deep_; }

  // Block-level content: body, table cells, text boxes, content controls.
  void Blocks(pugi::xml_node parent, int depth) {
    if (depth > kMaxXmlDepth) {
      too_deep_ = true;
      return;
    }
    for (pugi::xml_node node : parent.children()) {
      if (node.type() != pugi::node_element) continue;
      std::string_view name = LocalName(node);
      if (name == "p") {
        Paragraph(node, depth + 1);
      } else if (name == "tbl") {
        Table(node, depth + 1);
      } else if (name != "sectPr" && name != "tblPr" && name != "del") {
        Blocks(node, depth + 1);  // sdt/sdtContent, customXml, txbxContent, …
      }
    }
  }

 private:
  void Paragraph(pugi::xml_node p, int depth) {
    std::string line;
    bool heading = false;
    pugi::xml_node ppr = p.find_child([](pugi::xml_node c) { return LocalName(c) == "pPr"; });
    if (ppr) {
      for (pugi::xml_node prop : ppr.children()) {
        std::string_view name = LocalName(prop);
        if (name == "pageBreakBefore" && std::string_view(prop.attribute("w:val").value()) != "0" &&
            std::string_view(prop.attribute("w:val").value()) != "false") {
          out_->PageBreak();
        }
        if (name == "numPr") line = ListMarker(prop);
        if (name == "pStyle") heading = HeadingStyle(prop.attribute("w:val").value());
      }
    }
    Inline(p, &line, depth + 1);
    // A heading is marked as Markdown marks bold, so the structure parser can tell an item's
    // heading from the numbered list under it.
    if (heading && !line.empty() && line.find("**") == std::string::npos &&
        line.find('\n') == std::string::npos) {
      line.insert(0, "**");
      line.append("**");
    }
    out_->AddLine(line);
  }

  // Word's built-in heading styles and their Swedish names ("Heading1", "Rubrik2", "Title").
  static bool HeadingStyle(std::string_view id) {
    std::string l;
    for (char c : id) l.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return l.rfind("heading", 0) == 0 || l.rfind("rubrik", 0) == 0;
  }

  // Runs and what wraps them (hyperlinks, insertions, smart tags, fields).
  void Inline(pugi::xml_node parent, std::string* line, int depth) {
    if (depth > kMaxXmlDepth) {
      too_deep_ = true;
      return;
    }
    for (pugi::xml_node node : parent.children()) {
      if (node.type() != pugi::node_element) continue;
      std::string_view name = LocalName(node);
      if (name == "t") {
        *line += node.text().get();
      } else if (name == "tab") {
        *line += '\t';
      } else if (name == "br" || name == "cr") {
        if (std::string_view(node.attribute("w:type").value()) == "page") {
          Break(line);
        } else {
          *line += '\n';
        }
      } else if (name == "lastRenderedPageBreak") {
        Break(line);
      } else if (name == "noBreakHyphen") {
        *line += '-';
      } else if (name == "p") {
        Paragraph(node, depth + 1);  // a text box's paragraph inside a run
      } else if (name == "tbl") {
        Table(node, depth + 1);
      } else if (name == "pPr" || name == "rPr" || name == "del" || name == "moveFrom" ||
                 name == "delText" || name == "instrText" || name == "delInstrText" ||
                 name == "Fallback" || name == "softHyphen") {
        // Properties, deleted text, field codes, and the Fallback copy of a drawing's text.
      } else {
        Inline(node, line, depth + 1);
      }
    }
  }

  // A page break inside a paragraph: what came before stays on the old page.
  void Break(std::string* line) {
    if (line->find_first_not_of(" \t\n") != std::string::npos) {
      out_->AddLine(*line);
      line->clear();
    }
    out_->PageBreak();
  }

  void Table(pugi::xml_node tbl, int depth) {
    if (depth > kMaxXmlDepth) {
      too_deep_ = true;
      return;
    }
    for (pugi::xml_node row : tbl.children()) {
      std::string_view name = LocalName(row);
      if (name == "sdt" || name == "customXml") {
        // Rows wrapped in a content control or custom XML.
        pugi::xml_node content =
            row.find_child([](pugi::xml_node c) { return LocalName(c) == "sdtContent"; });
        Table(content ? content : row, depth + 1);
        continue;
      }
      if (name != "tr") continue;
      std::vector<std::string> cells;
      for (pugi::xml_node cell : row.children()) {
        if (LocalName(cell) != "tc") continue;
        PagedText cell_text(/*keep_pages=*/false);
        DocxWalker inner(numbering_, &cell_text, counters_);
        inner.Blocks(cell, depth + 1);
        too_deep_ = too_deep_ || inner.too_deep_;
        cells.push_back(cell_text.TakeJoined(" "));
      }
      while (!cells.empty() && cells.back().empty()) cells.pop_back();
      if (cells.empty()) continue;
      std::string line;
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) line += '\t';
        line += cells[i];
      }
      out_->AddLine(line);
    }
  }

  // "1. ", "a) ", "• ": the marker Word would draw, by counting per list and level.
  std::string ListMarker(pugi::xml_node num_pr) {
    int ilvl = 0;
    std::string num_id;
    for (pugi::xml_node c : num_pr.children()) {
      if (LocalName(c) == "ilvl") ilvl = c.attribute("w:val").as_int();
      if (LocalName(c) == "numId") num_id = c.attribute("w:val").value();
    }
    if (num_id.empty() || num_id == "0" || ilvl < 0 || ilvl > 8) return {};
    // Instances of one abstract list count together unless one restarts it.
    auto a = numbering_.num_to_abstract.find(num_id);
    std::string key = a != numbering_.num_to_abstract.end() ? a->second : "num" + num_id;
    const std::map<int, Level>* levels = nullptr;
    if (auto it = numbering_.abstract.find(key); it != numbering_.abstract.end()) {
      levels = &it->second;
    }
    auto level_of = [&](int l) {
      static const Level kDefault;
      if (levels) {
        if (auto it = levels->find(l); it != levels->end()) return it->second;
      }
      return kDefault;
    };
    std::map<int, int>& counters = (*counters_)[key];
    if (auto o = numbering_.overrides.find(num_id);
        o != numbering_.overrides.end() && !restarted_[num_id]) {
      restarted_[num_id] = true;
      for (const auto& [l, start] : o->second) counters[l] = start - 1;
    }
    if (!counters.count(ilvl)) counters[ilvl] = level_of(ilvl).start - 1;
    ++counters[ilvl];
    for (auto it = counters.upper_bound(ilvl); it != counters.end();) it = counters.erase(it);
    Level level = level_of(ilvl);
    if (level.format == "bullet") return "• ";
    if (level.format == "none") return {};
    std::string text = level.text.empty() ? "%" + std::to_string(ilvl + 1) + "." : level.text;
    std::string marker;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
        int l = text[i + 1] - '1';
        int value = counters.count(l) ? counters[l] : level_of(l).start;
        marker += FormatListNumber(value, level_of(l).format);
        ++i;
      } else {
        marker += text[i];
      }
    }
    return marker + " ";
  }

  const Numbering& numbering_;
  PagedText* out_;
  std::map<std::string, std::map<int, int>> own_counters_;  // list → level → last number
  std::map<std::string, std::map<int, int>>* counters_;
  std::map<std::string, bool> restarted_;
  bool too_deep_ = false;
};

// Header and footer parts: word/header1.xml, word/footer2.xml, …
bool IsHeaderPart(const std::string& name) {
  for (const char* prefix : {"word/header", "word/footer"}) {
    std::size_t n = std::strlen(prefix);
    if (name.size() > n + 4 && name.compare(0, n, prefix) == 0 &&
        name.compare(name.size() - 4, 4, ".xml") == 0 && name.find('/', n) == std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace

Status ReadDocx(ZipArchive& zip, RawDocument* doc) {
  try {
    Numbering numbering;
    if (zip.Has("word/numbering.xml")) {
      pugi::xml_document xml;
      if (Status s = ParseXmlMember(zip, "word/numbering.xml", &xml); !s.ok()) return s;
      numbering = ParseNumbering(xml);
    }
    std::string main = zip.Has("word/document.xml") ? "word/document.xml" : DocxMainPart(zip);
    pugi::xml_document xml;
    if (Status s = ParseXmlMember(zip, main, &xml); !s.ok()) return s;
    pugi::xml_node body =
        xml.document_element().find_child([](pugi::xml_node c) { return LocalName(c) == "body"; });
    if (!body) return Status::Corruption(main + " has no w:body");
    PagedText text;
    DocxWalker walker(numbering, &text, nullptr);
    walker.Blocks(body, 0);
    if (walker.too_deep()) return Status::Corruption(main + " is nested too deeply");
    doc->pages = text.TakePages();

    for (const std::string& name : zip.names()) {
      if (!IsHeaderPart(name)) continue;
      pugi::xml_document part;
      if (Status s = ParseXmlMember(zip, name, &part); !s.ok()) return s;
      PagedText lines(/*keep_pages=*/false);
      DocxWalker header_walker(numbering, &lines, nullptr);
      header_walker.Blocks(part.document_element(), 0);
      std::string header = lines.TakeJoined("\n");
      if (!header.empty()) doc->headers.push_back(std::move(header));
    }
  } catch (const std::exception& e) {
    return Status::Corruption(std::string("cannot read DOCX: ") + e.what());
  }
  return Status::OK();
}

}  // namespace protokoll::indexer
