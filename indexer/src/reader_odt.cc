// ODT reader: content.xml's paragraphs and headings (text:p, text:h), lists with their
// numbers rendered from the list style ("1. ", "a) ", "• "), tables (one row a line, cells
// separated by TAB), text:tab, text:line-break and text:s spaces, with ODF's whitespace
// collapsing; page breaks LibreOffice recorded (text:soft-page-break) and hard ones from
// paragraph styles (fo:break-before/after="page") split pages. The master pages' headers and
// footers in styles.xml go to RawDocument::headers.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "reader_office.h"

namespace protokoll::indexer {
namespace {

struct ListLevel {
  bool bullet = true;
  std::string format;  // style:num-format: "1", "a", "A", "i", "I", "" (no number)
  std::string prefix, suffix;
  int start = 1;
  int display_levels = 1;  // text:display-levels: "2.1." shows two
};

struct Styles {
  std::map<std::string, std::map<int, ListLevel>> lists;  // list style → level (1-based)
  std::set<std::string> break_before, break_after;        // paragraph styles
};

pugi::xml_node Child(pugi::xml_node parent, std::string_view local) {
  return parent.find_child([local](pugi::xml_node c) { return LocalName(c) == local; });
}

// Reads text:list-style and paragraph styles' page breaks from an office:styles or
// office:automatic-styles element.
void CollectStyles(pugi::xml_node styles, Styles* out) {
  for (pugi::xml_node style : styles.children()) {
    std::string_view name = LocalName(style);
    if (name == "list-style") {
      auto& levels = out->lists[style.attribute("style:name").value()];
      for (pugi::xml_node l : style.children()) {
        std::string_view kind = LocalName(l);
        if (kind != "list-level-style-number" && kind != "list-level-style-bullet") continue;
        ListLevel& level = levels[l.attribute("text:level").as_int(1)];
        level.bullet = kind == "list-level-style-bullet";
        level.format = l.attribute("style:num-format").value();
        level.prefix = l.attribute("style:num-prefix").value();
        level.suffix = l.attribute("style:num-suffix").value();
        level.start = ListStart(l.attribute("text:start-value"));
        level.display_levels = std::clamp(l.attribute("text:display-levels").as_int(1), 1, 10);
      }
    } else if (name == "style") {
      pugi::xml_node props = Child(style, "paragraph-properties");
      std::string style_name = style.attribute("style:name").value();
      if (std::string_view(props.attribute("fo:break-before").value()) == "page") {
        out->break_before.insert(style_name);
      }
      if (std::string_view(props.attribute("fo:break-after").value()) == "page") {
        out->break_after.insert(style_name);
      }
    }
  }
}

class OdtWalker {
 public:
  // counters: list numbers shared with the walker of the enclosing text (a list may run on
  // through a table), or nullptr for a fresh set.
  OdtWalker(const Styles& styles, PagedText* out, std::map<std::string, std::vector<int>>* counters)
      : styles_(styles), out_(out), counters_(counters ? counters : &own_counters_) {}

  bool too_deep() const { return too_deep_; }

  void Blocks(pugi::xml_node parent, int depth) {
    if (depth > kMaxXmlDepth) {
      too_deep_ = true;
      return;
    }
    for (pugi::xml_node node : parent.children()) {
      if (node.type() != pugi::node_element) continue;
      std::string_view name = LocalName(node);
      if (name == "p" || name == "h") {
        Paragraph(node, "", depth + 1);
      } else if (name == "list") {
        List(node, 1, "", depth + 1);
      } else if (name == "table") {
        Table(node, depth + 1);
      } else if (name == "soft-page-break") {
        out_->PageBreak();
      } else if (name == "tracked-changes" || name == "annotation" || name == "sequence-decls" ||
                 name == "variable-decls" || name == "user-field-decls" || name == "forms") {
        // Deleted text, comments and declarations are not the document's text.
      } else {
        Blocks(node, depth + 1);  // section, frame, text-box, index bodies, …
      }
    }
  }

