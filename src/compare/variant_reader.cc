#include "compare/variant_reader.h"

#include <fmt/format.h>

namespace cutover {
namespace {
constexpr const char* kTruncated = " (truncated: the BGZF end-of-file block is missing)";
}  // namespace

VariantReader::VariantReader(std::filesystem::path path, HtsFilePtr file, VcfHeaderPtr header,
                             bool truncated)
    : path_(std::move(path)),
      file_(std::move(file)),
      header_(std::move(header)),
      record_(bcf_init()),
      truncated_(truncated) {
  const int n = header_->n[BCF_DT_ID];
  declared_format_.resize(static_cast<size_t>(std::max(n, 0)));
  for (int i = 0; i < n; ++i) {
    declared_format_[static_cast<size_t>(i)] = bcf_hdr_idinfo_exists(header_.get(), BCF_HL_FMT, i);
  }
}

Result<VariantReader> VariantReader::Open(const std::filesystem::path& path,
                                          const HtsOpenOptions& options) {
  HtsOpenOptions open = options;
  open.require_eof_block = false;  // Next names the record where a truncated file's data ends
  bool truncated = false;
  CUTOVER_ASSIGN_OR_RETURN(HtsFilePtr file, OpenHtsFile(path, open, &truncated));
  if (!IsVariantFile(file.get())) {
    return Status::InvalidArgument(fmt::format("{}: not VCF or BCF (htslib reads it as {})",
                                               path.string(), HtsFormatName(file.get())));
  }
  VcfHeaderPtr header(bcf_hdr_read(file.get()));
  if (header == nullptr) {
    return Status::Corruption(fmt::format("{}: cannot read its header{}", path.string(),
                                          truncated ? kTruncated : ""));
  }
  return VariantReader(path, std::move(file), std::move(header), truncated);
}

std::string VariantReader::Where() const {
  const char* chrom = bcf_seqname(header_.get(), record_.get());
  return fmt::format("record {} ({}:{})", number_, chrom ? chrom : "?", record_->pos + 1);
}

std::string VariantReader::HeaderText() const {
  kstring_t s = KS_INITIALIZE;
  std::string out;
  if (bcf_hdr_format(header_.get(), 0, &s) == 0) out.assign(s.s, s.l);
  ks_free(&s);
  return out;
}

std::vector<std::string> VariantReader::Samples() const {
  std::vector<std::string> out;
  for (int i = 0; i < bcf_hdr_nsamples(header_.get()); ++i) {
    out.emplace_back(header_->samples[i]);
  }
  return out;
}

Result<bool> VariantReader::Next() {
  const int r = bcf_read(file_.get(), header_.get(), record_.get());
  if (r == -1 && truncated_) {  // the data ended at the end of a block: what follows is lost
    return TruncatedAt(path_, number_ + 1, false);
  }
  if (r == -1) return false;
  ++number_;
  if (r < -1 && truncated_) {
    return TruncatedAt(path_, number_, true);
  }
  if (r < -1) {
    return Status::Corruption(fmt::format(
        "{}: record {}: cannot read it (a malformed record, or the file is truncated or corrupt)",
        path_.string(), number_));
  }
  auto fail = [&](std::string_view what) {
    return Status::Corruption(fmt::format("{}: {}: {}", path_.string(), Where(), what));
  };
  if (record_->errcode != 0) {
    std::string what = "malformed record";
    if (record_->errcode & BCF_ERR_CTG_UNDEF) what = "its contig is not declared in the header";
    if (record_->errcode & BCF_ERR_TAG_UNDEF) what = "a FORMAT or INFO key is not declared in the header";
    if (record_->errcode & BCF_ERR_NCOLS) what = "wrong number of columns";
    if (record_->errcode & BCF_ERR_LIMITS) what = "a value beyond htslib's limits";
    if (record_->errcode & BCF_ERR_CHAR) what = "invalid characters";
    if (record_->errcode & BCF_ERR_CTG_INVALID) what = "an invalid contig name";
    if (record_->errcode & BCF_ERR_TAG_INVALID) what = "an invalid tag";
    return fail(what);
  }
  if (bcf_unpack(record_.get(), BCF_UN_ALL) != 0) return fail("cannot unpack it");
  for (int i = 0; i < record_->n_fmt; ++i) {
    const int id = record_->d.fmt[i].id;
    if (id < 0 || static_cast<size_t>(id) >= declared_format_.size() ||
        !declared_format_[static_cast<size_t>(id)]) {
      return Status::Corruption(fmt::format(
          "{}: {}: FORMAT key '{}' is not declared in the header", path_.string(), Where(),
          bcf_hdr_int2id(header_.get(), BCF_DT_ID, id)));
    }
  }
  return true;
}

}  // namespace cutover
