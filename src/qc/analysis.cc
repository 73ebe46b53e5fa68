#include "qc/analysis.h"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <thread>

#include "fastq/fastq_reader.h"
#include "fastq/input_stream.h"
#include "qc/adapter_content.h"
#include "qc/alignment_reads.h"
#include "qc/basic_stats.h"
#include "qc/builtin_lists.h"
#include "qc/length_distribution.h"
#include "qc/overrepresented.h"
#include "qc/per_base_content.h"
#include "qc/per_base_quality.h"
#include "qc/per_sequence_gc.h"
#include "qc/per_sequence_quality.h"
#include "qc/per_tile_quality.h"
#include "qc/simd.h"
#include "util/strings.h"

namespace cutover {
namespace {

// Reads copied out of the reader's buffer (sequence upper-cased), so that several threads can
// look at them while the next batch is read.
struct ReadBatch {
  std::string data;
  std::vector<QcRead> reads;
  struct Offsets {
    uint32_t header, sequence, quality, header_len, length, quality_length;
    bool filtered;
  };
  std::vector<Offsets> offsets;
  size_t pending = 0;  // module groups still to see it (guarded by the pipeline's mutex)

  void Clear() {
    data.clear();
    reads.clear();
    offsets.clear();
  }
  void MakeViews() {
    data.append(16, '\0');  // vector loads may run up to 15 bytes past the last quality line
    reads.clear();
    const char* base = data.data();
    for (const Offsets& o : offsets) {
      reads.push_back({std::string_view(base + o.header, o.header_len),
                       std::string_view(base + o.sequence, o.length),
                       std::string_view(base + o.quality, o.quality_length), o.filtered});
    }
  }
};

constexpr size_t kBatchReads = 8192;
// A batch also ends once it holds this many bytes, so that long reads do not make batches of
// gigabytes (8,192 short reads take about 3 MB).
constexpr size_t kBatchBytes = size_t{4} << 20;

// What to do about a read over the length limit, the end of both messages below.
std::string LongReadAdvice(int64_t max_read_length) {
  return fmt::format(
      "cutover qc refuses longer reads to keep its memory bounded (FastQC, with its default "
      "memory, fails on far shorter ones): leave reads over {} bases out first (e.g. seqkit seq "
      "-M {}) and run it on the rest; see docs/qc.md, Long reads",
      max_read_length, max_read_length);
}

// The checks FastQC's modules rely on (the reader checked the record's shape), and the read
// length limit (see QcOptions::max_read_length). `alignments`: the record came from a SAM/BAM
// file (its number is the record's there; it has no lines of its own).
Status CheckRecord(const FastqRecord& r, const std::string& file, int64_t max_read_length,
                   const AlignmentReads* alignments) {
  // "record 12 (line 45, @name)": the record, with its line `fastq_line` (0: the header); in
  // an alignment file "record 12 (line 15) (read name)".
  auto where = [&](int fastq_line, bool name) {
    const std::string shown = OneLineForTerminal(r.name.substr(0, 100));
    if (alignments != nullptr) return fmt::format("{} (read {})", alignments->Where(), shown);
    return name ? fmt::format("record {} (line {}, @{})", r.number, r.line + fastq_line, shown)
                : fmt::format("record {} (line {})", r.number, r.line + fastq_line);
  };
  if (static_cast<int64_t>(r.sequence.size()) > max_read_length) {
    return Status::InvalidArgument(
        fmt::format("{}: {}: the read has {} bases, more than the limit of {}; {}", file, where(1, true),
                    r.sequence.size(), max_read_length, LongReadAdvice(max_read_length)));
  }
  if (!AllInRange(r.quality, 33, 126)) {
    for (unsigned char c : r.quality) {
      if (c >= 33 && c <= 126) continue;
      if (alignments != nullptr) {
        return Status::Corruption(fmt::format(
            "{}: {}: base quality {} is over 93, beyond the Phred+33 text FastQC reads", file,
            where(0, true), c - 33));
      }
      return Status::Corruption(fmt::format(
          "{}: {}: quality character {} is outside '!'..'~' (Phred+33 or +64 text): not a FASTQ "
          "quality line?",
          file, where(3, false),
          c >= 33 && c < 127 ? fmt::format("'{}'", static_cast<char>(c))
                             : fmt::format("0x{:02x}", c)));
    }
  }
  return Status::Ok();
}

// Appends one record to the batch, upper-casing the sequence.
Status AddRecord(const FastqRecord& r, const std::string& file, bool casava_filter,
                 int64_t max_read_length, const AlignmentReads* alignments, ReadBatch* batch) {
  CUTOVER_RETURN_IF_ERROR(CheckRecord(r, file, max_read_length, alignments));
  ReadBatch::Offsets o;
  std::string& d = batch->data;
  o.header = static_cast<uint32_t>(d.size());
  d.append(r.name);
  o.header_len = static_cast<uint32_t>(r.name.size());
  o.sequence = static_cast<uint32_t>(d.size());
  const size_t at = d.size();
  d.append(r.sequence);  // (resize-then-copy zero-filled first: 6 % of the reading thread)
  if (AnyLower(r.sequence)) CopyUpper(r.sequence.data(), r.sequence.size(), d.data() + at);
  o.quality = static_cast<uint32_t>(d.size());
  d.append(r.quality);
  o.length = static_cast<uint32_t>(r.sequence.size());
  o.quality_length = static_cast<uint32_t>(r.quality.size());
  o.filtered = casava_filter && r.name.find(":Y:") != std::string_view::npos;
  batch->offsets.push_back(o);
  return Status::Ok();
}

// A gzip or I/O error says where reading stopped.
Status DescribeReadError(const Status& error, int64_t records_read) {
  if (error.message().find(": record ") != std::string::npos || records_read == 0) return error;
  return Status(error.code(), fmt::format("{}, after record {}", error.message(), records_read));
}

// A record the reader gave up on for its size (over MaxRecordBytes()): its read is over the limit
// (or it is not FASTQ at all).
Status OverlongRecord(const FastqReader::OverlongRecord& r, const std::string& file,
                      int64_t max_read_length, size_t max_record_bytes) {
  return Status::InvalidArgument(fmt::format(
      "{}: record {} (line {}, {}): the record passes {} bytes, so its read has more than the "
      "limit of {} bases (or this is not FASTQ); {}",
      file, r.number, r.line, OneLineForTerminal(r.start), max_record_bytes, max_read_length,
      LongReadAdvice(max_read_length)));
}

// The reader's limit on a record's size: two lines of the longest read allowed, and room for
// its header and '+' line, so that a longer read is refused before it is all in memory.
size_t MaxRecordBytes(int64_t max_read_length) {
  return 2 * static_cast<size_t>(std::max<int64_t>(max_read_length, 0)) + (size_t{4} << 20);
}

// Which modules each thread runs: group 0 on the reading thread, the others on workers.
// Costs are each module's share of a one-thread run on 150 bp reads, in percent (perf,
// 2026-12-04: after the adapter scan and the duplicate counts got cheaper, the old estimates
// left the reading thread with half of the work and `-t 2` no faster than `-t 1`).
std::vector<std::vector<QcModule*>> SplitModules(const std::vector<QcModule*>& modules,
                                                 int groups) {
  std::vector<std::vector<QcModule*>> split(groups);
  if (groups == 1) {
    split[0] = modules;
    return split;
  }
  auto cost = [](std::string_view name) {
    if (name == "Per base sequence quality") return 15.0;
    if (name == "Adapter Content") return 15.0;
    if (name == "Overrepresented sequences") return 10.0;  // with the shared sequence counts
    if (name == "Per base sequence content") return 7.5;
    if (name == "Per sequence GC content") return 3.6;
    if (name == "Per sequence quality scores") return 3.4;
    return 0.5;
  };
  std::vector<double> load(groups, 0);
  load[0] = 20;  // the reading thread also parses and copies the reads
  std::vector<QcModule*> sorted = modules;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](QcModule* a, QcModule* b) { return cost(a->name()) > cost(b->name()); });
  for (QcModule* m : sorted) {
    int best = static_cast<int>(std::min_element(load.begin(), load.end()) - load.begin());
    split[best].push_back(m);
    load[best] += cost(m->name());
  }
  return split;
}

