#include "trim/trim_runner.h"

#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "fastq/fastq_reader.h"
#include "fastq/gzip_member.h"
#include "fastq/output_file.h"
#include "trim/read_trimmer.h"

namespace cutover::trim {
namespace {

constexpr size_t kFlushBytes = 1 << 20;  // single-threaded: output written in pieces of this

// An append-only byte buffer that does not zero what it grows into.
class ByteBuffer {
 public:
  size_t size() const { return size_; }
  const char* data() const { return data_.get(); }
  std::string_view view() const { return {data_.get(), size_}; }
  void clear() { size_ = 0; }
  char* Extend(size_t n) {
    if (size_ + n > capacity_) {
      size_t cap = std::max(capacity_ * 2, size_ + n + (64 << 10));
      std::unique_ptr<char[]> bigger(new char[cap]);
      if (size_ > 0) std::memcpy(bigger.get(), data_.get(), size_);
      data_ = std::move(bigger);
      capacity_ = cap;
    }
    char* p = data_.get() + size_;
    size_ += n;
    return p;
  }

 private:
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
  std::memcpy(p, "\n+\n", 3);
  p += 3;
  Put(p, r.quality);
  *p++ = '\n';
}

// dnaio: the third line repeats the header or is empty.
Status CheckPlusLine(const FastqReader& reader, const FastqRecord& r) {
  if (r.plus.empty() || r.plus == r.name) return Status::Ok();
  return Status::Corruption(fmt::format(
      "{}: record {} (line {}): the '+' line ('{}') must be empty or repeat the header ('{}')",
      reader.name(), r.number, r.line + 2, r.plus.substr(0, 60), r.name.substr(0, 60)));
}

Status ImproperPair(const FastqReader& r1, const FastqRecord& a, const FastqRecord& b) {
  return Status::Corruption(fmt::format(
      "reads are improperly paired: record {} is '{}' in {} (line {}) but '{}' in the second "
      "file",
      a.number, a.name.substr(0, 80), r1.name(), a.line, b.name.substr(0, 80)));
}

Status CountMismatch(const std::string& longer, const std::string& shorter, int64_t records) {
  return Status::Corruption(fmt::format(
      "reads are improperly paired: {} has more reads than {} ({} has {} reads)", longer, shorter,
      shorter, records));
}

Result<std::unique_ptr<FastqReader>> OpenReader(const std::string& path, bool read_ahead) {
  InputStreamOptions so;
  so.read_ahead = false;
  CUTOVER_ASSIGN_OR_RETURN(auto stream, InputStream::Open(path, so));
  FastqReaderOptions ro;
  ro.read_ahead = read_ahead;
  return std::make_unique<FastqReader>(std::move(stream), ro);
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
  CUTOVER_ASSIGN_OR_RETURN(auto reader1, OpenReader(io.input1, false));
  std::unique_ptr<FastqReader> reader2;
  if (options.paired) {
    CUTOVER_ASSIGN_OR_RETURN(reader2, OpenReader(io.input2, false));
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
      CUTOVER_RETURN_IF_ERROR(CheckPlusLine(*reader1, a));
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
    CUTOVER_RETURN_IF_ERROR(CheckPlusLine(*reader1, a));
    CUTOVER_RETURN_IF_ERROR(CheckPlusLine(*reader2, b));
    if (!IsMate(a.name, b.name)) return ImproperPair(*reader1, a, b);
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

// ---- Threaded: a reader thread copies records into batches, workers trim and encode them,
// the calling thread writes the results in batch order. ----

struct RecordSpan {
  uint32_t name, name_len, seq, seq_len, qual;
};

struct Batch {
  int64_t index = 0;
  std::string data;  // the records' lines, copied
  std::vector<RecordSpan> reads[2];
  ReadView View(int mate, size_t i) const {
    const RecordSpan& s = reads[mate][i];
    const char* d = data.data();
    return ReadView{{d + s.name, s.name_len}, {d + s.seq, s.seq_len}, {d + s.qual, s.seq_len}};
  }
};

struct Encoded {
  std::string bytes[2];
};

RecordSpan CopyRecord(std::string* data, const FastqRecord& r) {
  RecordSpan s;
  s.name = static_cast<uint32_t>(data->size());
  s.name_len = static_cast<uint32_t>(r.name.size());
  data->append(r.name);
  s.seq = static_cast<uint32_t>(data->size());
  s.seq_len = static_cast<uint32_t>(r.sequence.size());
  data->append(r.sequence);
  s.qual = static_cast<uint32_t>(data->size());
  data->append(r.quality);
  return s;
}

// Bounded queues between the threads; the first error stops everything.
class Pipeline {
 public:
  explicit Pipeline(size_t max_in_flight) : max_in_flight_(max_in_flight) {}

  // Reader: waits for room; false when stopping.
  bool PushBatch(std::unique_ptr<Batch> b) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return stop_ || in_flight_ < max_in_flight_; });
    if (stop_) return false;
    ++in_flight_;
    batches_.push_back(std::move(b));
    cv_.notify_all();
    return true;
  }
  void FinishReading(int64_t batches) {
    std::lock_guard lock(mu_);
    total_batches_ = batches;
    cv_.notify_all();
  }
  // Worker: the next batch, or null at the end.
  std::unique_ptr<Batch> PopBatch() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return stop_ || !batches_.empty() || total_batches_ >= 0; });
    if (stop_ || batches_.empty()) return nullptr;
    auto b = std::move(batches_.front());
    batches_.pop_front();
    return b;
  }
  void PushResult(int64_t index, Encoded e) {
    std::lock_guard lock(mu_);
    results_.emplace(index, std::move(e));
    cv_.notify_all();
  }
  // Writer: the result with the given index; false at the end or on an error.
  bool PopResult(int64_t index, Encoded* e) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] {
      return stop_ || results_.count(index) || (total_batches_ >= 0 && index >= total_batches_);
    });
    if (stop_) return false;
    auto it = results_.find(index);
    if (it == results_.end()) return false;
    *e = std::move(it->second);
    results_.erase(it);
    --in_flight_;
    cv_.notify_all();
    return true;
  }
  void Fail(Status s) {
    std::lock_guard lock(mu_);
    if (error_.ok()) error_ = std::move(s);
    stop_ = true;
    cv_.notify_all();
  }
  Status error() {
    std::lock_guard lock(mu_);
    return error_;
  }

 private:
  const size_t max_in_flight_;
  std::mutex mu_;
  std::condition_variable cv_;
  // Guarded by mu_.
  std::deque<std::unique_ptr<Batch>> batches_;
  std::map<int64_t, Encoded> results_;
  size_t in_flight_ = 0;
  int64_t total_batches_ = -1;  // known once reading finished
  bool stop_ = false;
  Status error_;
};

