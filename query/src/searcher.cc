#include "searcher.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unordered_map>

#include "protokoll/case_number.h"
#include "protokoll/doc_data.h"
#include "protokoll/item_record.h"
#include "protokoll/schema.h"
#include "protokoll/stemming/metadata_vocabulary.h"
#include "protokoll/xapian_metadata.h"
#include "protokoll/xapian_status.h"

namespace protokoll::query {
namespace {

namespace schema = protokoll::schema;
using Xapian::Query;

// BM25 for short items: moderate length normalisation (schema::kLengthB, done at index
// time), as items range from one line to pages.
constexpr double kK1 = 1.2;
// --prefer: preferred items get this on top, so they rank above all others; shown scores
// have it taken off again.
constexpr double kPreferBoost = 1e6;
// A query that is a case number: the items that carry it get this weight on top of their
// words' (BM25 weights of a few words stay far below it), so they come first.
constexpr double kCaseNumberWeight = 100;
// Filters alone: an agenda item gets this weight, a meeting's header none, so that where the
// order has nothing else to go by (one date's items, newest first) the items come before the
// header. Far below a day's difference in --recent's weight (over 1e-7 at its oldest) and
// below what a shown score rounds to (0.001).
constexpr double kAgendaItemWeight = 1e-9;
// --recent: a newest item gains up to this share of the top score, halving every half-life.
constexpr double kRecentShare = 0.5;
constexpr double kHalfLifeDays = 730;
// Totals are exact up to this many matches (two pages); above, the matcher may stop early and
// the total is its estimate ("about N"). Counting further exactly checks the words' positions
// in every phrase candidate and costs common words most (100 cost a tenth more per query
// than 20 on the judged queries); `stats` counts exactly.
constexpr Xapian::doccount kExactCount = 20;
// Answers that may hold up to this many matches are counted exactly, in a second run.
constexpr Xapian::doccount kExactRecount = 200;
// --facets count over up to this many matches.
constexpr Xapian::doccount kFacetSample = 50000;

// Days back from the newest meeting that --recent weighs at all: past 2^-13 of the boost
// (about 26 years at a half-life of two years) an item gains nothing.
constexpr double kRecentDays = 13 * kHalfLifeDays;

// --recent: max * 2^(-age / half-life), age in days from the newest meeting in the database
// (not today, so results do not drift with the clock), as a map from each day's value in
// kDayNumberSlot to its weight: Xapian's own ValueMapPostingSource, which a remote shard
// (xapian-tcpsrv) runs too.
Xapian::PostingSource* RecencySource(double newest_day, double oldest_day, double max_weight) {
  auto* source = new Xapian::ValueMapPostingSource(schema::kDayNumberSlot);
  for (double day = std::max(oldest_day, newest_day - kRecentDays); day <= newest_day; ++day) {
    source->add_mapping(Xapian::sortable_serialise(day),
                        max_weight * std::exp2(-(newest_day - day) / kHalfLifeDays));
  }
  return source;
}

// Puts each run of equal scores in hits (in rank order) in the order of the items' keys
// (key_of a hit); the keys are read only for such runs.
void SortTiesByKey(std::vector<Xapian::MSetIterator>* hits,
                   const std::function<std::string(const Xapian::MSetIterator&)>& key_of) {
  std::vector<Xapian::MSetIterator>& h = *hits;
  for (std::size_t i = 0; i < h.size();) {
    std::size_t j = i + 1;
    while (j < h.size() && h[j].get_weight() == h[i].get_weight()) ++j;
    if (j - i > 1) {
      std::vector<std::pair<std::string, Xapian::MSetIterator>> run;
      for (std::size_t k = i; k < j; ++k) {
        run.emplace_back(key_of(h[k]), h[k]);
      }
      std::stable_sort(run.begin(), run.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      for (std::size_t k = i; k < j; ++k) h[k] = run[k - i].second;
    }
    i = j;
  }
}

Status ParseFilterFlag(QueryBuilder* builder, Field field, const std::vector<std::string>& values,
                       std::vector<std::string>* notes, Query* out) {
  std::vector<Query> qs;
  for (const std::string& v : values) {
    Query q;
    Status s = builder->Filter(field, v, false, &q, notes);
    if (!s.ok()) return s;
    qs.push_back(q);
  }
  if (!qs.empty()) *out = Query(Query::OP_OR, qs.begin(), qs.end());
  return Status::OK();
}

}  // namespace

Status Guard(const std::function<Status()>& fn) {
  try {
    return fn();
  } catch (const Xapian::Error& e) {
    return FromXapian(e);
  } catch (const std::exception& e) {
    return Status::IOError(std::string("internal error: ") + e.what());
  }
}

nlohmann::ordered_json MetaJson(std::string_view meta) {
  using ojson = nlohmann::ordered_json;
  const auto data = nlohmann::json::parse(meta, nullptr, false);
  ojson out;
  for (const record::Field& f : record::kFields) {
    const std::string top(record::TopName(f));
    ojson stored = data.is_object() && data.contains(top) ? ojson(data[top]) : ojson(nullptr);
    if (f.parent.empty()) {
      if (f.absent == "[]" && !stored.is_array()) stored = ojson::array();
      out[top] = std::move(stored);
    } else {
      // The parent's object as stored (or an empty one), with each of its fields.
      if (!out.contains(top)) out[top] = stored.is_object() ? std::move(stored) : ojson::object();
      if (!out[top].contains(std::string(f.json))) out[top][std::string(f.json)] = nullptr;
    }
  }
  return out;
}

namespace {

nlohmann::ordered_json FromData(const std::string& all, std::string* text) {
  std::string_view json_part, text_part;
  schema::SplitDocData(all, &json_part, &text_part);
  if (text) text->assign(text_part);
  return MetaJson(json_part);
}

}  // namespace

nlohmann::ordered_json HitData(const schema::ItemStore& items, Xapian::docid did,
                               std::string* text) {
  std::string all;
  items.Get(did, &all);
  return FromData(all, text);
}

nlohmann::ordered_json HitData(const schema::ItemStore& items, const Match& match,
                               std::string* text) {
  std::string all;
  items.Get(match.did, match.doc, &all);
  return FromData(all, text);
}

Searcher::~Searcher() = default;

namespace {

// Opens the shards a stub database's file (XAPIANDB) lists, one by one as Xapian would (same
// order, so the same docids), so that a shard that does not answer is named: an error, or,
// with allow_partial, left out and named in *missing.
Status OpenStub(const std::string& dir, bool allow_partial, Xapian::Database* db,
                std::vector<std::string>* missing, std::vector<Xapian::Database>* parts,
                std::vector<bool>* remote) {
  std::ifstream in(dir + "/XAPIANDB");
  if (!in) return Status::NotFound("cannot read " + dir + "/XAPIANDB");
  *db = Xapian::Database();
  auto add = [&](Xapian::Database part, bool is_remote) {
    db->add_database(part);
    parts->push_back(std::move(part));
    remote->push_back(is_remote);
  };
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t space = line.find(' ');
    const std::string type = line.substr(0, space);
    std::string arg = space == std::string::npos ? "" : line.substr(space + 1);
    try {
      if (type == "auto" || type == "glass") {
        if (arg.empty() || arg[0] != '/') arg = dir + "/" + arg;
        add(type == "auto" ? Xapian::Database(arg)
                           : Xapian::Database(arg, Xapian::DB_BACKEND_GLASS),
            false);
      } else if (type == "remote" && !arg.empty() && arg[0] == ':') {
        const std::size_t args = arg.find(' ');
        add(Xapian::Remote::open(
                arg.substr(1, args == std::string::npos ? std::string::npos : args - 1),
                args == std::string::npos ? "" : arg.substr(args + 1)),
            true);
      } else if (type == "remote" && arg.rfind(':') != std::string::npos) {
        const std::size_t colon = arg.rfind(':');
        std::string host = arg.substr(0, colon);
        if (host.size() > 1 && host.front() == '[' && host.back() == ']') {
          host = host.substr(1, host.size() - 2);
        }
        add(Xapian::Remote::open(host, std::atoi(arg.c_str() + colon + 1)), true);
      } else {
        return Status::Unsupported("the line '" + line + "' of " + dir +
                                   "/XAPIANDB is no shard this tool reads (auto PATH, glass "
                                   "PATH, remote HOST:PORT or remote :PROGRAM ARGS)");
      }
    } catch (const Xapian::Error& e) {
      const std::string why = "the shard '" + line + "' of " + dir +
                              " does not answer: " + e.get_type() + ": " + XapianMessage(e);
      if (!allow_partial) return Status::IOError(why + " (--allow-partial answers without it)");
      missing->push_back(line);
    }
  }
  return Status::OK();
}

}  // namespace

Status Searcher::OpenDatabase(const std::string& path, Xapian::Database* db,
                              std::unique_ptr<schema::ItemStore>* items, bool allow_partial,
                              std::vector<std::string>* missing) {
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) {
    return Status::NotFound("no database at '" + path +
                            "' (create one with: protokoll-index --db " + path +
                            " FOLDER, or give --db DIR or $PROTOKOLL_DB)");
  }
  std::vector<std::string> left_out;
  if (!missing) missing = &left_out;
  Status st = Guard([&] {
    std::vector<Xapian::Database> parts;
    std::vector<bool> remote;
    if (!std::filesystem::exists(path + "/iamglass", ec) &&
        std::filesystem::exists(path + "/XAPIANDB", ec)) {
      Status s = OpenStub(path, allow_partial, db, missing, &parts, &remote);
      if (!s.ok()) return s;
    } else {
      *db = Xapian::Database(path);
    }
    std::string version = db->get_metadata(std::string(schema::kSchemaVersionKey));
    if (!version.empty() && !schema::ReadableSchema(version)) {
      return Status::Corruption("database '" + path + "' has schema version " + version +
                                "; this tool reads versions " +
                                std::string(schema::kOldestReadableSchema) + " to " +
                                std::string(schema::kSchemaVersion) + " (re-index it)");
    }
    Status s = schema::ItemStore::Open(path, *db, items);
    if (s.ok()) (*items)->SetParts(std::move(parts), std::move(remote));
    return s;
  });
  if (!st.ok() && st.code() == Status::Code::kNotFound) {
    return Status::NotFound("'" + path + "' is not a Protokoll database (" + st.message() + ")");
  }
  return st;
}

