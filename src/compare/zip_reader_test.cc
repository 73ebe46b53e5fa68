#include "compare/zip_reader.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "testing/temp_dir.h"

namespace cutover {
namespace {


// Writes a zip holding `members` ({name, content}; a name ending in '/' is a folder), each
// stored uncompressed when `store` so that its bytes can be found and damaged in the file.
std::filesystem::path WriteZip(const TestTempDir& dir, const std::string& name,
                               const std::vector<std::pair<std::string, std::string>>& members,
                               bool store = false) {
  std::filesystem::path p = dir.path() / name;
  int error = 0;
  zip_t* zip = zip_open(p.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  EXPECT_NE(zip, nullptr) << error;
  if (zip == nullptr) return p;
  for (const auto& [member, content] : members) {
    if (member.ends_with('/')) {
      EXPECT_GE(zip_dir_add(zip, member.c_str(), 0), 0) << zip_strerror(zip);
      continue;
    }
    // libzip reads the buffer at zip_close: `content` outlives it (the caller's vector).
    zip_source_t* src = zip_source_buffer(zip, content.data(), content.size(), 0);
    zip_int64_t index = zip_file_add(zip, member.c_str(), src, 0);
    EXPECT_GE(index, 0) << zip_strerror(zip);
    if (store) zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  EXPECT_EQ(zip_close(zip), 0);
  return p;
}

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(ZipReaderTest, ListsAndReadsMembers) {
  TestTempDir dir;
  std::vector<std::pair<std::string, std::string>> members = {
      {"x_fastqc/", ""}, {"x_fastqc/fastqc_data.txt", "##FastQC\t0.11.9\n"}, {"a.bin", "abc"}};
  auto p = WriteZip(dir, "x_fastqc.zip", members);
  auto zip = ZipReader::Open(p);
  ASSERT_TRUE(zip.ok()) << zip.status().ToString();
  EXPECT_EQ((*zip)->names(),
            (std::vector<std::string>{"x_fastqc/", "x_fastqc/fastqc_data.txt", "a.bin"}));
  auto data = (*zip)->Read("x_fastqc/fastqc_data.txt", 1 << 20);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  EXPECT_EQ(*data, "##FastQC\t0.11.9\n");
  EXPECT_EQ(*(*zip)->Read("a.bin", 3), "abc");
}

TEST(ZipReaderTest, LargeMemberReadWhole) {
  TestTempDir dir;
  std::string big;
  for (int i = 0; i < 50000; ++i) big += std::to_string(i) + "\t0.0\n";  // > one read buffer
  std::vector<std::pair<std::string, std::string>> members = {{"big.txt", big}};
  auto zip = ZipReader::Open(WriteZip(dir, "big.zip", members));
  ASSERT_TRUE(zip.ok()) << zip.status().ToString();
  auto data = (*zip)->Read("big.txt", big.size());
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  EXPECT_EQ(*data, big);
  auto capped = (*zip)->Read("big.txt", big.size() - 1);
  EXPECT_EQ(capped.status().code(), StatusCode::kCorruption);
  EXPECT_NE(capped.status().message().find("big.zip:big.txt"), std::string::npos)
      << capped.status().message();
}

TEST(ZipReaderTest, MissingMemberIsNotFound) {
  TestTempDir dir;
  std::vector<std::pair<std::string, std::string>> members = {{"a", "1"}};
  auto zip = ZipReader::Open(WriteZip(dir, "a.zip", members));
  ASSERT_TRUE(zip.ok());
  auto r = (*zip)->Read("b", 100);
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status().message(), (dir.path() / "a.zip").string() + ":b: no such member");
}

TEST(ZipReaderTest, OpenErrors) {
  TestTempDir dir;
  auto missing = ZipReader::Open(dir.path() / "none.zip");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  auto text = ZipReader::Open(dir.Write("t.zip", "##FastQC\t0.11.9\nnot a zip at all\n"));
  EXPECT_EQ(text.status().code(), StatusCode::kCorruption);
  EXPECT_NE(text.status().message().find("t.zip: not a readable zip archive"), std::string::npos)
      << text.status().message();
  auto folder = ZipReader::Open(dir.path());
  EXPECT_EQ(folder.status().code(), StatusCode::kIoError);
}

TEST(ZipReaderTest, TruncatedArchiveIsCorruption) {
  TestTempDir dir;
  std::vector<std::pair<std::string, std::string>> members = {
      {"x_fastqc/fastqc_data.txt", std::string(5000, 'a')}};
  auto p = WriteZip(dir, "x_fastqc.zip", members);
  TestTempDir::CutTail(p, 30);  // into the end-of-central-directory record
  auto zip = ZipReader::Open(p);
  EXPECT_EQ(zip.status().code(), StatusCode::kCorruption) << zip.status().ToString();
}

TEST(ZipReaderTest, DamagedMemberDataIsCorruption) {
  TestTempDir dir;
  const std::string content = "##FastQC\t0.11.9\n>>Basic Statistics\tpass\n";
  std::vector<std::pair<std::string, std::string>> members = {{"d/fastqc_data.txt", content}};
  auto p = WriteZip(dir, "d.zip", members, /*store=*/true);
  std::string bytes = ReadAll(p);
  size_t at = bytes.find("Basic");
  ASSERT_NE(at, std::string::npos);
  bytes[at] = 'b';  // the CRC no longer matches
  dir.Write("d.zip", bytes);
  auto zip = ZipReader::Open(p);
  ASSERT_TRUE(zip.ok()) << zip.status().ToString();
  auto r = (*zip)->Read("d/fastqc_data.txt", 1 << 20);
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  EXPECT_NE(r.status().message().find("d.zip:d/fastqc_data.txt: damaged data"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace cutover
