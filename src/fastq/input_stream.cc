#include "fastq/input_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <isa-l/igzip_lib.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include <fmt/format.h>

namespace cutover {
namespace fs = std::filesystem;
namespace {

// A file descriptor we own.
class Fd {
 public:
  explicit Fd(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~Fd() {
    if (owned_ && fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
  bool owned_;
};

// Reads as much as possible into buf; 0 at end of file.
Result<size_t> ReadSome(const Fd& fd, uint8_t* buf, size_t n, const std::string& name) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = ::read(fd.get(), buf + got, n - got);
    if (r < 0) {
      if (errno == EINTR) continue;
      return Status::FromErrno(name + ": read", errno);
    }
    if (r == 0) break;
    got += static_cast<size_t>(r);
  }
  return got;
}

// The synchronous decoders: Fill() produces the next chunk of content.
class Decoder {
 public:
  virtual ~Decoder() = default;
  // Appends up to `cap` bytes of content at `dst`; 0 at a clean end.
  virtual Result<size_t> Fill(uint8_t* dst, size_t cap) = 0;
};

class PlainDecoder final : public Decoder {
 public:
  PlainDecoder(std::unique_ptr<Fd> fd, std::string name, std::vector<uint8_t> prefix)
      : fd_(std::move(fd)), name_(std::move(name)), prefix_(std::move(prefix)) {}
  Result<size_t> Fill(uint8_t* dst, size_t cap) override {
    size_t got = 0;
    if (prefix_used_ < prefix_.size()) {
      got = std::min(cap, prefix_.size() - prefix_used_);
      std::memcpy(dst, prefix_.data() + prefix_used_, got);
      prefix_used_ += got;
      if (got == cap) return got;
    }
    CUTOVER_ASSIGN_OR_RETURN(size_t more, ReadSome(*fd_, dst + got, cap - got, name_));
    return got + more;
  }

 private:
  std::unique_ptr<Fd> fd_;
  std::string name_;
  std::vector<uint8_t> prefix_;  // bytes read to sniff the format
  size_t prefix_used_ = 0;
};

class GzipDecoder final : public Decoder {
 public:
  GzipDecoder(std::unique_ptr<Fd> fd, std::string name, std::vector<uint8_t> prefix,
              size_t buffer_bytes, bool strict_end)
      : fd_(std::move(fd)),
        name_(std::move(name)),
        strict_end_(strict_end),
        in_(std::max(buffer_bytes, prefix.size())) {
    std::memcpy(in_.data(), prefix.data(), prefix.size());
    isal_inflate_init(&state_);
    state_.crc_flag = ISAL_GZIP;
    state_.next_in = in_.data();
    state_.avail_in = static_cast<uint32_t>(prefix.size());
    file_bytes_ = prefix.size();
  }

  Result<size_t> Fill(uint8_t* dst, size_t cap) override {
    if (done_) return size_t{0};
    state_.next_out = dst;
    state_.avail_out = static_cast<uint32_t>(std::min<size_t>(cap, UINT32_MAX));
    while (state_.avail_out > 0) {
      if (state_.block_state == ISAL_BLOCK_FINISH) {
        // A member ended: another one may follow.
        CUTOVER_ASSIGN_OR_RETURN(bool more, RefillIfEmpty());
        if (more && strict_end_) {
          CUTOVER_ASSIGN_OR_RETURN(more, SkipZeros());
        }
        if (!more) {
          done_ = true;
          break;
        }
        if (!NextIsGzip()) {
          if (strict_end_) return TrailingGarbage(produced_ + (cap - state_.avail_out));
          done_ = true;
          break;
        }
        uint8_t* next_in = state_.next_in;
        const uint32_t avail_in = state_.avail_in;
        isal_inflate_reset(&state_);  // may clear the input pointers: keep them
        state_.crc_flag = ISAL_GZIP;
        state_.next_in = next_in;
        state_.avail_in = avail_in;
        continue;
      }
      if (state_.avail_in == 0) {
        CUTOVER_ASSIGN_OR_RETURN(bool more, RefillIfEmpty());
        if (!more) {
          return Truncated();
        }
      }
      const uint32_t before_out = state_.avail_out;
      const uint32_t before_in = state_.avail_in;
      int ret = isal_inflate(&state_);
      if (ret < 0) {
        return Status::Corruption(fmt::format("{}: corrupt gzip data after {} bytes of content ({})",
                                              name_, produced_ + (cap - state_.avail_out),
                                              Describe(ret)));
      }
      if (ret == ISAL_NEED_DICT) {
        return Status::Corruption(name_ + ": gzip stream needs a preset dictionary");
      }
      if (state_.avail_out == before_out && state_.avail_in == before_in &&
          state_.block_state != ISAL_BLOCK_FINISH) {
        // No progress with input available: only possible when input ran out mid-header.
        CUTOVER_ASSIGN_OR_RETURN(bool more, Refill());
        if (!more) {
          return Truncated();
        }
      }
    }
    const size_t n = cap - state_.avail_out;
    produced_ += n;
    return n;
  }

