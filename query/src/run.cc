// The query tools' entry point: open the searcher, run the command, write the answer with the
// writer the format names.
#include <array>
#include <filesystem>
#include <map>

#include "fields.h"
#include "item_view.h"
#include "kwic.h"
#include "matter.h"
#include "protokoll/query/query.h"
#include "protokoll/schema.h"
#include "searcher.h"
#include "stats.h"
#include "timeline.h"
#include "writers.h"

namespace protokoll::query {
namespace {

struct WriterEntry {
  Format format;
  std::unique_ptr<Writer> (*make)(bool color);
};

constexpr std::array<WriterEntry, 3> kWriters = {{
    {Format::kText, [](bool color) { return MakeTextWriter(color); }},
    {Format::kJson, [](bool) { return MakeJsonWriter(); }},
    {Format::kCsv, [](bool) { return MakeCsvWriter(); }},
}};

std::unique_ptr<Writer> WriterFor(const QueryOptions& options) {
  for (const WriterEntry& e : kWriters) {
    if (e.format == options.format) return e.make(options.color);
  }
  return MakeTextWriter(false);
}

Status RunCommand(Searcher* searcher, const QueryOptions& options, Writer* writer,
                  std::ostream& out, std::ostream& err) {
  auto notes = [&] {
    for (const std::string& note : searcher->notes())
      err << "protokoll-query: note: " << note << "\n";
  };
  Status s;
  switch (options.command) {
    case Command::kSearch: {
      SearchResult r;
      s = searcher->Search(&r);
      if (!s.ok()) return s;
      notes();
      writer->Search(r, out);
      break;
    }
    case Command::kTimeline: {
      TimelineResult r;
      s = BuildTimeline(searcher, options, &r);
      if (!s.ok()) return s;
      notes();
      writer->Timeline(r, out);
      break;
    }
    case Command::kStats: {
      StatsResult r;
      s = BuildStats(searcher, options, &r);
      if (!s.ok()) return s;
      notes();
      writer->Stats(r, out);
      break;
    }
    case Command::kKwic: {
      KwicResult r;
      s = BuildKwic(searcher, options, &r);
      if (!s.ok()) return s;
      notes();
      writer->Kwic(r, out);
      break;
    }
    case Command::kMatter: {
      MatterResult r;
      s = BuildMatter(searcher, options, &r);
      if (!s.ok()) return s;
      notes();
      writer->Matter(r, out);
      break;
    }
  }
  out.flush();
  if (!out) return Status::IOError("cannot write the answer");
  return Status::OK();
}

Status CheckOptions(const QueryOptions& options) {
  if (options.limit < -1 || options.offset < 0 || options.width < 0) {
    return Status::InvalidArgument("--limit, --offset and --width take numbers of 0 or more");
  }
  return Status::OK();
}

class SessionImpl final : public Session {
 public:
  Status Open(const std::string& db_path, const SessionOptions& options) {
    Status s =
        Searcher::OpenDatabase(db_path, &db_, &items_, options.allow_partial, &missing_shards_);
    if (!s.ok()) return s;
    std::error_code ec;
    stub_ = !std::filesystem::exists(db_path + "/iamglass", ec) &&
            std::filesystem::exists(db_path + "/XAPIANDB", ec);
    vocabulary_ = Searcher::OpenVocabulary(db_);
    // The database stays as opened for the session: what it says of itself is read once.
    s = Guard([&] {
      phrase_terms_ = QueryBuilder::PhraseTermsIndexed(db_);
      return Status::OK();
    });
    if (!s.ok()) return s;
    return Searcher::OpenAnalyzer(vocabulary_.get(), &analyzer_);
  }

  Status Run(const QueryOptions& options, std::ostream& out, std::ostream& err) override {
    Status s = CheckOptions(options);
    if (!s.ok()) return s;
    // matter searches for its case number as dnr: does.
    QueryOptions searched = options;
    if (options.command == Command::kMatter) {
      s = MatterQuery(options.query, &searched.query);
      if (!s.ok()) return s;
    }
    if (stub_) {
      // A shard's new commits (a remote one's, a replica's) are seen by reopening it: the
      // session's files do not tell when they change.
      s = Guard([&] {
        if (db_.reopen()) vocabulary_->Forget();  // it may know new words
        return Status::OK();
      });
      if (!s.ok()) return s;
    }
    std::unique_ptr<Searcher> searcher;
    s = Searcher::Open(searched, db_, *items_, analyzer_.get(), vocabulary_.get(), phrase_terms_,
                       &searcher);
    if (!s.ok()) return s;
    std::unique_ptr<Writer> writer = WriterFor(options);
    return Guard([&] { return RunCommand(searcher.get(), options, writer.get(), out, err); });
  }

  Status Item(const std::string& item_id, const std::string& query, std::ostream& out) override {
    return WriteItem(db_, *items_, analyzer_.get(), vocabulary_.get(), phrase_terms_, item_id,
                     query, out);
  }

