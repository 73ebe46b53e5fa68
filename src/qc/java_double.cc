#include "qc/java_double.h"

#include <charconv>
#include <cmath>

namespace cutover {

void AppendJavaDouble(double value, std::string* out) {
  if (std::isnan(value)) {
    out->append("NaN");
    return;
  }
  if (std::isinf(value)) {
    out->append(value < 0 ? "-Infinity" : "Infinity");
    return;
  }
  if (std::fabs(value) == 4.9406564584124654e-324) {  // Double.MIN_VALUE: Java's own digits
    out->append(value < 0 ? "-4.9E-324" : "4.9E-324");
    return;
  }
  if (value == 0) {
    out->append(std::signbit(value) ? "-0.0" : "0.0");
    return;
  }
  // Shortest round-trip digits, as d.dddde[+-]xx.
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  (void)ec;
  const char* p = buf;
  if (*p == '-') {
    out->push_back('-');
    ++p;
  }
  std::string digits;
  const char* e = p;
  while (e < end && *e != 'e') {
    if (*e != '.') digits.push_back(*e);
    ++e;
  }
  int exponent = 0;
  std::from_chars(e + (e[1] == '+' ? 2 : 1), end, exponent);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const double magnitude = std::fabs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent < 0) {
      out->append("0.");
      out->append(static_cast<size_t>(-exponent - 1), '0');
      out->append(digits);
    } else {
      const size_t int_digits = static_cast<size_t>(exponent) + 1;
      if (digits.size() <= int_digits) {
        out->append(digits);
        out->append(int_digits - digits.size(), '0');
        out->append(".0");
      } else {
        out->append(digits, 0, int_digits);
        out->push_back('.');
        out->append(digits, int_digits, std::string::npos);
      }
    }
    return;
  }
  out->push_back(digits[0]);
  out->push_back('.');
  if (digits.size() > 1) {
    out->append(digits, 1, std::string::npos);
  } else {
    out->push_back('0');
  }
  out->push_back('E');
  out->append(std::to_string(exponent));
}

std::string JavaDouble(double value) {
  std::string s;
  AppendJavaDouble(value, &s);
  return s;
}

}  // namespace cutover