void Feed(const std::vector<QcModule*>& modules, const ReadBatch& batch) {
  for (QcModule* m : modules) {
    const bool wants_filtered = m->wants_filtered();
    for (const QcRead& read : batch.reads) {
      if (read.filtered && !wants_filtered) continue;
      m->Add(read);
    }
  }
}

// Hands batches from the reading thread to worker threads; every worker sees every batch.
class Pipeline {
 public:
  explicit Pipeline(std::vector<std::vector<QcModule*>> worker_groups)
      : groups_(std::move(worker_groups)) {
    for (size_t g = 0; g < groups_.size(); ++g) {
      threads_.emplace_back([this, g] { Work(g); });
    }
  }
  ~Pipeline() { Close(); }

  // A batch to fill: a recycled one, waiting while too many are in flight.
  std::unique_ptr<ReadBatch> Take() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !free_.empty() || in_flight_ < kMaxInFlight; });
    ++in_flight_;
    if (free_.empty()) return std::make_unique<ReadBatch>();
    std::unique_ptr<ReadBatch> b = std::move(free_.back());
    free_.pop_back();
    return b;
  }
  // Publishes a filled batch to every worker. Returns it so the caller can run its own group.
  ReadBatch* Publish(std::unique_ptr<ReadBatch> batch) {
    std::lock_guard lock(mu_);
    batch->pending = groups_.size() + 1;  // + the caller
    ReadBatch* raw = batch.get();
    queue_.push_back(std::move(batch));
    ++published_;
    cv_.notify_all();
    return raw;
  }
  void Done(ReadBatch* batch) {
    std::lock_guard lock(mu_);
    Release(batch);
  }
  void Close() {
    {
      std::lock_guard lock(mu_);
      closed_ = true;
      cv_.notify_all();
    }
    for (std::thread& t : threads_) t.join();
    threads_.clear();
  }

 private:
  static constexpr size_t kMaxInFlight = 6;

  void Work(size_t g) {
    uint64_t next = 0;  // sequence number of the next batch for this worker
    while (true) {
      ReadBatch* batch = nullptr;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return next < published_ || closed_; });
        if (next >= published_) return;
        batch = queue_[next - released_].get();
      }
      Feed(groups_[g], *batch);
      ++next;
      std::lock_guard lock(mu_);
      Release(batch);
    }
  }
  // Guarded by mu_. Batches leave the queue in order once everyone has seen them.
  void Release(ReadBatch* batch) {
    --batch->pending;
    while (!queue_.empty() && queue_.front()->pending == 0) {
      std::unique_ptr<ReadBatch> b = std::move(queue_.front());
      queue_.pop_front();
      ++released_;
      b->Clear();
      free_.push_back(std::move(b));
      --in_flight_;
    }
    cv_.notify_all();
  }

  const std::vector<std::vector<QcModule*>> groups_;  // constant after construction
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable cv_;
  // Guarded by mu_:
  std::deque<std::unique_ptr<ReadBatch>> queue_;  // published, not yet released, in order
  std::vector<std::unique_ptr<ReadBatch>> free_;
  uint64_t published_ = 0;
  uint64_t released_ = 0;
  size_t in_flight_ = 0;
  bool closed_ = false;
};

}  // namespace

