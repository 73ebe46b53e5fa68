#include "run/progress.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>

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

TEST(ConsoleProgressTest, AReaderThatWentAwayCancelsTheRun) {
  for (bool live : {false, true}) {
    ClosedPipe pipe;
    CancelToken cancel;
    auto progress = MakeConsoleProgress(pipe.get(), live, &cancel);
    progress->SetTotal(2);
    progress->TaskStarted("qc", "s1");
    EXPECT_FALSE(cancel.cancelled()) << "nothing written yet that could fail, live=" << live;
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
  std::rewind(out);
  char buf[256] = {};
  const size_t n = std::fread(buf, 1, sizeof buf - 1, out);
  EXPECT_EQ(std::string(buf, n), "[1/1] qc s1: published (legacy, 0.1s)\na note\n");
  std::fclose(out);
}

}  // namespace
}  // namespace cutover
