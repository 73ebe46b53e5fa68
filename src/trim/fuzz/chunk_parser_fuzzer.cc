// libFuzzer target: cutting any input into chunks (RecordChunker) and parsing them
// (ChunkParser) gives the same records, and an error exactly when FastqReader on the whole does,
// both with cutadapt's rules (as `cutover trim` reads).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "fastq/fastq_reader.h"
#include "trim/record_chunker.h"

namespace {
using namespace cutover;

// An in-memory input stream.
class Memory : public InputStream {
 public:
  explicit Memory(std::string data) : data_(std::move(data)) {}
  Result<size_t> Read(char* dst, size_t n) override {
    size_t k = std::min(n, data_.size() - pos_);
    if (k > 0) std::memcpy(dst, data_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  bool compressed() const override { return false; }
  uint64_t position() const override { return pos_; }
  const std::string& name() const override { return name_; }

 private:
  std::string data_;
  std::string name_ = "in.fq";
  size_t pos_ = 0;
};

std::string Show(const FastqRecord& r) {
  return std::string(r.name) + "|" + std::string(r.sequence) + "|" + std::string(r.plus) + "|" +
         std::string(r.quality) + "|" + std::to_string(r.number) + "|" + std::to_string(r.line);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const size_t chunk_bytes = 1 + data[0] % 64;
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  std::vector<std::string> whole, chunked;
  std::string whole_error, chunked_error;
  {
    FastqReaderOptions options;
    options.rules = kCutadaptRules;
    FastqReader reader(std::make_unique<Memory>(text), options);
    FastqRecord r;
    while (true) {
      auto more = reader.Next(&r);
      if (!more.ok()) {
        whole_error = more.status().message();
        break;
      }
      if (!*more) break;
      whole.push_back(Show(r));
    }
  }
  {
    trim::RecordChunker chunker(std::make_unique<Memory>(text));
    trim::RecordChunk chunk;
    while (chunked_error.empty()) {
      auto got = chunker.NextBytes(chunk_bytes, &chunk);
      if (!got.ok()) {
        chunked_error = got.status().message();
        break;
      }
      if (!*got) break;
      trim::ChunkParser parser(chunk, "in.fq", kCutadaptRules);
      FastqRecord r;
      while (true) {
        auto more = parser.Next(&r);
        if (!more.ok()) {
          chunked_error = more.status().message();
          break;
        }
        if (!*more) break;
        chunked.push_back(Show(r));
      }
    }
  }
  // Records before the first error agree; both see an error or neither does.
  if (whole_error.empty() != chunked_error.empty()) std::abort();
  if (whole_error.empty() && whole != chunked) std::abort();
  return 0;
}
