#include "compare/zip_reader.h"

#include "util/libzip.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <zip.h>

#include <cerrno>

namespace cutover {
namespace fs = std::filesystem;
namespace {

// Only called once Open() checked that the library loaded.
const LibZip& Api() { return *LibZipApi(); }

zip_t* Zip(void* p) { return static_cast<zip_t*>(p); }

std::string ZipErrorString(int code) { return LibZipErrorString(Api(), code); }

struct ZipFileCloser {
  void operator()(zip_file_t* f) const { Api().fclose(f); }
};

}  // namespace

Result<std::unique_ptr<ZipReader>> ZipReader::Open(const fs::path& path) {
  if (!LibZipApi().ok()) return LibZipApi().status();
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    int err = errno;
    if (err == ENOENT) return Status::NotFound(fmt::format("{}: no such file", path.string()));
    return Status::FromErrno(path.string(), err);
  }
  if (S_ISDIR(st.st_mode)) return Status::IoError(fmt::format("{}: is a directory", path.string()));
  int code = 0;
  zip_t* zip = Api().open(path.c_str(), ZIP_RDONLY, &code);
  if (zip == nullptr) {
    std::string why = ZipErrorString(code);
    switch (code) {
      case ZIP_ER_NOZIP:
      case ZIP_ER_INCONS:
      case ZIP_ER_CRC:
        return Status::Corruption(
            fmt::format("{}: not a readable zip archive ({})", path.string(), why));
      default:
        return Status::IoError(fmt::format("{}: cannot open as zip ({})", path.string(), why));
    }
  }
  std::vector<std::string> names;
  zip_int64_t n = Api().get_num_entries(zip, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* name = Api().get_name(zip, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
    names.emplace_back(name == nullptr ? "" : name);
  }
  return std::unique_ptr<ZipReader>(new ZipReader(path, zip, std::move(names)));
}

ZipReader::ZipReader(fs::path path, void* zip, std::vector<std::string> names)
    : path_(std::move(path)), zip_(zip), names_(std::move(names)) {}

ZipReader::~ZipReader() { Api().discard(Zip(zip_)); }

Result<std::string> ZipReader::Read(std::string_view name, size_t max_bytes) {
  const std::string where = fmt::format("{}:{}", path_.string(), name);
  zip_uint64_t index = 0;
  bool found = false;
  for (size_t i = 0; i < names_.size() && !found; ++i) {
    if (names_[i] == name) {
      index = i;
      found = true;
    }
  }
  if (!found) return Status::NotFound(fmt::format("{}: no such member", where));
  zip_stat_t st;
  Api().stat_init(&st);
  if (Api().stat_index(Zip(zip_), index, 0, &st) != 0) {
    return Status::Corruption(fmt::format("{}: {}", where, Api().strerror(Zip(zip_))));
  }
  if ((st.valid & ZIP_STAT_SIZE) != 0 && st.size > max_bytes) {
    return Status::Corruption(
        fmt::format("{}: {} bytes, more than the {} allowed", where, st.size, max_bytes));
  }
  std::unique_ptr<zip_file_t, ZipFileCloser> file(Api().fopen_index(Zip(zip_), index, 0));
  if (file == nullptr) {
    return Status::Corruption(fmt::format("{}: cannot read ({})", where, Api().strerror(Zip(zip_))));
  }
  std::string content;
  char buffer[64 << 10];
  while (true) {
    zip_int64_t got = Api().fread(file.get(), buffer, sizeof buffer);
    if (got < 0) {
      return Status::Corruption(
          fmt::format("{}: damaged data ({})", where, Api().file_strerror(file.get())));
    }
    if (got == 0) break;
    if (content.size() + static_cast<size_t>(got) > max_bytes) {
      return Status::Corruption(
          fmt::format("{}: more than the {} bytes allowed", where, max_bytes));
    }
    content.append(buffer, static_cast<size_t>(got));
  }
  return content;
}

}  // namespace cutover
