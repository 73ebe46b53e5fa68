#include "trim/ordered_output.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace cutover::trim {
namespace {

using Strings = OrderedOutput<std::string>;

// Records what was consumed, in the order consumed.
struct Log {
  std::vector<std::string> items;
  Strings::Consume Appender() {
    return [this](std::string& s) {
      items.push_back(s);
      return Status::Ok();
    };
  }
};

TEST(OrderedOutputTest, ResultsInOrderAreConsumedAtOnce) {
  Log log;
  Strings out(3, log.Appender());
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(out.WaitForRoom(i));
    out.Put(i, std::to_string(i));
    EXPECT_EQ(out.consumed(), i + 1);
  }
  EXPECT_EQ(log.items, (std::vector<std::string>{"0", "1", "2", "3", "4"}));
  EXPECT_TRUE(out.status().ok());
}

TEST(OrderedOutputTest, ResultsFinishingOutOfOrderWaitForTheEarlierOnes) {
  Log log;
  Strings out(4, log.Appender());
  out.Put(2, "c");
  out.Put(1, "b");
  EXPECT_EQ(out.consumed(), 0);
  EXPECT_TRUE(log.items.empty());
  out.Put(0, "a");  // consumes 0, then 1 and 2, which were ready
  EXPECT_EQ(out.consumed(), 3);
  out.Put(3, "d");
  EXPECT_EQ(log.items, (std::vector<std::string>{"a", "b", "c", "d"}));
}

TEST(OrderedOutputTest, AResultHandedInDuringConsumptionIsConsumedByTheConsumingThread) {
  std::atomic<bool> consuming_first{false}, release{false};
  std::vector<std::thread::id> consumers;
  Strings out(4, [&](std::string& s) {
    consumers.push_back(std::this_thread::get_id());
    if (s == "first") {
      consuming_first = true;
      while (!release) std::this_thread::yield();
    }
    return Status::Ok();
  });
  std::thread a([&] { out.Put(0, "first"); });
  while (!consuming_first) std::this_thread::yield();
  out.Put(1, "second");  // returns at once: thread a is consuming
  EXPECT_EQ(out.consumed(), 0);
  release = true;
  const std::thread::id a_id = a.get_id();
  a.join();
  EXPECT_EQ(out.consumed(), 2);
  ASSERT_EQ(consumers.size(), 2u);
  EXPECT_EQ(consumers[0], a_id);
  EXPECT_EQ(consumers[1], a_id);
}

TEST(OrderedOutputTest, WaitForRoomBlocksUntilAnEarlierResultIsConsumed) {
  Log log;
  Strings out(2, log.Appender());
  EXPECT_TRUE(out.WaitForRoom(0));
  EXPECT_TRUE(out.WaitForRoom(1));
  std::atomic<bool> started{false};
  std::thread t([&] {
    EXPECT_TRUE(out.WaitForRoom(2));
    started = true;
  });
  out.Put(1, "b");  // not next: no room yet
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(started);
  out.Put(0, "a");
  t.join();
  EXPECT_TRUE(started);
  EXPECT_EQ(log.items, (std::vector<std::string>{"a", "b"}));
}

TEST(OrderedOutputTest, TheFirstErrorInOrderWinsAndStopsEverything) {
  Log log;
  Strings out(8, [&](std::string& s) {
    if (s.rfind("bad", 0) == 0) return Status::Corruption(s);
    log.items.push_back(s);
    return Status::Ok();
  });
  out.Put(3, "bad later");  // finished first, but after the other error in order
  out.Put(2, "bad earlier");
  out.Put(1, "b");
  EXPECT_TRUE(out.status().ok());
  out.Put(0, "a");
  EXPECT_EQ(out.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(out.status().message(), "bad earlier");
  EXPECT_TRUE(out.stopped());
  EXPECT_FALSE(out.WaitForRoom(4));
  out.Put(4, "dropped");
  EXPECT_EQ(log.items, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(out.consumed(), 3);
}

TEST(OrderedOutputTest, StopWakesAThreadWaitingForRoom) {
  Log log;
  Strings out(1, log.Appender());
  std::atomic<int> result{-1};
  std::thread t([&] { result = out.WaitForRoom(1) ? 1 : 0; });
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  out.Stop(Status::Cancelled("interrupted"));
  t.join();
  EXPECT_EQ(result, 0);
  EXPECT_EQ(out.status().code(), StatusCode::kCancelled);
  out.Stop(Status::IoError("later"));  // the first reason stays
  EXPECT_EQ(out.status().code(), StatusCode::kCancelled);
}

// Several producers taking indexes in turn and finishing in random order, as trim's workers do:
// everything is consumed once, in order, and never more than max_in_flight pieces are between
// their start and their consumption.
TEST(OrderedOutputTest, ManyProducersConsumeEverythingInOrderWithinTheBound) {
  constexpr int kPieces = 2000, kThreads = 4;
  constexpr size_t kMaxInFlight = 3;
  std::vector<int> consumed;
  std::atomic<int> in_flight{0}, max_seen{0};
  OrderedOutput<int> out(kMaxInFlight, [&](int& v) {
    consumed.push_back(v);
    --in_flight;
    return Status::Ok();
  });
  std::mutex take_mu;
  int next = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(t);
      while (true) {
        int index;
        {
          std::lock_guard lock(take_mu);
          if (next == kPieces || !out.WaitForRoom(next)) return;
          index = next++;
          const int now = ++in_flight;
          int seen = max_seen;
          while (now > seen && !max_seen.compare_exchange_weak(seen, now)) {
          }
        }
        if (rng() % 4 == 0) std::this_thread::sleep_for(std::chrono::microseconds(rng() % 200));
        out.Put(index, index);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  ASSERT_EQ(out.consumed(), kPieces);
  ASSERT_EQ(consumed.size(), static_cast<size_t>(kPieces));
  for (int i = 0; i < kPieces; ++i) ASSERT_EQ(consumed[i], i);
  EXPECT_LE(max_seen.load(), static_cast<int>(kMaxInFlight));
  EXPECT_TRUE(out.status().ok());
}

}  // namespace
}  // namespace cutover::trim
