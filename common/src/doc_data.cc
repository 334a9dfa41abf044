#include "protokoll/doc_data.h"

#include <lz4.h>

#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>

#include "protokoll/schema.h"

namespace protokoll::schema {
namespace {

// Packed data: a mark byte, the data's size (4 bytes, little-endian), then the data as one
// LZ4 block compressed against kDictionary. LZ4 reads items back four to five times faster
// than zstd (a hit's data is read for every answer), in about a quarter more room.
//
// kScrambledMark (schema 9): the block is XORed with a fixed keystream (Scramble). Xapian
// deflates every document data that zlib can shrink, and there is no way to turn that off;
// an LZ4 block still shrinks by about a sixth, and inflating it took ten times LZ4's own
// decoding (23 us against 2.3 us an item at 20,000 minutes): most of the time a results page
// spent reading its hits. Scrambled, the block gives zlib nothing to find and Xapian keeps it
// as it is. kPackedMark (schema 8) is still read.
constexpr char kPackedMark = '\x04';     // never the first byte of the JSON
constexpr char kScrambledMark = '\x05';  // neither
constexpr std::size_t kHeader = 5;
constexpr std::uint32_t kMaxSize = 1u << 30;

// XORs n bytes at p with the keystream of SplitMix64 from a fixed seed (its own inverse).
// Part of the index format.
void Scramble(char* p, std::size_t n) {
  std::uint64_t state = 0x70726f746f6b6f6cULL;  // "protokol"
  for (std::size_t i = 0; i < n; i += 8) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    const std::size_t m = n - i < 8 ? n - i : 8;
    std::uint64_t word = 0;
    std::memcpy(&word, p + i, m);  // the key's bytes in little-endian order, on any host
    if constexpr (std::endian::native == std::endian::big) z = __builtin_bswap64(z);
    word ^= z;
    std::memcpy(p + i, &word, m);
  }
}

// What every item's data is likely to hold: its JSON keys in the order the indexer writes
// them, and common Swedish words. Part of the index format: a change needs a new schema
// version.
constexpr char kDictionary[] =
    " som har ska kan inte eller från till med för att och det den de en ett är på av om i "
    "Beslut: beslutar att ansvarig handläggare kommunerna kommunen regionen socialtjänsten "
    "förvaltningen nämnden information diskussion redovisade presenterade "
    "{\"body\":\"\",\"county\":\" län\",\"date_inferred\":false,\"decision\":\"\",\"file\":\"/\","
    "\"item\":{\"number\":\"\",\"title\":\"\"},\"item_id\":\"-\",\"meeting_date\":\"20\","
    "\"meeting_id\":\"\",\"municipalities\":[\"\",\"\"],\"topics\":[\"\"]}\n";
constexpr int kDictionarySize = sizeof kDictionary - 1;

struct StreamFree {
  void operator()(LZ4_stream_t* s) const { LZ4_freeStream(s); }
};

}  // namespace

std::string PackDocData(std::string_view data) {
  if (data.size() > kMaxSize) return std::string(data);  // stored as it is
  thread_local std::unique_ptr<LZ4_stream_t, StreamFree> stream(LZ4_createStream());
  LZ4_resetStream_fast(stream.get());
  LZ4_loadDict(stream.get(), kDictionary, kDictionarySize);
  const int size = static_cast<int>(data.size());
  std::string out(kHeader + LZ4_compressBound(size), '\0');
  out[0] = kScrambledMark;
  for (int k = 0; k < 4; ++k) out[1 + k] = static_cast<char>((data.size() >> (8 * k)) & 0xFF);
  const int n = LZ4_compress_fast_continue(stream.get(), data.data(), out.data() + kHeader, size,
                                           static_cast<int>(out.size() - kHeader), 1);
  if (n <= 0) return std::string(data);
  out.resize(kHeader + n);
  Scramble(out.data() + kHeader, static_cast<std::size_t>(n));
  return out;
}

bool UnpackDocData(std::string_view stored, std::string* data) {
  if (stored.empty() || (stored[0] != kPackedMark && stored[0] != kScrambledMark)) {
    data->assign(stored);
    return true;
  }
  data->clear();
  if (stored.size() < kHeader) return false;
  std::uint32_t size = 0;
  for (int k = 0; k < 4; ++k)
    size |= std::uint32_t(static_cast<unsigned char>(stored[1 + k])) << (8 * k);
  // LZ4 packs at most 255 bytes into one: a larger size is a damaged header, not data.
  if (size > kMaxSize || size / 255 > stored.size()) return false;
  data->resize(size);
  std::string_view block = stored.substr(kHeader);
  thread_local std::string unscrambled;
  if (stored[0] == kScrambledMark) {
    unscrambled.assign(block);
    Scramble(unscrambled.data(), unscrambled.size());
    block = unscrambled;
  }
  const int n =
      LZ4_decompress_safe_usingDict(block.data(), data->data(), static_cast<int>(block.size()),
                                    static_cast<int>(size), kDictionary, kDictionarySize);
  if (n < 0 || static_cast<std::uint32_t>(n) != size) {
    data->clear();
    return false;
  }
  return true;
}

}  // namespace protokoll::schema
