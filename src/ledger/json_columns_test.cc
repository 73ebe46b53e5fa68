#include "ledger/json_columns.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\xa7\xac"));  // é € 🧬
  EXPECT_TRUE(IsValidUtf8(std::string("nul\0inside", 10)));
}

TEST(Utf8Test, RejectsMalformedText) {
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\x80"));              // lone continuation byte
  EXPECT_FALSE(IsValidUtf8("\xc3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xe0\x80\xaf"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(IsValidUtf8("latin1 caf\xe9"));
}

TEST(ArgvTest, PlainArgvIsAReadableJsonArray) {
  EXPECT_EQ(EncodeArgv({"fastqc", "-o", "out dir", "it's \"quoted\""}),
            R"(["fastqc","-o","out dir","it's \"quoted\""])");
  EXPECT_EQ(EncodeArgv({}), "[]");
}

TEST(ArgvTest, RoundTripsAnyBytes) {
  std::vector<std::string> argv = {"",         "caf\xc3\xa9", "latin1 caf\xe9",
                                   "\xff\xfe", "line\nbreak", "tab\tand \\ backslash"};
  std::string text = EncodeArgv(argv);
  EXPECT_NE(text.find(R"({"hex":"6c6174696e3120636166e9"})"), std::string::npos) << text;
  auto decoded = DecodeArgv(text);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, argv);
}

TEST(ArgvTest, RejectsWhatItDoesNotWrite) {
  for (const char* bad : {"", "{}", "[1]", R"([{"hex":"abc"}])", R"([{"hex":"zz"}])",
                          R"([{"hex":"00","x":1}])", "[\"unterminated"}) {
    auto decoded = DecodeArgv(bad);
    ASSERT_FALSE(decoded.ok()) << bad;
    EXPECT_EQ(decoded.status().code(), StatusCode::kCorruption) << bad;
  }
}

TEST(JsonTest, RoundTripsAndNeverThrows) {
  nlohmann::json value = {{"lines", 3}, {"diff", {"-a", "+b"}}, {"ratio", 0.1}};
  auto decoded = DecodeJson(EncodeJson(value));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, value);

  nlohmann::json binary = {{"line", "caf\xe9"}};  // invalid UTF-8 from a binary diff
  std::string text = EncodeJson(binary);
  EXPECT_EQ(text, "{\"line\":\"caf\xef\xbf\xbd\"}");  // U+FFFD

  EXPECT_EQ(DecodeJson("{nope").status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace cutover
