// The hand-over between the status endpoint's HTTP thread and the frame loop.
#include "status/status_board.h"
#include "base/utf8.h"

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

TEST(StatusBoard, PublishedHealthIsAlwaysValidUtf8) {
  StatusBoard board;
  board.publish({{"last_errors", {"plugin x: bad \xff\xfe", "中文 ok", "cut \xe4\xb8"}}, {"nested", {{"k", "\xc0\xaf"}}}});
  nlohmann::json health = board.health();
  EXPECT_EQ(health["last_errors"][0], "plugin x: bad \xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(health["last_errors"][1], "中文 ok") << "valid text is left alone";
  EXPECT_EQ(health["last_errors"][2], "cut \xEF\xBF\xBD\xEF\xBF\xBD") << "a truncated sequence";
  EXPECT_EQ(health["nested"]["k"], "\xEF\xBF\xBD\xEF\xBF\xBD") << "an overlong encoding of '/'";
  EXPECT_NO_THROW(health.dump());
  EXPECT_EQ(to_valid_utf8("\xed\xa0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD") << "a UTF-16 surrogate";
  EXPECT_EQ(to_valid_utf8("\xf0\x9f\x8c\xb1"), "\xf0\x9f\x8c\xb1") << "a four-byte character (🌱)";
}
