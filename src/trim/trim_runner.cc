#include "trim/trim_runner.h"

#include <fmt/format.h>

#include <array>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "fastq/fastq_reader.h"
#include "fastq/gzip_member.h"
#include "fastq/output_file.h"
#include "trim/ordered_output.h"
#include "trim/read_trimmer.h"
#include "trim/record_chunker.h"
#include "trim/trim_input.h"
#include "util/strings.h"

namespace cutover::trim {
namespace {

// Single-threaded: output written in pieces of this (gzip: one member each), as large as an
// input block, so that both stay in the cache (see trim_input.cc).
constexpr size_t kFlushBytes = 256 << 10;

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

// dnaio's FASTA writer: ">name", the sequence on one line.
void AppendFasta(ByteBuffer* out, const ReadView& r) {
  char* p = out->Extend(r.name.size() + r.sequence.size() + 3);
  *p++ = '>';
  Put(p, r.name);
  *p++ = '\n';
  Put(p, r.sequence);
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

// cutadapt's check after --rename on paired reads (it ends with a traceback there).
Status RenamedApart(const std::string& file1, const FastqRecord& a, std::string_view name1,
                    std::string_view name2) {
  auto id = [](std::string_view name) { return std::string(SplitHeader(name).first); };
  return Status::Corruption(fmt::format(
      "After renaming R1 and R2, their IDs are no longer identical: '{}' != '{}'. Original read "
      "ID: '{}'. (record {} in {}, line {}: choose a --rename template that gives both mates the "
      "same ID, the part before the first space)",
      id(name1).substr(0, 80), id(name2).substr(0, 80), id(a.name).substr(0, 80), a.number, file1,
      a.line));
}

Status CountMismatch(const std::string& longer, const std::string& shorter, int64_t records) {
  return Status::Corruption(fmt::format(
      "reads are improperly paired: {} has more reads than {} ({} has {} reads)", longer, shorter,
      shorter, records));
}

// Output streams: R1 and R2 of the output, then of each filter's own output (Route order).
constexpr int kStreams = 8;

// The stream of a route's R1 (its R2 is the next one); -1 for reads that go nowhere.
int StreamOf(Route route) {
  switch (route) {
    case Route::kOutput: return 0;
    case Route::kTooShort: return 2;
    case Route::kTooLong: return 4;
    case Route::kUntrimmed: return 6;
    case Route::kDiscard: return -1;
  }
  return -1;
}

// The output files and how bytes are encoded for them (a null file: a stream not written).
struct Outputs {
  std::array<std::unique_ptr<OutputFile>, kStreams> file;
  std::array<bool, kStreams> gzip{};
  std::array<bool, kStreams> fasta{};
  bool any_fasta = false;
  std::array<bool, kStreams> wrote{};

  static Result<Outputs> Open(const TrimIo& io, const TrimOptions& options) {
    const std::array<const std::string*, kStreams> names = {
        &io.output1,             &io.output2,
        &io.too_short_output[0], &io.too_short_output[1],
        &io.too_long_output[0],  &io.too_long_output[1],
        &io.untrimmed_output[0], &io.untrimmed_output[1]};
    const std::array<bool, 4> wanted = {true, options.too_short_output, options.too_long_output,
                                        options.untrimmed_output};
    Outputs o;
    for (int i = 0; i < kStreams; ++i) {
      const std::string& name = *names[static_cast<size_t>(i)];
      if (!wanted[static_cast<size_t>(i / 2)] || (i % 2 == 1 && !options.paired)) continue;
      if (name.empty()) {
        return Status::InvalidArgument("trim: an output that the options ask for has no name");
      }
      CUTOVER_ASSIGN_OR_RETURN(o.file[static_cast<size_t>(i)], OutputFile::Open(name));
      o.gzip[static_cast<size_t>(i)] = IsGzipName(name);
      // cutadapt 4.2 at its default -j 1 tells the format by name only for plain outputs (the
      // gzip writer hides the name from dnaio): "x.fa.gz" gets FASTQ, as there.
      o.fasta[static_cast<size_t>(i)] =
          io.force_fasta || (!o.gzip[static_cast<size_t>(i)] && IsFastaName(name));
      o.any_fasta = o.any_fasta || o.fasta[static_cast<size_t>(i)];
    }
    return o;
  }
  // Writes bytes that are already encoded (compressed when gzip[i]).
  Status WriteEncoded(int i, std::string_view bytes) {
    if (bytes.empty()) return Status::Ok();
    wrote[static_cast<size_t>(i)] = true;
    return file[static_cast<size_t>(i)]->Write(bytes);
  }
  Status Commit(GzipMemberCompressor* compressor) {
    for (size_t i = 0; i < kStreams; ++i) {
      if (!file[i]) continue;
      // An empty gzip output is still a gzip file (one empty member), as cutadapt writes.
      if (gzip[i] && !wrote[i]) {
        ByteBuffer empty;
        CUTOVER_RETURN_IF_ERROR(compressor->Compress("", &empty));
        CUTOVER_RETURN_IF_ERROR(file[i]->Write(empty.view()));
      }
    }
    for (const std::unique_ptr<OutputFile>& f : file) {
      if (f) CUTOVER_RETURN_IF_ERROR(f->Commit());
    }
    return Status::Ok();
  }
};

// Appends a read, or a pair, to the text of the stream its route names; returns that stream
// (-1: none).
int Emit(Route route, const ReadView& v1, const ReadView* v2, const Outputs& outputs,
         ByteBuffer* text) {
  const int s = StreamOf(route);
  if (s < 0) return s;
  if (!outputs.any_fasta) {  // the usual case, without a test per read and stream
    AppendFastq(&text[s], v1);
    if (v2 != nullptr) AppendFastq(&text[s + 1], *v2);
    return s;
  }
  auto append = [&](int i, const ReadView& v) {
    if (outputs.fasta[static_cast<size_t>(i)]) {
      AppendFasta(&text[i], v);
    } else {
      AppendFastq(&text[i], v);
    }
  };
  append(s, v1);
  if (v2 != nullptr) append(s + 1, *v2);
  return s;
}

// Encodes a buffer of FASTQ text for output i: as is, or as a gzip member.
Status Encode(bool gzip, GzipMemberCompressor* c, const ByteBuffer& text, ByteBuffer* out) {
  out->clear();
  if (text.size() == 0) return Status::Ok();
  if (gzip) return c->Compress(text.view(), out);
  std::memcpy(out->Extend(text.size()), text.data(), text.size());
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
  CUTOVER_ASSIGN_OR_RETURN(Outputs outputs, Outputs::Open(io, options));
  GzipMemberCompressor compressor(io.gzip_level);
  TrimStats stats = trimmer.NewStats();
  std::array<ByteBuffer, kStreams> text;
  ByteBuffer encoded;
  auto flush = [&](int i) -> Status {
    if (cancel != nullptr && cancel->cancelled()) return Status::Cancelled("interrupted");
    ByteBuffer& t = text[static_cast<size_t>(i)];
    if (outputs.gzip[static_cast<size_t>(i)]) {
      CUTOVER_RETURN_IF_ERROR(Encode(true, &compressor, t, &encoded));
      CUTOVER_RETURN_IF_ERROR(outputs.WriteEncoded(i, encoded.view()));
    } else {
      CUTOVER_RETURN_IF_ERROR(outputs.WriteEncoded(i, t.view()));
    }
    t.clear();
    return Status::Ok();
  };
  FastqRecord a, b;
  while (true) {
    CUTOVER_ASSIGN_OR_RETURN(bool more1, reader1->Next(&a));
    if (!options.paired) {
      if (!more1) break;
      CUTOVER_RETURN_IF_ERROR(CheckPlusLine(reader1->name(), a));
      ReadView v{a.name, a.sequence, a.quality};
      const int out = Emit(trimmer.Process(&v, &stats), v, nullptr, outputs, text.data());
      if (out >= 0 && text[static_cast<size_t>(out)].size() >= kFlushBytes) {
        CUTOVER_RETURN_IF_ERROR(flush(out));
      }
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
    const Route route = trimmer.ProcessPair(&v1, &v2, &stats);
    if (trimmer.renames() && !IsMate(v1.name, v2.name)) {
      return RenamedApart(reader1->name(), a, v1.name, v2.name);
    }
    const int out = Emit(route, v1, &v2, outputs, text.data());
    if (out >= 0 && (text[static_cast<size_t>(out)].size() >= kFlushBytes ||
                     text[static_cast<size_t>(out) + 1].size() >= kFlushBytes)) {
      CUTOVER_RETURN_IF_ERROR(flush(out));
      CUTOVER_RETURN_IF_ERROR(flush(out + 1));
    }
  }
  for (int i = 0; i < kStreams; ++i) {
    if (outputs.file[static_cast<size_t>(i)]) CUTOVER_RETURN_IF_ERROR(flush(i));
  }
  CUTOVER_RETURN_IF_ERROR(outputs.Commit(&compressor));
  return stats;
}

// ---- Threaded: N workers, each in turn taking the next batch of whole records from the input
// (reading and decompressing under a lock, counting newlines only), then parsing, trimming and
// encoding it on its own; results are written in batch order by whichever worker finds the next
// one ready (OrderedOutput). No reader or writer thread: the input is read on the core that
// parses it, and no thread sleeps between batches unless it waits for the input lock. ----

struct Batch {
  RecordChunk chunk[2];
};

struct Encoded {
  std::array<ByteBuffer, kStreams> text;  // the reads as FASTQ text (as is to plain outputs)
  std::array<ByteBuffer, kStreams> gzip;  // ... compressed, for gzip outputs
  Status error;  // the first error in this batch (input, parsing, pairing, encoding)
  int worker = 0;  // who filled the buffers
  std::string_view bytes(int i, bool gzip_output) const {
    return gzip_output ? gzip[static_cast<size_t>(i)].view() : text[static_cast<size_t>(i)].view();
  }
};

// Encoded results whose buffers were written, for the workers to fill again: fresh memory for
// every batch costs a page fault per 4 KB (a third of the run's time on a VM). Each goes back
// to the worker that filled it, whose core has its memory in cache. Thread-safe.
class EncodedPool {
 public:
  explicit EncodedPool(int workers) : free_(static_cast<size_t>(workers)) {}
  Encoded Get(int worker) {
    std::lock_guard lock(mu_);
    std::vector<Encoded>& mine = free_[static_cast<size_t>(worker)];
    if (mine.empty()) {
      Encoded e;
      e.worker = worker;
      return e;
    }
    Encoded e = std::move(mine.back());
    mine.pop_back();
    return e;
  }
  void Put(Encoded e) {
    for (ByteBuffer& t : e.text) t.clear();
    for (ByteBuffer& g : e.gzip) g.clear();
    e.error = Status::Ok();
    std::lock_guard lock(mu_);
    free_[static_cast<size_t>(e.worker)].push_back(std::move(e));
  }

 private:
  std::mutex mu_;
  std::vector<std::vector<Encoded>> free_;  // per worker; guarded by mu_
};

// The first malformed record of a chunk, if any. Before reporting files with different numbers
// of reads, the input side looks for one: a blank line or a cut record at the end of a file
// counts as a record when newlines are counted, and is the better error (as the serial path).
Status ParseError(const RecordChunk& chunk, const std::string& name) {
  ChunkParser parser(chunk, name, kCutadaptRules);
  FastqRecord r;
  while (true) {
    CUTOVER_ASSIGN_OR_RETURN(bool more, parser.Next(&r));
    if (!more) return Status::Ok();
  }
}

// The input cut into batches: R1 by size, R2 with as many records. Not thread-safe: the workers
// take turns.
class BatchSource {
 public:
  BatchSource(const TrimIo& io, std::unique_ptr<InputStream> in1, std::unique_ptr<InputStream> in2)
      : io_(io), c1_(std::move(in1)) {
    if (in2) c2_.emplace(std::move(in2));
  }

  // The next batch into *b, in the buffers it has; false at the end.
  Result<bool> Next(Batch* b) {
    CUTOVER_ASSIGN_OR_RETURN(bool got1, c1_.NextBytes(io_.batch_bytes, &b->chunk[0]));
    if (!c2_) return got1;
    if (!got1) {
      RecordChunk extra;
      CUTOVER_ASSIGN_OR_RETURN(bool more2, c2_->NextRecords(1, &extra));
      if (!more2) return false;
      CUTOVER_RETURN_IF_ERROR(ParseError(extra, io_.input2));
      return CountMismatch(io_.input2, io_.input1, c1_.records_so_far());
    }
    CUTOVER_ASSIGN_OR_RETURN(bool got2, c2_->NextRecords(b->chunk[0].records, &b->chunk[1]));
    if (!got2 || b->chunk[1].records < b->chunk[0].records) {
      CUTOVER_RETURN_IF_ERROR(ParseError(b->chunk[0], io_.input1));
      if (got2) CUTOVER_RETURN_IF_ERROR(ParseError(b->chunk[1], io_.input2));
      return CountMismatch(io_.input1, io_.input2, c2_->records_so_far());
    }
    return true;
  }

 private:
  const TrimIo& io_;
  RecordChunker c1_;
  std::optional<RecordChunker> c2_;  // paired-end only
};

// A worker's work on one batch.
Status TrimBatch(const TrimOptions& options, const TrimIo& io, const Batch& batch,
                 const Outputs& outputs, ReadTrimmer* trimmer, TrimStats* stats,
                 ByteBuffer* text) {
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
      Emit(trimmer->Process(&v, stats), v, nullptr, outputs, text);
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
    const Route route = trimmer->ProcessPair(&v1, &v2, stats);
    if (trimmer->renames() && !IsMate(v1.name, v2.name)) {
      return RenamedApart(io.input1, a, v1.name, v2.name);
    }
    Emit(route, v1, &v2, outputs, text);
  }
}

Result<TrimStats> RunThreaded(const TrimOptions& options, const TrimIo& io,
                              const CancelToken* cancel) {
  CUTOVER_ASSIGN_OR_RETURN(ReadTrimmer prototype, ReadTrimmer::Create(options));
  // Inputs before outputs, as the serial path: a missing input creates nothing.
  CUTOVER_ASSIGN_OR_RETURN(auto in1, OpenTrimInput(io.input1));
  std::unique_ptr<InputStream> in2;
  if (options.paired) {
    CUTOVER_ASSIGN_OR_RETURN(in2, OpenTrimInput(io.input2));
  }
  CUTOVER_ASSIGN_OR_RETURN(Outputs outputs, Outputs::Open(io, options));
  const int workers = io.threads;
  const int mates = options.paired ? 2 : 1;
  EncodedPool encoded_pool(workers);
  // Written in batch order; a batch's error (in input order, so the first one wins) stops the
  // run. At most 2N + 1 batches between being read and being written.
  OrderedOutput<Encoded> output(static_cast<size_t>(2 * workers + 1), [&](Encoded& e) {
    Status s = e.error;
    for (int i = 0; i < kStreams && s.ok(); ++i) {
      if (outputs.file[static_cast<size_t>(i)]) {
        s = outputs.WriteEncoded(i, e.bytes(i, outputs.gzip[static_cast<size_t>(i)]));
      }
    }
    encoded_pool.Put(std::move(e));
    return s;
  });
  // The input side. Guarded by input_mu: the workers take turns.
  std::mutex input_mu;
  BatchSource source(io, std::move(in1), std::move(in2));
  int64_t next_index = 0;
  bool input_done = false;

  // A worker's loop: batches until the input ends or the output stops; counts into *stats.
  auto run_batches = [&](int worker, TrimStats* stats) {
    ReadTrimmer trimmer = prototype;
    GzipMemberCompressor compressor(io.gzip_level);
    Batch batch;
    while (true) {
      int64_t index;
      Status input_error;
      {
        std::lock_guard lock(input_mu);
        if (input_done) return;
        index = next_index;
        // (Waiting here holds the input lock: the other workers could not start a batch either.)
        if (!output.WaitForRoom(index)) return;
        if (cancel != nullptr && cancel->cancelled()) {
          input_error = Status::Cancelled("interrupted");
        } else {
          Result<bool> got = source.Next(&batch);
          if (got.ok() && !*got) {
            input_done = true;
            return;
          }
          if (!got.ok()) input_error = got.status();
        }
        if (!input_error.ok()) input_done = true;  // the error is the last batch
        ++next_index;
      }
      Encoded e = encoded_pool.Get(worker);
      e.error = std::move(input_error);
      if (e.error.ok()) {
        // Trimmed FASTQ is no longer than its input (plus a little for '\r\n' read as '\n').
        for (int m = 0; m < mates; ++m) {
          e.text[static_cast<size_t>(m)].Reserve(batch.chunk[m].data.size() + (64 << 10));
        }
        e.error = TrimBatch(options, io, batch, outputs, &trimmer, stats, e.text.data());
      }
      for (size_t i = 0; e.error.ok() && i < kStreams; ++i) {
        if (outputs.gzip[i] && e.text[i].size() > 0) {
          e.error = compressor.Compress(e.text[i].view(), &e.gzip[i]);
        }
      }
      output.Put(index, std::move(e));
    }
  };
  // Each worker counts on its own stack (no cache line shared with another worker's counts).
  std::vector<TrimStats> worker_stats(workers);
  auto work = [&](int w) {
    TrimStats stats = prototype.NewStats();
    run_batches(w, &stats);
    worker_stats[w] = std::move(stats);
  };
  std::vector<std::thread> threads;
  for (int w = 1; w < workers; ++w) threads.emplace_back(work, w);
  work(0);  // the calling thread is worker 0
  for (std::thread& t : threads) t.join();
  CUTOVER_RETURN_IF_ERROR(output.status());
  if (output.consumed() != next_index) {
    return Status::Internal(
        fmt::format("trim: {} of {} batches written", output.consumed(), next_index));
  }
  if (cancel != nullptr && cancel->cancelled()) return Status::Cancelled("interrupted");
  GzipMemberCompressor compressor(io.gzip_level);
  CUTOVER_RETURN_IF_ERROR(outputs.Commit(&compressor));
  TrimStats total = prototype.NewStats();
  for (const TrimStats& s : worker_stats) total.Merge(s);
  return total;
}

}  // namespace

bool IsMate(std::string_view name1, std::string_view name2) {
  // The IDs (each name up to its first space or tab) must be the same, but for a last
  // character 1, 2 or 3 in both. One pass over both names, 8 bytes at a time while they agree
  // and hold no separator (a loop per name, and memchr per character before that, took a
  // seventh and then a quarter of a paired-end run).
  const size_t n1 = name1.size(), n2 = name2.size(), n = std::min(n1, n2);
  auto separator = [](char c) { return c == ' ' || c == '\t'; };
  auto has_zero_byte = [](uint64_t v) {
    return ((v - 0x0101010101010101ULL) & ~v & 0x8080808080808080ULL) != 0;
  };
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w1, w2;
    std::memcpy(&w1, name1.data() + i, 8);
    std::memcpy(&w2, name2.data() + i, 8);
    if (w1 != w2 || has_zero_byte(w1 ^ 0x2020202020202020ULL) ||
        has_zero_byte(w1 ^ 0x0909090909090909ULL)) {
      break;
    }
  }
  while (i < n && name1[i] == name2[i] && !separator(name1[i])) ++i;
  // The names agree on [0, i), which holds no separator.
  auto id1_ends = [&](size_t j) { return j == n1 || separator(name1[j]); };
  auto id2_ends = [&](size_t j) { return j == n2 || separator(name2[j]); };
  if (id1_ends(i) && id2_ends(i)) return true;
  auto ordinal = [](char c) { return c == '1' || c == '2' || c == '3'; };
  return i < n && ordinal(name1[i]) && ordinal(name2[i]) && id1_ends(i + 1) && id2_ends(i + 1);
}

bool IsFastaName(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = AsciiLower(c);
  std::string_view n = lower;
  for (std::string_view ext : {".gz", ".xz", ".bz2", ".zst"}) {
    if (n.ends_with(ext)) {
      n.remove_suffix(ext.size());
      break;
    }
  }
  // Python's os.path.splitext: the last dot of the last component, not a leading one.
  const size_t slash = n.find_last_of('/');
  std::string_view base = slash == std::string_view::npos ? n : n.substr(slash + 1);
  const size_t first = base.find_first_not_of('.');
  const size_t dot = base.find_last_of('.');
  if (first == std::string_view::npos || dot == std::string_view::npos || dot < first) {
    return false;
  }
  const std::string_view ext = base.substr(dot);
  return ext == ".fasta" || ext == ".fa" || ext == ".fna" || ext == ".csfasta" || ext == ".csfa";
}

Result<TrimStats> RunTrim(const TrimOptions& options, const TrimIo& io,
                          const CancelToken* cancel) {
  if (io.threads <= 1) return RunSerial(options, io, cancel);
  return RunThreaded(options, io, cancel);
}

}  // namespace cutover::trim
