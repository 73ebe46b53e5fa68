// Java's Double.toString, which FastQC uses for every number it writes: always a decimal point
// ("5.0"), "NaN", plain notation for 1e-3 <= |x| < 1e7 and computerized scientific notation
// ("1.0E-4", "1.2345E7") outside it, with the fewest digits that read back to the same double.
#pragma once

#include <string>

namespace cutover {

// Appends Java's Double.toString(value) to *out.
void AppendJavaDouble(double value, std::string* out);
std::string JavaDouble(double value);

}  // namespace cutover
