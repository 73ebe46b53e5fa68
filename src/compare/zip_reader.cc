#include "compare/zip_reader.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <zip.h>
#include <dlfcn.h>

#include <type_traits>

#include <cerrno>

namespace cutover {
namespace fs = std::filesystem;
namespace {

// libzip is loaded with dlopen on first use: linking it would load libcrypto and libbz2 at
// every start of cutover (about 4 ms, most of `cutover step`'s start-up), while only FastQC
// report zips need it. The handle is process-wide and never unloaded (a function-local static,
// initialised once, thread-safe).
struct LibZip {
  decltype(&::zip_discard) discard = nullptr;
  decltype(&::zip_error_fini) error_fini = nullptr;
  decltype(&::zip_error_init_with_code) error_init_with_code = nullptr;
  decltype(&::zip_error_strerror) error_strerror = nullptr;
  decltype(&::zip_fclose) fclose = nullptr;
  decltype(&::zip_file_strerror) file_strerror = nullptr;
  decltype(&::zip_fopen_index) fopen_index = nullptr;
  decltype(&::zip_fread) fread = nullptr;
  decltype(&::zip_get_name) get_name = nullptr;
  decltype(&::zip_get_num_entries) get_num_entries = nullptr;
  decltype(&::zip_open) open = nullptr;
  decltype(&::zip_stat_index) stat_index = nullptr;
  decltype(&::zip_stat_init) stat_init = nullptr;
  decltype(&::zip_strerror) strerror = nullptr;
};

Result<LibZip> LoadLibZip() {
  void* handle = ::dlopen("libzip.so.4", RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    return Status::IoError(fmt::format(
        "cannot load libzip to read zip archives ({}): install the Debian package libzip4",
        ::dlerror()));
  }
  LibZip api;
  bool ok = true;
  auto bind = [&](auto& fn, const char* name) {
    fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(::dlsym(handle, name));
    ok = ok && fn != nullptr;
  };
  bind(api.discard, "zip_discard");
  bind(api.error_fini, "zip_error_fini");
  bind(api.error_init_with_code, "zip_error_init_with_code");
  bind(api.error_strerror, "zip_error_strerror");
  bind(api.fclose, "zip_fclose");
  bind(api.file_strerror, "zip_file_strerror");
  bind(api.fopen_index, "zip_fopen_index");
  bind(api.fread, "zip_fread");
  bind(api.get_name, "zip_get_name");
  bind(api.get_num_entries, "zip_get_num_entries");
  bind(api.open, "zip_open");
  bind(api.stat_index, "zip_stat_index");
  bind(api.stat_init, "zip_stat_init");
  bind(api.strerror, "zip_strerror");
  if (!ok) return Status::IoError("libzip.so.4 lacks a function cutover needs: upgrade libzip4");
  return api;
}

const Result<LibZip>& LibZipApi() {
  static const Result<LibZip> api = LoadLibZip();
  return api;
}

// Only called once Open() checked that the library loaded.
const LibZip& Api() { return *LibZipApi(); }

zip_t* Zip(void* p) { return static_cast<zip_t*>(p); }

std::string ZipErrorString(int code) {
  zip_error_t error;
  Api().error_init_with_code(&error, code);
  std::string s = Api().error_strerror(&error);
  Api().error_fini(&error);
  return s;
}

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
