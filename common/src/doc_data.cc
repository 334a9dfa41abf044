#include "protokoll/doc_data.h"

#include <zstd.h>

#include <cstring>
#include <memory>

namespace protokoll::schema {
namespace {

// Level 3 (zstd's default): about zlib's size on minutes; a higher level costs indexing time
// and reads back no faster.
constexpr int kLevel = 3;
constexpr unsigned char kMagic[4] = {0x28, 0xB5, 0x2F, 0xFD};  // a zstd frame's first bytes

struct CCtxFree {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct DCtxFree {
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

}  // namespace

std::string PackDocData(std::string_view data) {
  thread_local std::unique_ptr<ZSTD_CCtx, CCtxFree> ctx(ZSTD_createCCtx());
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const std::size_t n =
      ZSTD_compressCCtx(ctx.get(), out.data(), out.size(), data.data(), data.size(), kLevel);
  if (ZSTD_isError(n)) return std::string(data);  // read back as it is
  out.resize(n);
  return out;
}

bool UnpackDocData(std::string_view stored, std::string* data) {
  if (stored.size() < sizeof kMagic || std::memcmp(stored.data(), kMagic, sizeof kMagic) != 0) {
    data->assign(stored);
    return true;
  }
  const unsigned long long size = ZSTD_getFrameContentSize(stored.data(), stored.size());
  data->clear();
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ull << 31)) {
    return false;
  }
  thread_local std::unique_ptr<ZSTD_DCtx, DCtxFree> ctx(ZSTD_createDCtx());
  data->resize(size);
  const std::size_t n =
      ZSTD_decompressDCtx(ctx.get(), data->data(), data->size(), stored.data(), stored.size());
  if (ZSTD_isError(n) || n != size) {
    data->clear();
    return false;
  }
  return true;
}

}  // namespace protokoll::schema