Result<QcSetup> LoadQcSetup(const QcOptions& options, std::string* warnings) {
  QcSetup setup;
  const BuiltinLists builtin = BuiltinListsFor(options.fastqc_version);
  if (options.limits_file.empty()) {
    setup.limits.Parse(builtin.limits, warnings);
  } else {
    CUTOVER_RETURN_IF_ERROR(setup.limits.Load(options.limits_file, warnings));
    if (!setup.limits.Has("gc_sequence", "ignore")) {
      *warnings += fmt::format(
          "{}: no 'gc_sequence ignore' line: FastQC fails on such a file; cutover qc takes it "
          "as 0\n",
          options.limits_file);
    }
  }
  if (!setup.limits.Ignored("kmer")) {
    return Status::InvalidArgument(fmt::format(
        "the limits ({}) enable the Kmer Content module, which cutover qc does not implement: "
        "add 'kmer ignore 1' (FastQC's default limits have it)",
        options.limits_file.empty() ? "defaults" : options.limits_file));
  }
  if (!options.adapters_file.empty()) {
    CUTOVER_ASSIGN_OR_RETURN(setup.adapters,
                             LoadSequenceList(options.adapters_file, "Adapters file", warnings));
  } else {
    setup.adapters = ParseSequenceList(builtin.adapters, warnings);
  }
  if (!options.contaminants_file.empty()) {
    CUTOVER_ASSIGN_OR_RETURN(setup.contaminants, LoadSequenceList(options.contaminants_file,
                                                                  "Contaminant file", warnings));
  } else {
    setup.contaminants = ParseSequenceList(builtin.contaminants, warnings);
  }
  CUTOVER_ASSIGN_OR_RETURN(ContaminantFinder finder,
                           ContaminantFinder::Create(setup.contaminants, options.fastqc_version));
  setup.finder = std::make_unique<ContaminantFinder>(std::move(finder));
  return setup;
}