  Status MeetingFile(const std::string& meeting_id, std::string* file) override {
    return query::MeetingFile(db_, *items_, meeting_id, file);
  }

  Status Generation(long long* generation, std::string* time) override {
    return Guard([&] {
      const std::string key = db_.get_metadata(std::string(schema::kGenerationKey));
      *generation = static_cast<long long>(schema::ParseGeneration(key));
      *time = key.empty() ? std::string()
                          : db_.get_metadata(std::string(schema::kGenerationTimePrefix) + key);
      return Status::OK();
    });
  }

  const std::vector<std::string>& missing_shards() const override { return missing_shards_; }

 private:
  Xapian::Database db_;
  std::unique_ptr<schema::ItemStore> items_;
  std::unique_ptr<stemming::MetadataVocabulary> vocabulary_;
  std::unique_ptr<stemming::Analyzer> analyzer_;
  bool phrase_terms_ = false;
  bool stub_ = false;
  std::vector<std::string> missing_shards_;
};

}  // namespace

Status Session::Open(const std::string& db_path, std::unique_ptr<Session>* session) {
  return Open(db_path, SessionOptions(), session);
}

Status Session::Open(const std::string& db_path, const SessionOptions& options,
                     std::unique_ptr<Session>* session) {
  auto impl = std::make_unique<SessionImpl>();
  Status s = impl->Open(db_path, options);
  if (!s.ok()) return s;
  *session = std::move(impl);
  return Status::OK();
}

Status Run(const QueryOptions& options, std::ostream& out, std::ostream& err) {
  Status s = CheckOptions(options);
  if (!s.ok()) return s;
  std::unique_ptr<Session> session;
  SessionOptions open;
  open.allow_partial = options.allow_partial;
  s = Session::Open(options.db, open, &session);
  if (!s.ok()) return s;
  for (const std::string& shard : session->missing_shards()) {
    err << "note: the shard '" << shard << "' did not answer; this answer leaves it out\n";
  }
  return session->Run(options, out, err);
}

namespace {

template <typename T>
bool Named(const std::map<std::string, T>& table, const std::string& name, T* out) {
  auto it = table.find(name);
  if (it != table.end()) *out = it->second;
  return it != table.end();
}

const std::map<std::string, SortOrder>& SortOrders() {
  static const std::map<std::string, SortOrder> kSorts = {{"relevance", SortOrder::kRelevance},
                                                          {"date", SortOrder::kDate},
                                                          {"date-asc", SortOrder::kDateAsc},
                                                          {"added", SortOrder::kAdded}};
  return kSorts;
}

}  // namespace

bool SortOrderNamed(const std::string& name, SortOrder* out) {
  return Named(SortOrders(), name, out);
}

std::string SortOrderName(SortOrder order) {
  for (const auto& [name, value] : SortOrders()) {
    if (value == order) return name;
  }
  return "";
}

bool FormatNamed(const std::string& name, Format* out) {
  static const std::map<std::string, Format> kFormats = {
      {"text", Format::kText}, {"json", Format::kJson}, {"csv", Format::kCsv}};
  return Named(kFormats, name, out);
}

bool StatsByNamed(const std::string& name, StatsBy* out) {
  static const std::map<std::string, StatsBy> kBys = {
      {"year", StatsBy::kYear},           {"municipality", StatsBy::kMunicipality},
      {"kommun", StatsBy::kMunicipality}, {"county", StatsBy::kCounty},
      {"län", StatsBy::kCounty},          {"topic", StatsBy::kTopic},
      {"ämne", StatsBy::kTopic},          {"body", StatsBy::kBody},
      {"organ", StatsBy::kBody}};
  return Named(kBys, name, out);
}

int ExitCode(const Status& status) {
  if (status.ok()) return 0;
  return status.code() == Status::Code::kInvalidArgument ? 1 : 2;
}

std::string_view QueryHelp() {
  static const std::string help = R"(Query language (Xapian QueryParser conventions):
  sprutbyte familjehem   all of the words (the default operator is AND; when no item has
                         them all, items with some of them are shown, ranked, with a note)
  a OR b, a AND b        either, both (OR binds looser than AND); OCH, ELLER work too
  a NOT b, a -b, +a      without b; +a must be there. Operators are UPPERCASE only
  (a OR b) c             grouping with parentheses
  "ställer sig bakom"    a phrase: these word forms in this order; "familjehemmet" = exact form
  a NEAR b, a NEAR/5 b   within 10 (5) words of each other
  sprut*                 words starting with sprut
  Words match their inflections and compounds: familjehem finds familjehemmet and
  familjehemscentrum (exact forms rank first); acronyms expand (SoL, LSS, HVB, IFO ...).
Fields (Swedish or English):
)" + FieldHelp();
  return help;
}

}  // namespace protokoll::query
