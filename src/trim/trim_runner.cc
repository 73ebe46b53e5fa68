#include "trim/trim_runner.h"

#include <fmt/format.h>

#include <array>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "fastq/fastq_reader.h"
#include "fastq/gzip_member.h"
#include "fastq/output_file.h"
#include "trim/read_trimmer.h"
#include "trim/record_chunker.h"
#include "trim/trim_input.h"

namespace cutover::trim {
namespace {

constexpr size_t kFlushBytes = 1 << 20;  // single-threaded: output written in pieces of this

// An append-only byte buffer that does not zero what it grows into.
class ByteBuffer {
 public:
  ByteBuffer() = default;
  ByteBuffer(ByteBuffer&& o) noexcept { *this = std::move(o); }
  ByteBuffer& operator=(ByteBuffer&& o) noexcept {
    data_ = std::move(o.data_);
    size_ = std::exchange(o.size_, 0);
    capacity_ = std::exchange(o.capacity_, 0);
    return *this;
  }
  size_t size() const { return size_; }
  const char* data() const { return data_.get(); }
  std::string_view view() const { return {data_.get(), size_}; }
  void clear() { size_ = 0; }
  // Room for `n` bytes in all (the content is kept): one allocation instead of several as the
  // buffer doubles, each of whose pages is faulted in anew.
  void Reserve(size_t n) {
    if (n > capacity_) Grow(n);
  }
  char* Extend(size_t n) {
    if (size_ + n > capacity_) Grow(std::max(capacity_ * 2, size_ + n + (64 << 10)));
    char* p = data_.get() + size_;
    size_ += n;
    return p;
  }

 private:
  void Grow(size_t cap) {
    std::unique_ptr<char[]> bigger(new char[cap]);
    if (size_ > 0) std::memcpy(bigger.get(), data_.get(), size_);
    data_ = std::move(bigger);
    capacity_ = cap;
  }
  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

void Put(char*& p, std::string_view s) {
  std::memcpy(p, s.data(), s.size());
  p += s.size();
}

// cutadapt (dnaio) writes "@name", the sequence, a bare "+", the qualities.
void AppendFastq(ByteBuffer* out, const ReadView& r) {
  char* p = out->Extend(r.name.size() + 2 * r.sequence.size() + 6);
  *p++ = '@';
  Put(p, r.name);
  *p++ = '\n';
  Put(p, r.sequence);
  *p++ = '\n';
  *p++ = '+';
  *p++ = '\n';
  Put(p, r.quality);
  *p++ = '\n';
}

// dnaio: the third line repeats the header or is empty.
Status CheckPlusLine(const std::string& file, const FastqRecord& r) {
  if (r.plus.empty() || r.plus == r.name) return Status::Ok();
  return Status::Corruption(fmt::format(
      "{}: record {} (line {}): the '+' line ('{}') must be empty or repeat the header ('{}')",
      file, r.number, r.line + 2, r.plus.substr(0, 60), r.name.substr(0, 60)));
}

Status ImproperPair(const std::string& file1, const FastqRecord& a, const FastqRecord& b) {
  return Status::Corruption(fmt::format(
      "reads are improperly paired: record {} is '{}' in {} (line {}) but '{}' in the second "
      "file",
      a.number, a.name.substr(0, 80), file1, a.line, b.name.substr(0, 80)));
}

Status CountMismatch(const std::string& longer, const std::string& shorter, int64_t records) {
  return Status::Corruption(fmt::format(
      "reads are improperly paired: {} has more reads than {} ({} has {} reads)", longer, shorter,
      shorter, records));
}

// The output files and how bytes are encoded for them.
struct Outputs {
  std::unique_ptr<OutputFile> file[2];
  bool gzip[2] = {false, false};
  bool wrote[2] = {false, false};