Result<QcResult> AnalyseInput(const std::vector<std::string>& paths,
                              const std::string& display_name, const QcOptions& options,
                              const QcSetup& setup) {
  ModuleContext context{&setup.limits, options.grouping, options.fastqc_version,
                        options.dup_length};
  QcResult result;
  result.display_name = display_name;
  result.fastqc_version = options.fastqc_version;
  // Basic Statistics' file name; FastQC drops the first "stdin:" (its streaming input's prefix).
  std::string first_file = paths.front() == "-"
                               ? display_name
                               : std::filesystem::path(paths.front()).filename().string();
  if (const size_t at = first_file.find("stdin:"); at != std::string::npos) first_file.erase(at, 6);
  auto bases = std::make_unique<PerBaseContent>(context);
  auto qualities = std::make_unique<PerBaseQuality>(context);
  auto basic = std::make_unique<BasicStats>(first_file, options.fastqc_version, bases.get(),
                                            qualities.get());
  auto per_sequence_quality = std::make_unique<PerSequenceQuality>(context, qualities.get());
  auto over = std::make_unique<Overrepresented>(context, setup.finder.get());
  auto dup = std::make_unique<DuplicationLevels>(context, over->counts());
  auto n_content = std::make_unique<NContent>(context, bases.get());
  std::vector<std::unique_ptr<QcModule>>& m = result.modules;
  m.push_back(std::move(basic));
  m.push_back(std::move(qualities));
  m.push_back(std::make_unique<PerTileQuality>(context));
  m.push_back(std::move(per_sequence_quality));
  m.push_back(std::move(bases));
  m.push_back(std::make_unique<PerSequenceGc>(context));
  m.push_back(std::move(n_content));
  m.push_back(std::make_unique<LengthDistribution>(context));
  m.push_back(std::move(dup));
  m.push_back(std::move(over));
  m.push_back(std::make_unique<AdapterContent>(context, setup.adapters));

  std::vector<QcModule*> all;
  for (auto& module : m) all.push_back(module.get());
  // With threads, the modules are split between two groups, except that decompressing takes a
  // thread of its own: a gzip input with two threads decompresses on one and runs every module
  // on the other, straight from the decompressed blocks (no copy of the reads).
  std::vector<std::vector<QcModule*>> split = SplitModules(all, 2);
  std::unique_ptr<Pipeline> pipeline;
  std::string upper;  // one thread: a lower-case sequence, upper-cased

  const bool casava_filter = options.casava && !options.nofilter;
  Status failure;
  for (const std::string& path : paths) {
    const std::string file = path == "-" ? "stdin" : path;
    // SAM/BAM by -f or by the name (standard input's: its report's file name), as FastQC.
    std::optional<AlignmentReadsOptions> as_alignments =
        AlignmentInput(path == "-" ? first_file : path, options.format);
    std::optional<AlignmentReads> alignments;
    std::optional<FastqReader> reader;
    FastqReaderOptions reader_options;
    bool compressed = false;
    if (as_alignments) {
      as_alignments->threads = options.threads > 1 ? 1 : 0;  // htslib decodes BAM blocks ahead
      auto opened = AlignmentReads::Open(path, *as_alignments);
      if (!opened.ok()) {
        failure = opened.status();
        break;
      }
      alignments.emplace(std::move(*opened));
      compressed = alignments->compressed();
    } else {
      auto stream = InputStream::Open(path);
      if (!stream.ok()) {
        failure = stream.status();
        break;
      }
      compressed = (*stream)->compressed();
      // Decompressing takes a thread of its own. A plain file is read on the thread that parses
      // it: read(2)'s copy then leaves the bytes in that core's cache (read on another thread,
      // parsing them cost more than reading them did).
      reader_options.read_ahead = options.threads > 1 && compressed;
      reader_options.max_record_bytes = MaxRecordBytes(options.max_read_length);
      reader.emplace(std::move(*stream), reader_options);
    }
    const int groups = options.threads - (compressed ? 1 : 0) > 1 ? 2 : 1;
    if (groups == 1 && pipeline) {
      pipeline->Close();  // (after the previous file's reads; modules see reads in order)
      pipeline.reset();
    }
    if (groups > 1 && !pipeline) {
      pipeline = std::make_unique<Pipeline>(std::vector(split.begin() + 1, split.end()));
    }
    const AlignmentReads* from_alignments = alignments ? &*alignments : nullptr;
    // FastQC's CASAVA filter looks at FASTQ headers only.
    const bool filter = casava_filter && !alignments;
    // The next record of this file: false at its end, or on a failure (then set).
    FastqRecord record;
    AlignmentRead aligned;
    auto next_record = [&] {
      if (alignments) {
        Result<bool> next = alignments->Next(&aligned);
        if (!next.ok()) failure = next.status();
        if (!next.ok() || !*next) return false;
        record.name = aligned.name;
        record.sequence = aligned.sequence;
        record.quality = aligned.quality;
        record.number = aligned.number;
        return true;
      }
      Result<bool> next = reader->Next(&record);
      if (!next.ok()) {
        failure = reader->overlong()
                      ? OverlongRecord(*reader->overlong(), file, options.max_read_length,
                                       reader_options.max_record_bytes)
                      : DescribeReadError(next.status(), reader->records_read());
      }
      return next.ok() && *next;
    };
    if (!pipeline) {
      // One thread: records go from the reader's buffer straight to the modules.
      while (next_record()) {
        failure = CheckRecord(record, file, options.max_read_length, from_alignments);
        if (!failure.ok()) break;
        QcRead read{record.name, record.sequence, record.quality,
                    filter && record.name.find(":Y:") != std::string_view::npos};
        if (AnyLower(record.sequence)) {
          upper.resize(record.sequence.size());
          CopyUpper(record.sequence.data(), record.sequence.size(), upper.data());
          read.sequence = upper;
        }
        for (QcModule* module : all) {
          if (!read.filtered || module->wants_filtered()) module->Add(read);
        }
        ++result.reads;
      }
    } else {
      // Threads: batches of copied reads, seen by every module group in order.
      bool more = true;
      while (more && failure.ok()) {
        std::unique_ptr<ReadBatch> batch = pipeline->Take();
        while (batch->offsets.size() < kBatchReads && batch->data.size() < kBatchBytes &&
               (more = next_record())) {
          failure = AddRecord(record, file, filter, options.max_read_length, from_alignments,
                              batch.get());
          if (!failure.ok()) break;
        }
        if (failure.ok()) {
          batch->MakeViews();
          result.reads += static_cast<int64_t>(batch->reads.size());
        }
        // (A failed batch is published without views, so that it is released in order.)
        ReadBatch* published = pipeline->Publish(std::move(batch));
        Feed(split[0], *published);
        pipeline->Done(published);
      }
    }
    if (!failure.ok()) break;
  }
  if (pipeline) pipeline->Close();
  if (!failure.ok()) return failure;
  if (result.reads == 0) {
    return Status::Corruption(fmt::format(
        "{}: no reads: the file is empty (FastQC would write a report of nothing)", paths.front()));
  }
  // Basic Statistics and Per sequence quality read the per-base modules' counts, Duplication
  // Levels the sequence counts: finish those first.
  std::vector<QcModule*> order = all;
  std::stable_partition(order.begin(), order.end(), [](QcModule* x) {
    return x->name() == "Per base sequence quality" || x->name() == "Per base sequence content" ||
           x->name() == "Overrepresented sequences";
  });
  for (QcModule* module : order) module->Finish();
  return result;
}

}  // namespace cutover
