#include "util/html_escape.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

TEST(HtmlEscapeTest, EscapesEveryCharacterThatCouldOpenMarkup) {
  EXPECT_EQ(HtmlEscape("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;");
  EXPECT_EQ(HtmlEscape("a & b \"c\" 'd'"), "a &amp; b &quot;c&quot; &#39;d&#39;");
  EXPECT_EQ(HtmlEscape("&lt;"), "&amp;lt;");  // already-escaped text is escaped again
  EXPECT_EQ(HtmlEscape("plain ü"), "plain ü");
  EXPECT_EQ(HtmlEscape(""), "");
}

}  // namespace
}  // namespace cutover
