#include "util/alignment_reader.h"

#include <fmt/format.h>
#include <htslib/bgzf.h>

#include <algorithm>

namespace cutover {
namespace {
constexpr const char* kTruncated = " (truncated: the BGZF end-of-file block is missing)";
}  // namespace

AlignmentReader::AlignmentReader(std::filesystem::path path, HtsFilePtr file,
                                 SamHeaderPtr header, bool sam, int64_t header_lines,
                                 bool truncated)
    : path_(std::move(path)),
      file_(std::move(file)),
      header_(std::move(header)),
      record_(bam_init1()),
      sam_(sam),
      header_lines_(header_lines),
      truncated_(truncated) {}

Result<AlignmentReader> AlignmentReader::Open(const std::filesystem::path& path,
                                              const HtsOpenOptions& options) {
  HtsOpenOptions open = options;
  open.require_eof_block = false;  // Next names the record where a truncated file's data ends
  bool truncated = false;
  CUTOVER_ASSIGN_OR_RETURN(HtsFilePtr file, OpenHtsFile(path, open, &truncated));
  if (!IsAlignmentFile(file.get())) {
    return Status::InvalidArgument(fmt::format(
        "{}: not SAM, BAM or CRAM (htslib reads it as {})", path.string(),
        HtsFormatName(file.get())));
  }
  SamHeaderPtr header(sam_hdr_read(file.get()));
  if (header == nullptr) {
    return Status::Corruption(fmt::format("{}: cannot read its header{}", path.string(),
                                          truncated ? kTruncated : ""));
  }
  const bool sam = hts_get_format(file.get())->format == htsExactFormat::sam;
  int64_t lines = 0;
  if (sam) {
    const char* text = sam_hdr_str(header.get());
    if (text != nullptr) {
      lines = std::count(text, text + sam_hdr_length(header.get()), '\n');
    }
  }
  // Standard input ("-") is named as FastQC and cutover qc name it in messages.
  return AlignmentReader(path == "-" ? "stdin" : path, std::move(file), std::move(header), sam,
                         lines, truncated);
}

std::string AlignmentReader::Where(int64_t number) const {
  return sam_ ? fmt::format("record {} (line {})", number, header_lines_ + number)
              : fmt::format("record {}", number);
}

Result<bool> AlignmentReader::Next(bam1_t* into) {
  const int r = sam_read1(file_.get(), header_.get(), into);
  if (r == -1 && truncated_) {  // the data ended at the end of a block: what follows is lost
    return TruncatedAt(path_, number_ + 1, false);
  }
  if (r == -1) return false;
  ++number_;
  if (r < -1 && truncated_) {
    return TruncatedAt(path_, number_, true);
  }
  // htslib reads a BAM record whole, then gives -3 when its contig or its mate's is beyond the
  // header's.
  if (r == -3 && !sam_) {
    return Status::Corruption(
        fmt::format("{}: {}: read {} is placed on a contig the header does not declare",
                    path_.string(), Where(), bam_get_qname(into)));
  }
  if (r < -1) {
    return Status::Corruption(fmt::format(
        "{}: {}: cannot read it (a malformed record, or the file is truncated or corrupt)",
        path_.string(), Where()));
  }
  const bam1_core_t& c = into->core;
  const int nref = sam_hdr_nref(header_.get());
  // htslib reads a SAM record on an undeclared contig as unmapped with tid -1 but keeps its
  // POS; a genuinely unplaced record has POS 0 (-1 here).
  const bool sam_unknown_contig = sam_ && c.tid < 0 && c.pos >= 0;
  if (c.tid >= nref || c.mtid >= nref || sam_unknown_contig) {
    return Status::Corruption(
        fmt::format("{}: {}: read {} is placed on a contig the header does not declare",
                    path_.string(), Where(), bam_get_qname(into)));
  }
  return true;
}

bool AlignmentReader::compressed() const {
  return hts_get_format(file_.get())->compression != no_compression;
}

int64_t AlignmentReader::Tell() const {
  if (hts_get_format(file_.get())->format != htsExactFormat::bam || !file_->is_bgzf) return -1;
  return bgzf_tell(file_->fp.bgzf);
}

Status AlignmentReader::Seek(int64_t position, int64_t records_before) {
  if (Tell() < 0 || bgzf_seek(file_->fp.bgzf, position, SEEK_SET) < 0) {
    return Status::IoError(
        fmt::format("{}: cannot go back to record {}", path_.string(), records_before + 1));
  }
  number_ = records_before;
  return Status::Ok();
}

void AlignmentCheckpoints::NoteNow(const AlignmentReader& reader) {
  const auto i = static_cast<size_t>(reader.number() / kEvery);
  if (i != positions_.size()) return;  // noted already, or an earlier one is missing
  const int64_t position = reader.Tell();
  if (position >= 0) positions_.push_back(position);
}

Status AlignmentCheckpoints::SeekBefore(int64_t number, AlignmentReader* reader) const {
  if (number < 1 || positions_.empty()) return Status::Ok();
  const size_t i = std::min(static_cast<size_t>((number - 1) / kEvery), positions_.size() - 1);
  const auto before = static_cast<int64_t>(i) * kEvery;
  if (before <= reader->number()) return Status::Ok();
  return reader->Seek(positions_[i], before);
}

}  // namespace cutover
