// A hash for unordered containers of std::string keys that finds them by std::string_view
// (with std::equal_to<>), so a lookup copies nothing.
#ifndef PROTOKOLL_STRING_HASH_H_
#define PROTOKOLL_STRING_HASH_H_

#include <cstddef>
#include <functional>
#include <string_view>

namespace protokoll {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace protokoll

#endif  // PROTOKOLL_STRING_HASH_H_
