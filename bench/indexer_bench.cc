// The indexer's steps after reading, on real minutes (bench_text.h), each file read once
// before timing:
//   clean/          the cleaner (page headers, tables of contents, markup), MB/s
//   structure/      the structure parser (header, items, decisions) on cleaned text, MB/s
//   parse_meeting/  cleaner + structure + metadata (ParseMeeting, as the indexer calls it)
//   build_documents/  a parsed meeting to its Xapian documents (analysis, topics, values), per
//                   item, vs one TermGenerator+Snowball document per item's text
//   write/          the same, added to a WritableDatabase in a temporary folder (the items'
//                   data to its item store), one committed transaction per 200 files, as
//                   the indexer batches (wall time)
// The first three have no reference; the last two compare with what omindex does per file.
#include <stdlib.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bench_text.h"
#include "document_writer.h"
#include "protokoll/corpus/gazetteer.h"
#include "protokoll/corpus/lexicon.h"
#include "protokoll/indexer/parser.h"
#include "protokoll/indexer/reader.h"
#include "protokoll/stemming/analyzer.h"
#include "topics.h"

namespace {

namespace fs = std::filesystem;
using protokoll::bench::HaveText;
using protokoll::bench::SampleFile;
using protokoll::bench::SampleFiles;
using protokoll::bench::SetBytes;
using protokoll::bench::SetItems;
using namespace protokoll::indexer;
using protokoll::stemming::Analyzer;

// The sample files read into documents (not timed), and the bytes of their text.
struct Documents {
  std::vector<RawDocument> docs;
  std::vector<std::string> names;
  std::size_t bytes = 0;
};

const Documents& Docs() {
  static const Documents docs = [] {
    Documents d;
    for (const SampleFile& f : SampleFiles()) {
      RawDocument doc;
      if (!ReadDocumentBytes(f.bytes, f.path, ReadOptions{}, &doc).ok()) continue;
      for (const std::string& page : doc.pages) d.bytes += page.size();
      d.docs.push_back(std::move(doc));
      d.names.push_back(fs::path(f.path).filename().string());
    }
    return d;
  }();
  return docs;
}

MetadataContext Context(const std::string& file_name) {
  MetadataContext ctx;
  ctx.gazetteer = &protokoll::corpus::Gazetteer::Default();
  ctx.file_name = file_name;
  // As the indexer does when it writes: topics are matched while the documents are built.
  ctx.analyzer = nullptr;
  return ctx;
}

// The sample files parsed into meetings (not timed).
const std::vector<Meeting>& Meetings() {
  static const std::vector<Meeting> meetings = [] {
    std::vector<Meeting> out;
    const Documents& d = Docs();
    for (std::size_t i = 0; i < d.docs.size(); ++i) {
      Meeting m;
      m.file = d.names[i];
      m.meeting_id = d.names[i];
      ParseMeeting(d.docs[i], Context(d.names[i]), &m);
      out.push_back(std::move(m));
    }
    return out;
  }();
  return meetings;
}

std::size_t ItemCount() {
  std::size_t n = 0;
  for (const Meeting& m : Meetings()) n += m.items.size();
  return n;
}

std::size_t ItemBytes() {
  std::size_t n = 0;
  for (const Meeting& m : Meetings()) {
    for (const Item& item : m.items) n += item.text.size();
  }
  return n;
}

void CleanBench(benchmark::State& state) {
  if (!HaveText(state)) return;
  for (auto _ : state) {
    for (const RawDocument& doc : Docs().docs) {
      CleanedText cleaned = Clean(doc);
      benchmark::DoNotOptimize(cleaned.text.data());
    }
  }
  SetBytes(state, Docs().bytes);
}

void StructureBench(benchmark::State& state) {
  if (!HaveText(state)) return;
  std::vector<CleanedText> cleaned;
  for (const RawDocument& doc : Docs().docs) cleaned.push_back(Clean(doc));
  std::size_t items = 0;
  for (auto _ : state) {
    items = 0;
    for (const CleanedText& c : cleaned) {
      Structure s = ParseStructure(c);
      items += s.items.size();
      benchmark::DoNotOptimize(s.items.data());
    }
  }
  state.counters["items"] = static_cast<double>(items);
  SetBytes(state, Docs().bytes);
}

void ParseBench(benchmark::State& state) {
  if (!HaveText(state)) return;
  const Documents& d = Docs();
  for (auto _ : state) {
    for (std::size_t i = 0; i < d.docs.size(); ++i) {
      Meeting m;
      ParseMeeting(d.docs[i], Context(d.names[i]), &m);
      benchmark::DoNotOptimize(m.items.data());
    }
  }
  SetBytes(state, d.bytes);
}

// An analyzer with the topic matcher the indexer pairs with it (one per thread there). The
// matcher is our own rather than TopicMatcher::For's, which is keyed by the analyzer's
// address and would outlive this analyzer.
struct Analysis {
  std::unique_ptr<Analyzer> analyzer;
  std::unique_ptr<TopicMatcher> topics;
};

bool OpenAnalysis(benchmark::State& state, Analysis* a) {
  if (!Analyzer::Open({}, &a->analyzer).ok()) {
    state.SkipWithError("cannot open the analyzer (hunspell-sv missing?)");
    return false;
  }
  a->topics = std::make_unique<TopicMatcher>(a->analyzer.get(), protokoll::corpus::Topics());
  return true;
}

// One BuildDocuments pass over all meetings; returns the documents built. With db, they are
// written as the indexer writes them (their data with them).
std::size_t BuildAll(Analysis* a, Xapian::WritableDatabase* db) {
  std::size_t n = 0;
  for (const Meeting& m : Meetings()) {
    BuiltMeeting built;
    BuildDocuments(m, a->analyzer.get(), a->topics.get(), /*over_time=*/{}, &built);
    n += built.documents.size();
    if (db) {
      for (std::size_t k = 0; k < built.documents.size(); ++k) {
        db->add_document(built.Document(k));
      }
      for (const auto& [word, count] : built.words) db->add_spelling(word, count);
    }
    benchmark::DoNotOptimize(built.documents.data());
  }
  return n;
}

// One TermGenerator document per item (the item's text, its file as data).
std::size_t TermGenAll(Xapian::TermGenerator* generator, Xapian::WritableDatabase* db) {
  std::size_t n = 0;
  for (const Meeting& m : Meetings()) {
    for (const Item& item : m.items) {
      Xapian::Document doc;
      generator->set_document(doc);
      generator->index_text(item.text);
      doc.set_data(m.file);
      if (db) db->add_document(doc);
      benchmark::DoNotOptimize(doc.termlist_count());
      ++n;
    }
  }
  return n;
}

void BuildProtokoll(benchmark::State& state) {
  if (!HaveText(state)) return;
  Analysis a;
  if (!OpenAnalysis(state, &a)) return;
  BuildAll(&a, nullptr);  // warm: dictionary and cache
  std::size_t docs = 0;
  for (auto _ : state) docs = BuildAll(&a, nullptr);
  state.counters["documents"] = static_cast<double>(docs);
  SetItems(state, ItemCount());
  SetBytes(state, ItemBytes());
}

Xapian::TermGenerator SnowballGenerator() {
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("swedish"));
  return generator;
}

