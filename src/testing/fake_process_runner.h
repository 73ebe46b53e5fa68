// For tests only: a ProcessRunner that interprets a tiny argv language instead of starting
// processes. "write PATH TEXT" writes TEXT to PATH and exits 0; "fail CODE" exits CODE with
// "boom" on stderr; "hang" reports a timeout; anything else exits 0 without writing. Every
// spec it was given is kept, in call order. Thread-safe.
#pragma once

#include <fstream>
#include <mutex>
#include <string>
#include <vector>

#include "exec/process.h"

namespace cutover::testing {

class FakeProcessRunner : public ProcessRunner {
 public:
  ProcessResult Run(const ProcessSpec& spec, const CancelToken&) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      calls_.push_back(spec);
    }
    ProcessResult r;
    r.end = ProcessEnd::kExited;
    r.wall_ms = 5;
    const std::string& verb = spec.argv.at(0);
    if (verb == "write") {
      std::ofstream(spec.argv.at(1)) << spec.argv.at(2);
      r.exit_code = 0;
    } else if (verb == "fail") {
      r.exit_code = std::stoi(spec.argv.at(1));
      r.stderr_tail = "boom\n";
    } else if (verb == "hang") {
      r.end = ProcessEnd::kTimedOut;
    } else {
      r.exit_code = 0;
    }
    return r;
  }
  std::vector<ProcessSpec> calls() {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }

 private:
  std::mutex mu_;
  std::vector<ProcessSpec> calls_;
};

}  // namespace cutover::testing
