// End-to-end tests of protokoll-index: what an archivist sees when indexing, re-indexing,
// moving, deleting, breaking files, killing the indexer, and running two at once.
#include <signal.h>
#include <xapian.h>
#include <zlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "gtest/gtest.h"
#include "item_store.h"
#include "protokoll/doc_data.h"
#include "protokoll/item_record.h"
#include "protokoll/schema.h"
#include "protokoll/stemming/analyzer.h"
#include "raw_tables.h"
#include "searcher.h"
#include "tool_runner.h"

namespace protokoll {
namespace {

namespace fs = std::filesystem;
using testing::RunTool;
using testing::SourceDir;
using testing::TempDir;

std::string Minutes() { return SourceDir() + "/corpus/minutes"; }

// Copies the sample minutes (only the .txt files) into dir.
void CopyMinutes(const fs::path& dir) {
  fs::create_directories(dir);
  for (const auto& e : fs::directory_iterator(Minutes())) {
    if (e.path().extension() == ".txt") fs::copy_file(e.path(), dir / e.path().filename());
  }
}

std::size_t CountTxt(const fs::path& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.path().extension() == ".txt";
  return n;
}

Xapian::doccount DocCount(const std::string& db) { return Xapian::Database(db).get_doccount(); }

// Documents (item ids) that hold a term, sorted: to compare databases.
std::vector<std::string> ItemIds(const std::string& db) {
  Xapian::Database d(db);
  std::vector<std::string> ids;
  for (auto it = d.allterms_begin("Q"); it != d.allterms_end("Q"); ++it) ids.push_back(*it);
  return ids;
}

// Each item's terms and their wdf, read from the termlists, by item id: to compare databases.
std::map<std::string, std::string> ItemTerms(const std::string& db) {
  Xapian::Database d(db);
  std::map<std::string, std::string> terms;
  for (auto p = d.postlist_begin(""); p != d.postlist_end(""); ++p) {
    std::string id, all;
    for (auto t = d.termlist_begin(*p); t != d.termlist_end(*p); ++t) {
      if ((*t).starts_with(schema::kItemIdPrefix)) id = *t;
      all += *t + ":" + std::to_string(t.get_wdf()) + " ";
    }
    terms[id] = all;
  }
  return terms;
}

// The stored vocabulary of db (word -> encoded terms): to compare databases.
std::map<std::string, std::string> StoredVocabulary(const std::string& db) {
  Xapian::Database d(db);
  std::map<std::string, std::string> words;
  const std::string prefix(schema::kVocabularyPrefix);
  for (auto k = d.metadata_keys_begin(prefix); k != d.metadata_keys_end(prefix); ++k) {
    words[*k] = d.get_metadata(*k);
  }
  return words;
}

// How many documents of db have data in its item store that is not their own item's (the
// data's item_id is not the document's unique term) or none at all: 0 for a sound database.
std::size_t ItemsWithWrongData(const std::string& db) {
  Xapian::Database d(db);
  std::unique_ptr<schema::ItemStore> items;
  if (!schema::ItemStore::Open(db, d, &items).ok()) return d.get_doccount() + 1;
  std::size_t wrong = 0;
  for (auto p = d.postlist_begin(""); p != d.postlist_end(""); ++p) {
    std::string data, id;
    std::string_view json, text;
    if (items->Get(*p, &data)) {
      schema::SplitDocData(data, &json, &text);
      auto meta = nlohmann::json::parse(json, nullptr, false);
      if (meta.is_object() && meta["item_id"].is_string()) id = meta["item_id"];
    }
    auto t = d.termlist_begin(*p);
    t.skip_to(std::string(schema::kItemIdPrefix));
    wrong += id.empty() || t == d.termlist_end(*p) || *t != std::string(schema::kItemIdPrefix) + id;
  }
  return wrong;
}

std::string Summary(const std::string& err) {
  auto pos = err.rfind("indexed ");
  return pos == std::string::npos ? err : err.substr(pos, err.find('\n', pos) - pos);
}

TEST(IndexTool, IndexesSampleMinutesAndSaysWhatItDid) {
  TempDir tmp;
  auto r = RunTool("protokoll-index", {"--db", tmp / "db", Minutes()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::size_t files = CountTxt(Minutes());
  EXPECT_NE(r.err.find("indexed " + std::to_string(files) + " files"), std::string::npos) << r.err;
  EXPECT_GT(DocCount(tmp / "db"), files);  // one document per item
}

TEST(IndexTool, StoresTheAnalysisOfEveryWordItSaw) {
  TempDir tmp;
  ASSERT_EQ(RunTool("protokoll-index", {"--db", tmp / "db", Minutes()}).exit_code, 0);
  Xapian::Database db(tmp / "db");
  std::unique_ptr<stemming::Analyzer> fresh;
  ASSERT_TRUE(stemming::Analyzer::Open({}, &fresh).ok());
  const std::string prefix(schema::kVocabularyPrefix);
  std::size_t words = 0;
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    std::vector<stemming::Term> stored;
    ASSERT_TRUE(stemming::DecodeTerms(db.get_metadata(*it), &stored)) << *it;
    if (++words % 7) continue;  // a sample, checked against a fresh analysis
    std::string word = (*it).substr(prefix.size());
    std::vector<stemming::Token> tokens;
    fresh->Analyze(word, &tokens);
    ASSERT_EQ(tokens.size(), 1u) << word;
    ASSERT_EQ(tokens[0].terms.size(), stored.size() + 1) << word;
    for (std::size_t k = 0; k < stored.size(); ++k) {
      EXPECT_EQ(tokens[0].terms[k + 1].text, stored[k].text) << word;
    }
  }
  EXPECT_GT(words, 1000u);
  // Every word of every item text is there, so a query needs no dictionary for them.
  for (const char* w : {"sprutbyte", "familjehem", "beslutar"}) {
    EXPECT_FALSE(db.get_metadata(prefix + w).empty()) << w;
  }
}

TEST(IndexTool, StoresEachItemsMetadataAndTextPacked) {
  TempDir tmp;
  ASSERT_EQ(RunTool("protokoll-index", {"--db", tmp / "db", Minutes()}).exit_code, 0);
  Xapian::Database db(tmp / "db");
  std::unique_ptr<schema::ItemStore> items;
  ASSERT_TRUE(schema::ItemStore::Open(tmp / "db", db, &items).ok());
  std::size_t checked = 0;
  for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id) {
    const Xapian::Document doc = db.get_document(id);
    std::string data;
    ASSERT_TRUE(items->Get(id, &data)) << id;
    // Xapian's document data, so a remote shard serves it: packed.
    EXPECT_EQ(items->GetPacked(id), doc.get_data()) << id;
    EXPECT_TRUE(doc.get_value(schema::kDataSlot).empty()) << id;
    EXPECT_LT(doc.get_data().size(), data.size()) << id;
    std::string_view json, text;
    schema::SplitDocData(data, &json, &text);
    auto meta = nlohmann::ordered_json::parse(json, nullptr, false);
    ASSERT_TRUE(meta.is_object()) << json;
    // Exactly the keys of a search hit, in its order: the query tool copies them whole.
    std::vector<std::string> keys;
    for (const auto& [key, value] : meta.items()) keys.push_back(key);
    EXPECT_EQ(keys, std::vector<std::string>(record::kTopNames.begin(), record::kTopNames.end()))
        << json;
    EXPECT_FALSE(text.empty()) << id;
    ++checked;
  }
  EXPECT_GT(checked, 10u);
}

TEST(DocData, PackedDataReadsBackAndCorruptDataIsRefused) {
  std::string data = "{\"meeting_id\":\"m\"}\nSprutbyte i Östersund, § 48. ";
  data.append(500, 'x');
  const std::string packed = schema::PackDocData(data);
  std::string back;
  ASSERT_TRUE(schema::UnpackDocData(packed, &back));
  EXPECT_EQ(back, data);
  ASSERT_TRUE(schema::UnpackDocData(data, &back));  // not packed: read as it is
  EXPECT_EQ(back, data);
  std::string broken = packed.substr(0, packed.size() / 2);
  EXPECT_FALSE(schema::UnpackDocData(broken, &back));
  EXPECT_TRUE(back.empty());
  broken = packed;
  broken[4] = '\x01';  // a size of 16 MB, more than the packed bytes can hold
  EXPECT_FALSE(schema::UnpackDocData(broken, &back));
  EXPECT_TRUE(back.empty());
}

// Xapian deflates a document's data whenever zlib makes it smaller, and inflating costs a
// results page more than anything else it reads: the stored form must leave zlib nothing.
TEST(DocData, PackedDataGivesZlibNothingToShrink) {
  std::string data = "{\"meeting_id\":\"m\",\"body\":\"Socialnämnden\"}\n";
  for (int i = 0; i < 40; ++i) {
    data +=
        "Socialnämnden beslutar att ge förvaltningen i uppdrag att utreda sprutbyte i "
        "kommunen, § " +
        std::to_string(i) + ". ";
  }
  const std::string packed = schema::PackDocData(data);
  ASSERT_LT(packed.size(), data.size() / 2);  // LZ4 still packs it
  uLongf size = compressBound(packed.size());
  std::string deflated(size, '\0');
  ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(deflated.data()), &size,
                      reinterpret_cast<const Bytef*>(packed.data()), packed.size(), 9),
            Z_OK);
  EXPECT_GE(size, packed.size());
}

