#include "compare/alignment_stream.h"

#include <fmt/format.h>

#include <cstring>
#include <utility>

#include "compare/partitioned_matcher.h"

namespace cutover {

AlignmentStream::AlignmentStream(AlignmentReader reader, ContigMap contigs, const TagTable& tags,
                                 StreamPartition partition, AlignmentCheckpoints* checkpoints)
    : reader_(std::move(reader)),
      contigs_(std::move(contigs)),
      tags_(tags),
      partition_(partition),
      checkpoints_(checkpoints) {
  for (size_t i = 0; i <= kBatches; ++i) {
    auto batch = std::make_unique<AlignmentBatch>();
    batch->records.reserve(kBatchRecords);
    free_.push_back(std::move(batch));
  }
  thread_ = std::thread(&AlignmentStream::Run, this);
}

AlignmentStream::~AlignmentStream() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

const AlignmentBatch* AlignmentStream::Next() {
  std::unique_lock lock(mu_);
  if (held_ != nullptr) {
    free_.push_back(std::move(held_));
    cv_.notify_all();
  }
  cv_.wait(lock, [&] { return !full_.empty() || finished_; });
  if (!full_.empty()) {
    held_ = std::move(full_.front());
    full_.pop_front();
    return held_.get();
  }
  status_ = result_;
  records_ = thread_records_;
  reads_ = thread_reads_;
  return nullptr;
}

std::unique_ptr<AlignmentBatch> AlignmentStream::Free() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !free_.empty() || stop_; });
  if (stop_) return nullptr;
  std::unique_ptr<AlignmentBatch> batch = std::move(free_.back());
  free_.pop_back();
  batch->records.clear();
  batch->names.clear();
  return batch;
}

void AlignmentStream::Publish(std::unique_ptr<AlignmentBatch> batch) {
  {
    std::lock_guard lock(mu_);
    full_.push_back(std::move(batch));
  }
  cv_.notify_all();
}

void AlignmentStream::Run() {
  TagScratch scratch;
  BamRecordPtr record(bam_init1());
  Status result = Status::Ok();
  int64_t records = 0, reads = 0;
  const auto count = static_cast<uint64_t>(partition_.count);
  const auto index = static_cast<uint64_t>(partition_.index);
  std::unique_ptr<AlignmentBatch> batch = Free();
  while (batch != nullptr) {
    checkpoints_->Note(reader_);
    auto got = reader_.Next(record.get());
    if (!got.ok()) {
      result = got.status();
      break;
    }
    if (!*got) break;
    ++records;
    const bam1_t* r = record.get();
    if (KindOf(r) == RecordKind::kPrimary) ++reads;
    auto summary = Summarize(r, contigs_, tags_, &scratch);
    if (!summary.ok()) {
      result = Status::Corruption(fmt::format("{}: {}: {}", reader_.path().string(),
                                              reader_.Where(), summary.status().message()));
      break;
    }
    const uint64_t key = PairingKey(r, *summary);
    if (KeyHash::From64(key).partition % count != index) continue;
    const char* name = bam_get_qname(r);
    batch->records.push_back(
        {*summary, key, reader_.number(), static_cast<uint32_t>(batch->names.size())});
    batch->names.append(name, std::strlen(name) + 1);
    if (batch->records.size() == kBatchRecords) {
      Publish(std::move(batch));
      batch = Free();
    }
  }
  if (batch != nullptr && !batch->records.empty()) Publish(std::move(batch));
  {
    std::lock_guard lock(mu_);
    finished_ = true;
    result_ = std::move(result);
    thread_records_ = records;
    thread_reads_ = reads;
  }
  cv_.notify_all();
}

}  // namespace cutover