Status ReadBatches(const TrimOptions& options, const TrimIo& io, Pipeline* pipeline,
                   const CancelToken* cancel) {
  CUTOVER_ASSIGN_OR_RETURN(auto reader1, OpenReader(io.input1, false));
  std::unique_ptr<FastqReader> reader2;
  if (options.paired) {
    CUTOVER_ASSIGN_OR_RETURN(reader2, OpenReader(io.input2, false));
  }
  int64_t index = 0;
  auto batch = std::make_unique<Batch>();
  batch->data.reserve(io.batch_bytes + (1 << 16));
  FastqRecord a, b;
  bool done = false;
  while (!done) {
    CUTOVER_ASSIGN_OR_RETURN(bool more1, reader1->Next(&a));
    bool more2 = false;
    if (options.paired) {
      CUTOVER_ASSIGN_OR_RETURN(more2, reader2->Next(&b));
      if (more1 != more2) {
        return more1 ? CountMismatch(io.input1, io.input2, reader2->records_read())
                     : CountMismatch(io.input2, io.input1, reader1->records_read());
      }
    }
    if (more1) {
      CUTOVER_RETURN_IF_ERROR(CheckPlusLine(*reader1, a));
      batch->reads[0].push_back(CopyRecord(&batch->data, a));
      if (options.paired) {
        CUTOVER_RETURN_IF_ERROR(CheckPlusLine(*reader2, b));
        if (!IsMate(a.name, b.name)) return ImproperPair(*reader1, a, b);
        batch->reads[1].push_back(CopyRecord(&batch->data, b));
      }
    } else {
      done = true;
    }
    // Offsets are 32-bit: a batch stays far below 4 GiB.
    if ((done && !batch->reads[0].empty()) || batch->data.size() >= io.batch_bytes) {
      if (cancel != nullptr && cancel->cancelled()) return Status::Cancelled("interrupted");
      batch->index = index++;
      if (!pipeline->PushBatch(std::move(batch))) return Status::Ok();  // stopping
      batch = std::make_unique<Batch>();
      batch->data.reserve(io.batch_bytes + (1 << 16));
    }
  }
  pipeline->FinishReading(index);
  return Status::Ok();
}

