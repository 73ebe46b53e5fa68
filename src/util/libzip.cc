#include "util/libzip.h"

#include <dlfcn.h>
#include <fmt/format.h>

#include <type_traits>

namespace cutover {
namespace {

Result<LibZip> LoadLibZip() {
  void* handle = ::dlopen("libzip.so.4", RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    return Status::IoError(fmt::format(
        "cannot load libzip for zip archives ({}): install the Debian package libzip4",
        ::dlerror()));
  }
  LibZip api;
  bool ok = true;
  auto bind = [&](auto& fn, const char* name) {
    fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(::dlsym(handle, name));
    ok = ok && fn != nullptr;
  };
  bind(api.close, "zip_close");
  bind(api.dir_add, "zip_dir_add");
  bind(api.discard, "zip_discard");
  bind(api.error_fini, "zip_error_fini");
  bind(api.error_init_with_code, "zip_error_init_with_code");
  bind(api.error_strerror, "zip_error_strerror");
  bind(api.fclose, "zip_fclose");
  bind(api.file_add, "zip_file_add");
  bind(api.file_set_mtime, "zip_file_set_mtime");
  bind(api.file_strerror, "zip_file_strerror");
  bind(api.fopen_index, "zip_fopen_index");
  bind(api.fread, "zip_fread");
  bind(api.get_name, "zip_get_name");
  bind(api.get_num_entries, "zip_get_num_entries");
  bind(api.open, "zip_open");
  bind(api.source_buffer, "zip_source_buffer");
  bind(api.source_free, "zip_source_free");
  bind(api.stat_index, "zip_stat_index");
  bind(api.stat_init, "zip_stat_init");
  bind(api.strerror, "zip_strerror");
  if (!ok) return Status::IoError("libzip.so.4 lacks a function cutover needs: upgrade libzip4");
  return api;
}

}  // namespace

const Result<LibZip>& LibZipApi() {
  static const Result<LibZip> api = LoadLibZip();
  return api;
}

std::string LibZipErrorString(const LibZip& api, int code) {
  zip_error_t error;
  api.error_init_with_code(&error, code);
  std::string s = api.error_strerror(&error);
  api.error_fini(&error);
  return s;
}

}  // namespace cutover
