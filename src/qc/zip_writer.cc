#include "qc/zip_writer.h"

#include <fmt/format.h>

#include "util/libzip.h"

namespace cutover {

void ZipWriter::AddDirectory(std::string name) {
  if (name.empty() || name.back() != '/') name.push_back('/');
  entries_.push_back({std::move(name), true, ""});
}

void ZipWriter::AddFile(std::string name, std::string content) {
  entries_.push_back({std::move(name), false, std::move(content)});
}

Status ZipWriter::Write(const std::filesystem::path& path) const {
  const Result<LibZip>& loaded = LibZipApi();
  if (!loaded.ok()) return loaded.status();
  const LibZip& api = *loaded;
  int code = 0;
  zip_t* zip = api.open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (zip == nullptr) {
    return Status::IoError(
        fmt::format("{}: cannot create zip ({})", path.string(), LibZipErrorString(api, code)));
  }
  auto fail = [&](const std::string& what) {
    Status s = Status::IoError(fmt::format("{}: {} ({})", path.string(), what, api.strerror(zip)));
    api.discard(zip);
    return s;
  };
  for (const Entry& e : entries_) {
    if (e.directory) {
      if (api.dir_add(zip, e.name.c_str(), ZIP_FL_ENC_UTF_8) < 0) return fail("adding " + e.name);
      continue;
    }
    zip_source_t* source = api.source_buffer(zip, e.content.data(), e.content.size(), 0);
    if (source == nullptr) return fail("buffering " + e.name);
    if (api.file_add(zip, e.name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      api.source_free(source);
      return fail("adding " + e.name);
    }
  }
  if (api.close(zip) != 0) return fail("writing");
  return Status::Ok();
}

}  // namespace cutover
