#include "notebook/python_literal.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace cutover {
namespace {

TEST(PythonStringTest, PlainTextIsQuoted) {
  EXPECT_EQ(PythonString("sample1"), "\"sample1\"");
  EXPECT_EQ(PythonString(""), "\"\"");
}

TEST(PythonStringTest, QuotesBackslashesAndControlCharactersAreEscaped) {
  EXPECT_EQ(PythonString("a\"b'c"), R"("a\"b'c")");
  EXPECT_EQ(PythonString("C:\\new\\table"), R"("C:\\new\\table")");
  EXPECT_EQ(PythonString("line1\nline2\r\n\tx"), R"("line1\nline2\r\n\tx")");
  EXPECT_EQ(PythonString(std::string("nul\0bell\x07" "del\x7f", 13)), R"("nul\x00bell\x07del\x7f")");
  // A value can never end the literal early and inject code.
  EXPECT_EQ(PythonString("\"); import os; os.system(\"x"), R"("\"); import os; os.system(\"x")");
}

TEST(PythonStringTest, NonAsciiUtf8IsKept) {
  EXPECT_EQ(PythonString("échantillon_µ_样本_🧬"), "\"échantillon_µ_样本_🧬\"");
}

TEST(PythonStringTest, UnicodeLineSeparatorsAreEscaped) {
  EXPECT_EQ(PythonString("a\u2028b\u2029c\u0085d"), R"("a\u2028b\u2029c\x85d")");
}

TEST(PythonStringTest, InvalidUtf8BytesBecomeSurrogateEscapes) {
  // Latin-1 "é", a lone continuation byte, a truncated 3-byte sequence, an overlong '/' and an
  // encoded surrogate: each invalid byte is \udcXX, as os.fsdecode would give.
  EXPECT_EQ(PythonString("caf\xE9"), R"("caf\udce9")");
  EXPECT_EQ(PythonString("\x80"), R"("\udc80")");
  EXPECT_EQ(PythonString("\xE2\x82"), R"("\udce2\udc82")");
  EXPECT_EQ(PythonString("\xC0\xAF"), R"("\udcc0\udcaf")");
  EXPECT_EQ(PythonString("\xED\xA0\x80"), R"("\udced\udca0\udc80")");
}

TEST(PythonLiteralTest, TypedValues) {
  EXPECT_EQ(PythonLiteral(nlohmann::json(4)), "4");
  EXPECT_EQ(PythonLiteral(nlohmann::json(-12)), "-12");
  EXPECT_EQ(PythonLiteral(nlohmann::json(0.1)), "0.1");
  EXPECT_EQ(PythonLiteral(nlohmann::json(2.0)), "2.0");
  EXPECT_EQ(PythonLiteral(nlohmann::json(1e300)), "1e+300");
  EXPECT_EQ(PythonLiteral(nlohmann::json(std::numeric_limits<double>::infinity())), "float('inf')");
  EXPECT_EQ(PythonLiteral(nlohmann::json(std::nan(""))), "float('nan')");
  EXPECT_EQ(PythonLiteral(nlohmann::json(true)), "True");
  EXPECT_EQ(PythonLiteral(nlohmann::json(false)), "False");
  EXPECT_EQ(PythonLiteral(nlohmann::json(nullptr)), "None");
  EXPECT_EQ(PythonLiteral(nlohmann::json::array({"a.fq", "b\"q"})), R"(["a.fq", "b\"q"])");
  EXPECT_EQ(PythonLiteral(nlohmann::json::array()), "[]");
  EXPECT_EQ(PythonLiteral(nlohmann::json{{"k", 1}}), R"({"k": 1})");
}

TEST(PythonIdentifierTest, NamesAndKeywords) {
  EXPECT_TRUE(IsPythonIdentifier("reads"));
  EXPECT_TRUE(IsPythonIdentifier("_x2"));
  EXPECT_TRUE(IsPythonIdentifier("match"));  // a soft keyword is a valid name
  EXPECT_FALSE(IsPythonIdentifier(""));
  EXPECT_FALSE(IsPythonIdentifier("2x"));
  EXPECT_FALSE(IsPythonIdentifier("out-dir"));
  EXPECT_FALSE(IsPythonIdentifier("a.b"));
  EXPECT_FALSE(IsPythonIdentifier("class"));
  EXPECT_FALSE(IsPythonIdentifier("None"));
}

}  // namespace
}  // namespace cutover
