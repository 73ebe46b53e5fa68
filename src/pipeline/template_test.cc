#include "pipeline/template.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

Template T(std::string text) { return Template{std::move(text), {"cutover.yaml", 7, 12, "steps.a.legacy.command"}}; }

Bindings B() {
  return {{"sample", {"s1"}},
          {"input.reads", {"/data/reads/s1.fastq.gz"}},
          {"input", {"/a.txt", "/b.txt"}},
          {"evil", {"x; touch pwned"}}};
}

TEST(TemplateTest, SubstitutesWholeArguments) {
  auto r = RenderArgument(T("{input.reads}"), B());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, std::vector<std::string>{"/data/reads/s1.fastq.gz"});
  r = RenderArgument(T("--name={sample}.out"), B());
  EXPECT_EQ(*r, std::vector<std::string>{"--name=s1.out"});
}

TEST(TemplateTest, AWordThatIsOneMultiValuedPlaceholderBecomesSeveralArguments) {
  auto r = RenderArgument(T("{input}"), B());
  EXPECT_EQ(*r, (std::vector<std::string>{"/a.txt", "/b.txt"}));
  // Inside a larger word the values are joined.
  r = RenderArgument(T("in={input}"), B());
  EXPECT_EQ(*r, std::vector<std::string>{"in=/a.txt /b.txt"});
}

TEST(TemplateTest, HostileValuesStayOneArgument) {
  auto r = RenderArgument(T("{evil}"), B());
  EXPECT_EQ(*r, std::vector<std::string>{"x; touch pwned"});
}

TEST(TemplateTest, ShellFormQuotesEveryValue) {
  auto r = RenderShell(T("cat {input} > out/{evil}.txt"), B());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "cat '/a.txt' '/b.txt' > out/'x; touch pwned'.txt");
}

TEST(TemplateTest, Modifiers) {
  EXPECT_EQ(*RenderString(T("{input.reads:dir}"), B()), "/data/reads");
  EXPECT_EQ(*RenderString(T("{input.reads:name}"), B()), "s1.fastq.gz");
  EXPECT_EQ(*RenderString(T("{input.reads:stem}"), B()), "s1");
  auto bad = RenderString(T("{input.reads:upper}"), B());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown modifier ':upper'"), std::string::npos);
}

TEST(TemplateTest, DoubledBracesAreLiteral) {
  EXPECT_EQ(*RenderString(T("awk '{{print $1}}' {sample}"), B()), "awk '{print $1}' s1");
}

TEST(TemplateTest, UnknownPlaceholderNamesTheLocation) {
  auto r = RenderString(T("cp {smaple} x"), B());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("cutover.yaml:7:12: steps.a.legacy.command"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("{smaple}"), std::string::npos);
}

TEST(TemplateTest, MalformedSyntax) {
  EXPECT_FALSE(PlaceholderNames(T("cp {sample x")).ok());
  EXPECT_FALSE(PlaceholderNames(T("cp sample} x")).ok());
  EXPECT_FALSE(PlaceholderNames(T("cp {} x")).ok());
  auto names = PlaceholderNames(T("{a} {b.c:dir} {{d}}"));
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, (std::vector<std::string>{"a", "b.c"}));
}

}  // namespace
}  // namespace cutover