TEST(IndexTool, ALargeRunLeavesACompactDatabase) {
  TempDir tmp;
  const std::string db = tmp / "db", loose = tmp / "loose";
  ASSERT_EQ(RunTool("protokoll-index", {"--db", db, Minutes()}).exit_code, 0);
  ASSERT_EQ(RunTool("protokoll-index", {"--db", loose, "--no-compact", Minutes()}).exit_code, 0);
  EXPECT_EQ(ItemIds(db), ItemIds(loose));
  auto size = [](const fs::path& dir) {
    std::uintmax_t n = 0;
    for (const auto& e : fs::directory_iterator(dir)) n += e.file_size();
    return n;
  };
  EXPECT_LT(size(db), size(loose));
  EXPECT_EQ(ItemsWithWrongData(db), 0u);
  EXPECT_EQ(ItemsWithWrongData(loose), 0u);
  EXPECT_FALSE(fs::exists(db + ".compact-new"));
  EXPECT_FALSE(fs::exists(db + ".compact-old"));
  // A crash between the two renames of a compaction leaves the old copy aside: the next run
  // puts it back and carries on.
  fs::rename(db, db + ".compact-old");
  auto r = RunTool("protokoll-index", {"--db", db, Minutes()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("indexed 0 files"), std::string::npos) << r.err;
  EXPECT_EQ(ItemIds(db), ItemIds(loose));
  EXPECT_EQ(ItemsWithWrongData(db), 0u);
}

// Every database the indexer writes (one writer, a parallel build's shards and their merge, a
// compact copy) stores document data without trying zlib, and reads as before; termlists are
// deflated as they are written (a compaction then copies them as they are).
TEST(IndexTool, DatabasesStoreDataWithoutTryingZlib) {
  using indexer::RawTable;
  TempDir tmp;
  const std::string one = tmp / "one", parallel = tmp / "parallel", loose = tmp / "loose";
  ASSERT_EQ(RunTool("protokoll-index", {"--db", one, "--jobs", "1", Minutes()}).exit_code, 0);
  ASSERT_EQ(RunTool("protokoll-index", {"--db", parallel, "--jobs", "2", Minutes()}).exit_code, 0);
  ASSERT_EQ(RunTool("protokoll-index", {"--db", loose, "--no-compact", Minutes()}).exit_code, 0);
  for (const std::string& db : {one, parallel, loose}) {
    EXPECT_EQ(indexer::CompressMin(db, RawTable::kDocData), 0) << db;
    EXPECT_EQ(indexer::CompressMin(db, RawTable::kTermList), 18) << db;
    EXPECT_EQ(ItemsWithWrongData(db), 0u) << db;
  }
  EXPECT_EQ(ItemIds(one), ItemIds(loose));
  // The termlists still give each item's terms (the facets read them).
  EXPECT_EQ(ItemTerms(one), ItemTerms(loose));
  // A database Xapian made with its defaults is set when the indexer next opens it.
  const std::string plain = tmp / "plain";
  Xapian::WritableDatabase(plain, Xapian::DB_CREATE).close();
  EXPECT_EQ(indexer::CompressMin(plain, RawTable::kDocData), 18);
  EXPECT_EQ(indexer::CompressMin(plain, RawTable::kTermList), 18);
  ASSERT_EQ(RunTool("protokoll-index", {"--db", plain, Minutes()}).exit_code, 0);
  EXPECT_EQ(indexer::CompressMin(plain, RawTable::kDocData), 0);
  EXPECT_EQ(indexer::CompressMin(plain, RawTable::kTermList), 18);
  EXPECT_EQ(ItemIds(plain), ItemIds(loose));
  // A version file this code does not know is left as it is.
  const std::string other = tmp / "other";
  fs::create_directories(other);
  std::ofstream(other + "/iamglass", std::ios::binary) << "\x0f\x0dXapian Glass\x05\x01 later";
  EXPECT_FALSE(indexer::SetTablesRaw(other));
  EXPECT_EQ(testing::ReadFile(other + "/iamglass"),
            std::string("\x0f\x0dXapian Glass\x05\x01 later"));
  EXPECT_EQ(indexer::CompressMin(other, RawTable::kTermList), -1);
}

TEST(IndexTool, ParallelShardBuildEqualsOneWriter) {
  TempDir tmp;
  // Enough files for a fresh database to be built in shards on two workers.
  for (int copy = 0; copy < 6; ++copy)
    CopyMinutes(fs::path(tmp / "arkiv") / ("del" + std::to_string(copy)));
  const std::string sharded = tmp / "sharded", single = tmp / "single";
  auto r = RunTool("protokoll-index", {"--db", sharded, "--jobs", "2", tmp / "arkiv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(RunTool("protokoll-index", {"--db", single, "--jobs", "1", tmp / "arkiv"}).exit_code,
            0);
  EXPECT_EQ(ItemIds(sharded), ItemIds(single));
  EXPECT_EQ(DocCount(sharded), DocCount(single));
  // The workers share their word analyses: each item's terms and the vocabulary are still
  // those of one writer.
  EXPECT_EQ(ItemTerms(sharded), ItemTerms(single));
  const auto vocabulary = StoredVocabulary(single);
  EXPECT_GT(vocabulary.size(), 100u);
  EXPECT_EQ(StoredVocabulary(sharded), vocabulary);
  // The shards' item data follows their documents into the merged numbering.
  EXPECT_EQ(ItemsWithWrongData(sharded), 0u);
  EXPECT_EQ(ItemsWithWrongData(single), 0u);
  for (int k = 0; k < 2; ++k) EXPECT_FALSE(fs::exists(sharded + ".shard-" + std::to_string(k)));
  // The merged database is a whole one: searchable, and a second run finds nothing to do.
  auto q = RunTool("protokoll-query", {"--db", sharded, "--format", "json", "sprutbyte"});
  ASSERT_EQ(q.exit_code, 0) << q.err;
  auto hits = nlohmann::json::parse(q.out);
  EXPECT_FALSE(hits["hits"].empty());
  auto again = RunTool("protokoll-index", {"--db", sharded, tmp / "arkiv"});
  EXPECT_NE(again.err.find("indexed 0 files"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("unchanged " + std::to_string(6 * CountTxt(Minutes()))),
            std::string::npos)
      << again.err;
}

TEST(IndexTool, ShardsSearchedTogetherThroughAStubDatabaseShowTheirOwnItems) {
  // Two archives indexed apart, searched as one through a Xapian stub database: each hit
  // shows the data of its own item, though Xapian interleaves the shards' docids.
  TempDir tmp;
  CopyMinutes(tmp.path() / "a");
  fs::create_directories(tmp.path() / "b");
  for (const auto& e : fs::directory_iterator(tmp.path() / "a")) {
    fs::copy_file(e.path(), tmp.path() / "b" / ("b-" + e.path().filename().string()));
  }
  ASSERT_EQ(RunTool("protokoll-index", {"--db", tmp / "db-a", tmp / "a"}).exit_code, 0);
  ASSERT_EQ(RunTool("protokoll-index", {"--db", tmp / "db-b", tmp / "b"}).exit_code, 0);
  fs::create_directories(tmp.path() / "all");
  std::ofstream(tmp.path() / "all" / "XAPIANDB") << "auto ../db-a\nauto " << (tmp / "db-b") << "\n";
  EXPECT_EQ(DocCount(tmp / "all"), DocCount(tmp / "db-a") + DocCount(tmp / "db-b"));
  EXPECT_EQ(ItemsWithWrongData(tmp / "all"), 0u);
  auto q = RunTool("protokoll-query",
                   {"--db", tmp / "all", "--format", "json", "--limit", "50", "sprutbyte"});
  ASSERT_EQ(q.exit_code, 0) << q.err;
  auto hits = nlohmann::json::parse(q.out)["hits"];
  ASSERT_FALSE(hits.empty()) << q.out;
  bool from_b = false;
  for (const auto& h : hits) {
    ASSERT_TRUE(h["file"].is_string()) << h.dump();
    from_b |= h["file"].get<std::string>().find("/b/b-") != std::string::npos;
  }
  EXPECT_TRUE(from_b) << q.out;
  // A shard that does not answer is named; --allow-partial answers from the others and says
  // which one it left out.
  std::ofstream(tmp.path() / "all" / "XAPIANDB") << "auto ../db-a\nremote 127.0.0.1:1\n";
  auto remote = RunTool("protokoll-query", {"--db", tmp / "all", "sprutbyte"});
  EXPECT_EQ(remote.exit_code, 2);
  EXPECT_NE(remote.err.find("the shard 'remote 127.0.0.1:1'"), std::string::npos) << remote.err;
  auto partial = RunTool("protokoll-query", {"--db", tmp / "all", "--allow-partial", "--format",
                                             "json", "--limit", "50", "sprutbyte"});
  ASSERT_EQ(partial.exit_code, 0) << partial.err;
  EXPECT_NE(partial.err.find("'remote 127.0.0.1:1' did not answer"), std::string::npos)
      << partial.err;
  EXPECT_FALSE(nlohmann::json::parse(partial.out)["hits"].empty()) << partial.out;
}

TEST(IndexTool, SecondRunRedoesNothingAndChangedFilesAreRedone) {
  TempDir tmp;
  CopyMinutes(tmp.path() / "arkiv");
  std::string db = tmp / "db";
  ASSERT_EQ(RunTool("protokoll-index", {"--db", db, tmp / "arkiv"}).exit_code, 0);
  auto before = ItemIds(db);

  auto again = RunTool("protokoll-index", {"--db", db, tmp / "arkiv"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(Summary(again.err).find("indexed 0 files"), std::string::npos) << again.err;
  EXPECT_EQ(ItemIds(db), before);

  // Append to one file: only it is redone, and its new words are searchable.
  fs::path first = *fs::directory_iterator(tmp.path() / "arkiv");
  for (const auto& e : fs::directory_iterator(tmp.path() / "arkiv"))
    first = std::min(first, e.path());
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::ofstream(first, std::ios::app) << "\nÖvrigt: zebrafiskprojektet diskuterades.\n";
  auto changed = RunTool("protokoll-index", {"--db", db, tmp / "arkiv"});
  ASSERT_EQ(changed.exit_code, 0) << changed.err;
  EXPECT_NE(Summary(changed.err).find("indexed 1 files"), std::string::npos) << changed.err;
  Xapian::Database d(db);
  EXPECT_GT(d.get_termfreq("zebrafiskprojektet"), 0u);
  EXPECT_EQ(ItemsWithWrongData(db), 0u);
  // The redone file's items show their new text.
  auto q = RunTool("protokoll-query", {"--db", db, "--format", "json", "zebrafiskprojektet"});
  ASSERT_EQ(q.exit_code, 0) << q.err;
  auto hits = nlohmann::json::parse(q.out)["hits"];
  ASSERT_FALSE(hits.empty()) << q.out;
  EXPECT_NE(hits[0]["snippet"].get<std::string>().find("zebrafiskprojektet"), std::string::npos)
      << q.out;

  // Delete one: its documents go.
  fs::remove(first);
  auto removed = RunTool("protokoll-index", {"--db", db, tmp / "arkiv"});
  ASSERT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_NE(Summary(removed.err).find("removed 1"), std::string::npos) << removed.err;
  Xapian::Database d2(db);
  EXPECT_EQ(d2.get_termfreq("zebrafiskprojektet"), 0u);
  EXPECT_LT(d2.get_doccount(), before.size());
  EXPECT_EQ(ItemsWithWrongData(db), 0u);
}

TEST(IndexTool, MovingTheArchiveDoesNotReindexIt) {
  TempDir tmp;
  CopyMinutes(tmp.path() / "a" / "arkiv");
  std::string db = tmp / "db";
  ASSERT_EQ(RunTool("protokoll-index", {"--db", db, tmp / "a/arkiv"}).exit_code, 0);
  auto before = ItemIds(db);
  fs::create_directories(tmp.path() / "b");
  fs::rename(tmp.path() / "a" / "arkiv", tmp.path() / "b" / "arkiv");
  auto r = RunTool("protokoll-index", {"--db", db, tmp / "b/arkiv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Moving resets mtimes only if the filesystem does; ids must not change either way.
  EXPECT_NE(Summary(r.err).find("removed 0"), std::string::npos) << r.err;
  EXPECT_EQ(ItemIds(db), before);
}

TEST(IndexTool, BadFilesAreNamedAndTheRunGoesOn) {
  TempDir tmp;
  CopyMinutes(tmp.path() / "arkiv");
  std::ofstream(tmp / "arkiv/trasig.pdf") << "%PDF-1.4\nthis is not really a pdf";
  std::ofstream(tmp / "arkiv/bild.jpg") << "\xff\xd8\xff";
  std::string report = tmp / "report.json";
  auto r = RunTool("protokoll-index", {"--db", tmp / "db", "--report", report, tmp / "arkiv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("trasig.pdf"), std::string::npos) << r.err;
  auto j = nlohmann::json::parse(testing::ReadFile(report));
  EXPECT_EQ(j["indexed"], CountTxt(tmp.path() / "arkiv"));
  ASSERT_EQ(j["failed"].size(), 1u) << j.dump();
  EXPECT_NE(j["failed"][0]["file"].get<std::string>().find("trasig.pdf"), std::string::npos);
  EXPECT_FALSE(j["failed"][0]["reason"].get<std::string>().empty());
  bool jpg_skipped = false;
  for (const auto& s : j["skipped"]) {
    jpg_skipped |= s["file"].get<std::string>().find("bild.jpg") != std::string::npos;
  }
  EXPECT_TRUE(jpg_skipped) << j.dump();
  // The summary counts the files of other formats by their extensions.
  EXPECT_NE(r.err.find("skipped 1 file of other formats (.jpg)"), std::string::npos) << r.err;
}

TEST(IndexTool, AFolderWithNoMinutesSaysSo) {
  TempDir tmp;
  std::filesystem::create_directories(tmp / "tom");
  auto r = RunTool("protokoll-index", {"--db", tmp / "db", tmp / "tom"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("no minutes found"), std::string::npos) << r.err;
  CopyMinutes(tmp.path() / "arkiv");
  r = RunTool("protokoll-index", {"--db", tmp / "db2", tmp / "arkiv"});
  EXPECT_EQ(r.err.find("no minutes found"), std::string::npos) << r.err;
  r = RunTool("protokoll-index", {"--db", tmp / "db2", tmp / "arkiv"});  // nothing changed
  EXPECT_EQ(r.err.find("no minutes found"), std::string::npos) << r.err;
}

TEST(IndexTool, UsageErrorsExitOne) {
  TempDir tmp;
  auto none = RunTool("protokoll-index", {"--db", tmp / "db"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("name at least one file or folder"), std::string::npos) << none.err;
  auto missing = RunTool("protokoll-index", {"--db", tmp / "db", tmp / "finns-inte"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("no such file or folder"), std::string::npos) << missing.err;
  auto flag = RunTool("protokoll-index", {"--bogus"});
  EXPECT_EQ(flag.exit_code, 1);
  EXPECT_NE(flag.err.find("bogus"), std::string::npos) << flag.err;
  auto help = RunTool("protokoll-index", {"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Usage: protokoll-index"), std::string::npos);
}

TEST(IndexTool, DatabaseOfAnotherSchemaIsNotUpdated) {
  TempDir tmp;
  std::string db = tmp / "db";
  ASSERT_EQ(RunTool("protokoll-index", {"-q", "--db", db, Minutes()}).exit_code, 0);
  const Xapian::doccount docs = DocCount(db);
  {
    Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
    w.set_metadata("protokoll:schema", "1");
    w.commit();
  }
  auto r = RunTool("protokoll-index", {"--db", db, Minutes()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("schema version 1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("index into a new folder"), std::string::npos) << r.err;
  EXPECT_EQ(DocCount(db), docs);  // left as it was
}

// Minutes of one meeting whose items are given as {title, text}.
void WriteMinutes(const fs::path& file, const std::string& date,
                  const std::vector<std::pair<std::string, std::string>>& items) {
  std::ofstream out(file);
  out << "Socialchefsnätverket\n\nTid: " << date
      << "\nPlats: Kommunhuset, Berg\nDeltagare: Anna Ek, Berg, Per Lund, Bräcke\n\n";
  int n = 0;
  for (const auto& [title, text] : items)
    out << "§ " << ++n << " " << title << "\n" << text << "\n\n";
}

nlohmann::json QueryJson(const std::string& db, const std::string& q) {
  auto r = RunTool("protokoll-query", {"--db", db, "--format", "json", q});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out, nullptr, false);
}

TEST(IndexTool, SynonymPhrasesAreIndexedAsOneTerm) {
  TempDir tmp;
  const fs::path dir = tmp / "minutes";
  fs::create_directories(dir);
  WriteMinutes(dir / "a.txt", "Måndag den 10 maj 2021",
               {{"Mötets öppnande", "Ordföranden öppnade mötet."},
                {"Stöd till utsatta", "Ärenden om våld i nära relation har ökat under året."}});
  const std::string db = tmp / "db";
  ASSERT_EQ(RunTool("protokoll-index", {"-q", "--db", db, dir}).exit_code, 0);
  std::string fingerprint;
  {
    Xapian::Database d(db);
    EXPECT_GT(d.get_termfreq("XPvåld i nära relation"), 0u);
    fingerprint = d.get_metadata("protokoll:synonyms");
    EXPECT_FALSE(fingerprint.empty());
    EXPECT_NE(fingerprint, "mixed");
  }
  // "kvinnofrid" expands to the phrase, looked up as its term.
  nlohmann::json a = QueryJson(db, "kvinnofrid");
  ASSERT_EQ(a["total"], 1) << a.dump();
  EXPECT_EQ(a["hits"][0]["item"]["title"], "Stöd till utsatta");

  // As if a.txt had been indexed with a table without the phrase: once other files join
  // it, queries match the phrase's words again, and find both.
  {
    Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
    const std::string term = "XPvåld i nära relation";
    std::vector<Xapian::docid> ids(w.postlist_begin(term), w.postlist_end(term));
    for (Xapian::docid id : ids) {
      Xapian::Document doc = w.get_document(id);
      doc.remove_term(term);
      w.replace_document(id, doc);
    }
    w.set_metadata("protokoll:synonyms", "another table");
    w.commit();
  }
  WriteMinutes(dir / "b.txt", "Tisdag den 8 juni 2021",
               {{"Rutiner", "Rutinen mot våld i nära relation antas."}});
  ASSERT_EQ(RunTool("protokoll-index", {"-q", "--db", db, dir}).exit_code, 0);
  EXPECT_EQ(Xapian::Database(db).get_metadata("protokoll:synonyms"), "mixed");
  EXPECT_EQ(QueryJson(db, "kvinnofrid")["total"], 2);
}

TEST(IndexTool, ShortItemsRankAboveLongOnesWithTheWordAsOften) {
  TempDir tmp;
  const fs::path dir = tmp / "minutes";
  fs::create_directories(dir);
  std::string filler;
  for (int i = 0; i < 40; ++i) filler += " Nätverket diskuterar budget, lokaler och personal.";
  WriteMinutes(dir / "a.txt", "Måndag den 10 maj 2021",
               {{"Ekonomi", "Riksnormen påverkar kostnaderna." + filler},
                {"Normer", "Riksnormen höjs."},
                {"Övrigt", "Inget att rapportera." + filler}});
  const std::string db = tmp / "db";
  ASSERT_EQ(RunTool("protokoll-index", {"-q", "--db", db, dir}).exit_code, 0);
  nlohmann::json a = QueryJson(db, "riksnormen");
  ASSERT_EQ(a["total"], 2) << a.dump();
  EXPECT_EQ(a["hits"][0]["item"]["title"], "Normer");
  EXPECT_GT(a["hits"][0]["score"].get<double>(), a["hits"][1]["score"].get<double>());
}

TEST(IndexTool, SecondWriterIsToldTheDatabaseIsLocked) {
  TempDir tmp;
  std::string db = tmp / "db";
  Xapian::WritableDatabase holder(db, Xapian::DB_CREATE_OR_OPEN);
  auto start = std::chrono::steady_clock::now();
  auto r = RunTool("protokoll-index", {"--db", db, Minutes()});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("locked by another protokoll-index"), std::string::npos) << r.err;
}

TEST(IndexTool, DryRunPrintsMetadataAndWritesNothing) {
  TempDir tmp;
  auto r = RunTool("protokoll-index", {"--db", tmp / "db", "--dry-run", "--json", Minutes()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(tmp.path() / "db"));
  std::istringstream lines(r.out);
  std::string line;
  std::size_t n = 0;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line);
    for (const char* key : {"file", "meeting_id", "meeting_date", "date_inferred", "body", "county",
                            "municipalities", "topics", "items"}) {
      EXPECT_TRUE(j.contains(key)) << key << " missing in " << line.substr(0, 200);
    }
    ASSERT_FALSE(j["items"].empty());
    for (const char* key : {"number", "title", "decision", "topics"}) {
      EXPECT_TRUE(j["items"][0].contains(key)) << key;
    }
    ++n;
  }
  EXPECT_EQ(n, CountTxt(Minutes()));
}

TEST(IndexTool, ExplainsWhereDateBodyAndMunicipalityCameFromAndWarnsWithoutADate) {
  TempDir tmp;
  const fs::path arkiv = tmp.path() / "arkiv";
  fs::create_directories(arkiv);
  {
    std::ofstream(arkiv / "ks.txt")
        << "ÅNGE KOMMUN    SAMMANTRÄDESPROTOKOLL\nKommunstyrelsen\n"
           "Sammanträdesdatum  2024-11-05\nJustering 2024-11-08\n\n§ 150 Budget\n\n"
           "Kommunstyrelsen beslutar att anta budgeten.\n";
    std::ofstream(arkiv / "solberga.txt")
        << "Anteckningar\n\n1. Ekonomi\n\nSkolan öppnade den 3 maj 2021.\n";
  }
  auto r =
      RunTool("protokoll-index", {"--dry-run", "--explain", "--json", (arkiv / "ks.txt").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["meeting_date"], "2024-11-05");
  EXPECT_EQ(j["body"], "Kommunstyrelsen");
  EXPECT_EQ(j["municipalities"][0], "Ånge");
  std::map<std::string, std::pair<std::string, std::string>> evidence;
  for (const auto& e : j["evidence"]) evidence.try_emplace(e["field"], e["kind"], e["line"]);
  EXPECT_EQ(evidence["meeting_date"].second, "Sammanträdesdatum  2024-11-05");
  EXPECT_EQ(evidence["meeting_date"].first, "labelled 'sammanträdesdatum'");
  EXPECT_EQ(evidence["body"].second, "Kommunstyrelsen");
  EXPECT_EQ(evidence["municipalities"].first, "issuer: Ånge");
  EXPECT_EQ(evidence["municipalities"].second, "ÅNGE KOMMUN    SAMMANTRÄDESPROTOKOLL");
  // No date in the header or on a labelled line: none is invented, and the summary says so.
  auto index = RunTool("protokoll-index", {"--db", tmp / "db", arkiv.string()});
  ASSERT_EQ(index.exit_code, 0) << index.err;
  EXPECT_NE(index.err.find("1 file indexed with a warning"), std::string::npos) << index.err;
  EXPECT_NE(index.err.find("solberga.txt: no meeting date"), std::string::npos) << index.err;
  auto dry = RunTool("protokoll-index", {"--dry-run", "--json", (arkiv / "solberga.txt").string()});
  auto d = nlohmann::json::parse(dry.out);
  EXPECT_TRUE(d["meeting_date"].is_null());
  EXPECT_EQ(d["warnings"].size(), 1u);
}

TEST(IndexTool, ReadsAScannedProtocolByOcrOnceAndSaysSo) {
  TempDir tmp;
  const fs::path scans = tmp.path() / "scans";
  const std::string make = "python3 " + SourceDir() + "/bench/scan_pdf.py " + scans.string() + " " +
                           Minutes() + "/2025-03-11_socialnamndens-au-timra.txt >/dev/null 2>&1";
  if (std::system(make.c_str()) != 0) GTEST_SKIP() << "cannot make a scan (pdftoppm, img2pdf)";
  const std::string pdf = (scans / "2025-03-11_socialnamndens-au-timra.pdf").string();
  auto first = RunTool("protokoll-index", {"--db", tmp / "db", scans.string()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  if (first.err.find("read by OCR") == std::string::npos) GTEST_SKIP() << "no OCR: " << first.err;
  EXPECT_NE(first.err.find("read by OCR: 5 pages of 1 file (0 from the cache)"), std::string::npos)
      << first.err;
  // A dry run reads the pages from the database's cache, and marks them.
  auto dry = RunTool("protokoll-index", {"--db", tmp / "db", "--dry-run", "--json", pdf});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  auto j = nlohmann::json::parse(dry.out);
  EXPECT_EQ(j["ocr_pages"], 5);
  EXPECT_EQ(j["meeting_date"], "2025-03-11");
  EXPECT_EQ(j["body"], "Socialnämndens arbetsutskott");
  EXPECT_EQ(j["municipalities"][0], "Timrå");
  // A rebuild in the same folder reads no page again.
  for (const auto& e : fs::directory_iterator(tmp.path() / "db")) {
    if (e.path().filename() != "ocr-cache") fs::remove_all(e.path());
  }
  auto again = RunTool("protokoll-index", {"--db", tmp / "db", scans.string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("(5 from the cache)"), std::string::npos) << again.err;
  auto q = RunTool("protokoll-query", {"--db", tmp / "db", "--format", "json", "hemlöshet"});
  ASSERT_EQ(q.exit_code, 0) << q.err;
  EXPECT_EQ(nlohmann::json::parse(q.out)["hits"][0]["item"]["number"], "22");
}

// Writes n small minutes into dir.
void WriteSynthetic(const fs::path& dir, int n) {
  fs::create_directories(dir);
  for (int i = 0; i < n; ++i) {
    std::ofstream f(dir / ("protokoll-" + std::to_string(1000 + i) + ".txt"));
    f << "Minnesanteckningar nätverket 2021-03-" << (10 + i % 18) << "\n\nNärvarande: Anna Berg, "
      << "Krokoms kommun\n\n";
    for (int k = 1; k <= 6; ++k) {
      f << k << ". Ärende " << k << " om familjehem och sprutbyte nummer" << i << "\n";
      for (int s = 0; s < 30; ++s) f << "Nätverket diskuterar placeringar och hemsjukvård. ";
      f << "\n\n";
    }
  }
}

TEST(IndexTool, KilledRunFollowedByRerunEqualsCleanRun) {
  TempDir tmp;
  WriteSynthetic(tmp.path() / "arkiv", 600);
  std::string clean = tmp / "clean", crashed = tmp / "crashed";
  ASSERT_EQ(RunTool("protokoll-index", {"--db", clean, "--quiet", tmp / "arkiv"}).exit_code, 0);

  std::string bin = fs::path(PROTOKOLL_BIN_DIR) / "protokoll-index";
  bool killed_mid_run = false;
  for (int attempt = 0; attempt < 4 && !killed_mid_run; ++attempt) {
    pid_t pid = fork();
    if (pid == 0) {
      if (std::freopen("/dev/null", "w", stderr) == nullptr) _exit(126);
      std::string dir = tmp / "arkiv";
      execl(bin.c_str(), bin.c_str(), "--db", crashed.c_str(), "--batch", "20", "--quiet",
            dir.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300 + 200 * attempt));
    killed_mid_run = ::kill(pid, SIGKILL) == 0;
    int status = 0;
    waitpid(pid, &status, 0);
    killed_mid_run = killed_mid_run && WIFSIGNALED(status);
  }
  auto rerun = RunTool("protokoll-index", {"--db", crashed, tmp / "arkiv"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(DocCount(crashed), DocCount(clean));
  EXPECT_EQ(ItemIds(crashed), ItemIds(clean));
  Xapian::Database d(crashed);
  EXPECT_EQ(d.get_termfreq("nummer599"), 6u);  // the last file, all its items, once
}

}  // namespace
}  // namespace protokoll
