#include "cli/cli.h"

#include <cstdio>

namespace cutover {

int RunCli(int, char**) {
  std::fprintf(stderr, "cutover: not yet\n");
  return 2;
}

}  // namespace cutover