void BuildTermGen(benchmark::State& state) {
  if (!HaveText(state)) return;
  Xapian::TermGenerator generator = SnowballGenerator();
  for (auto _ : state) TermGenAll(&generator, nullptr);
  SetItems(state, ItemCount());
  SetBytes(state, ItemBytes());
}

// A database in a fresh temporary folder, removed with this object.
class TempDatabase {
 public:
  TempDatabase() {
    std::string pattern = (fs::temp_directory_path() / "protokoll-bench-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) return;
    dir_ = pattern;
    db_ = Xapian::WritableDatabase(dir_ + "/db", Xapian::DB_CREATE);
  }
  ~TempDatabase() {
    db_.close();
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  bool ok() const { return !dir_.empty(); }
  Xapian::WritableDatabase* db() { return &db_; }

 private:
  std::string dir_;
  Xapian::WritableDatabase db_;
};

// Files a committed transaction holds, as protokoll-index's --batch default.
constexpr std::size_t kBatchFiles = 200;

// Passes over the sample files that make one batch.
std::size_t PassesPerBatch() {
  return std::max<std::size_t>(1, (kBatchFiles + Meetings().size() - 1) / Meetings().size());
}

// Each iteration is one committed transaction of a batch of files, written pass by pass.
template <typename Pass>
void WriteLoop(benchmark::State& state, Pass pass) {
  TempDatabase temp;
  if (!temp.ok()) {
    state.SkipWithError("cannot make a temporary folder");
    return;
  }
  const std::size_t passes = PassesPerBatch();
  try {
    for (auto _ : state) {
      temp.db()->begin_transaction(true);
      for (std::size_t i = 0; i < passes; ++i) pass(temp.db());
      temp.db()->commit_transaction();
    }
  } catch (const Xapian::Error& e) {
    state.SkipWithError(e.get_description().c_str());
    return;
  }
  state.counters["files_per_commit"] = static_cast<double>(passes * Meetings().size());
  state.counters["db_documents"] = static_cast<double>(temp.db()->get_doccount());
  SetItems(state, passes * ItemCount());
  SetBytes(state, passes * ItemBytes());
}

void WriteProtokoll(benchmark::State& state) {
  if (!HaveText(state)) return;
  Analysis a;
  if (!OpenAnalysis(state, &a)) return;
  BuildAll(&a, nullptr);
  WriteLoop(state, [&](Xapian::WritableDatabase* db) { BuildAll(&a, db); });
}

void WriteTermGen(benchmark::State& state) {
  if (!HaveText(state)) return;
  Xapian::TermGenerator generator = SnowballGenerator();
  WriteLoop(state, [&](Xapian::WritableDatabase* db) { TermGenAll(&generator, db); });
}

}  // namespace

int main(int argc, char** argv) {
  using benchmark::RegisterBenchmark;
  RegisterBenchmark("clean/protokoll", CleanBench)->Unit(benchmark::kMillisecond);
  RegisterBenchmark("structure/protokoll", StructureBench)->Unit(benchmark::kMillisecond);
  RegisterBenchmark("parse_meeting/protokoll", ParseBench)->Unit(benchmark::kMillisecond);
  RegisterBenchmark("build_documents/protokoll", BuildProtokoll)->Unit(benchmark::kMillisecond);
  RegisterBenchmark("build_documents/xapian_termgen_snowball", BuildTermGen)
      ->Unit(benchmark::kMillisecond);
  // Writing waits on the disk (commits sync), so its rates are taken over wall time.
  // Writing waits on the disk (commits sync), so its rates are taken over wall time; a few
  // batches, as the database grows.
  RegisterBenchmark("write/protokoll", WriteProtokoll)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->Iterations(3);
  RegisterBenchmark("write/xapian_termgen_snowball", WriteTermGen)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->Iterations(3);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