  static Result<Outputs> Open(const TrimIo& io, bool paired) {
    Outputs o;
    const std::string* names[2] = {&io.output1, &io.output2};
    for (int i = 0; i < (paired ? 2 : 1); ++i) {
      CUTOVER_ASSIGN_OR_RETURN(o.file[i], OutputFile::Open(*names[i]));
      o.gzip[i] = IsGzipName(*names[i]);
    }
    return o;
  }
  // Writes bytes that are already encoded (compressed when gzip[i]).
  Status WriteEncoded(int i, std::string_view bytes) {
    if (bytes.empty()) return Status::Ok();
    wrote[i] = true;
    return file[i]->Write(bytes);
  }
  Status Commit(GzipMemberCompressor* compressor) {
    for (int i = 0; i < 2; ++i) {
      if (!file[i]) continue;
      // An empty gzip output is still a gzip file (one empty member), as cutadapt writes.
      if (gzip[i] && !wrote[i]) {
        std::string empty;
        CUTOVER_RETURN_IF_ERROR(compressor->Compress("", &empty));
        CUTOVER_RETURN_IF_ERROR(file[i]->Write(empty));
      }
    }
    for (int i = 0; i < 2; ++i) {
      if (file[i]) CUTOVER_RETURN_IF_ERROR(file[i]->Commit());
    }
    return Status::Ok();
  }
};

// Encodes a buffer of FASTQ text for output i: as is, or as a gzip member.
Status Encode(bool gzip, GzipMemberCompressor* c, const ByteBuffer& text, std::string* out) {
  out->clear();
  if (text.size() == 0) return Status::Ok();
  if (gzip) return c->Compress(text.view(), out);
  out->assign(text.data(), text.size());
  return Status::Ok();
}

// ---- Single-threaded: parse, trim and write on the calling thread, nothing copied. ----

Result<TrimStats> RunSerial(const TrimOptions& options, const TrimIo& io,
                            const CancelToken* cancel) {
  CUTOVER_ASSIGN_OR_RETURN(ReadTrimmer trimmer, ReadTrimmer::Create(options));
  CUTOVER_ASSIGN_OR_RETURN(auto reader1, OpenTrimReader(io.input1, false));
  std::unique_ptr<FastqReader> reader2;
  if (options.paired) {
    CUTOVER_ASSIGN_OR_RETURN(reader2, OpenTrimReader(io.input2, false));
  }
  CUTOVER_ASSIGN_OR_RETURN(Outputs outputs, Outputs::Open(io, options.paired));
  GzipMemberCompressor compressor(io.gzip_level);
  TrimStats stats = trimmer.NewStats();
  ByteBuffer text[2];
  std::string encoded;
  auto flush = [&](int i) -> Status {
    if (cancel != nullptr && cancel->cancelled()) return Status::Cancelled("interrupted");
    if (outputs.gzip[i]) {
      CUTOVER_RETURN_IF_ERROR(Encode(true, &compressor, text[i], &encoded));
      CUTOVER_RETURN_IF_ERROR(outputs.WriteEncoded(i, encoded));
    } else {
      CUTOVER_RETURN_IF_ERROR(outputs.WriteEncoded(i, text[i].view()));
    }
    text[i].clear();
    return Status::Ok();
  };
  FastqRecord a, b;
  while (true) {
    CUTOVER_ASSIGN_OR_RETURN(bool more1, reader1->Next(&a));
    if (!options.paired) {
      if (!more1) break;
      CUTOVER_RETURN_IF_ERROR(CheckPlusLine(reader1->name(), a));
      ReadView v{a.name, a.sequence, a.quality};
      if (trimmer.Process(&v, &stats)) AppendFastq(&text[0], v);
      if (text[0].size() >= kFlushBytes) CUTOVER_RETURN_IF_ERROR(flush(0));
      continue;
    }
    CUTOVER_ASSIGN_OR_RETURN(bool more2, reader2->Next(&b));
    if (more1 != more2) {
      return more1 ? CountMismatch(io.input1, io.input2, reader2->records_read())
                   : CountMismatch(io.input2, io.input1, reader1->records_read());
    }
    if (!more1) break;
    CUTOVER_RETURN_IF_ERROR(CheckPlusLine(reader1->name(), a));
    CUTOVER_RETURN_IF_ERROR(CheckPlusLine(reader2->name(), b));
    if (!IsMate(a.name, b.name)) return ImproperPair(reader1->name(), a, b);
    ReadView v1{a.name, a.sequence, a.quality}, v2{b.name, b.sequence, b.quality};
    if (trimmer.ProcessPair(&v1, &v2, &stats)) {
      AppendFastq(&text[0], v1);
      AppendFastq(&text[1], v2);
    }
    if (text[0].size() >= kFlushBytes || text[1].size() >= kFlushBytes) {
      CUTOVER_RETURN_IF_ERROR(flush(0));
      CUTOVER_RETURN_IF_ERROR(flush(1));
    }
  }
  CUTOVER_RETURN_IF_ERROR(flush(0));
  if (options.paired) CUTOVER_RETURN_IF_ERROR(flush(1));
  CUTOVER_RETURN_IF_ERROR(outputs.Commit(&compressor));
  return stats;
}

// ---- Threaded: a reader thread decompresses and cuts the input into chunks of whole records
// (counting newlines only), workers parse, trim and encode them, the calling thread writes the
// results in chunk order. ----

struct Batch {
  int64_t index = 0;
  RecordChunk chunk[2];
  Status error;  // an input error found by the reader at this point of the input
};

struct Encoded {
  std::array<ByteBuffer, 2> text;   // the reads as FASTQ text (written as is to plain outputs)
  std::array<std::string, 2> gzip;  // ... compressed, for gzip outputs
  Status error;  // the first error in this batch (parsing, pairing, encoding)
  std::string_view bytes(int m, bool gzip_output) const {
    return gzip_output ? std::string_view(gzip[m]) : text[m].view();
  }
};

// Encoded results whose buffers were written, for the workers to fill again: fresh memory for
// every batch costs a page fault per 4 KB (a third of the run's time on a VM). Thread-safe.
class EncodedPool {
 public:
  Encoded Get() {
    std::lock_guard lock(mu_);
    if (free_.empty()) return Encoded();
    Encoded e = std::move(free_.back());
    free_.pop_back();
    return e;
  }
  void Put(Encoded e) {
    for (ByteBuffer& t : e.text) t.clear();
    for (std::string& g : e.gzip) g.clear();
    e.error = Status::Ok();
    std::lock_guard lock(mu_);
    free_.push_back(std::move(e));
  }

