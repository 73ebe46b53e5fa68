#include "run/progress.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <chrono>
#include <string>
#include <thread>

#include "testing/fake_clock.h"

namespace cutover {
namespace {

// A pipe whose reader has gone, written to with SIGPIPE blocked (as `cutover run` does).
class ClosedPipe {
 public:
  ClosedPipe() {
    sigset_t pipe_signal;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, &old_mask_);
    int fds[2];
    EXPECT_EQ(::pipe(fds), 0);
    ::close(fds[0]);
    out_ = ::fdopen(fds[1], "w");
    std::setvbuf(out_, nullptr, _IONBF, 0);  // like stderr
  }
  ~ClosedPipe() {
    std::fclose(out_);
    // Consume the SIGPIPE left pending by the writes before unblocking it.
    sigset_t pipe_signal;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    timespec zero{};
    while (sigtimedwait(&pipe_signal, nullptr, &zero) == SIGPIPE) {
    }
    pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
  }
  std::FILE* get() const { return out_; }

 private:
  sigset_t old_mask_{};
  std::FILE* out_ = nullptr;
};

// Everything written to a temporary file, read back.
std::string Contents(std::FILE* out) {
  std::fflush(out);
  std::rewind(out);
  std::string text;
  char buf[4096];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, out)) > 0) text.append(buf, n);
  return text;
}

TEST(ConsoleProgressTest, AReaderThatWentAwayCancelsTheRun) {
  for (bool live : {false, true}) {
    ClosedPipe pipe;
    CancelToken cancel;
    FakeClock clock(0);
    ConsoleProgressOptions options;
    options.live = live;
    options.columns = 80;
    options.tick_ms = 0;
    options.clock = &clock;
    auto progress = MakeConsoleProgress(pipe.get(), options, &cancel);
    progress->SetTotal(2);
    progress->TaskStarted("qc", "s1");
    // Live, the status line is written at once, so the closed pipe is noticed then.
    EXPECT_EQ(cancel.cancelled(), live) << "live=" << live;
    progress->TaskFinished({"qc", "s1", "published (legacy, 0.1s)", false});
    EXPECT_TRUE(cancel.cancelled()) << "live=" << live;
    // Writing stops; the remaining calls are harmless.
    progress->Note("more");
    progress->Finish();
  }
}

TEST(ConsoleProgressTest, AnOpenOutputGetsTheLinesAndDoesNotCancel) {
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  CancelToken cancel;
  auto progress = MakeConsoleProgress(out, false, &cancel);
  progress->SetTotal(1);
  progress->TaskStarted("qc", "s1");
  progress->TaskFinished({"qc", "s1", "published (legacy, 0.1s)", false});
  progress->Note("a note");
  progress->Finish();
  EXPECT_FALSE(cancel.cancelled());
  EXPECT_EQ(Contents(out), "[1/1] qc s1: published (legacy, 0.1s)\na note\n");
  std::fclose(out);
}

class LiveProgressTest : public ::testing::Test {
 protected:
  std::unique_ptr<ProgressSink> Make(bool verbose) {
    ConsoleProgressOptions options;
    options.live = true;
    options.verbose = verbose;
    options.columns = 200;
    options.redraw_interval_ms = 100;
    options.tick_ms = 0;  // redrawn on events only: the test decides when time passes
    options.clock = &clock_;
    return MakeConsoleProgress(out_, options);
  }
  void TearDown() override { std::fclose(out_); }
  std::FILE* out_ = std::tmpfile();
  FakeClock clock_{1'000'000};
};

TEST_F(LiveProgressTest, OneUpdatedStatusLineInsteadOfALinePerTask) {
  auto progress = Make(false);
  progress->SetTotal(4);
  progress->TaskStarted("qc", "s1");
  clock_.Advance(2000);
  progress->TaskFinished({"qc", "s1", "published (legacy, 0.1s)", false});
  clock_.Advance(10);  // too soon after the last redraw: not drawn
  progress->TaskStarted("qc", "s2");
  clock_.Advance(990);
  progress->TaskFinished({"qc", "s2", "skipped (up to date)", false});
  progress->Finish();
  EXPECT_EQ(Contents(out_),
            "\r\033[K[0/4] 1 running, 0 failed | ETA ? | qc/s1"
            "\r\033[K[1/4] 0 running, 0 failed | 0.50/s | ETA 6s"
            "\r\033[K[2/4] 0 running, 0 failed | 0.67/s | ETA 3s"
            "\r\033[K");
}

TEST_F(LiveProgressTest, FailuresAndNotesArePrintedInFullAboveTheStatusLine) {
  auto progress = Make(false);
  progress->SetTotal(3);
  progress->TaskStarted("qc", "s1");
  clock_.Advance(1000);
  progress->TaskFinished({"qc", "s1", "failed: new side exit 1", true});
  progress->Note("ROLLBACK qc: 1 failure");
  progress->TaskFinished({"trim", "s1", "blocked: qc s1 did not publish", true});
  progress->Finish();
  const std::string status = "[1/3] 0 running, 1 failed | 1.00/s | ETA 2s";
  EXPECT_EQ(Contents(out_),
            "\r\033[K[0/3] 1 running, 0 failed | ETA ? | qc/s1"
            "\r\033[K[1/3] qc s1: failed: new side exit 1\n"
            "\r\033[K" + status +
            "\r\033[KROLLBACK qc: 1 failure\n"
            "\r\033[K" + status +
            "\r\033[K[2/3] trim s1: blocked: qc s1 did not publish\n"
            "\r\033[K[2/3] 0 running, 2 failed | 2.00/s | ETA 1s"
            "\r\033[K");
}

TEST_F(LiveProgressTest, VerboseKeepsALinePerTask) {
  auto progress = Make(true);
  progress->SetTotal(2);
  progress->TaskStarted("qc", "s1");
  progress->TaskFinished({"qc", "s1", "published (new, 0.1s)", false});
  progress->Finish();
  const std::string text = Contents(out_);
  EXPECT_NE(text.find("\r\033[K[1/2] qc s1: published (new, 0.1s)\n"), std::string::npos) << text;
  EXPECT_EQ(text.substr(text.size() - 4), "\r\033[K");
}

TEST_F(LiveProgressTest, NoStatusLineWithoutARun) {
  // `cutover step` prints notes only: no task counts to show.
  auto progress = Make(false);
  progress->Note("qc s1: waiting for the lock held by pid 12");
  progress->Finish();
  EXPECT_EQ(Contents(out_), "qc s1: waiting for the lock held by pid 12\n");
}

TEST(ConsoleProgressTickTest, TheTickerRedrawsDuringLongTasks) {
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  ConsoleProgressOptions options;
  options.live = true;
  options.columns = 200;
  options.tick_ms = 5;
  auto progress = MakeConsoleProgress(out, options);
  progress->SetTotal(1);
  progress->TaskStarted("qc", "s1");
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
  progress->Finish();
  const std::string text = Contents(out);
  size_t draws = 0;
  for (size_t at = text.find("[0/1]"); at != std::string::npos; at = text.find("[0/1]", at + 1)) {
    ++draws;
  }
  EXPECT_GE(draws, 3u) << text;
  std::fclose(out);
}

}  // namespace
}  // namespace cutover
