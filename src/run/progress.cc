#include "run/progress.h"

#include <fmt/format.h>

#include <set>
#include <utility>

namespace cutover {
namespace {

class ConsoleProgress : public ProgressSink {
 public:
  ConsoleProgress(std::FILE* out, bool live) : out_(out), live_(live) {}

  void SetTotal(int total) override {
    std::lock_guard<std::mutex> lock(mu_);
    total_ = total;
  }
  void TaskStarted(const std::string& step, const std::string& sample) override {
    std::lock_guard<std::mutex> lock(mu_);
    running_.insert(step + "/" + sample);
    Redraw();
  }
  void TaskFinished(const TaskEvent& e) override {
    std::lock_guard<std::mutex> lock(mu_);
    running_.erase(e.step + "/" + e.sample);
    ++done_;
    PrintLine(fmt::format("[{}/{}] {} {}: {}", done_, total_, e.step, e.sample, e.what));
  }
  void Note(const std::string& line) override {
    std::lock_guard<std::mutex> lock(mu_);
    PrintLine(line);
  }
  void Finish() override {
    std::lock_guard<std::mutex> lock(mu_);
    if (live_) std::fputs("\r\033[K", out_);
    std::fflush(out_);
  }

 private:
  // Guarded by mu_.
  void PrintLine(const std::string& line) {
    if (live_) std::fputs("\r\033[K", out_);
    std::fputs(line.c_str(), out_);
    std::fputc('\n', out_);
    Redraw();
  }
  void Redraw() {
    if (!live_) return;
    std::string names;
    for (const auto& n : running_) {
      if (names.size() > 60) {
        names += ", ...";
        break;
      }
      names += (names.empty() ? "" : ", ") + n;
    }
    std::fputs(fmt::format("\r\033[K[{}/{}] running: {}", done_, total_, names).c_str(), out_);
    std::fflush(out_);
  }

  // Constant after construction.
  std::FILE* const out_;
  const bool live_;
  // Guarded by mu_.
  std::mutex mu_;
  int total_ = 0;
  int done_ = 0;
  std::set<std::string> running_;
};

class SilentProgress : public ProgressSink {
 public:
  void SetTotal(int) override {}
  void TaskStarted(const std::string&, const std::string&) override {}
  void TaskFinished(const TaskEvent&) override {}
  void Note(const std::string&) override {}
  void Finish() override {}
};

}  // namespace

std::unique_ptr<ProgressSink> MakeConsoleProgress(std::FILE* out, bool live) {
  return std::make_unique<ConsoleProgress>(out, live);
}

std::unique_ptr<ProgressSink> MakeSilentProgress() { return std::make_unique<SilentProgress>(); }

}  // namespace cutover
