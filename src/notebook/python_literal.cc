#include "notebook/python_literal.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "util/utf8.h"

namespace cutover {
namespace {

std::string PythonFloat(double d) {
  if (std::isnan(d)) return "float('nan')";
  if (std::isinf(d)) return d > 0 ? "float('inf')" : "float('-inf')";
  std::string s = fmt::format("{}", d);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

}  // namespace

std::string PythonString(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      out += fmt::format("\\udc{:02x}", c);
      ++i;
      continue;
    }
    if (n == 1) {
      switch (c) {
        case '\\': out += "\\\\"; break;
        case '"': out += "\\\""; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20 || c == 0x7F) {
            out += fmt::format("\\x{:02x}", c);
          } else {
            out += static_cast<char>(c);
          }
      }
    } else {
      std::string_view seq = s.substr(i, n);
      if (seq == "\xC2\x85") {
        out += "\\x85";
      } else if (seq == "\xE2\x80\xA8") {
        out += "\\u2028";
      } else if (seq == "\xE2\x80\xA9") {
        out += "\\u2029";
      } else {
        out += seq;
      }
    }
    i += n;
  }
  out += '"';
  return out;
}

std::string PythonLiteral(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::null: return "None";
    case nlohmann::json::value_t::boolean: return v.get<bool>() ? "True" : "False";
    case nlohmann::json::value_t::number_integer: return std::to_string(v.get<int64_t>());
    case nlohmann::json::value_t::number_unsigned: return std::to_string(v.get<uint64_t>());
    case nlohmann::json::value_t::number_float: return PythonFloat(v.get<double>());
    case nlohmann::json::value_t::string: return PythonString(v.get_ref<const std::string&>());
    case nlohmann::json::value_t::array: {
      std::string out = "[";
      for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + PythonLiteral(v[i]);
      return out + "]";
    }
    case nlohmann::json::value_t::object: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, item] : v.items()) {
        out += (first ? "" : ", ") + PythonString(k) + ": " + PythonLiteral(item);
        first = false;
      }
      return out + "}";
    }
    default: return "None";  // binary / discarded: never produced by cutover
  }
}

bool IsPythonIdentifier(std::string_view name) {
  static constexpr std::array<std::string_view, 35> kKeywords = {
      "False", "None",   "True",  "and",      "as",       "assert", "async",  "await",  "break",
      "class", "continue", "def", "del",      "elif",     "else",   "except", "finally", "for",
      "from",  "global", "if",    "import",   "in",       "is",     "lambda", "nonlocal", "not",
      "or",    "pass",   "raise", "return",   "try",      "while",  "with",   "yield"};
  if (name.empty()) return false;
  auto ident_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  if (name[0] >= '0' && name[0] <= '9') return false;
  if (!std::all_of(name.begin(), name.end(), ident_char)) return false;
  return std::find(kKeywords.begin(), kKeywords.end(), name) == kKeywords.end();
}

}  // namespace cutover