std::unique_ptr<stemming::MetadataVocabulary> Searcher::OpenVocabulary(const Xapian::Database& db) {
  // The analyses the indexer stored for the words it saw; each a round trip to a remote shard.
  return std::make_unique<stemming::MetadataVocabulary>(MetadataReader(db),
                                                        schema::kVocabularyPrefix, 1 << 16);
}

Status Searcher::OpenAnalyzer(stemming::Vocabulary* vocabulary,
                              std::unique_ptr<stemming::Analyzer>* analyzer) {
  stemming::AnalyzerOptions analyzer_options;
  analyzer_options.cache_entries = 1 << 14;
  analyzer_options.vocabulary = vocabulary;
  Status st = stemming::Analyzer::Open(analyzer_options, analyzer);
  if (!st.ok()) return Status::IOError("cannot load the Swedish analyzer: " + st.message());
  return Status::OK();
}

Status Searcher::Open(const QueryOptions& options, const Xapian::Database& db,
                      const schema::ItemStore& items, stemming::Analyzer* analyzer,
                      stemming::Vocabulary* vocabulary, bool phrase_terms,
                      std::unique_ptr<Searcher>* out) {
  std::unique_ptr<Searcher> s(new Searcher);
  s->options_ = options;
  s->db_ = db;
  s->items_ = &items;
  s->analyzer_ = analyzer;
  s->builder_ = std::make_unique<QueryBuilder>(s->analyzer_, s->db_, phrase_terms, vocabulary);
  if (options.time_limit > 0) {
    s->deadline_ = std::chrono::steady_clock::now() +
                   std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                       std::chrono::duration<double>(options.time_limit));
  }
  Status st = Guard([&] { return s->Prepare(); });
  if (!st.ok()) return st;
  *out = std::move(s);
  return Status::OK();
}

