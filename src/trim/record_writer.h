// Writing FASTQ records as cutadapt writes them ("@name", sequence, "+", qualities) to a file
// that appears atomically on Commit(), plain or gzip (ISA-L members of about a megabyte).
#pragma once

#include <memory>
#include <string>

#include "fastq/gzip_member.h"
#include "fastq/output_file.h"
#include "trim/read_trimmer.h"
#include "util/byte_buffer.h"
#include "util/status.h"

namespace cutover::trim {

// Not thread-safe.
class RecordWriter {
 public:
  static Result<std::unique_ptr<RecordWriter>> Open(const std::string& path, bool gzip,
                                                     int gzip_level = 1);
  Status Append(const ReadView& read);
  Status Commit();
  const std::string& name() const { return file_->name(); }

 private:
  RecordWriter(std::unique_ptr<OutputFile> file, bool gzip, int level)
      : file_(std::move(file)), gzip_(gzip), compressor_(level) {}
  Status Flush();

  std::unique_ptr<OutputFile> file_;
  bool gzip_;
  bool wrote_ = false;
  GzipMemberCompressor compressor_;
  std::string text_;
  ByteBuffer encoded_;
};

}  // namespace cutover::trim
