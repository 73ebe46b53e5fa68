#include "notebook/notebook_file.h"

#include <gtest/gtest.h>

#include <fstream>

#include "testing/temp_dir.h"

namespace cutover {
namespace {
namespace fs = std::filesystem;

class NotebookFileTest : public ::testing::Test {
 protected:
  fs::path Write(const std::string& name, const std::string& text) {
    return dir_.Write(name, text);
  }
  TestTempDir dir_;
};

TEST_F(NotebookFileTest, ReadsAValidNotebook) {
  auto nb = ReadNotebook(Write("ok.ipynb", R"({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})"));
  ASSERT_TRUE(nb.ok()) << nb.status().ToString();
  EXPECT_EQ((*nb)["nbformat"], 4);
}

TEST_F(NotebookFileTest, MissingFileIsNotFoundNamingIt) {
  auto nb = ReadNotebook(dir_.path() / "nope.ipynb");
  ASSERT_FALSE(nb.ok());
  EXPECT_EQ(nb.status().code(), StatusCode::kNotFound);
  EXPECT_NE(nb.status().message().find("nope.ipynb does not exist"), std::string::npos);
}

TEST_F(NotebookFileTest, NotJsonNamesTheFileAndPosition) {
  auto nb = ReadNotebook(Write("bad.ipynb", "{\"cells\": [}"));
  ASSERT_FALSE(nb.ok());
  EXPECT_EQ(nb.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(nb.status().message().find("bad.ipynb: not valid JSON (byte"), std::string::npos)
      << nb.status().message();
}

TEST_F(NotebookFileTest, WrongFormatsAreRefused) {
  struct Case {
    std::string json, expect;
  } cases[] = {
      {"[]", "top level is not a JSON object"},
      {R"({"cells": []})", "no integer `nbformat`"},
      {R"({"worksheets": [], "metadata": {}, "nbformat": 3})", "nbformat 3 is not supported"},
      {R"({"metadata": {}, "nbformat": 4})", "no `cells` array"},
      {R"({"cells": [], "nbformat": 4})", "no `metadata` object"},
      {R"({"cells": [{"source": "x"}], "metadata": {}, "nbformat": 4})", "cell 0 has no `cell_type`"},
  };
  for (const Case& c : cases) {
    auto nb = ReadNotebook(Write("f.ipynb", c.json));
    ASSERT_FALSE(nb.ok()) << c.json;
    EXPECT_NE(nb.status().message().find("f.ipynb"), std::string::npos) << nb.status().message();
    EXPECT_NE(nb.status().message().find(c.expect), std::string::npos) << nb.status().message();
  }
}

TEST_F(NotebookFileTest, WriteThenReadKeepsContentAndUtf8) {
  nlohmann::json nb = {{"cells", {{{"cell_type", "markdown"}, {"metadata", nlohmann::json::object()},
                                   {"source", "naïve 样本"}}}},
                       {"metadata", nlohmann::json::object()}, {"nbformat", 4}, {"nbformat_minor", 5}};
  ASSERT_TRUE(WriteNotebook(nb, dir_.path() / "sub" / "out.ipynb").ok());
  auto back = ReadNotebook(dir_.path() / "sub" / "out.ipynb");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, nb);
  std::ifstream in(dir_.path() / "sub" / "out.ipynb");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("naïve 样本"), std::string::npos);  // not \u-escaped, as Jupyter writes
  EXPECT_EQ(text.back(), '\n');
}

}  // namespace
}  // namespace cutover