Status Searcher::Prepare() {
  const QueryOptions& o = options_;
  bool flags = !o.kommun.empty() || !o.county.empty() || !o.topic.empty() || !o.body.empty() ||
               !o.from.empty() || !o.to.empty();
  if (o.query.find_first_not_of(" \t\r\n") != std::string::npos) {
    Status s = ParseQuery(o.query, &root_);
    if (!s.ok()) return s;
    has_root_ = true;
    s = builder_->Build(root_, false, &built_);
    if (!s.ok()) return s;
    // A case number typed as the whole query, in any spelling ("SBN 2025:74" for the minutes'
    // "SBN/2025:74"): the items that carry it come first, then what the words find.
    if (schema::WrittenAsCaseNumber(o.query)) {
      const std::string term =
          std::string(schema::kCaseNumberPrefix) + schema::CaseNumberKey(o.query);
      if (db_.get_termfreq(term) > 0) {
        Query carried(Query::OP_FILTER,
                      Query((new Xapian::FixedWeightPostingSource(kCaseNumberWeight))->release()),
                      Query(term));
        built_.query = Query(Query::OP_OR, carried, built_.query);
        built_.relaxable = false;
      }
    }
  } else if (flags) {
    built_.query = Query::MatchAll;
  } else {
    return Status::InvalidArgument("empty query: give words to search for (see --help)");
  }
  notes_ = built_.notes;

  std::vector<Query> filters;
  // Each option is matched as its field of the query language (--body X as organ:"X").
  const struct {
    Field field;
    const char* option;
    const std::vector<std::string>* values;
  } kFlags[] = {{Field::kMunicipality, "kommun", &o.kommun},
                {Field::kCounty, "county", &o.county},
                {Field::kTopic, "topic", &o.topic},
                {Field::kBody, "body", &o.body}};
  for (const auto& flag : kFlags) {
    Query q;
    Status s = ParseFilterFlag(builder_.get(), flag.field, *flag.values, &notes_, &q);
    if (!s.ok())
      return Status::InvalidArgument("--" + std::string(flag.option) + ": " + s.message());
    if (!q.empty()) filters.push_back(q);
  }
  if (!o.from.empty() || !o.to.empty()) {
    Query q;
    Status s = builder_->Filter(Field::kDate, o.from + ".." + o.to, false, &q, &notes_);
    if (!s.ok()) return Status::InvalidArgument("--from/--to: " + s.message());
    filters.push_back(q);
  }
  if (!filters.empty()) flags_filter_ = Query(Query::OP_AND, filters.begin(), filters.end());

  std::vector<Query> prefer;
  for (const std::string& p : o.prefer) {
    Node node;
    Status s = ParseQuery(p, &node);
    bool ok = s.ok() && (node.kind == Node::Kind::kWord || node.kind == Node::Kind::kPhrase) &&
              IsFilterField(node.field) && node.sign == 0;
    if (!ok) {
      return Status::InvalidArgument(
          "--prefer takes a field and a value, like kommun:Berg, "
          "län:jämtland or ämne:missbruk (got '" +
          p + "')");
    }
    Query q;
    s = builder_->Filter(node.field, node.text, node.wildcard, &q, &notes_);
    if (!s.ok()) return Status::InvalidArgument("--prefer: " + s.message());
    prefer.push_back(q);
  }
  if (!prefer.empty()) prefer_ = Query(Query::OP_OR, prefer.begin(), prefer.end());
  return Status::OK();
}

