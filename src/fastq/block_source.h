// Content in large blocks, each with free headroom in front, optionally filled by a background
// thread. The headroom lets a parser move the unfinished end of one block in front of the next
// one and keep parsing in place: content is decompressed straight into the block that is parsed,
// never copied (the FASTQ reader at gigabytes per second would otherwise spend a third of its
// time in memcpy).
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "fastq/input_stream.h"
#include "util/status.h"

namespace cutover {

struct Block {
  std::vector<char> data;  // content at [begin, end); [0, begin) is free headroom
  size_t begin = 0;
  size_t end = 0;
};

struct BlockSourceOptions {
  size_t block_bytes = 4 << 20;  // content per block
  size_t headroom = 256 << 10;   // free bytes before the content of each block
  bool background = false;       // fill blocks on a background thread
  int queue = 4;                 // background: blocks filled ahead (memory: queue * block)
};

// One consumer thread. Owns the stream (used only by the background thread when there is one).
class BlockSource {
 public:
  BlockSource(std::unique_ptr<InputStream> stream, const BlockSourceOptions& options);
  ~BlockSource();
  BlockSource(const BlockSource&) = delete;
  BlockSource& operator=(const BlockSource&) = delete;

  // The next block of content; false at the clean end. Errors are the stream's (sticky).
  Result<bool> Next(Block* block);
  // Gives a block's storage back for reuse.
  void Recycle(std::vector<char>&& storage);

  const std::string& name() const { return name_; }

 private:
  // Fills one block from the stream (the calling thread decompresses).
  Result<bool> Fill(Block* block);
  void Work();

  std::unique_ptr<InputStream> stream_;
  const BlockSourceOptions options_;
  const std::string name_;
  // Guarded by mu_ (background mode).
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Block> full_;
  std::vector<std::vector<char>> free_;
  int in_flight_ = 0;  // blocks handed out or queued
  bool finished_ = false;
  bool stop_ = false;
  Status error_;
  std::thread worker_;
};

}  // namespace cutover