Result<TrimStats> RunThreaded(const TrimOptions& options, const TrimIo& io,
                              const CancelToken* cancel) {
  CUTOVER_ASSIGN_OR_RETURN(ReadTrimmer prototype, ReadTrimmer::Create(options));
  CUTOVER_ASSIGN_OR_RETURN(Outputs outputs, Outputs::Open(io, options.paired));
  const int workers = io.threads;
  Pipeline pipeline(static_cast<size_t>(3 * workers));
  std::vector<TrimStats> worker_stats(workers, prototype.NewStats());
  std::thread reader([&] {
    Status s = ReadBatches(options, io, &pipeline, cancel);
    if (!s.ok()) pipeline.Fail(s);
  });
  std::vector<std::thread> threads;
  for (int w = 0; w < workers; ++w) {
    threads.emplace_back([&, w] {
      ReadTrimmer trimmer = prototype;
      GzipMemberCompressor compressor(io.gzip_level);
      TrimStats& stats = worker_stats[w];
      ByteBuffer text[2];
      while (std::unique_ptr<Batch> batch = pipeline.PopBatch()) {
        text[0].clear();
        text[1].clear();
        for (size_t i = 0; i < batch->reads[0].size(); ++i) {
          ReadView v1 = batch->View(0, i);
          if (!options.paired) {
            if (trimmer.Process(&v1, &stats)) AppendFastq(&text[0], v1);
            continue;
          }
          ReadView v2 = batch->View(1, i);
          if (trimmer.ProcessPair(&v1, &v2, &stats)) {
            AppendFastq(&text[0], v1);
            AppendFastq(&text[1], v2);
          }
        }
        Encoded e;
        for (int m = 0; m < (options.paired ? 2 : 1); ++m) {
          Status s = Encode(outputs.gzip[m], &compressor, text[m], &e.bytes[m]);
          if (!s.ok()) {
            pipeline.Fail(s);
            return;
          }
        }
        pipeline.PushResult(batch->index, std::move(e));
      }
    });
  }
  Status status;
  Encoded e;
  for (int64_t index = 0; pipeline.PopResult(index, &e); ++index) {
    for (int m = 0; m < 2 && status.ok(); ++m) {
      if (outputs.file[m]) status = outputs.WriteEncoded(m, e.bytes[m]);
    }
    if (!status.ok()) {
      pipeline.Fail(status);
      break;
    }
  }
  reader.join();
  for (std::thread& t : threads) t.join();
  CUTOVER_RETURN_IF_ERROR(pipeline.error());
  CUTOVER_RETURN_IF_ERROR(status);
  GzipMemberCompressor compressor(io.gzip_level);
  CUTOVER_RETURN_IF_ERROR(outputs.Commit(&compressor));
  TrimStats total = prototype.NewStats();
  for (const TrimStats& s : worker_stats) total.Merge(s);
  return total;
}

}  // namespace

bool IsMate(std::string_view name1, std::string_view name2) {
  auto id = [](std::string_view n) { return n.substr(0, n.find_first_of(" \t")); };
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