 private:
  static const char* Describe(int ret) {
    switch (ret) {
      case ISAL_INVALID_BLOCK: return "invalid deflate block";
      case ISAL_INVALID_SYMBOL: return "invalid deflate symbol";
      case ISAL_INVALID_LOOKBACK: return "invalid back-reference";
      case ISAL_INVALID_WRAPPER: return "invalid gzip header";
      case ISAL_UNSUPPORTED_METHOD: return "unsupported compression method";
      case ISAL_INCORRECT_CHECKSUM: return "CRC or length check failed";
      default: return "decompression error";
    }
  }
  // The file ends inside a gzip member. Named by the file's length, which does not depend on
  // how much content the decoder had handed out when it noticed (that depends on how large
  // the reads were).
  Status Truncated() const {
    return Status::Corruption(fmt::format(
        "{}: truncated gzip stream: the file ends inside a gzip member after {} bytes (an "
        "interrupted copy or download?)",
        name_, file_bytes_));
  }
  // Reads more compressed input when none is left; false at end of file.
  Result<bool> RefillIfEmpty() {
    if (state_.avail_in > 0) return true;
    return Refill();
  }
  // Moves unread input to the front and reads more; false when nothing more could be read.
  Result<bool> Refill() {
    if (eof_) return false;
    size_t keep = state_.avail_in;
    std::memmove(in_.data(), state_.next_in, keep);
    CUTOVER_ASSIGN_OR_RETURN(size_t got, ReadSome(*fd_, in_.data() + keep, in_.size() - keep, name_));
    if (got == 0) eof_ = true;
    file_bytes_ += got;
    state_.next_in = in_.data();
    state_.avail_in = static_cast<uint32_t>(keep + got);
    return got > 0;
  }
  // Skips zero bytes (padding between or after members); false when only zeros were left.
  Result<bool> SkipZeros() {
    while (true) {
      while (state_.avail_in > 0 && state_.next_in[0] == 0) {
        ++state_.next_in;
        --state_.avail_in;
      }
      if (state_.avail_in > 0) return true;
      CUTOVER_ASSIGN_OR_RETURN(bool more, Refill());
      if (!more) return false;
    }
  }
  Status TrailingGarbage(uint64_t content) const {
    std::string excerpt;
    for (uint32_t i = 0; i < std::min<uint32_t>(state_.avail_in, 8); ++i) {
      const uint8_t c = state_.next_in[i];
      excerpt += c >= 0x20 && c < 0x7f ? std::string(1, static_cast<char>(c))
                                       : fmt::format("\\x{:02x}", c);
    }
    return Status::Corruption(fmt::format(
        "{}: trailing garbage after the gzip data (after {} bytes of content): '{}' is not the "
        "start of another gzip member (a damaged file, or something appended to it?)",
        name_, content, excerpt));
  }
  bool NextIsGzip() {
    if (state_.avail_in < 2) {
      auto more = Refill();
      if (!more.ok()) return false;
    }
    return state_.avail_in >= 2 && state_.next_in[0] == 0x1f && state_.next_in[1] == 0x8b;
  }

  std::unique_ptr<Fd> fd_;
  std::string name_;
  const bool strict_end_;
  std::vector<uint8_t> in_;
  inflate_state state_{};
  bool eof_ = false;
  bool done_ = false;
  uint64_t produced_ = 0;
  uint64_t file_bytes_ = 0;  // read from the file so far
};

// Reads synchronously through a decoder.
class DirectStream final : public InputStream {
 public:
  DirectStream(std::unique_ptr<Decoder> d, bool gz, std::string name)
      : decoder_(std::move(d)), gz_(gz), name_(std::move(name)) {}
  Result<size_t> Read(char* dst, size_t n) override {
    if (!error_.ok()) return error_;
    auto got = decoder_->Fill(reinterpret_cast<uint8_t*>(dst), n);
    if (!got.ok()) {
      error_ = got.status();
      return error_;
    }
    position_ += *got;
    return *got;
  }
  bool compressed() const override { return gz_; }
  uint64_t position() const override { return position_; }
  const std::string& name() const override { return name_; }

