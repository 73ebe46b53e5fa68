#include "run/progress.h"

#include <fmt/format.h>
#include <sys/ioctl.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <thread>
#include <utility>
#include <vector>

#include "run/status_line.h"

namespace cutover {
namespace {

class ConsoleProgress : public ProgressSink {
 public:
  ConsoleProgress(std::FILE* out, ConsoleProgressOptions options, CancelToken* on_closed)
      : out_(out),
        options_(options),
        on_closed_(on_closed),
        own_clock_(options.clock == nullptr ? SystemClock() : nullptr),
        clock_(options.clock != nullptr ? options.clock : own_clock_.get()) {}
  ~ConsoleProgress() override { StopTicker(); }

  void SetTotal(int total) override {
    std::lock_guard<std::mutex> lock(mu_);
    counts_.total = total;
    if (started_ms_ < 0) started_ms_ = clock_->NowMs();
    if (options_.live && options_.tick_ms > 0 && !ticker_.joinable() && !finished_) {
      ticker_ = std::thread([this] { Tick(); });
    }
  }
  void TaskStarted(const std::string& step, const std::string& sample) override {
    std::lock_guard<std::mutex> lock(mu_);
    counts_.running.push_back(step + "/" + sample);
    Redraw(false);
  }
  void TaskFinished(const TaskEvent& e) override {
    std::lock_guard<std::mutex> lock(mu_);
    const std::string name = e.step + "/" + e.sample;
    auto it = std::find(counts_.running.begin(), counts_.running.end(), name);
    if (it != counts_.running.end()) counts_.running.erase(it);
    ++counts_.finished;
    if (e.failure) ++counts_.failed;
    if (!options_.live || options_.verbose || e.failure) {
      PrintLine(fmt::format("[{}/{}] {} {}: {}", counts_.finished, counts_.total, e.step,
                            e.sample, e.what));
    } else {
      Redraw(false);
    }
  }
  void Note(const std::string& line) override {
    std::lock_guard<std::mutex> lock(mu_);
    PrintLine(line);
  }
  void Finish() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      finished_ = true;
      if (!closed_) {
        if (options_.live && drawn_) std::fputs("\r\033[K", out_);
        drawn_ = false;
        Flush();
      }
    }
    StopTicker();
  }

 private:
  // Guarded by mu_.
  void PrintLine(const std::string& line) {
    if (closed_) return;
    if (options_.live && drawn_) std::fputs("\r\033[K", out_);
    drawn_ = false;
    std::fputs(line.c_str(), out_);
    std::fputc('\n', out_);
    Flush();
    Redraw(true);
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
  // Guarded by mu_. `now`: even if the last redraw was a moment ago (the line was just cleared).
  void Redraw(bool now) {
    if (!options_.live || closed_ || finished_ || started_ms_ < 0) return;
    const int64_t t = clock_->NowMs();
    if (!now && drawn_ && t - last_draw_ms_ < options_.redraw_interval_ms) return;
    last_draw_ms_ = t;
    const std::string line = FormatStatusLine(counts_, t - started_ms_, Columns());
    std::fputs(("\r\033[K" + line).c_str(), out_);
    drawn_ = true;
    Flush();
  }
  int Columns() const {
    if (options_.columns > 0) return options_.columns;
    winsize size{};
    if (::ioctl(::fileno(out_), TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return 80;
  }
  // The ticker thread: redraws every tick_ms until Finish.
  void Tick() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!finished_ && !stop_ticker_) {
      tick_cv_.wait_for(lock, std::chrono::milliseconds(options_.tick_ms));
      if (!finished_ && !stop_ticker_) Redraw(true);
    }
  }
  void StopTicker() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ticker_ = true;
    }
    tick_cv_.notify_all();
    if (ticker_.joinable()) ticker_.join();
  }

  // Constant after construction.
  std::FILE* const out_;
  const ConsoleProgressOptions options_;
  CancelToken* const on_closed_;
  const std::unique_ptr<Clock> own_clock_;
  const Clock* const clock_;
  // Guarded by mu_.
  std::mutex mu_;
  std::condition_variable tick_cv_;
  RunCounts counts_;
  int64_t started_ms_ = -1;  // when SetTotal was first called; no status line before
  int64_t last_draw_ms_ = 0;
  bool drawn_ = false;  // the status line is on the screen
  bool closed_ = false;
  bool finished_ = false;
  bool stop_ticker_ = false;
  std::thread ticker_;
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

std::unique_ptr<ProgressSink> MakeConsoleProgress(std::FILE* out, ConsoleProgressOptions options,
                                                  CancelToken* on_closed) {
  return std::make_unique<ConsoleProgress>(out, options, on_closed);
}

std::unique_ptr<ProgressSink> MakeConsoleProgress(std::FILE* out, bool live,
                                                  CancelToken* on_closed) {
  ConsoleProgressOptions options;
  options.live = live;
  return MakeConsoleProgress(out, options, on_closed);
}

std::unique_ptr<ProgressSink> MakeSilentProgress() { return std::make_unique<SilentProgress>(); }

}  // namespace cutover
