#include "trim/record_writer.h"

namespace cutover::trim {
namespace {
constexpr size_t kFlushBytes = 1 << 20;
}  // namespace

Result<std::unique_ptr<RecordWriter>> RecordWriter::Open(const std::string& path, bool gzip,
                                                         int gzip_level) {
  CUTOVER_ASSIGN_OR_RETURN(auto file, OutputFile::Open(path));
  return std::unique_ptr<RecordWriter>(new RecordWriter(std::move(file), gzip, gzip_level));
}

Status RecordWriter::Append(const ReadView& r) {
  text_ += '@';
  text_ += r.name;
  text_ += '\n';
  text_ += r.sequence;
  text_ += "\n+\n";
  text_ += r.quality;
  text_ += '\n';
  if (text_.size() >= kFlushBytes) return Flush();
  return Status::Ok();
}

Status RecordWriter::Flush() {
  if (text_.empty()) return Status::Ok();
  wrote_ = true;
  if (gzip_) {
    encoded_.clear();
    CUTOVER_RETURN_IF_ERROR(compressor_.Compress(text_, &encoded_));
    CUTOVER_RETURN_IF_ERROR(file_->Write(encoded_.view()));
  } else {
    CUTOVER_RETURN_IF_ERROR(file_->Write(text_));
  }
  text_.clear();
  return Status::Ok();
}

Status RecordWriter::Commit() {
  CUTOVER_RETURN_IF_ERROR(Flush());
  if (gzip_ && !wrote_) {  // an empty gzip file is still one (empty) member
    encoded_.clear();
    CUTOVER_RETURN_IF_ERROR(compressor_.Compress("", &encoded_));
    CUTOVER_RETURN_IF_ERROR(file_->Write(encoded_.view()));
  }
  return file_->Commit();
}

}  // namespace cutover::trim