 private:
  void Paragraph(pugi::xml_node p, std::string line, int depth) {
    std::string style = p.attribute("text:style-name").value();
    if (styles_.break_before.count(style)) out_->PageBreak();
    bool space = true;  // collapsing: no space at the start of a paragraph
    Inline(p, &line, &space, depth + 1);
    if (!line.empty() && line.back() == ' ' && space) line.pop_back();
    // A heading is marked as Markdown marks bold, so the structure parser can tell an item's
    // heading from the numbered list under it.
    if (LocalName(p) == "h" && !line.empty() && line.find("**") == std::string::npos &&
        line.find('\n') == std::string::npos) {
      line.insert(0, "**");
      line.append("**");
    }
    out_->AddLine(line);
    if (styles_.break_after.count(style)) out_->PageBreak();
  }

  // *space: the last character came from collapsible whitespace (or the line just began), so
  // more whitespace adds nothing (ODF 1.2 §6.1.2).
  void Inline(pugi::xml_node parent, std::string* line, bool* space, int depth) {
    if (depth > kMaxXmlDepth) {
      too_deep_ = true;
      return;
    }
    for (pugi::xml_node node : parent.children()) {
      if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
        for (const char* c = node.value(); *c; ++c) {
          if (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r') {
            if (!*space) *line += ' ';
            *space = true;
          } else {
            *line += *c;
            *space = false;
          }
        }
        continue;
      }
      if (node.type() != pugi::node_element) continue;
      std::string_view name = LocalName(node);
      if (name == "s") {
        int count = std::clamp(node.attribute("text:c").as_int(1), 1, 1000);
        line->append(static_cast<std::size_t>(count), ' ');
        *space = false;
      } else if (name == "tab") {
        *line += '\t';
        *space = false;
      } else if (name == "line-break") {
        *line += '\n';
        *space = true;
      } else if (name == "soft-page-break") {
        if (line->find_first_not_of(" \t\n") != std::string::npos) {
          out_->AddLine(*line);
          line->clear();
          *space = true;
        }
        out_->PageBreak();
      } else if (name == "frame") {
        Blocks(node, depth + 1);  // a text box anchored in the paragraph
      } else if (name == "note" || name == "annotation" || name == "annotation-end" ||
                 name == "tracked-changes" || name == "deletion") {
        // Footnotes, comments and deleted text are out of the paragraph's flow.
      } else {
        Inline(node, line, space, depth + 1);  // span, a, meta, fields, …
      }
    }
  }

  void List(pugi::xml_node list, int level, std::string style, int depth) {
    if (depth > kMaxXmlDepth) {
      too_deep_ = true;
      return;
    }
    if (const char* s = list.attribute("text:style-name").value(); *s) style = s;
    std::vector<int>& counters = (*counters_)[style];
    bool continues =
        std::string_view(list.attribute("text:continue-numbering").value()) == "true" ||
        *list.attribute("text:continue-list").value() != '\0';
    if (level == 1 && !continues) counters.clear();
    const ListLevel* format = nullptr;
    if (auto it = styles_.lists.find(style); it != styles_.lists.end()) {
      if (auto l = it->second.find(level); l != it->second.end()) format = &l->second;
    }
    for (pugi::xml_node item : list.children()) {
      std::string_view kind = LocalName(item);
      if (kind != "list-item" && kind != "list-header") continue;
      std::string marker;
      if (kind == "list-item") {
        if (counters.size() < static_cast<std::size_t>(level)) {
          counters.resize(static_cast<std::size_t>(level), 0);
          counters[level - 1] = (format ? format->start : 1) - 1;
        }
        counters.resize(static_cast<std::size_t>(level));  // deeper levels restart
        if (item.attribute("text:start-value")) {
          counters[level - 1] = ListStart(item.attribute("text:start-value")) - 1;
        }
        ++counters[level - 1];
        marker = Marker(format, counters, level);
      }
      for (pugi::xml_node child : item.children()) {
        std::string_view name = LocalName(child);
        if (name == "p" || name == "h") {
          Paragraph(child, marker, depth + 1);
          marker.clear();  // further paragraphs of the item carry no number
        } else if (name == "list") {
          List(child, level + 1, style, depth + 1);
        } else if (child.type() == pugi::node_element) {
          Blocks(child, depth + 1);
        }
      }
    }
  }

