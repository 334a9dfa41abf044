// libFuzzer target for the query parser: any bytes in, no crash; a query it accepts gives a
// tree whose spans lie inside the query, and one it refuses says why.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "query_parser.h"

namespace {

void CheckNode(const protokoll::query::Node& node, std::size_t size, int depth) {
  if (node.begin > node.end || node.end > size || depth > 10000) std::abort();
  for (const auto& child : node.children) CheckNode(child, size, depth + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string_view query(reinterpret_cast<const char*>(data), size);
  protokoll::query::Node root;
  protokoll::Status s = protokoll::query::ParseQuery(query, &root);
  if (!s.ok()) {
    if (s.message().empty()) std::abort();
    return 0;
  }
  CheckNode(root, size, 0);
  (void)protokoll::query::DebugString(root);
  return 0;
}
