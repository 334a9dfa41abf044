// The item record: the fields a search hit tells of an item and its meeting, their JSON names
// and their order. The indexer writes an item's stored data in this order (schema.h, "Document
// data"); the query tools read it back and write hits, timeline rows, matters and KWIC lines
// from it as JSON, CSV and text. A field added here is stored (the indexer's ItemRecordJson
// gives its value: the compiler asks for the case) and shown in every JSON answer; CSV columns
// and text lines show the fields that their column lists and layouts name.
#ifndef PROTOKOLL_ITEM_RECORD_H_
#define PROTOKOLL_ITEM_RECORD_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

namespace protokoll::record {

enum class Key : uint8_t {
  kMeetingId,
  kItemId,
  kFile,
  kMeetingDate,
  kDateInferred,
  kBody,
  kCounty,
  kMunicipalities,
  kItemNumber,
  kItemTitle,
  kTopics,
  kDecision,
  kDnr,
};

struct Field {
  Key key;
  std::string_view json;    // its JSON name (within parent's object when parent is not "")
  std::string_view parent;  // "item" for the item's number and title: {"item": {"number", ...}}
  std::string_view csv;     // its CSV column
  // The JSON a hit shows when the stored data lacks the field: "null", or "[]" for the case
  // numbers, which databases before schema 7 do not have.
  std::string_view absent;
  // Part of the item's content (kContentHashSlot): all but where the item is (ids, file).
  bool content;
};

// In the order of the search-hit JSON (DESIGN.md) and of the stored data. The fields a later
// schema added come last, so that older data holds the ones before them in this order.
inline constexpr Field kFields[] = {
    {Key::kMeetingId, "meeting_id", "", "meeting_id", "null", false},
    {Key::kItemId, "item_id", "", "item_id", "null", false},
    {Key::kFile, "file", "", "file", "null", false},
    {Key::kMeetingDate, "meeting_date", "", "meeting_date", "null", true},
    {Key::kDateInferred, "date_inferred", "", "date_inferred", "null", true},
    {Key::kBody, "body", "", "body", "null", true},
    {Key::kCounty, "county", "", "county", "null", true},
    {Key::kMunicipalities, "municipalities", "", "municipalities", "null", true},
    {Key::kItemNumber, "number", "item", "item_number", "null", true},
    {Key::kItemTitle, "title", "item", "item_title", "null", true},
    {Key::kTopics, "topics", "", "topics", "null", true},
    {Key::kDecision, "decision", "", "decision", "null", true},
    {Key::kDnr, "dnr", "", "dnr", "[]", true},
};
inline constexpr std::size_t kFieldCount = std::size(kFields);

// The field of key (kFields is in Key order).
constexpr const Field& Get(Key key) { return kFields[static_cast<std::size_t>(key)]; }

// The field's name at the top of the record: its own, or its parent's ("item").
constexpr std::string_view TopName(const Field& f) { return f.parent.empty() ? f.json : f.parent; }

// Whether kFields[i] starts a top-level member: it has no parent, or is its parent's first.
constexpr bool StartsTop(std::size_t i) {
  return i == 0 || TopName(kFields[i]) != TopName(kFields[i - 1]);
}

// How many top-level members a record has (a parent's fields are one: "item").
inline constexpr std::size_t kTopCount = [] {
  std::size_t n = 0;
  for (std::size_t i = 0; i < kFieldCount; ++i) n += StartsTop(i);
  return n;
}();

// The top-level members' names in order: "meeting_id", ..., "item", "topics", ...
inline constexpr std::array<std::string_view, kTopCount> kTopNames = [] {
  std::array<std::string_view, kTopCount> names{};
  std::size_t n = 0;
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    if (StartsTop(i)) names[n++] = TopName(kFields[i]);
  }
  return names;
}();

// The field's value in a record's JSON (an nlohmann::json object such as MetaJson makes), or
// nullptr when it has none. A template, so that this header needs no JSON library.
template <typename Json>
const Json* Find(const Json& data, Key key) {
  const Field& f = Get(key);
  const Json* at = &data;
  if (!f.parent.empty()) {
    const auto parent = data.find(std::string(f.parent));
    if (parent == data.end() || !parent->is_object()) return nullptr;
    at = &*parent;
  }
  const auto it = at->find(std::string(f.json));
  return it == at->end() ? nullptr : &*it;
}

namespace internal {
constexpr bool InKeyOrder() {
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    if (static_cast<std::size_t>(kFields[i].key) != i) return false;
  }
  return true;
}
}  // namespace internal
static_assert(internal::InKeyOrder(), "kFields is in Key order");

}  // namespace protokoll::record

#endif  // PROTOKOLL_ITEM_RECORD_H_
