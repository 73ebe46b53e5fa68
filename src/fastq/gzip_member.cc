#include "fastq/gzip_member.h"

#include <isa-l/igzip_lib.h>

#include <fmt/format.h>

namespace cutover {
namespace {
size_t LevelBufSize(int level) {
  switch (level) {
    case 0: return ISAL_DEF_LVL0_DEFAULT;
    case 1: return ISAL_DEF_LVL1_DEFAULT;
    case 2: return ISAL_DEF_LVL2_DEFAULT;
    default: return ISAL_DEF_LVL3_DEFAULT;
  }
}
}  // namespace

GzipMemberCompressor::GzipMemberCompressor(int level)
    : level_(level < 0 ? 0 : level > 3 ? 3 : level) {}

Status GzipMemberCompressor::Compress(std::string_view data, ByteBuffer* out) {
  // Made on first use: a run with plain output never touches its 300 KB.
  if (level_buf_.empty()) level_buf_.assign(LevelBufSize(level_), '\0');
  isal_zstream stream;
  isal_deflate_init(&stream);
  stream.gzip_flag = IGZIP_GZIP;
  stream.level = static_cast<uint32_t>(level_);
  stream.level_buf = reinterpret_cast<uint8_t*>(level_buf_.data());
  stream.level_buf_size = static_cast<uint32_t>(level_buf_.size());
  stream.end_of_stream = 1;
  stream.flush = NO_FLUSH;
  stream.next_in = reinterpret_cast<uint8_t*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uint32_t>(data.size());
  const size_t start = out->size();
  // Incompressible data grows a little; leave room for headers and stored blocks.
  size_t capacity = data.size() + data.size() / 8 + 1024;
  out->Extend(capacity);
  size_t written = 0;
  while (true) {
    stream.next_out = reinterpret_cast<uint8_t*>(out->data() + start + written);
    stream.avail_out = static_cast<uint32_t>(capacity - written);
    int rc = isal_deflate(&stream);
    if (rc != COMP_OK) {
      out->Truncate(start);
      return Status::Internal(fmt::format("igzip compression failed (error {})", rc));
    }
    written = capacity - stream.avail_out;
    if (stream.internal_state.state == ZSTATE_END) break;
    const size_t more = capacity / 2 + 1024;
    out->Extend(more);
    capacity += more;
  }
  out->Truncate(start + written);
  return Status::Ok();
}

}  // namespace cutover
