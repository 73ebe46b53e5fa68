#include "util/file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

namespace cutover {
namespace fs = std::filesystem;
namespace {

class FileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cutover_file_test_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  size_t Entries(const fs::path& d) {
    return static_cast<size_t>(std::distance(fs::directory_iterator(d), fs::directory_iterator()));
  }
  fs::path dir_;
};

TEST_F(FileTest, WriteAtomicCreatesParentsAndLeavesNoTemp) {
  fs::path p = dir_ / "a" / "b" / "out.txt";
  ASSERT_TRUE(WriteFileAtomic(p, "hello").ok());
  EXPECT_EQ(*ReadFile(p), "hello");
  ASSERT_TRUE(WriteFileAtomic(p, "replaced").ok());
  EXPECT_EQ(*ReadFile(p), "replaced");
  EXPECT_EQ(Entries(p.parent_path()), 1u);
}

TEST_F(FileTest, PublishKeepsSourceAndReplacesDest) {
  fs::path src = dir_ / "scratch" / "r.txt";
  fs::path dst = dir_ / "results" / "r.txt";
  ASSERT_TRUE(WriteFileAtomic(src, "new").ok());
  ASSERT_TRUE(WriteFileAtomic(dst, "old").ok());
  ASSERT_TRUE(PublishFileAtomic(src, dst).ok());
  EXPECT_EQ(*ReadFile(dst), "new");
  EXPECT_EQ(*ReadFile(src), "new");
  EXPECT_EQ(Entries(dst.parent_path()), 1u);
}

TEST_F(FileTest, PublishMissingSourceFailsAndLeavesDest) {
  fs::path dst = dir_ / "d.txt";
  ASSERT_TRUE(WriteFileAtomic(dst, "old").ok());
  Status s = PublishFileAtomic(dir_ / "missing", dst);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(*ReadFile(dst), "old");
  EXPECT_EQ(Entries(dir_), 1u);
}

TEST_F(FileTest, StagedCopiesAreInvisibleUntilCommittedAndDiscardedWithoutTrace) {
  ASSERT_TRUE(WriteFileAtomic(dir_ / "scratch" / "a", "new a").ok());
  ASSERT_TRUE(WriteFileAtomic(dir_ / "scratch" / "b", "new b").ok());
  ASSERT_TRUE(WriteFileAtomic(dir_ / "out" / "a", "old a").ok());
  ASSERT_TRUE(WriteFileAtomic(dir_ / "out" / "b", "old b").ok());
  std::vector<StagedFile> staged;
  for (const char* name : {"a", "b"}) {
    auto copy = StageCopy(dir_ / "scratch" / name, dir_ / "out" / name);
    ASSERT_TRUE(copy.ok()) << copy.status().ToString();
    staged.push_back(*copy);
  }
  EXPECT_EQ(*ReadFile(dir_ / "out" / "a"), "old a");  // nothing in place yet
  EXPECT_EQ(Entries(dir_ / "out"), 4u);
  DiscardStaged(staged);
  EXPECT_EQ(Entries(dir_ / "out"), 2u);
  EXPECT_EQ(*ReadFile(dir_ / "out" / "a"), "old a");

  staged.clear();
  for (const char* name : {"a", "b"}) staged.push_back(*StageCopy(dir_ / "scratch" / name, dir_ / "out" / name));
  ASSERT_TRUE(CommitStaged(staged).ok());
  EXPECT_EQ(*ReadFile(dir_ / "out" / "a"), "new a");
  EXPECT_EQ(*ReadFile(dir_ / "out" / "b"), "new b");
  EXPECT_EQ(Entries(dir_ / "out"), 2u);
}

TEST_F(FileTest, AFailedRenameRemovesTheCopiesNotYetInPlace) {
  ASSERT_TRUE(WriteFileAtomic(dir_ / "scratch" / "a", "new a").ok());
  ASSERT_TRUE(WriteFileAtomic(dir_ / "scratch" / "b", "new b").ok());
  std::vector<StagedFile> staged{*StageCopy(dir_ / "scratch" / "a", dir_ / "out" / "a"),
                                 *StageCopy(dir_ / "scratch" / "b", dir_ / "out" / "b")};
  // b's destination becomes a non-empty folder: its rename fails.
  ASSERT_TRUE(WriteFileAtomic(dir_ / "out" / "b" / "inside", "x").ok());
  Status s = CommitStaged(staged);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find((dir_ / "out" / "b").string()), std::string::npos) << s.ToString();
  EXPECT_EQ(*ReadFile(dir_ / "out" / "a"), "new a");
  EXPECT_EQ(Entries(dir_ / "out"), 2u);  // a and the folder b: no temporary file left
}

