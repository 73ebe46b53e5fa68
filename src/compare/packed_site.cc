#include "compare/packed_site.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace cutover {
namespace {

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

void PutText(std::string* out, std::string_view text) {
  PutVarint(out, text.size());
  out->append(text);
}

// A count with its storage in the low bit: 0 floats, 1 doubles.
void PutNumbers(std::string* out, const std::vector<double>& numbers) {
  bool floats = true;
  for (double v : numbers) {
    // (A double beyond float's range may not be converted: that is undefined.)
    floats = floats && (std::isnan(v) ||
                        (std::fabs(v) <= std::numeric_limits<float>::max() &&
                         static_cast<double>(static_cast<float>(v)) == v));
  }
  PutVarint(out, numbers.size() << 1 | (floats ? 0 : 1));
  for (double v : numbers) {
    if (floats) {
      const float f = static_cast<float>(v);
      out->append(reinterpret_cast<const char*>(&f), sizeof f);
    } else {
      out->append(reinterpret_cast<const char*>(&v), sizeof v);
    }
  }
}

void PutValues(std::string* out, const std::vector<VariantValue>& values, SiteKeys* keys) {
  PutVarint(out, values.size());
  for (const VariantValue& v : values) {
    PutVarint(out, keys->Number(v.key));
    PutNumbers(out, v.numbers);
    PutText(out, v.text);
  }
}

// Reads from the front of *in (which is PackSite's output: no bounds to check beyond it).
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
      const auto byte = static_cast<unsigned char>(in_[pos_++]);
      v |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if (byte < 0x80) return v;
    }
  }
  void Text(std::string* out) {
    const size_t n = Varint();
    out->assign(in_.data() + pos_, n);
    pos_ += n;
  }
  void Numbers(std::vector<double>* out) {
    const uint64_t tag = Varint();
    const bool doubles = (tag & 1) != 0;
    out->resize(tag >> 1);
    for (double& v : *out) {
      if (doubles) {
        std::memcpy(&v, in_.data() + pos_, sizeof v);
        pos_ += sizeof v;
      } else {
        float f = 0;
        std::memcpy(&f, in_.data() + pos_, sizeof f);
        pos_ += sizeof f;
        v = f;
      }
    }
  }
  void Values(const SiteKeys& keys, std::vector<VariantValue>* out) {
    out->resize(Varint());
    for (VariantValue& v : *out) {
      v.key = keys.Name(static_cast<uint32_t>(Varint()));
      Numbers(&v.numbers);
      Text(&v.text);
    }
  }
  void Raw(void* out, size_t n) {
    std::memcpy(out, in_.data() + pos_, n);
    pos_ += n;
  }

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

}  // namespace

uint32_t SiteKeys::Number(const std::string& key) {
  auto [it, inserted] = numbers_.emplace(key, static_cast<uint32_t>(names_.size()));
  if (inserted) names_.push_back(key);
  return it->second;
}

void PackSite(const AlleleSite& site, SiteKeys* keys, std::string* out) {
  out->push_back(static_cast<char>(site.type));
  out->append(reinterpret_cast<const char*>(&site.qual), sizeof site.qual);  // bits kept: missing
  PutText(out, site.genotypes);
  PutValues(out, site.info, keys);
  PutValues(out, site.format, keys);
}

void UnpackSite(std::string_view bytes, const SiteKeys& keys, AlleleSite* site) {
  Reader in(bytes);
  uint8_t type = 0;
  in.Raw(&type, 1);
  site->type = static_cast<VariantType>(type);
  in.Raw(&site->qual, sizeof site->qual);
  in.Text(&site->genotypes);
  in.Values(keys, &site->info);
  in.Values(keys, &site->format);
}

}  // namespace cutover
