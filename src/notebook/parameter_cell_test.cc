#include "notebook/parameter_cell.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

nlohmann::json Code(const std::string& id, const std::string& src,
                    std::vector<std::string> tags = {}) {
  nlohmann::json cell = {{"cell_type", "code"}, {"execution_count", nullptr}, {"id", id},
                         {"metadata", nlohmann::json::object()}, {"outputs", nlohmann::json::array()},
                         {"source", src}};
  if (!tags.empty()) cell["metadata"]["tags"] = tags;
  return cell;
}

nlohmann::json Notebook(nlohmann::json cells, int minor = 5) {
  return {{"cells", std::move(cells)}, {"metadata", nlohmann::json::object()}, {"nbformat", 4},
          {"nbformat_minor", minor}};
}

std::string Source(const nlohmann::json& cell) {
  std::string s;
  for (const auto& line : cell["source"]) s += line.get<std::string>();
  return s;
}

TEST(ParameterCellTest, InsertedAfterTheTaggedCell) {
  nlohmann::json nb = Notebook({Code("imports", "import os"),
                                Code("defaults", "reads = 'x'", {"other", "parameters"}),
                                Code("work", "print(reads)")});
  size_t at = InjectParameters(nb, {{"reads", "/data/a.fq"}, {"threads", 4}});
  EXPECT_EQ(at, 2u);
  ASSERT_EQ(nb["cells"].size(), 4u);
  const nlohmann::json& cell = nb["cells"][2];
  EXPECT_EQ(cell["cell_type"], "code");
  EXPECT_TRUE(CellHasTag(cell, "injected-parameters"));
  EXPECT_EQ(cell["id"], "injected-parameters");
  EXPECT_TRUE(cell["execution_count"].is_null());
  EXPECT_EQ(cell["outputs"], nlohmann::json::array());
  EXPECT_EQ(Source(cell),
            "# Parameters (injected by cutover)\nreads = \"/data/a.fq\"\nthreads = 4");
  // Lines as Jupyter writes them: each but the last ends in a newline.
  EXPECT_EQ(cell["source"][1], "reads = \"/data/a.fq\"\n");
  EXPECT_EQ(nb["cells"][1]["id"], "defaults");
  EXPECT_EQ(nb["cells"][3]["id"], "work");
}

TEST(ParameterCellTest, AtTheTopWithoutATaggedCell) {
  nlohmann::json nb = Notebook({Code("a", "x = 1"), Code("b", "print(x)")});
  EXPECT_EQ(InjectParameters(nb, {{"x", 2}}), 0u);
  ASSERT_EQ(nb["cells"].size(), 3u);
  EXPECT_TRUE(CellHasTag(nb["cells"][0], "injected-parameters"));
  EXPECT_EQ(nb["cells"][1]["id"], "a");
}

TEST(ParameterCellTest, FirstTaggedCellWins) {
  nlohmann::json nb = Notebook({Code("p1", "a = 1", {"parameters"}), Code("p2", "b = 1", {"parameters"})});
  EXPECT_EQ(InjectParameters(nb, {{"a", 2}}), 1u);
}

TEST(ParameterCellTest, AnEarlierInjectedCellIsReplaced) {
  nlohmann::json nb = Notebook({Code("p", "a = 1", {"parameters"}),
                                Code("injected-parameters", "a = 5", {"injected-parameters"}),
                                Code("w", "print(a)")});
  EXPECT_EQ(InjectParameters(nb, {{"a", 7}}), 1u);
  ASSERT_EQ(nb["cells"].size(), 3u);
  EXPECT_EQ(Source(nb["cells"][1]), "# Parameters (injected by cutover)\na = 7");
  EXPECT_EQ(nb["cells"][1]["id"], "injected-parameters");
}

TEST(ParameterCellTest, IdIsUniqueAndOnlyForNbformat45) {
  nlohmann::json nb = Notebook({Code("injected-parameters", "# a user's cell that took the id")});
  InjectParameters(nb, {});
  EXPECT_EQ(nb["cells"][0]["id"], "injected-parameters-2");

  nlohmann::json old = {{"cells", {{{"cell_type", "code"}, {"metadata", nlohmann::json::object()},
                                    {"source", "x = 1"}, {"outputs", nlohmann::json::array()},
                                    {"execution_count", nullptr}}}},
                        {"metadata", nlohmann::json::object()}, {"nbformat", 4}, {"nbformat_minor", 4}};
  InjectParameters(old, {{"x", 2}});
  EXPECT_FALSE(old["cells"][0].contains("id"));  // 4.4's schema has no cell ids
}

TEST(ParameterCellTest, StringsAreEscapedInTheCell) {
  nlohmann::json nb = Notebook(nlohmann::json::array());
  InjectParameters(nb, {{"title", "Week \"1\"\\n\nnaïve"}, {"files", nlohmann::json::array({"a b", "c"})}});
  EXPECT_EQ(Source(nb["cells"][0]),
            "# Parameters (injected by cutover)\n"
            "title = \"Week \\\"1\\\"\\\\n\\nnaïve\"\n"
            "files = [\"a b\", \"c\"]");
  // The value's newline is escaped: the cell has exactly three lines.
  EXPECT_EQ(nb["cells"][0]["source"].size(), 3u);
}

}  // namespace
}  // namespace cutover
