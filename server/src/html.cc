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
  constexpr int kRow = 22, kLabel = 190, kWidth = 560, kBarMax = kWidth - kLabel - 60;
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
    std::string label = b.label;
    if (label.size() > 28) {
      std::size_t cut = 26;  // at a character's first byte
      while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;
      label = label.substr(0, cut) + "…";
    }
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