TEST_F(FileTest, ReadMissingFileNamesIt) {
  auto r = ReadFile(dir_ / "nope");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("nope"), std::string::npos);
}


TEST_F(FileTest, WriteAtomicNeverWritesThroughALinkPlantedAtATemporaryName) {
  // The names the earlier scheme used (".NAME.cutover-tmp-PID-N") were predictable: plant a link
  // at each of the first ones for this process; none may be written through.
  fs::path outside = dir_ / "outside.txt";
  ASSERT_TRUE(WriteFileAtomic(outside, "precious").ok());
  fs::path out = dir_ / "out";
  fs::create_directories(out);
  for (int n = 0; n < 50; ++n) {
    fs::create_symlink(outside, out / (".r.txt.cutover-tmp-" + std::to_string(::getpid()) + "-" +
                                       std::to_string(n)));
  }
  ASSERT_TRUE(WriteFileAtomic(out / "r.txt", "result").ok());
  ASSERT_TRUE(PublishFileAtomic(out / "r.txt", out / "s.txt").ok());
  EXPECT_EQ(*ReadFile(outside), "precious");
  EXPECT_FALSE(fs::is_symlink(out / "r.txt"));
  EXPECT_EQ(*ReadFile(out / "s.txt"), "result");
}

TEST_F(FileTest, TemporaryNamesAreFreshEachTimeAndCarryTheirOwner) {
  auto a = CreateTempFileFor(dir_ / "x");
  auto b = CreateTempFileFor(dir_ / "x");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->path, b->path);
  EXPECT_EQ(TempNameOwnerPid(a->path.filename().string()), ::getpid());
  auto d = CreateTempDirFor(dir_ / "x");
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(fs::is_directory(*d));
  EXPECT_EQ(TempNameOwnerPid(d->filename().string()), ::getpid());
  EXPECT_EQ(TempNameOwnerPid(".x.cutover-tmp-77-abc"), 77);
  EXPECT_EQ(TempNameOwnerPid("x.cutover-tmp-77-abc"), std::nullopt);           // not hidden
  EXPECT_EQ(TempNameOwnerPid(".x.cutover-tmp-77"), std::nullopt);              // no random part
  EXPECT_EQ(TempNameOwnerPid(".x.cutover-tmp-99999999999999999999-a"), std::nullopt);  // 20 digits
  EXPECT_EQ(TempNameOwnerPid(".x.cutover-tmp--5-a"), std::nullopt);
}

TEST_F(FileTest, PublishReplacesALinkAtTheDestinationInsteadOfWritingThroughIt) {
  fs::path outside = dir_ / "outside.txt";
  ASSERT_TRUE(WriteFileAtomic(outside, "precious").ok());
  ASSERT_TRUE(WriteFileAtomic(dir_ / "src.txt", "new").ok());
  fs::create_symlink(outside, dir_ / "dest.txt");
  ASSERT_TRUE(PublishFileAtomic(dir_ / "src.txt", dir_ / "dest.txt").ok());
  EXPECT_FALSE(fs::is_symlink(dir_ / "dest.txt"));
  EXPECT_EQ(*ReadFile(dir_ / "dest.txt"), "new");
  EXPECT_EQ(*ReadFile(outside), "precious");
}

TEST_F(FileTest, PublishCopiesSoALateWriterOfTheSourceCannotChangeIt) {
  ASSERT_TRUE(WriteFileAtomic(dir_ / "src.txt", "v1").ok());
  fs::permissions(dir_ / "src.txt", fs::perms(0750));
  ASSERT_TRUE(PublishFileAtomic(dir_ / "src.txt", dir_ / "dest.txt").ok());
  struct stat st {};
  ASSERT_EQ(::stat((dir_ / "dest.txt").c_str(), &st), 0);
  EXPECT_EQ(st.st_nlink, 1u);                 // not a hard link to the source
  EXPECT_EQ(st.st_mode & 0777, 0750u);        // the source's mode kept
  std::ofstream(dir_ / "src.txt", std::ios::app) << "changed later";
  EXPECT_EQ(*ReadFile(dir_ / "dest.txt"), "v1");
}

