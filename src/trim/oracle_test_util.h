// Test-only: runs the installed cutadapt (through testdata/cutadapt_oracle.py and Debian's
// /usr/bin/python3) on a batch of cases and returns one result line per case. Header-only so
// it stays out of the library. Tests skip when cutadapt is not installed.
#pragma once

#include <gtest/gtest.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "testing/beside_binary.h"

#ifndef CUTOVER_TRIM_TESTDATA
#error "CUTOVER_TRIM_TESTDATA must name src/trim/testdata (relative to the test binary)"
#endif

namespace cutover::trim_test {

inline bool OracleAvailable() {
  return ::access("/usr/bin/python3", X_OK) == 0 &&
         std::system("/usr/bin/python3 -c 'import cutadapt._align' >/dev/null 2>&1") == 0;
}

// Each case is a tab-separated line as documented in cutadapt_oracle.py.
inline std::vector<std::string> RunOracle(const std::vector<std::string>& cases) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "cutover_oracle_XXXXXX").string();
  int fd = ::mkstemp(tmpl.data());
  EXPECT_GE(fd, 0);
  ::close(fd);
  {
    std::ofstream out(tmpl);
    for (const std::string& c : cases) out << c << "\n";
  }
  std::string cmd = std::string("/usr/bin/python3 ") + BesideTestBinary(CUTOVER_TRIM_TESTDATA).string() +
                    "/cutadapt_oracle.py < " + tmpl;
  std::vector<std::string> lines;
  FILE* p = ::popen(cmd.c_str(), "r");
  EXPECT_NE(p, nullptr);
  if (p != nullptr) {
    std::string line;
    int c;
    while ((c = std::fgetc(p)) != EOF) {
      if (c == '\n') {
        lines.push_back(line);
        line.clear();
      } else {
        line += static_cast<char>(c);
      }
    }
    EXPECT_EQ(::pclose(p), 0) << cmd;
  }
  std::filesystem::remove(tmpl);
  EXPECT_EQ(lines.size(), cases.size()) << "the oracle answered a different number of cases";
  return lines;
}

}  // namespace cutover::trim_test
