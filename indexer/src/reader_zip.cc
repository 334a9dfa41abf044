// ZipArchive over libzip, and ReadZipDocument, which tells DOCX from ODT by what the ZIP holds.
#include "reader_zip.h"

#include <zip.h>

#include <algorithm>
#include <cctype>

#include "reader_office.h"
#include "readers.h"

namespace protokoll::indexer {
namespace {

// Small members compress far better than real text can be expected to (a 10 KB run of spaces
// is 500:1), and cannot hurt anyone, so the ratio applies only above this size.
constexpr std::uint64_t kRatioFloor = 1u << 20;
constexpr std::size_t kChunk = 64 * 1024;

std::string Mb(std::uint64_t bytes) { return std::to_string((bytes + (1u << 19)) >> 20) + " MB"; }

std::string ZipErrorText(zip_error_t* error) {
  const char* text = zip_error_strerror(error);
  return text ? text : "unknown error";
}

}  // namespace

Status ZipArchive::Open(std::string_view bytes, const ReadOptions& options,
                        std::unique_ptr<ZipArchive>* out) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    Status s = Status::Corruption("cannot open ZIP: " + ZipErrorText(&error));
    zip_error_fini(&error);
    return s;
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (archive == nullptr) {
    zip_source_free(source);
    Status s = Status::Corruption("not a readable ZIP archive: " + ZipErrorText(&error));
    zip_error_fini(&error);
    return s;
  }
  zip_error_fini(&error);
  out->reset(new ZipArchive(archive, options));
  zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* name = zip_get_name(archive, static_cast<zip_uint64_t>(i), 0);
    (*out)->names_.emplace_back(name ? name : "");
  }
  return Status::OK();
}

ZipArchive::ZipArchive(zip* archive, const ReadOptions& options)
    : archive_(archive), options_(options), start_(std::chrono::steady_clock::now()) {}

ZipArchive::~ZipArchive() { zip_discard(archive_); }

bool ZipArchive::Has(std::string_view name) const {
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

Status ZipArchive::CheckTime() const {
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (elapsed > options_.max_seconds) {
    return Status::LimitExceeded("reading the archive took over " +
                                 std::to_string(static_cast<int>(options_.max_seconds)) + " s");
  }
  return Status::OK();
}

Status ZipArchive::Read(std::string_view name, std::string* out) {
  out->clear();
  std::string member(name);
  zip_int64_t index = zip_name_locate(archive_, member.c_str(), 0);
  if (index < 0) return Status::NotFound(member + " missing from the archive");
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &st) != 0) {
    return Status::Corruption("cannot read " + member + " in the archive");
  }
  // First the sizes the archive declares, so a bomb is refused before any inflating.
  const std::uint64_t declared = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
  const std::uint64_t compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
  auto over_ratio = [&](std::uint64_t size) {
    return size > kRatioFloor &&
           static_cast<double>(size) >
               options_.max_compression_ratio *
                   static_cast<double>(std::max<std::uint64_t>(compressed, 1));
  };
  auto ratio_status = [&](std::uint64_t size) {
    return Status::LimitExceeded(
        member + " unpacks " +
        std::to_string(static_cast<long long>(static_cast<double>(size) /
                                              std::max<std::uint64_t>(compressed, 1))) +
        " times its packed size, over the limit of " +
        std::to_string(static_cast<long long>(options_.max_compression_ratio)) + " (a zip bomb?)");
  };
  auto size_status = [&](std::uint64_t size) {
    return Status::LimitExceeded(member + " unpacks to " + Mb(size) + ", over the limit of " +
                                 Mb(options_.max_unpacked_bytes) + " for one document");
  };
  if (unpacked_ + declared > options_.max_unpacked_bytes) return size_status(unpacked_ + declared);
  if (over_ratio(declared)) return ratio_status(declared);
  if (Status s = CheckTime(); !s.ok()) return s;

  zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) {
    zip_error_t* error = zip_get_error(archive_);
    bool encrypted = zip_error_code_zip(error) == ZIP_ER_NOPASSWD ||
                     zip_error_code_zip(error) == ZIP_ER_WRONGPASSWD;
    std::string why = encrypted ? "is encrypted" : "cannot be opened: " + ZipErrorText(error);
    return Status::Corruption(member + " in the archive " + why);
  }
  out->reserve(static_cast<std::size_t>(declared));
  // Then the bytes actually inflated: the declared sizes are the attacker's to choose.
  std::string chunk(kChunk, '\0');
  std::uint64_t got = 0;
  Status status;
  while (true) {
    zip_int64_t n = zip_fread(file, chunk.data(), chunk.size());
    if (n < 0) {
      status = Status::Corruption(
          member + " in the archive is damaged: " + ZipErrorText(zip_file_get_error(file)));
      break;
    }
    if (n == 0) break;
    got += static_cast<std::uint64_t>(n);
    if (unpacked_ + got > options_.max_unpacked_bytes) {
      status = size_status(unpacked_ + got);
      break;
    }
    if (over_ratio(got)) {
      status = ratio_status(got);
      break;
    }
    if (status = CheckTime(); !status.ok()) break;
    out->append(chunk.data(), static_cast<std::size_t>(n));
  }
  zip_fclose(file);
  unpacked_ += got;
  if (!status.ok()) out->clear();
  return status;
}

Status ReadZipDocument(std::string_view bytes, const ReadOptions& options, RawDocument* doc) {
  std::unique_ptr<ZipArchive> zip;
  if (Status s = ZipArchive::Open(bytes, options, &zip); !s.ok()) return s;
  if (zip->Has("mimetype")) {
    std::string mimetype;
    if (Status s = zip->Read("mimetype", &mimetype); !s.ok()) return s;
    while (!mimetype.empty() && std::isspace(static_cast<unsigned char>(mimetype.back()))) {
      mimetype.pop_back();
    }
    // The text document and its template; not spreadsheets or presentations.
    if (mimetype.rfind("application/vnd.oasis.opendocument.text", 0) == 0 &&
        mimetype.find("-master") == std::string::npos &&
        mimetype.find("-web") == std::string::npos) {
      doc->format = "odt";
      return ReadOdt(*zip, doc);
    }
    if (mimetype.size() > 100) mimetype.resize(100);
    return Status::Unsupported("ZIP holds a '" + mimetype + "' document, not a text document");
  }
  if (zip->Has("[Content_Types].xml") || zip->Has("word/document.xml")) {
    if (!zip->Has("word/document.xml") && DocxMainPart(*zip).empty()) {
      return Status::Unsupported("Office Open XML file that is not a Word document");
    }
    doc->format = "docx";
    return ReadDocx(*zip, doc);
  }
  return Status::Unsupported("ZIP archive that is not a DOCX or ODT document");
}

}  // namespace protokoll::indexer
