#include "fields.h"

#include "protokoll/corpus/gazetteer.h"

namespace protokoll::query {

const FieldDef* FieldDefOf(Field field) {
  for (const FieldDef& f : kFields) {
    if (f.field == field) return &f;
  }
  return nullptr;
}

bool FieldByName(std::string_view name, Field* field) {
  const std::string lower = corpus::LowerName(name);
  for (const FieldDef& f : kFields) {
    if (lower == f.name || lower == f.alias) {
      *field = f.field;
      return true;
    }
  }
  // The other names after all the main ones, so that none can shadow a main one.
  for (const FieldDef& f : kFields) {
    if (!f.other.empty() && lower == f.other) {
      *field = f.field;
      return true;
    }
  }
  return false;
}

std::string_view FieldName(Field field) {
  const FieldDef* f = FieldDefOf(field);
  return f ? f->name : "text";
}

std::string_view FieldPrefix(Field field) {
  const FieldDef* f = FieldDefOf(field);
  return f ? f->prefix : "";
}

bool IsFilterField(Field field) {
  const FieldDef* f = FieldDefOf(field);
  return f && f->kind != FieldKind::kText;
}

std::string FieldList() {
  std::string out;
  for (const FieldDef& f : kFields) {
    if (!out.empty()) out += ", ";
    out += std::string(f.name) + ": (" + std::string(f.alias) + ":)";
  }
  return out;
}

std::string FieldHelp() {
  // The examples start in the column after the longest names ("kommun: municipality:").
  constexpr std::size_t kColumn = 25;
  const std::string indent(kColumn, ' ');
  std::string out;
  for (const FieldDef& f : kFields) {
    std::string names = "  " + std::string(f.name) + ": " + std::string(f.alias) + ":";
    std::size_t width = 0;
    for (char c : names) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    names.append(width + 2 < kColumn ? kColumn - width : 2, ' ');
    std::string_view help = f.help;
    for (std::size_t line = 0; !help.empty(); ++line) {
      const std::size_t end = help.find('\n');
      out += (line == 0 ? names : indent) + std::string(help.substr(0, end)) + "\n";
      help = end == std::string_view::npos ? std::string_view() : help.substr(end + 1);
    }
  }
  return out;
}

}  // namespace protokoll::query
