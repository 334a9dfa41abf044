#include "plan.h"

#include <cstring>
#include <set>
#include <sstream>

namespace protokoll::indexer {

std::string FileState::Encode() const {
  std::ostringstream s;
  s << size << ' ' << mtime_ns << ' ' << hash << ' ' << meeting_id;
  return s.str();
}

bool FileState::Decode(const std::string& v, FileState* st) {
  std::istringstream s(v);
  return static_cast<bool>(s >> st->size >> st->mtime_ns >> st->hash >> st->meeting_id);
}

std::uint64_t Hash64(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a, 8 bytes at a time folded in
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, bytes.data() + i, 8);
    h = (h ^ w) * 1099511628211ull;
    h ^= h >> 29;
  }
  for (; i < bytes.size(); ++i) h = (h ^ static_cast<unsigned char>(bytes[i])) * 1099511628211ull;
  return h;
}

Plan MakePlan(const WalkResult& walk, const KnownFiles& known) {
  Plan plan;
  std::set<std::string> seen;
  for (const auto& f : walk.files) {
    seen.insert(f.key);
    auto it = known.find(f.key);
    const bool one = it != known.end() && it->second.size() == 1;
    if (one && it->second[0].state.size == f.size && it->second[0].state.mtime_ns == f.mtime_ns) {
      ++plan.unchanged;
      continue;
    }
    plan.todo.push_back(&f);
    // A file in two shards (a move that a crash cut short) is read again and written once.
    plan.old.push_back(one ? std::optional<FileState>(it->second[0].state) : std::nullopt);
    plan.todo_bytes += f.size;
  }
  for (const auto& [key, holders] : known) {
    if (seen.count(key)) continue;
    for (const auto& scope : walk.key_scopes) {
      const bool dir_scope = !scope.empty() && scope.back() == '/';
      if (dir_scope ? key.compare(0, scope.size(), scope) == 0 : key == scope) {
        plan.gone.push_back(key);
        break;
      }
    }
  }
  return plan;
}

}  // namespace protokoll::indexer
