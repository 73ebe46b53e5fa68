#include "run/scratch.h"

#include <gtest/gtest.h>

#include <fstream>

#include "testing/temp_dir.h"

namespace cutover {
namespace {

TEST(ScratchTest, ListsNumberedFoldersAscending) {
  TestTempDir dir;
  for (const char* name : {"12", "3", "100", "calibration", "7x"}) {
    std::filesystem::create_directories(dir.path() / name);
  }
  std::ofstream(dir.path() / "5") << "a file counts as a task folder name too";
  EXPECT_EQ(ListTaskFolders(dir.path()), (std::vector<int64_t>{3, 5, 12, 100}));
  EXPECT_TRUE(ListTaskFolders(dir.path() / "missing").empty());
}

TEST(ScratchTest, KeepsTheNewestAndTheActive) {
  const std::vector<int64_t> ids = {1, 2, 3, 4, 5};
  EXPECT_EQ(ScratchToRemove(ids, 2, {}), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(ScratchToRemove(ids, 2, {2}), (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(ScratchToRemove(ids, 5, {}), (std::vector<int64_t>{}));
  EXPECT_EQ(ScratchToRemove(ids, 9, {}), (std::vector<int64_t>{}));
  EXPECT_EQ(ScratchToRemove(ids, 0, {5}), (std::vector<int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(ScratchToRemove(ids, -1, {}), ids);
}

}  // namespace
}  // namespace cutover