 private:
  std::unique_ptr<Decoder> decoder_;
  const bool gz_;
  const std::string name_;
  Status error_;
  uint64_t position_ = 0;
};

// Decodes on a background thread into a ring of chunks.
class ReadAheadStream final : public InputStream {
 public:
  ReadAheadStream(std::unique_ptr<Decoder> d, bool gz, std::string name,
                  const InputStreamOptions& o)
      : decoder_(std::move(d)), gz_(gz), name_(std::move(name)), chunk_bytes_(o.buffer_bytes) {
    for (int i = 0; i < std::max(2, o.ring_chunks); ++i) free_.push_back(std::vector<uint8_t>(chunk_bytes_));
    worker_ = std::thread([this] { Work(); });
  }
  ~ReadAheadStream() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    worker_.join();
  }
  Result<size_t> Read(char* dst, size_t n) override {
    size_t copied = 0;
    while (copied < n) {
      if (current_pos_ == current_len_) {
        std::unique_lock<std::mutex> lock(mu_);
        if (!current_.empty()) {
          free_.push_back(std::move(current_));
          current_.clear();
          cv_.notify_all();
        }
        cv_.wait(lock, [this] { return !full_.empty() || finished_; });
        if (full_.empty()) {
          if (!error_.ok()) return copied > 0 ? Result<size_t>(copied) : Result<size_t>(error_);
          break;  // clean end
        }
        current_ = std::move(full_.front().first);
        current_len_ = full_.front().second;
        full_.pop_front();
        current_pos_ = 0;
      }
      size_t take = std::min(n - copied, current_len_ - current_pos_);
      std::memcpy(dst + copied, current_.data() + current_pos_, take);
      current_pos_ += take;
      copied += take;
    }
    position_ += copied;
    return copied;
  }
  bool compressed() const override { return gz_; }
  uint64_t position() const override { return position_; }
  const std::string& name() const override { return name_; }

 private:
  void Work() {
    while (true) {
      std::vector<uint8_t> buf;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [this] { return !free_.empty() || stop_; });
        if (stop_) return;
        buf = std::move(free_.back());
        free_.pop_back();
      }
      buf.resize(chunk_bytes_);
      auto got = decoder_->Fill(buf.data(), buf.size());
      std::lock_guard<std::mutex> lock(mu_);
      if (!got.ok()) {
        error_ = got.status();
        finished_ = true;
        cv_.notify_all();
        return;
      }
      if (*got == 0) {
        finished_ = true;
        cv_.notify_all();
        return;
      }
      full_.emplace_back(std::move(buf), *got);
      cv_.notify_all();
    }
  }

  std::unique_ptr<Decoder> decoder_;  // used by the worker only
  const bool gz_;
  const std::string name_;
  const size_t chunk_bytes_;
  // Guarded by mu_.
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::vector<uint8_t>> free_;
  std::deque<std::pair<std::vector<uint8_t>, size_t>> full_;
  bool finished_ = false;
  bool stop_ = false;
  Status error_;
  // Consumer only.
  std::vector<uint8_t> current_;
  size_t current_len_ = 0, current_pos_ = 0;
  uint64_t position_ = 0;
  std::thread worker_;
};

}  // namespace

Result<std::unique_ptr<InputStream>> InputStream::Open(const fs::path& path,
                                                       const InputStreamOptions& options) {
  const std::string name = path == "-" ? std::string("<stdin>") : path.string();
  std::unique_ptr<Fd> fd;
  bool regular = false;
  if (path == "-") {
    fd = std::make_unique<Fd>(STDIN_FILENO, false);
  } else {
    int f = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (f < 0) {
      int err = errno;
      if (err == ENOENT) return Status::NotFound(name + ": no such file");
      return Status::FromErrno(name, err);
    }
    fd = std::make_unique<Fd>(f, true);
    struct stat st {};
    if (::fstat(f, &st) == 0 && S_ISDIR(st.st_mode)) {
      return Status::IoError(name + ": is a directory");
    }
    regular = S_ISREG(st.st_mode);
  }
  std::vector<uint8_t> prefix(2);
  CUTOVER_ASSIGN_OR_RETURN(size_t got, ReadSome(*fd, prefix.data(), 2, name));
  prefix.resize(got);
  const bool gz = got == 2 && prefix[0] == 0x1f && prefix[1] == 0x8b;
  if (options.compression_as_xopen) {
    if (path != "-" && name.ends_with(".gz")) {
      if (!gz && got > 0) {
        return Status::Corruption(name + ": not a gzip file, though its name ends in .gz");
      }
    } else if (gz && !regular) {
      return Status::Corruption(
          name + ": gzip data from standard input or a pipe, which cutadapt reads uncompressed "
                 "(not FASTQ): decompress it first (zcat) or give a file name");
    }
  }
  std::unique_ptr<Decoder> decoder;
  if (gz) {
    decoder = std::make_unique<GzipDecoder>(std::move(fd), name, std::move(prefix),
                                            options.buffer_bytes, options.strict_gzip_end);
  } else {
    decoder = std::make_unique<PlainDecoder>(std::move(fd), name, std::move(prefix));
  }
  if (options.read_ahead) {
    return std::unique_ptr<InputStream>(new ReadAheadStream(std::move(decoder), gz, name, options));
  }
  return std::unique_ptr<InputStream>(new DirectStream(std::move(decoder), gz, name));
}

}  // namespace cutover
