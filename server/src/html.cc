#include "html.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "protokoll/query/atom.h"

namespace protokoll::server {
namespace {

std::string Number(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", x);
  return buffer;
}

// A letter's width in ems, at least as wide as DejaVu Sans draws it (system-ui on many Linux
// desktops, wider than Arial or Segoe UI: 'm' 0.97, 'O' 0.79, 'n' 0.63, 'r' 0.41 em): a label
// cut at 26 bytes still ran past the chart's left edge.
double EmWidth(char32_t c) {
  if (c == U'm' || c == U'w' || c == U'M' || c == U'W' || c == U'…') return 1.0;
  if (c == U' ' || c == U'i' || c == U'l' || c == U'j' || c == U't' || c == U'f' || c == U'r' ||
      c == U'I' || c == U'.' || c == U',' || c == U':' || c == U'-' || c == U'(' || c == U')') {
    return 0.42;
  }
  if ((c >= U'A' && c <= U'Z') || (c >= U'À' && c <= U'Þ')) return 0.8;  // Å, Ä, Ö too
  return 0.66;  // other letters (å, ä, ö too), digits
}

// The first code point of text at *at (UTF-8, checked when the request or index was read),
// advancing *at past it.
char32_t NextCodePoint(std::string_view text, std::size_t* at) {
  const unsigned char lead = static_cast<unsigned char>(text[*at]);
  const int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  char32_t c = length == 1 ? lead : lead & (0x7F >> length);
  for (int k = 1; k < length && *at + k < text.size(); ++k) {
    c = (c << 6) | (static_cast<unsigned char>(text[*at + k]) & 0x3F);
  }
  *at = std::min(text.size(), *at + length);
  return c;
}

// label, or as much of it as fits in width ems with an ellipsis after it.
std::string Ellipsized(std::string_view label, double width) {
  double used = 0;
  std::size_t fits = 0;  // bytes of label that fit with room for the ellipsis
  for (std::size_t at = 0; at < label.size();) {
    used += EmWidth(NextCodePoint(label, &at));
    if (used + EmWidth(U'…') <= width) fits = at;
  }
  if (used <= width) return std::string(label);
  return std::string(label.substr(0, fits)) + "…";
}

}  // namespace

std::string Escape(std::string_view text) { return query::EscapeMarkup(text); }

std::string Marked(std::string_view text, const nlohmann::json& spans) {
  std::string out;
  std::size_t at = 0;
  if (spans.is_array()) {
    for (const auto& span : spans) {
      if (!span.is_array() || span.size() != 2 || !span[0].is_number_unsigned() ||
          !span[1].is_number_unsigned()) {
        continue;
      }
      const std::size_t begin = span[0], end = span[1];
      if (begin < at || end <= begin || end > text.size()) continue;
      out += Escape(text.substr(at, begin - at));
      out += "<mark>" + Escape(text.substr(begin, end - begin)) + "</mark>";
      at = end;
    }
  }
  out += Escape(text.substr(at));
  return out;
}

std::string UrlEncode(std::string_view text) { return query::UrlEncode(text); }

std::string QueryString(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    out += out.empty() ? "?" : "&";
    out += UrlEncode(name) + "=" + UrlEncode(value);
  }
  return out;
}

std::string BarChart(const std::vector<Bar>& bars, std::string_view title) {
  constexpr int kRow = 22, kLabel = 190, kMargin = 4, kWidth = 560, kBarMax = kWidth - kLabel - 60;
  double max = 0;
  for (const Bar& b : bars) max = std::max(max, b.value);
  const int height = static_cast<int>(bars.size()) * kRow + 10;
  std::string svg = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " + std::to_string(kWidth) +
                    " " + std::to_string(height) +
                    "\" width=\"100%\" aria-labelledby=\"chart-title\">";
  svg += "<title id=\"chart-title\">" + Escape(title) + "</title>";
  for (std::size_t k = 0; k < bars.size(); ++k) {
    const Bar& b = bars[k];
    const int y = static_cast<int>(k) * kRow + 5;
    const int w = max > 0 ? static_cast<int>(b.value / max * kBarMax + 0.5) : 0;
    // The label ends kLabel - 6 from the left edge, in 12px type (the style sheet's).
    const std::string label = Ellipsized(b.label, (kLabel - 6 - kMargin) / 12.0);
    svg += "<text x=\"" + std::to_string(kLabel - 6) + "\" y=\"" + std::to_string(y + 15) +
           "\" text-anchor=\"end\">" + Escape(label) + "</text>";
    svg += "<rect x=\"" + std::to_string(kLabel) + "\" y=\"" + std::to_string(y + 3) +
           "\" width=\"" + std::to_string(std::max(w, 1)) + "\" height=\"" +
           std::to_string(kRow - 6) + "\"><title>" + Escape(b.label) + ": " + Number(b.value) +
           "</title></rect>";
    svg += "<text x=\"" + std::to_string(kLabel + w + 6) + "\" y=\"" + std::to_string(y + 15) +
           "\">" + Number(b.value) + "</text>";
  }
  return svg + "</svg>";
}

std::string YearChart(const std::vector<Bar>& years, std::string_view title) {
  constexpr int kHeight = 180, kBase = 150, kColumn = 36, kBarMax = 120;
  double max = 0;
  for (const Bar& b : years) max = std::max(max, b.value);
  const int width = std::max(1, static_cast<int>(years.size())) * kColumn + 20;
  std::string svg = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " + std::to_string(width) +
                    " " + std::to_string(kHeight) + "\" width=\"" + std::to_string(width) +
                    "\" aria-labelledby=\"year-chart-title\">";
  svg += "<title id=\"year-chart-title\">" + Escape(title) + "</title>";
  for (std::size_t k = 0; k < years.size(); ++k) {
    const Bar& b = years[k];
    const int x = static_cast<int>(k) * kColumn + 10;
    const int h = max > 0 ? static_cast<int>(b.value / max * kBarMax + 0.5) : 0;
    svg += "<rect x=\"" + std::to_string(x + 4) + "\" y=\"" + std::to_string(kBase - h) +
           "\" width=\"" + std::to_string(kColumn - 8) + "\" height=\"" + std::to_string(h) +
           "\"><title>" + Escape(b.label) + ": " + Number(b.value) + "</title></rect>";
    svg += "<text x=\"" + std::to_string(x + kColumn / 2) + "\" y=\"" +
           std::to_string(kBase - h - 4) + "\" text-anchor=\"middle\">" + Number(b.value) +
           "</text>";
    svg += "<text x=\"" + std::to_string(x + kColumn / 2) + "\" y=\"" + std::to_string(kBase + 16) +
           "\" text-anchor=\"middle\">" + Escape(b.label) + "</text>";
  }
  return svg + "</svg>";
}

}  // namespace protokoll::server