Xapian::Query Searcher::Compose(const Query& core) {
  Query q = core;
  if (!flags_filter_.empty()) q = Query(Query::OP_FILTER, q, flags_filter_);
  if (options_.after_generation >= 0 || options_.through_generation >= 0) {
    // Items of a generation not yet committed (an indexing run under way) are left out
    // by through_generation; items of a database before generations have no value at all.
    const std::string low =
        Xapian::sortable_serialise(static_cast<double>(options_.after_generation + 1));
    const Query range =
        options_.through_generation >= 0
            ? Query(Query::OP_VALUE_RANGE, schema::kGenerationSlot, low,
                    Xapian::sortable_serialise(static_cast<double>(options_.through_generation)))
            : Query(Query::OP_VALUE_GE, schema::kGenerationSlot, low);
    q = Query(Query::OP_FILTER, q, range);
  }
  if (options_.recent && db_.get_doccount() > 0) {
    Xapian::Enquire probe = MakeEnquire(q, SortOrder::kRelevance, false);
    Xapian::MSet top = probe.get_mset(0, 1);
    double best = top.empty() ? 0 : top.get_max_attained();
    double max_weight = best > 0 ? best * kRecentShare : 1.0;
    std::string upper = db_.get_value_upper_bound(schema::kDayNumberSlot);
    std::string lower = db_.get_value_lower_bound(schema::kDayNumberSlot);
    if (!upper.empty() && !lower.empty()) {
      auto* source = RecencySource(std::round(Xapian::sortable_unserialise(upper)),
                                   std::round(Xapian::sortable_unserialise(lower)), max_weight);
      q = Query(Query::OP_AND_MAYBE, q, Query(source->release()));
    }
  }
  if (!built_.has_text) {
    // Xapian breaks ties by docid, and a meeting's header is indexed before its items: without
    // this, a query of filters alone lists each meeting's header first.
    const Query agenda(Query::OP_AND_NOT,
                       Query((new Xapian::FixedWeightPostingSource(kAgendaItemWeight))->release()),
                       Query(std::string(schema::kHeaderTerm)));
    q = Query(Query::OP_AND_MAYBE, q, agenda);
  }
  if (!prefer_.empty()) {
    Query boost(Query::OP_FILTER,
                Query((new Xapian::FixedWeightPostingSource(kPreferBoost))->release()), prefer_);
    q = Query(Query::OP_AND_MAYBE, q, boost);
  }
  return q;
}

