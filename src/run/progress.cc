#include "run/progress.h"

#include <fmt/format.h>

#include <cerrno>

#include <set>
#include <utility>

namespace cutover {
namespace {

class ConsoleProgress : public ProgressSink {
 public:
  ConsoleProgress(std::FILE* out, bool live, CancelToken* on_closed)
      : out_(out), live_(live), on_closed_(on_closed) {}

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
    if (closed_) return;
    if (live_) std::fputs("\r\033[K", out_);
    Flush();
  }

 private:
  // Guarded by mu_.
  void PrintLine(const std::string& line) {
    if (closed_) return;
    if (live_) std::fputs("\r\033[K", out_);
    std::fputs(line.c_str(), out_);
    std::fputc('\n', out_);
    Flush();
    Redraw();
  }
  // The reader of a pipe went away: nobody is watching, stop like an interruption.
  // (stderr is unbuffered: the failed write is the fputs before, which left errno.)
  void Flush() {
    std::fflush(out_);
    if (!std::ferror(out_)) return;
    const bool pipe_closed = errno == EPIPE;
    std::clearerr(out_);  // another error (a full log disk) is not a reason to stop the run
    if (!pipe_closed) return;
    closed_ = true;
    if (on_closed_ != nullptr) on_closed_->Cancel();
  }
  void Redraw() {
    if (!live_ || closed_) return;
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
  CancelToken* const on_closed_;
  // Guarded by mu_.
  std::mutex mu_;
  int total_ = 0;
  int done_ = 0;
  std::set<std::string> running_;
  bool closed_ = false;
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

std::unique_ptr<ProgressSink> MakeConsoleProgress(std::FILE* out, bool live,
                                                  CancelToken* on_closed) {
  return std::make_unique<ConsoleProgress>(out, live, on_closed);
}

std::unique_ptr<ProgressSink> MakeSilentProgress() { return std::make_unique<SilentProgress>(); }

}  // namespace cutover