TEST_F(FileTest, PublishRefusesASourceThatIsALink) {
  ASSERT_TRUE(WriteFileAtomic(dir_ / "real.txt", "x").ok());
  fs::create_symlink(dir_ / "real.txt", dir_ / "link.txt");
  Status s = PublishFileAtomic(dir_ / "link.txt", dir_ / "dest.txt");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("symbolic link"), std::string::npos) << s.message();
  EXPECT_FALSE(fs::exists(dir_ / "dest.txt"));
  EXPECT_EQ(Entries(dir_), 2u);  // no temporary file left behind
}

TEST_F(FileTest, RemoveTreeAtRemovesOnlyLinksNeverWhatTheyPointTo) {
  fs::path outside = dir_ / "outside";
  fs::create_directories(outside / "7");
  ASSERT_TRUE(WriteFileAtomic(outside / "7" / "keep.txt", "keep").ok());
  fs::create_directories(dir_ / "scratch" / "1" / "sub");
  ASSERT_TRUE(WriteFileAtomic(dir_ / "scratch" / "1" / "sub" / "f", "f").ok());
  fs::create_directory_symlink(outside, dir_ / "scratch" / "1" / "sub" / "link");
  fs::create_directory_symlink(outside / "7", dir_ / "scratch" / "2");
  ASSERT_TRUE(RemoveTreeAt(dir_ / "scratch", "1").ok());
  ASSERT_TRUE(RemoveTreeAt(dir_ / "scratch", "2").ok());
  EXPECT_FALSE(fs::exists(fs::symlink_status(dir_ / "scratch" / "1")));
  EXPECT_FALSE(fs::exists(fs::symlink_status(dir_ / "scratch" / "2")));
  EXPECT_EQ(*ReadFile(outside / "7" / "keep.txt"), "keep");
  // A parent that is itself a link is not entered.
  fs::create_directory_symlink(outside, dir_ / "linked");
  EXPECT_FALSE(RemoveTreeAt(dir_ / "linked", "7").ok());
  EXPECT_TRUE(fs::exists(outside / "7" / "keep.txt"));
  EXPECT_TRUE(RemoveTreeAt(dir_ / "scratch", "absent").ok());
}

TEST_F(FileTest, MakeDirectoriesWithinRefusesALinkedComponent) {
  fs::path top = dir_ / "state";
  ASSERT_TRUE(MakeDirectoriesWithin(top, top / "scratch" / "s" / "1").ok());
  EXPECT_TRUE(fs::is_directory(top / "scratch" / "s" / "1"));
  fs::create_directories(dir_ / "outside");
  fs::create_directory_symlink(dir_ / "outside", top / "scratch" / "t");
  Status s = MakeDirectoriesWithin(top, top / "scratch" / "t" / "2");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find((top / "scratch" / "t").string()), std::string::npos) << s.message();
  EXPECT_EQ(Entries(dir_ / "outside"), 0u);
  EXPECT_FALSE(MakeDirectoriesWithin(top, dir_ / "elsewhere").ok());
  EXPECT_FALSE(MakeDirectoriesWithin(top, top / ".." / "elsewhere").ok());
}

TEST_F(FileTest, RefuseLinkedFolderNamesTheLink) {
  fs::create_directories(dir_ / "real");
  fs::create_directory_symlink(dir_ / "real", dir_ / "state");
  EXPECT_TRUE(RefuseLinkedFolder(dir_ / "real", "the state folder").ok());
  EXPECT_TRUE(RefuseLinkedFolder(dir_ / "absent", "the state folder").ok());
  Status s = RefuseLinkedFolder(dir_ / "state", "the state folder");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("the state folder " + (dir_ / "state").string()), std::string::npos);
}

TEST_F(FileTest, ResolveWithinFollowsOnlyLinksThatStayInside) {
  fs::create_directories(dir_ / "work" / "sub");
  ASSERT_TRUE(WriteFileAtomic(dir_ / "work" / "sub" / "real", "x").ok());
  ASSERT_TRUE(WriteFileAtomic(dir_ / "secret", "s").ok());
  fs::create_symlink("sub/real", dir_ / "work" / "inside");
  fs::create_symlink(dir_ / "secret", dir_ / "work" / "outside");
  auto in = ResolveWithin(dir_ / "work" / "inside", dir_ / "work");
  ASSERT_TRUE(in.ok()) << in.status().message();
  EXPECT_EQ(*in, fs::canonical(dir_ / "work" / "sub" / "real"));
  auto out = ResolveWithin(dir_ / "work" / "outside", dir_ / "work");
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("outside"), std::string::npos);
  auto plain = ResolveWithin(dir_ / "work" / "sub" / "real", dir_ / "work");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(*plain, dir_ / "work" / "sub" / "real");
}

}  // namespace
}  // namespace cutover