bool Searcher::FacetSlots() {
  if (!facet_slots_) facet_slots_ = HasFacetSlots(db_);
  return *facet_slots_;
}

Status Searcher::CheckTime() const {
  if (options_.time_limit <= 0 || std::chrono::steady_clock::now() < deadline_) {
    return Status::OK();
  }
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%g", options_.time_limit);
  return Status::LimitExceeded(std::string("the query took longer than ") + seconds +
                               " s; narrow it with more words, filters or a date range");
}

SortOrder Searcher::Effective(SortOrder order) const {
  // Filters alone rank nothing: show the newest first.
  if (order == SortOrder::kRelevance && !built_.has_text && prefer_.empty() && !options_.recent) {
    return SortOrder::kDate;
  }
  return order;
}

Xapian::Enquire Searcher::MakeEnquire(const Query& query, SortOrder order, bool tie_key) {
  Xapian::Enquire e(db_);
  e.set_query(query);
  if (options_.time_limit > 0) {
    // The matcher stops early at the deadline (its answer is then refused by CheckTime).
    const double left =
        std::chrono::duration<double>(deadline_ - std::chrono::steady_clock::now()).count();
    e.set_time_limit(std::max(left, 0.001));
  }
  // BM25 without document lengths: the index normalised the wdf (schema::kWdfScale).
  e.set_weighting_scheme(Xapian::BM25Weight(kK1 * schema::kWdfScale, 0, 1, 0, 0.5));
  order = Effective(order);
  if (order == SortOrder::kDate) e.set_sort_by_value_then_relevance(schema::kDateSlot, true);
  if (order == SortOrder::kDateAsc) e.set_sort_by_value_then_relevance(schema::kDateSlot, false);
  if (order == SortOrder::kAdded) {
    auto* keys = new Xapian::MultiValueKeyMaker;
    keys->add_value(schema::kGenerationSlot, true);
    keys->add_value(schema::kDateSlot, true);
    e.set_sort_by_key_then_relevance(keys->release(), false);
  }
  // Equal scores in the order of the items' keys, not of docids: the same in one database and
  // in any sharding of it (ForEach does the same for the date orders).
  if (order == SortOrder::kRelevance && tie_key)
    e.set_sort_by_relevance_then_value(schema::kItemKeySlot, false);
  return e;
}

