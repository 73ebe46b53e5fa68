// For tests only: runs a shell command line (the real samtools, bcftools, ... that build golden
// inputs at test time) and returns its exit status, -1 when it did not exit normally. The
// command's output goes to the test's own stdout/stderr. Header-only.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <string>

namespace cutover {

inline int RunShell(const std::string& command) {
  const int status = std::system(command.c_str());
  if (status == -1 || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

}  // namespace cutover
