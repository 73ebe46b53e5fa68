// libzip, loaded with dlopen on first use. Linking it would load libcrypto and libbz2 at every
// start of cutover (about 4 ms, most of `cutover step`'s start-up), while only FastQC report
// zips (reading them in `compare`, writing them in `qc`) need it.
#pragma once

#include <zip.h>

#include <string>

#include "util/status.h"

namespace cutover {

// The functions cutover uses, bound by name. Constant after loading.
struct LibZip {
  decltype(&::zip_close) close = nullptr;
  decltype(&::zip_dir_add) dir_add = nullptr;
  decltype(&::zip_discard) discard = nullptr;
  decltype(&::zip_error_fini) error_fini = nullptr;
  decltype(&::zip_error_init_with_code) error_init_with_code = nullptr;
  decltype(&::zip_error_strerror) error_strerror = nullptr;
  decltype(&::zip_fclose) fclose = nullptr;
  decltype(&::zip_file_add) file_add = nullptr;
  decltype(&::zip_file_set_mtime) file_set_mtime = nullptr;
  decltype(&::zip_file_strerror) file_strerror = nullptr;
  decltype(&::zip_fopen_index) fopen_index = nullptr;
  decltype(&::zip_fread) fread = nullptr;
  decltype(&::zip_get_name) get_name = nullptr;
  decltype(&::zip_get_num_entries) get_num_entries = nullptr;
  decltype(&::zip_open) open = nullptr;
  decltype(&::zip_source_buffer) source_buffer = nullptr;
  decltype(&::zip_source_free) source_free = nullptr;
  decltype(&::zip_stat_index) stat_index = nullptr;
  decltype(&::zip_stat_init) stat_init = nullptr;
  decltype(&::zip_strerror) strerror = nullptr;
};

// The process-wide binding, loaded once (thread-safe) and never unloaded; an error names the
// Debian package to install.
const Result<LibZip>& LibZipApi();

// The message for a libzip error code.
std::string LibZipErrorString(const LibZip& api, int code);

}  // namespace cutover
