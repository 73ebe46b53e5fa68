#include "fastq/block_source.h"

namespace cutover {

BlockSource::BlockSource(std::unique_ptr<InputStream> stream, const BlockSourceOptions& options)
    : stream_(std::move(stream)), options_(options), name_(stream_->name()) {
  if (options_.background) worker_ = std::thread([this] { Work(); });
}

BlockSource::~BlockSource() {
  if (worker_.joinable()) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    worker_.join();
  }
}

Result<bool> BlockSource::Fill(Block* block) {
  std::vector<char> storage;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!free_.empty()) {
      storage = std::move(free_.back());
      free_.pop_back();
    }
  }
  const size_t size = options_.headroom + options_.block_bytes;
  if (storage.size() < size) storage.resize(size);
  size_t end = options_.headroom;
  // Fill the block as far as the stream allows (a gzip member may end mid-block).
  while (end < size) {
    CUTOVER_ASSIGN_OR_RETURN(size_t got, stream_->Read(storage.data() + end, size - end));
    if (got == 0) break;
    end += got;
  }
  if (end == options_.headroom) return false;
  block->data = std::move(storage);
  block->begin = options_.headroom;
  block->end = end;
  return true;
}

void BlockSource::Work() {
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stop_ || in_flight_ < options_.queue; });
      if (stop_) return;
      ++in_flight_;
    }
    Block block;
    auto got = Fill(&block);
    std::lock_guard<std::mutex> lock(mu_);
    if (!got.ok() || !*got) {
      if (!got.ok()) error_ = got.status();
      finished_ = true;
      --in_flight_;
      cv_.notify_all();
      return;
    }
    full_.push_back(std::move(block));
    cv_.notify_all();
  }
}

Result<bool> BlockSource::Next(Block* block) {
  if (!options_.background) {
    if (!error_.ok()) return error_;
    auto got = Fill(block);
    if (!got.ok()) error_ = got.status();
    return got;
  }
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [this] { return !full_.empty() || finished_; });
  if (full_.empty()) {
    if (!error_.ok()) return error_;
    return false;
  }
  *block = std::move(full_.front());
  full_.pop_front();
  return true;
}

void BlockSource::Recycle(std::vector<char>&& storage) {
  std::lock_guard<std::mutex> lock(mu_);
  if (storage.size() == options_.headroom + options_.block_bytes) free_.push_back(std::move(storage));
  if (options_.background) {
    --in_flight_;
    cv_.notify_all();
  }
}

}  // namespace cutover
