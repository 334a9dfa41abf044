// Format dispatch: one table from magic bytes and extensions to reader functions. Content
// wins over the name: a PDF called .txt is read as PDF, and a DOCX or ODT is told apart by
// what its ZIP holds, not by its extension.
#include "protokoll/indexer/reader.h"

#include <algorithm>
#include <cctype>
#include <fstream>

#include "readers.h"

namespace protokoll::indexer {
namespace {

struct Format {
  const char* name;
  std::string_view magic;    // bytes that identify the format, or empty
  std::size_t magic_window;  // the magic may start anywhere in this many leading bytes
  std::vector<std::string_view> extensions;
  ReaderFn read;
};

const std::vector<Format>& Formats() {
  using namespace std::string_view_literals;
  // PDF readers accept up to 1 KB of junk before "%PDF-" (some mail gateways and scanners
  // prepend it), so the magic is searched for rather than compared at offset 0. The ZIP
  // entry covers DOCX and ODT: the reader looks inside and names the format.
  static const std::vector<Format> kFormats = {
      {"pdf", "%PDF-"sv, 1024, {".pdf"}, &ReadPdf},
      {"zip", "PK\x03\x04"sv, 0, {".docx", ".odt"}, &ReadZipDocument},
      {"txt", {}, 0, {".txt", ".md", ".text"}, &ReadText},
  };
  return kFormats;
}

bool MatchesMagic(const Format& f, std::string_view bytes) {
  if (f.magic.empty()) return false;
  if (f.magic_window == 0) return bytes.substr(0, f.magic.size()) == f.magic;
  return bytes.substr(0, f.magic_window + f.magic.size()).find(f.magic) != std::string_view::npos;
}

std::string Extension(std::string_view name) {
  std::size_t slash = name.find_last_of('/');
  std::size_t dot = name.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  std::string ext(name.substr(dot));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return ext;
}

}  // namespace

bool IsSupportedFile(std::string_view path) {
  std::string ext = Extension(path);
  for (const auto& f : Formats()) {
    for (auto e : f.extensions) {
      if (e == ext) return true;
    }
  }
  return false;
}

Status ReadDocumentBytes(std::string_view bytes, std::string_view name, const ReadOptions& options,
                         RawDocument* doc) {
  *doc = RawDocument();
  if (bytes.empty()) return Status::Corruption("empty file");
  for (const auto& f : Formats()) {
    if (MatchesMagic(f, bytes)) {
      doc->format = f.name;
      return f.read(bytes, options, doc);
    }
  }
  std::string ext = Extension(name);
  for (const auto& f : Formats()) {
    if (std::find(f.extensions.begin(), f.extensions.end(), ext) != f.extensions.end()) {
      doc->format = f.name;
      return f.read(bytes, options, doc);
    }
  }
  return Status::Unsupported("unsupported format" + (ext.empty() ? "" : " '" + ext + "'"));
}

Status ReadDocument(const std::string& path, const ReadOptions& options, RawDocument* doc) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Status::NotFound("cannot open file");
  std::streamoff size = in.tellg();
  if (size < 0) return Status::IOError("cannot read file");
  if (static_cast<std::uint64_t>(size) > options.max_file_bytes) {
    return Status::LimitExceeded("file is " + std::to_string(size >> 20) +
                                 " MB, over the limit of " +
                                 std::to_string(options.max_file_bytes >> 20) + " MB");
  }
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), size)) return Status::IOError("cannot read file");
  return ReadDocumentBytes(bytes, path, options, doc);
}

}  // namespace protokoll::indexer
