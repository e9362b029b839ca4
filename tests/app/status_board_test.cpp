// The hand-over between the status endpoint's HTTP thread and the frame loop.
#include "app/status_board.h"

#include <future>
#include <thread>

#include <gtest/gtest.h>

using namespace eco;
using namespace std::chrono_literals;

TEST(StatusBoard, ARequestGetsTheNextFrameTheLoopDelivers) {
  StatusBoard board;
  std::atomic<int> woken{0};
  board.set_waker([&] { ++woken; });
  auto request = std::async(std::launch::async, [&] { return board.screen(5s); });
  while (!board.screen_wanted()) std::this_thread::sleep_for(1ms);
  EXPECT_EQ(woken, 1) << "the sleeping frame loop is woken to draw";
  board.deliver_screen("PNG");
  EXPECT_EQ(request.get(), std::optional<std::string>("PNG"));
  EXPECT_FALSE(board.screen_wanted());
}

TEST(StatusBoard, NoFrameWithinTheTimeoutIsNone) {
  StatusBoard board;
  EXPECT_EQ(board.screen(50ms), std::nullopt);
}

TEST(StatusBoard, ClosingReleasesAWaitingRequestAtOnce) {
  StatusBoard board;
  auto start = std::chrono::steady_clock::now();
  auto request = std::async(std::launch::async, [&] { return board.screen(5s); });
  while (!board.screen_wanted()) std::this_thread::sleep_for(1ms);
  board.close();
  EXPECT_EQ(request.get(), std::nullopt);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s) << "shutdown waited for the request's timeout";
  EXPECT_EQ(board.screen(5s), std::nullopt) << "after closing, requests do not wait at all";
}