 private:
  std::mutex mu_;
  std::vector<Encoded> free_;  // guarded by mu_
};

// Bounded queues between the threads. Errors travel in order with the batches; Stop() ends
// everything at once (after an output error or a cancellation).
class Pipeline {
 public:
  explicit Pipeline(size_t max_in_flight) : max_in_flight_(max_in_flight) {}

  // Reader: waits for room; false when stopping.
  bool PushBatch(std::unique_ptr<Batch> b) {
    std::unique_lock lock(mu_);
    room_.wait(lock, [&] { return stop_ || in_flight_ < max_in_flight_; });
    if (stop_) return false;
    ++in_flight_;
    batches_.push_back(std::move(b));
    work_.notify_one();
    return true;
  }
  void FinishReading(int64_t batches) {
    std::lock_guard lock(mu_);
    total_batches_ = batches;
    work_.notify_all();
    done_.notify_all();
  }
  // Worker: the next batch, or null at the end.
  std::unique_ptr<Batch> PopBatch() {
    std::unique_lock lock(mu_);
    work_.wait(lock, [&] { return stop_ || !batches_.empty() || total_batches_ >= 0; });
    if (stop_ || batches_.empty()) return nullptr;
    auto b = std::move(batches_.front());
    batches_.pop_front();
    return b;
  }
  void PushResult(int64_t index, Encoded e) {
    std::lock_guard lock(mu_);
    results_.emplace(index, std::move(e));
    done_.notify_all();
  }
  // Writer: the result with the given index; false at the end or when stopping.
  bool PopResult(int64_t index, Encoded* e) {
    std::unique_lock lock(mu_);
    done_.wait(lock, [&] {
      return stop_ || results_.count(index) || (total_batches_ >= 0 && index >= total_batches_);
    });
    if (stop_) return false;
    auto it = results_.find(index);
    if (it == results_.end()) return false;
    *e = std::move(it->second);
    results_.erase(it);
    --in_flight_;
    room_.notify_one();
    return true;
  }
  void Stop() {
    std::lock_guard lock(mu_);
    stop_ = true;
    room_.notify_all();
    work_.notify_all();
    done_.notify_all();
  }

