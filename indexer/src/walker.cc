#include "walker.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

namespace protokoll::indexer {
namespace fs = std::filesystem;
namespace {

bool Hidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

std::string RootName(const fs::path& dir) {
  std::error_code ec;
  fs::path abs = fs::weakly_canonical(fs::absolute(dir, ec), ec);
  std::string name = abs.filename().string();
  if (name.empty()) name = abs.parent_path().filename().string();
  return name.empty() ? "root" : name;
}

bool StatFile(const fs::path& p, SourceFile* f) {
  struct stat st;
  if (::stat(p.c_str(), &st) != 0) return false;
  f->size = static_cast<std::uint64_t>(st.st_size);
  f->mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return true;
}

}  // namespace

std::string MeetingIdForKey(const std::string& key) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a 64
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  static const char kHex[] = "0123456789abcdef";
  std::string id(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) id[i] = kHex[h & 15];
  return id;
}

Status Walk(const std::vector<std::string>& paths, WalkResult* result) {
  for (const auto& arg : paths) {
    std::error_code ec;
    fs::path root(arg);
    fs::file_status st = fs::status(root, ec);
    if (ec || !fs::exists(st)) return Status::InvalidArgument("no such file or folder: " + arg);
    if (fs::is_regular_file(st)) {
      SourceFile f;
      f.path = arg;
      f.key = RootName(root.parent_path().empty() ? fs::path(".") : root.parent_path()) + "/" +
              root.filename().string();
      if (!IsSupportedFile(arg)) {
        result->skipped.push_back({arg, "unsupported format"});
        continue;
      }
      if (StatFile(root, &f)) {
        result->key_scopes.push_back(f.key);
        result->files.push_back(std::move(f));
      } else {
        result->skipped.push_back({arg, "cannot stat file"});
      }
      continue;
    }
    if (!fs::is_directory(st)) {
      result->skipped.push_back({arg, "not a regular file or folder"});
      continue;
    }
    std::string name = RootName(root);
    result->key_scopes.push_back(name + "/");
    std::vector<SourceFile> found;
    std::set<std::pair<dev_t, ino_t>> seen_dirs;
    struct stat rst;
    if (::stat(root.c_str(), &rst) == 0) seen_dirs.insert({rst.st_dev, rst.st_ino});
    auto options = fs::directory_options::follow_directory_symlink |
                   fs::directory_options::skip_permission_denied;
    fs::recursive_directory_iterator it(root, options, ec), end;
    if (ec) {
      result->skipped.push_back({arg, "cannot read folder: " + ec.message()});
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) {
        result->skipped.push_back({it->path().string(), "cannot read: " + ec.message()});
        ec.clear();
        continue;
      }
      const fs::path& p = it->path();
      if (Hidden(p)) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_directory(ec)) {
        struct stat dst;
        // A folder reached twice (a symlink loop or a second link) is walked once.
        if (::stat(p.c_str(), &dst) != 0 || !seen_dirs.insert({dst.st_dev, dst.st_ino}).second) {
          it.disable_recursion_pending();
        }
        continue;
      }
      if (!it->is_regular_file(ec)) continue;
      std::string rel = p.lexically_relative(root).generic_string();
      if (!IsSupportedFile(rel)) {
        result->skipped.push_back({p.string(), "unsupported format"});
        continue;
      }
      SourceFile f;
      f.path = p.string();
      f.key = name + "/" + rel;
      if (StatFile(p, &f)) {
        found.push_back(std::move(f));
      } else {
        result->skipped.push_back({p.string(), "cannot stat file"});
      }
    }
    std::sort(found.begin(), found.end(),
              [](const SourceFile& a, const SourceFile& b) { return a.key < b.key; });
    for (auto& f : found) result->files.push_back(std::move(f));
  }
  return Status::OK();
}

}  // namespace protokoll::indexer