std::optional<std::string> Searcher::Suggest() {
  std::string q = options_.query;
  bool changed = false;
  std::vector<QueryWord> words = built_.words;
  std::sort(words.begin(), words.end(),
            [](const QueryWord& a, const QueryWord& b) { return a.begin > b.begin; });
  for (const QueryWord& w : words) {
    // A word the index has in another form is no slip ("språktillägg" of "språktillägget").
    if (w.end > q.size() || w.begin >= w.end || w.indexed || db_.get_termfreq(w.folded) > 0) {
      continue;
    }
    std::string s = db_.get_spelling_suggestion(w.folded, 2);
    if (s.empty() || s == w.folded) continue;
    q.replace(w.begin, w.end - w.begin, s);
    changed = true;
  }
  if (!changed) return std::nullopt;
  return q;
}

Status Searcher::Search(SearchResult* result) {
  return Guard([&] {
    *result = SearchResult();
    result->query = options_.query;
    result->facets_requested = options_.facets;
    const Xapian::doccount limit = options_.limit < 0 ? 10 : options_.limit;
    const Xapian::doccount offset = std::max(0, options_.offset);
    const Xapian::doccount all = db_.get_doccount();
    Xapian::MSet mset;
    std::unique_ptr<FacetCounter> facets;
    // The page's hits in rank order: of mset, from its index first.
    std::vector<Xapian::MSetIterator> page;
    std::vector<schema::ItemStore::Read> reads;  // read at once (remote shards), by docid:
    std::unordered_map<Xapian::docid, const schema::ItemStore::Read*> fetched;
    for (int attempt = 0; attempt < 2; ++attempt) {
      // One more than kExactCount: with exactly that many matches, the matcher must look for
      // another to know the total is exact.
      Xapian::doccount check = std::min(all, options_.facets ? kFacetSample : kExactCount + 1);
      // Through two or more remote servers, Xapian 1.4's match spies count more matches than there
      // are when a server has more matches than the page asks of it: there the facets are
      // counted in a run of their own that asks for no hits.
      const bool facets_apart = options_.facets && items_->remote_parts();
      bool last_key = false;
      Xapian::doccount last_from = 0, last_count = 0;
      auto run = [&](bool tie_key, Xapian::doccount from, Xapian::doccount count) {
        last_key = tie_key;
        last_from = from;
        last_count = count;
        Xapian::Enquire e = MakeEnquire(Compose(built_.query), options_.sort, tie_key);
        if (options_.collapse) e.set_collapse_key(schema::kMeetingIdSlot);
        if (options_.facets && !facets_apart) {
          facets = std::make_unique<FacetCounter>(FacetSlots());
          facets->AddTo(&e);
        }
        mset = e.get_mset(from, count, std::max(check, from + count));
      };
      if (facets_apart) {
        Xapian::Enquire e = MakeEnquire(Compose(built_.query), SortOrder::kRelevance, false);
        if (options_.collapse) e.set_collapse_key(schema::kMeetingIdSlot);
        facets = std::make_unique<FacetCounter>(FacetSlots());
        facets->AddTo(&e);
        e.get_mset(0, 0, check);
      }
      // Equal scores must come in the items' keys' order (the same in one database and in
      // any sharding of it), but asking Xapian for that order reads the key of every match
      // it considers. Instead the page is asked for with a hit on each side in docid order;
      // only when equal scores cross the page's edge is it asked for again in key order.
      // Within the page, equal scores are put in key order below. With facets, the matcher
      // reads every match's values anyway, and a second run would count them all again.
      bool keyed = Effective(options_.sort) != SortOrder::kRelevance || options_.facets;
      const Xapian::doccount from = keyed || offset == 0 ? offset : offset - 1;
      run(keyed, from, keyed ? limit : limit + (offset - from) + 1);
      if (!keyed) {
        const Xapian::doccount begin = offset - from;
        const Xapian::doccount end = std::min<Xapian::doccount>(begin + limit, mset.size());
        auto weight = [&](Xapian::doccount i) { return mset[i].get_weight(); };
        if ((begin > 0 && begin < mset.size() && weight(begin - 1) == weight(begin)) ||
            (end > begin && end < mset.size() && weight(end - 1) == weight(end))) {
          run(true, offset, limit);
          keyed = true;
        }
      }
      // An estimate is far off on small answers ("about 40" for 22): where at most
      // kExactRecount can match, the matcher counts them all. With --collapse it counts
      // meetings exactly only when it keeps them all, so it is asked for them all (the page
      // is taken from them below).
      if (mset.get_matches_lower_bound() != mset.get_matches_upper_bound() &&
          mset.get_matches_upper_bound() <= kExactRecount && !facets_apart) {
        check = std::min(all, kExactRecount + 1);
        run(last_key, last_from,
            options_.collapse ? std::max(last_count, kExactRecount + 1) : last_count);
      }
      page.clear();
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        const Xapian::doccount rank = it.get_rank();
        if (rank >= offset && rank - offset < limit) page.push_back(it);
      }
      // Remote shards: the page's documents read at once, a thread a server.
      std::vector<Xapian::docid> dids;
      for (const auto& it : page) dids.push_back(*it);
      fetched.clear();
      if (items_->ReadInParallel(dids, schema::kItemKeySlot, &reads)) {
        for (std::size_t i = 0; i < dids.size(); ++i) fetched[dids[i]] = &reads[i];
      }
      if (!keyed) {
        SortTiesByKey(&page, [&](const Xapian::MSetIterator& it) {
          auto f = fetched.find(*it);
          return f != fetched.end() ? f->second->value
                                    : it.get_document().get_value(schema::kItemKeySlot);
        });
      }
      Status late = CheckTime();
      if (!late.ok()) return late;
      if (mset.get_matches_upper_bound() > 0 || attempt > 0 || !built_.relaxable ||
          options_.strict) {
        break;
      }
      // No item has all the words: rank the items that have some of them.
      BuiltQuery relaxed;
      Status s = builder_->Build(root_, true, &relaxed);
      if (!s.ok()) return s;
      built_ = std::move(relaxed);
      notes_.push_back("no item has all of the words; showing items with some of them");
    }
    result->total = mset.get_matches_estimated();
    result->total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    result->sort = Effective(options_.sort);
    // The hits' data is read in document order, not rank order: neighbouring documents share
    // the blocks of Xapian's B-tree that hold it, so fewer of them are read.
    std::vector<std::size_t> by_doc(page.size());
    for (std::size_t i = 0; i < page.size(); ++i) by_doc[i] = i;
    std::sort(by_doc.begin(), by_doc.end(),
              [&](std::size_t a, std::size_t b) { return *page[a] < *page[b]; });
    result->hits.resize(page.size());
    SnippetMaker snippets(analyzer_, built_.highlight);
    for (std::size_t i : by_doc) {
      const Xapian::MSetIterator& it = page[i];
      Hit& hit = result->hits[i];
      hit.rank = static_cast<int>(offset + i) + 1;
      hit.score = it.get_weight();
      if (hit.score >= kPreferBoost) hit.score -= kPreferBoost;
      hit.score = std::round(hit.score * 1000) / 1000;
      thread_local std::string all;  // reused: no allocation per hit
      auto f = fetched.find(*it);
      const bool ok = f != fetched.end() ? !f->second->packed.empty() &&
                                               schema::UnpackDocData(f->second->packed, &all)
                                         : items_->Get(*it, it.get_document(), &all);
      if (!ok) {
        return Status::Corruption("the stored data of item " + std::to_string(*it) +
                                  " is damaged; re-index into a new database");
      }
      std::string_view meta, text;
      schema::SplitDocData(all, &meta, &text);
      hit.meta.assign(meta);
      hit.text.assign(text);
      hit.snippet = snippets.Make(hit.text);
      if (options_.generations) {
        const std::string value = it.get_document().get_value(schema::kGenerationSlot);
        hit.generation =
            value.empty() ? 0 : static_cast<long long>(Xapian::sortable_unserialise(value));
        if (hit.generation > 0) {
          hit.added = db_.get_metadata(std::string(schema::kGenerationTimePrefix) +
                                       schema::GenerationKey(hit.generation));
        }
      }
    }
    if (options_.facets) result->facets = facets->Result(db_, *items_, 20);
    // A slip may also be read as a compound ("budgett": "bud", "gett") that finds items.
    const bool absent = std::any_of(built_.words.begin(), built_.words.end(),
                                    [](const QueryWord& w) { return !w.indexed; });
    if ((result->total < 3 || absent) && has_root_ && !options_.strict) {
      result->suggestion = Suggest();
    }
    return Status::OK();
  });
}