 private:
  const size_t max_in_flight_;
  std::mutex mu_;
  std::condition_variable room_, work_, done_;
  // Guarded by mu_.
  std::deque<std::unique_ptr<Batch>> batches_;
  std::map<int64_t, Encoded> results_;
  size_t in_flight_ = 0;
  int64_t total_batches_ = -1;  // known once reading finished
  bool stop_ = false;
};

// The first malformed record of a chunk, if any. Before reporting files with different numbers
// of reads, the reader thread looks for one: a blank line or a cut record at the end of a file
// counts as a record when newlines are counted, and is the better error (as the serial path).
Status ParseError(const RecordChunk& chunk, const std::string& name) {
  ChunkParser parser(chunk, name, kCutadaptRules);
  FastqRecord r;
  while (true) {
    CUTOVER_ASSIGN_OR_RETURN(bool more, parser.Next(&r));
    if (!more) return Status::Ok();
  }
}

// The reader thread: chunks (R1 by size, R2 with as many records), then the end.
void ReadChunks(const TrimOptions& options, const TrimIo& io, Pipeline* pipeline,
                ChunkBufferPool* pool, const CancelToken* cancel) {
  int64_t index = 0;
  auto push_error = [&](Status s) {
    auto b = std::make_unique<Batch>();
    b->index = index++;
    b->error = std::move(s);
    pipeline->PushBatch(std::move(b));
  };
  auto run = [&]() -> Status {
    CUTOVER_ASSIGN_OR_RETURN(auto in1, OpenTrimInput(io.input1));
    RecordChunker c1(std::move(in1), pool);
    std::unique_ptr<RecordChunker> c2;
    if (options.paired) {
      CUTOVER_ASSIGN_OR_RETURN(auto in2, OpenTrimInput(io.input2));
      c2 = std::make_unique<RecordChunker>(std::move(in2), pool);
    }
    while (true) {
      if (cancel != nullptr && cancel->cancelled()) return Status::Cancelled("interrupted");
      auto b = std::make_unique<Batch>();
      CUTOVER_ASSIGN_OR_RETURN(bool got1, c1.NextBytes(io.batch_bytes, &b->chunk[0]));
      if (options.paired) {
        if (!got1) {
          RecordChunk extra;
          CUTOVER_ASSIGN_OR_RETURN(bool more2, c2->NextRecords(1, &extra));
          if (!more2) return Status::Ok();
          CUTOVER_RETURN_IF_ERROR(ParseError(extra, io.input2));
          return CountMismatch(io.input2, io.input1, c1.records_so_far());
        }
        CUTOVER_ASSIGN_OR_RETURN(bool got2, c2->NextRecords(b->chunk[0].records, &b->chunk[1]));
        if (!got2 || b->chunk[1].records < b->chunk[0].records) {
          CUTOVER_RETURN_IF_ERROR(ParseError(b->chunk[0], io.input1));
          if (got2) CUTOVER_RETURN_IF_ERROR(ParseError(b->chunk[1], io.input2));
          return CountMismatch(io.input1, io.input2, c2->records_so_far());
        }
      } else if (!got1) {
        return Status::Ok();
      }
      b->index = index++;
      if (!pipeline->PushBatch(std::move(b))) return Status::Ok();  // stopping
    }
  };
  Status s = run();
  if (!s.ok()) push_error(std::move(s));
  pipeline->FinishReading(index);
}

// A worker's work on one batch.
Status TrimBatch(const TrimOptions& options, const TrimIo& io, const Batch& batch,
                 ReadTrimmer* trimmer, TrimStats* stats, ByteBuffer text[2]) {
  std::optional<ChunkParser> readers[2];
  readers[0].emplace(batch.chunk[0], io.input1, kCutadaptRules);
  if (options.paired) readers[1].emplace(batch.chunk[1], io.input2, kCutadaptRules);
  FastqRecord a, b;
  while (true) {
    CUTOVER_ASSIGN_OR_RETURN(bool more1, readers[0]->Next(&a));
    if (!options.paired) {
      if (!more1) return Status::Ok();
      CUTOVER_RETURN_IF_ERROR(CheckPlusLine(io.input1, a));
      ReadView v{a.name, a.sequence, a.quality};
      if (trimmer->Process(&v, stats)) AppendFastq(&text[0], v);
      continue;
    }
    CUTOVER_ASSIGN_OR_RETURN(bool more2, readers[1]->Next(&b));
    if (more1 != more2) {
      // The chunks hold the same number of newline-counted records: a malformed record.
      return Status::Corruption(fmt::format(
          "{}: record {}: the files are out of step (a malformed record?)",
          more1 ? io.input2 : io.input1,
          (more1 ? *readers[1] : *readers[0]).records_read() + 1));
    }
    if (!more1) return Status::Ok();
    CUTOVER_RETURN_IF_ERROR(CheckPlusLine(io.input1, a));
    CUTOVER_RETURN_IF_ERROR(CheckPlusLine(io.input2, b));
    if (!IsMate(a.name, b.name)) return ImproperPair(io.input1, a, b);
    ReadView v1{a.name, a.sequence, a.quality}, v2{b.name, b.sequence, b.quality};
    if (trimmer->ProcessPair(&v1, &v2, stats)) {
      AppendFastq(&text[0], v1);
      AppendFastq(&text[1], v2);
    }
  }
}

Result<TrimStats> RunThreaded(const TrimOptions& options, const TrimIo& io,
                              const CancelToken* cancel) {
  CUTOVER_ASSIGN_OR_RETURN(ReadTrimmer prototype, ReadTrimmer::Create(options));
  // Inputs are opened by the reader thread; open them here too to fail early on a missing one
  // (and before creating outputs, as the serial path does).
  for (const std::string* in : {&io.input1, &io.input2}) {
    std::error_code ec;
    if (in->empty() || !std::filesystem::is_regular_file(*in, ec)) continue;  // "-", FIFOs
    CUTOVER_RETURN_IF_ERROR(OpenTrimInput(*in).status());
  }
  CUTOVER_ASSIGN_OR_RETURN(Outputs outputs, Outputs::Open(io, options.paired));
  const int workers = io.threads;
  Pipeline pipeline(static_cast<size_t>(2 * workers + 1));
  std::vector<TrimStats> worker_stats(workers, prototype.NewStats());
  ChunkBufferPool pool;
  EncodedPool encoded_pool;
  std::thread reader([&] { ReadChunks(options, io, &pipeline, &pool, cancel); });
  std::vector<std::thread> threads;
  for (int w = 0; w < workers; ++w) {
    threads.emplace_back([&, w] {
      ReadTrimmer trimmer = prototype;
      GzipMemberCompressor compressor(io.gzip_level);
      while (std::unique_ptr<Batch> batch = pipeline.PopBatch()) {
        Encoded e = encoded_pool.Get();
        e.error = batch->error;
        if (e.error.ok()) {
          // Trimmed FASTQ is no longer than its input (plus a little for '\r\n' read as '\n').
          for (int m = 0; m < (options.paired ? 2 : 1); ++m) {
            e.text[m].Reserve(batch->chunk[m].data.size() + (64 << 10));
          }
          e.error = TrimBatch(options, io, *batch, &trimmer, &worker_stats[w], e.text.data());
        }
        for (RecordChunk& c : batch->chunk) pool.Put(std::move(c.data));
        for (int m = 0; e.error.ok() && m < (options.paired ? 2 : 1); ++m) {
          if (outputs.gzip[m] && e.text[m].size() > 0) {
            e.error = compressor.Compress(e.text[m].view(), &e.gzip[m]);
          }
        }
        pipeline.PushResult(batch->index, std::move(e));
      }
    });
  }
  Status status;
  Encoded e;
  for (int64_t index = 0; pipeline.PopResult(index, &e); ++index) {
    status = e.error;
    for (int m = 0; m < 2 && status.ok(); ++m) {
      if (outputs.file[m]) status = outputs.WriteEncoded(m, e.bytes(m, outputs.gzip[m]));
    }
    encoded_pool.Put(std::move(e));
    if (!status.ok()) break;
  }
  pipeline.Stop();
  reader.join();
  for (std::thread& t : threads) t.join();
  CUTOVER_RETURN_IF_ERROR(status);
  if (cancel != nullptr && cancel->cancelled()) return Status::Cancelled("interrupted");
  GzipMemberCompressor compressor(io.gzip_level);
  CUTOVER_RETURN_IF_ERROR(outputs.Commit(&compressor));
  TrimStats total = prototype.NewStats();
  for (const TrimStats& s : worker_stats) total.Merge(s);
  return total;
}

}  // namespace

bool IsMate(std::string_view name1, std::string_view name2) {
  // (A plain loop: string_view::find_first_of calls memchr once per character of the name,
  // which took a quarter of a paired-end run.)
  auto id = [](std::string_view n) {
    size_t i = 0;
    while (i < n.size() && n[i] != ' ' && n[i] != '\t') ++i;
    return n.substr(0, i);
  };
  std::string_view a = id(name1), b = id(name2);
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  auto ordinal = [](char c) { return c == '1' || c == '2' || c == '3'; };
  if (ordinal(a.back()) && ordinal(b.back())) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  return a == b;
}

Result<TrimStats> RunTrim(const TrimOptions& options, const TrimIo& io,
                          const CancelToken* cancel) {
  if (io.threads <= 1) return RunSerial(options, io, cancel);
  return RunThreaded(options, io, cancel);
}

}  // namespace cutover::trim
