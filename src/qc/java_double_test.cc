#include "qc/java_double.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace cutover {
namespace {

// Cases reasoned from Java's documented rules (Double.toString's javadoc): a decimal point
// always, plain notation in [1e-3, 1e7), computerized scientific notation outside it.
TEST(JavaDoubleTest, DocumentedForms) {
  EXPECT_EQ(JavaDouble(5), "5.0");
  EXPECT_EQ(JavaDouble(0), "0.0");
  EXPECT_EQ(JavaDouble(-0.0), "-0.0");
  EXPECT_EQ(JavaDouble(NAN), "NaN");
  EXPECT_EQ(JavaDouble(INFINITY), "Infinity");
  EXPECT_EQ(JavaDouble(32.393), "32.393");
  EXPECT_EQ(JavaDouble(0.001), "0.001");
  EXPECT_EQ(JavaDouble(0.0001), "1.0E-4");
  EXPECT_EQ(JavaDouble(0.00012345), "1.2345E-4");
  EXPECT_EQ(JavaDouble(9999999.0), "9999999.0");
  EXPECT_EQ(JavaDouble(1e7), "1.0E7");
  EXPECT_EQ(JavaDouble(12345678.9), "1.23456789E7");
  EXPECT_EQ(JavaDouble(-2.5), "-2.5");
  EXPECT_EQ(JavaDouble(100), "100.0");
  // Shortest digits that read back: 0.1 + 0.2 is not 0.3.
  EXPECT_EQ(JavaDouble(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(JavaDouble(4.9e-324), "4.9E-324");
}

// The oracle: Java itself, when a JDK is installed (`java Fmt.java` needs the compiler module).
// Values of the shapes FastQC prints: ratios, percentages, means of small integers.
TEST(JavaDoubleTest, AgreesWithJavaOnFastqcShapedValues) {
  namespace fs = std::filesystem;
  if (std::system("javac -version >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "no JDK (javac) installed: the Java oracle cannot run";
  }
  fs::path dir = fs::temp_directory_path() / ("cutover_java_double_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    std::ofstream java(dir / "Fmt.java");
    java << "import java.io.*;\npublic class Fmt { public static void main(String[] a) throws "
            "Exception { BufferedReader r = new BufferedReader(new InputStreamReader(System.in));"
            " StringBuilder b = new StringBuilder(); String l; while ((l = r.readLine()) != null)"
            " { b.append(Double.toString(Double.longBitsToDouble(Long.parseUnsignedLong(l, 16))))"
            ".append('\\n'); } System.out.print(b); } }\n";
  }
  std::mt19937_64 rng(7);
  std::vector<double> values;
  for (int i = 0; i < 20000; ++i) {
    const double a = static_cast<double>(rng() % 100000000), b = static_cast<double>(rng() % 10000000 + 1);
    values.push_back(a / b);
    values.push_back(a / b * 100);
    values.push_back(static_cast<double>(rng() % 1000) * 100.0 / b);
    uint64_t bits = rng();
    double d;
    std::memcpy(&d, &bits, 8);
    // JDK 17 prints integer-valued doubles from 2^53 up with all their exact digits
    // (1.51983332951840768E18, not the shortest 1.5198333295184077E18); FastQC never prints such
    // values (they would be counts above 9e15), so they are left out here and in docs/qc.md.
    const bool big_integer = std::fabs(d) >= 9007199254740992.0 && std::fabs(d) < 9.3e18 &&
                             d == std::floor(d);
    if (!std::isnan(d) && !big_integer) values.push_back(d);
  }
  {
    std::ofstream in(dir / "in.txt");
    for (double v : values) {
      uint64_t bits;
      std::memcpy(&bits, &v, 8);
      char hex[32];
      std::snprintf(hex, sizeof hex, "%llx\n", static_cast<unsigned long long>(bits));
      in << hex;
    }
  }
  const std::string cmd = "cd " + dir.string() + " && javac Fmt.java && java -cp . Fmt < in.txt > out.txt";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream out(dir / "out.txt");
  std::string line;
  size_t i = 0, mismatches = 0;
  while (std::getline(out, line) && i < values.size()) {
    if (line != JavaDouble(values[i])) {
      if (++mismatches < 10) ADD_FAILURE() << "Java " << line << " vs " << JavaDouble(values[i]);
    }
    ++i;
  }
  EXPECT_EQ(i, values.size());
  EXPECT_EQ(mismatches, 0u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace cutover
