// A file's records of one `bam` pass, read and summarised on a thread of their own and handed
// over in batches, in file order.
//
// The thread decompresses (or has htslib's threads decompress), parses and summarises each
// record (Summarize, PairingKey: the bulk of a pass's work) while the caller pairs the records
// of the batch before; batches of a few thousand records keep the hand-overs between the two
// threads to a few thousand per file, where htslib's own decompression threads hand over every
// 64 KB block. A few batches are read ahead, no more: memory stays a few MB.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "util/alignment_reader.h"
#include "compare/alignment_record.h"
#include "util/status.h"

namespace cutover {

// One record of the pass's partition, summarised.
struct StreamedAlignment {
  AlignmentSummary summary;
  uint64_t key = 0;    // PairingKey
  int64_t number = 0;  // its record number in the file
  uint32_t name = 0;   // where its read name starts in its batch's names
};

struct AlignmentBatch {
  std::vector<StreamedAlignment> records;
  std::string names;  // the records' read names, each ending in a NUL
  const char* name(const StreamedAlignment& r) const { return names.data() + r.name; }
};

// The stream's share of the records: those whose key's partition (KeyHash::From64, as
// MatchPass::Owns) is `index` of `count`.
struct StreamPartition {
  int64_t index = 0;
  int64_t count = 1;
};

// Next, status, records and reads are for one consumer thread; the stream's own thread is
// stopped and joined on destruction, wherever it is.
class AlignmentStream {
 public:
  static constexpr size_t kBatchRecords = 2048;
  static constexpr size_t kBatches = 4;  // read ahead at most, besides the one the caller holds

  // Starts reading `reader`'s records after those it has read, their contigs numbered by
  // `contigs`, their tags by `tags`; notes the file's checkpoints in *checkpoints (which the
  // caller reads once Next returned null).
  AlignmentStream(AlignmentReader reader, ContigMap contigs, const TagTable& tags,
                  StreamPartition partition, AlignmentCheckpoints* checkpoints);
  ~AlignmentStream();
  AlignmentStream(const AlignmentStream&) = delete;
  AlignmentStream& operator=(const AlignmentStream&) = delete;

  // The next batch (never empty), valid until the next call; null after the last one, or when
  // reading failed (then status() says, naming the file and record).
  const AlignmentBatch* Next();
  // Once Next returned null: OK at the end of the file, or why reading stopped.
  const Status& status() const { return status_; }
  // Once Next returned null at the end of the file: its records, and its primary records
  // (reads), of every partition.
  int64_t records() const { return records_; }
  int64_t reads() const { return reads_; }
  // "record 12" or "record 12 (line 15)" (AlignmentReader::Where).
  std::string Where(int64_t number) const { return reader_.Where(number); }
  const std::filesystem::path& path() const { return reader_.path(); }

 private:
  void Run();
  // The next batch to fill, or null when the stream is stopped.
  std::unique_ptr<AlignmentBatch> Free();
  void Publish(std::unique_ptr<AlignmentBatch> batch);

  // Owned by the stream's thread until it finishes.
  AlignmentReader reader_;
  const ContigMap contigs_;
  const TagTable tags_;
  const StreamPartition partition_;
  AlignmentCheckpoints* const checkpoints_;

  std::mutex mu_;
  std::condition_variable cv_;
  // Guarded by mu_.
  std::deque<std::unique_ptr<AlignmentBatch>> full_;  // in file order
  std::vector<std::unique_ptr<AlignmentBatch>> free_;
  bool finished_ = false;  // the thread published its last batch
  bool stop_ = false;      // the consumer is gone
  Status result_;          // the thread's outcome, once finished_
  int64_t thread_records_ = 0, thread_reads_ = 0;

  // The consumer's.
  std::unique_ptr<AlignmentBatch> held_;
  Status status_;
  int64_t records_ = 0, reads_ = 0;

  std::thread thread_;  // last: started once everything else is
};

}  // namespace cutover