  static std::string Marker(const ListLevel* format, const std::vector<int>& counters, int level) {
    if (format == nullptr || format->bullet) return "• ";
    if (format->format.empty()) return {};
    std::string number;
    int first = std::max(1, level - format->display_levels + 1);
    for (int l = first; l <= level; ++l) {
      if (!number.empty()) number += '.';
      number += FormatListNumber(counters[l - 1], format->format);
    }
    return format->prefix + number + format->suffix + " ";
  }

  void Table(pugi::xml_node table, int depth) {
    if (depth > kMaxXmlDepth) {
      too_deep_ = true;
      return;
    }
    for (pugi::xml_node node : table.children()) {
      std::string_view name = LocalName(node);
      if (name == "table-header-rows" || name == "table-rows" || name == "table-row-group") {
        Table(node, depth + 1);
        continue;
      }
      if (name != "table-row") continue;
      std::vector<std::string> cells;
      for (pugi::xml_node cell : node.children()) {
        if (LocalName(cell) != "table-cell") continue;  // not covered (merged) cells
        PagedText cell_text(/*keep_pages=*/false);
        OdtWalker inner(styles_, &cell_text, counters_);
        inner.Blocks(cell, depth + 1);
        too_deep_ = too_deep_ || inner.too_deep_;
        cells.push_back(cell_text.TakeJoined(" "));
      }
      while (!cells.empty() && cells.back().empty()) cells.pop_back();
      if (cells.empty()) continue;  // also the thousands of repeated empty rows Calc pastes
      std::string line;
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) line += '\t';
        line += cells[i];
      }
      out_->AddLine(line);
    }
  }

  const Styles& styles_;
  PagedText* out_;
  std::map<std::string, std::vector<int>> own_counters_;  // list style → number per level
  std::map<std::string, std::vector<int>>* counters_;
  bool too_deep_ = false;
};

}  // namespace

Status ReadOdt(ZipArchive& zip, RawDocument* doc) {
  try {
    Styles styles;
    pugi::xml_document styles_xml;
    bool have_styles = zip.Has("styles.xml");
    if (have_styles) {
      if (Status s = ParseXmlMember(zip, "styles.xml", &styles_xml); !s.ok()) return s;
      for (pugi::xml_node n : styles_xml.document_element().children()) {
        if (LocalName(n) == "styles" || LocalName(n) == "automatic-styles") {
          CollectStyles(n, &styles);
        }
      }
    }
    pugi::xml_document content;
    if (Status s = ParseXmlMember(zip, "content.xml", &content); !s.ok()) return s;
    pugi::xml_node root = content.document_element();
    if (pugi::xml_node automatic = Child(root, "automatic-styles")) {
      CollectStyles(automatic, &styles);
    }
    pugi::xml_node text = Child(Child(root, "body"), "text");
    if (!text) return Status::Corruption("content.xml has no office:body/office:text");
    PagedText pages;
    OdtWalker walker(styles, &pages, nullptr);
    walker.Blocks(text, 0);
    if (walker.too_deep()) return Status::Corruption("content.xml is nested too deeply");
    doc->pages = pages.TakePages();

    pugi::xml_node masters = Child(styles_xml.document_element(), "master-styles");
    for (pugi::xml_node master : masters.children()) {
      if (LocalName(master) != "master-page") continue;
      for (pugi::xml_node part : master.children()) {
        std::string_view name = LocalName(part);
        if (name.substr(0, 6) != "header" && name.substr(0, 6) != "footer") continue;
        PagedText lines(/*keep_pages=*/false);
        OdtWalker header_walker(styles, &lines, nullptr);
        header_walker.Blocks(part, 0);
        std::string header = lines.TakeJoined("\n");
        // Several master pages often share one header.
        if (!header.empty() &&
            std::find(doc->headers.begin(), doc->headers.end(), header) == doc->headers.end()) {
          doc->headers.push_back(std::move(header));
        }
      }
    }
  } catch (const std::exception& e) {
    return Status::Corruption(std::string("cannot read ODT: ") + e.what());
  }
  return Status::OK();
}

}  // namespace protokoll::indexer
