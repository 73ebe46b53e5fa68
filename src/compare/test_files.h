// The comparators' tests' name for the shared test folder (testing/temp_dir.h).
#pragma once

#include "testing/temp_dir.h"

namespace cutover::compare_test {

using ScratchDir = TestTempDir;

}  // namespace cutover::compare_test