Status Searcher::ForEach(SortOrder order, const std::function<bool(const Match&)>& fn) {
  return Guard([&] {
    Xapian::Enquire e = MakeEnquire(Compose(built_.query), order);
    Xapian::doccount all = db_.get_doccount();
    Xapian::MSet mset = e.get_mset(0, std::max<Xapian::doccount>(all, 1), all);
    Status late = CheckTime();
    if (!late.ok()) return late;
    Xapian::doccount walked = 0;
    // In the date orders, a run of matches of one date and score is handed on in the order of
    // the items' keys (Xapian gives them in docid order, which depends on the sharding).
    const bool by_date = order != SortOrder::kRelevance && mset.size() > 0 &&
                         mset.begin().get_document().get_value(schema::kItemKeySlot) != "";
    std::vector<Match> run;
    auto flush = [&] {
      std::stable_sort(run.begin(), run.end(), [](const Match& a, const Match& b) {
        return a.doc.get_value(schema::kItemKeySlot) < b.doc.get_value(schema::kItemKeySlot);
      });
      for (const Match& m : run) {
        if (!fn(m)) return false;
      }
      run.clear();
      return true;
    };
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      if (++walked % 256 == 0 && !(late = CheckTime()).ok()) return late;
      Match m{*it, it.get_document(), it.get_weight()};
      if (m.score >= kPreferBoost) m.score -= kPreferBoost;
      if (!by_date) {
        if (!fn(m)) break;
        continue;
      }
      if (!run.empty() && (run[0].score != m.score || run[0].doc.get_value(schema::kDateSlot) !=
                                                          m.doc.get_value(schema::kDateSlot))) {
        if (!flush()) return Status::OK();
      }
      run.push_back(std::move(m));
    }
    if (by_date) flush();
    return Status::OK();
  });
}

}  // namespace protokoll::query
