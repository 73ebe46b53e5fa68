// A growable byte buffer that does not zero what it grows into: output text and compressed
// members are written into it whole, and zero-filling a megabyte before each (what
// std::string::resize does) cost more than a tenth of the compressor's time.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>

namespace cutover {

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
  size_t capacity() const { return capacity_; }
  const char* data() const { return data_.get(); }
  char* data() { return data_.get(); }
  std::string_view view() const { return {data_.get(), size_}; }
  void clear() { size_ = 0; }
  // Room for `n` bytes in all (the content is kept): one allocation instead of several as the
  // buffer doubles, each of whose pages is faulted in anew.
  void Reserve(size_t n) {
    if (n > capacity_) Grow(n);
  }
  // n more bytes at the end, not initialised; returns where they start.
  char* Extend(size_t n) {
    if (size_ + n > capacity_) Grow(std::max(capacity_ * 2, size_ + n + (64 << 10)));
    char* p = data_.get() + size_;
    size_ += n;
    return p;
  }
  // Keeps the first n bytes (n <= size()).
  void Truncate(size_t n) { size_ = std::min(n, size_); }

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

}  // namespace cutover
