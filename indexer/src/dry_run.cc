#include "dry_run.h"

#include <nlohmann/json.hpp>

#include "report.h"
#include "workers.h"

namespace protokoll::indexer {

using nlohmann::json;

Status DryRun(const IndexOptions& options, const WalkResult& walk, IndexSummary* summary) {
  std::vector<const SourceFile*> todo;
  for (const auto& f : walk.files) todo.push_back(&f);
  std::vector<std::optional<FileState>> old(todo.size());
  std::ostream& out = *options.out;
  return RunWorkers(todo, old, false, options, [&](FileResult& r) {
    const SourceFile& f = *todo[r.index];
    if (r.kind != FileResult::kIndexed) {
      auto& list = r.kind == FileResult::kSkipped ? summary->skipped : summary->failed;
      list.push_back({f.path, r.reason});
      if (options.json) {
        out << json({{"file", f.path}, {"error", r.reason}}).dump() << "\n";
      }
      return Status::OK();
    }
    ++summary->indexed;
    CountRead(f, r, summary);
    summary->items += r.dry_json["items"].size();
    summary->bytes += f.size;
    if (options.explain) {
      json dropped = json::array();
      for (const auto& d : r.dropped) {
        dropped.push_back({{"page", d.page + 1}, {"reason", d.reason}, {"text", d.text}});
      }
      r.dry_json["dropped"] = dropped;
    }
    if (options.json) {
      out << r.dry_json.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    } else {
      out << r.dry_json.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    }
    return Status::OK();
  });
}

}  // namespace protokoll::indexer
