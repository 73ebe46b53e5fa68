#include "ledger/json_columns.h"

#include <fmt/format.h>

namespace cutover {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

std::string ToHex(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHexDigits[c >> 4]);
    out.push_back(kHexDigits[c & 0xf]);
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> FromHex(std::string_view hex) {
  if (hex.size() % 2 != 0) return Status::Corruption("odd-length hex string in argv");
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = HexValue(hex[i]);
    int lo = HexValue(hex[i + 1]);
    if (hi < 0 || lo < 0) return Status::Corruption("bad hex digit in argv");
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xe0) == 0xc0) {
      len = 2;
      cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      len = 3;
      cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;  // a continuation byte, or 0xf8..0xff
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    static constexpr uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[len]) return false;       // overlong
    if (cp >= 0xd800 && cp <= 0xdfff) return false;  // surrogate
    if (cp > 0x10ffff) return false;
    i += len;
  }
  return true;
}

std::string EncodeArgv(const std::vector<std::string>& argv) {
  nlohmann::json array = nlohmann::json::array();
  for (const std::string& arg : argv) {
    if (IsValidUtf8(arg)) {
      array.push_back(arg);
    } else {
      array.push_back(nlohmann::json{{"hex", ToHex(arg)}});
    }
  }
  return EncodeJson(array);
}

Result<std::vector<std::string>> DecodeArgv(std::string_view text) {
  CUTOVER_ASSIGN_OR_RETURN(nlohmann::json array, DecodeJson(text));
  if (!array.is_array()) return Status::Corruption("argv is not a JSON array");
  std::vector<std::string> argv;
  argv.reserve(array.size());
  for (const nlohmann::json& item : array) {
    if (item.is_string()) {
      argv.push_back(item.get<std::string>());
    } else if (item.is_object() && item.size() == 1 && item.contains("hex") &&
               item["hex"].is_string()) {
      CUTOVER_ASSIGN_OR_RETURN(std::string bytes, FromHex(item["hex"].get<std::string>()));
      argv.push_back(std::move(bytes));
    } else {
      return Status::Corruption(fmt::format("bad argv element {}", EncodeJson(item)));
    }
  }
  return argv;
}

std::string EncodeJson(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<nlohmann::json> DecodeJson(std::string_view text) {
  nlohmann::json value = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    return Status::Corruption(
        fmt::format("not JSON: {}", text.substr(0, std::min<size_t>(text.size(), 60))));
  }
  return value;
}

}  // namespace cutover
