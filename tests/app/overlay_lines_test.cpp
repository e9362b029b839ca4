// The admin overlay's lines about participation records and safe mode, from assets/locale.
#include <gtest/gtest.h>

#include "app/safe_mode.h"
#include "app/store_startup.h"

using namespace eco;

namespace {
Locale locale(const std::string& lang) {
  return Locale::load(std::filesystem::path(ECOLOBBY_SOURCE_DIR) / "assets" / "locale", lang);
}
SafeMode in_safe_mode(int recent_failures) { return SafeMode{.on = true, .recent_failures = recent_failures}; }
}  // namespace

TEST(OverlayLines, ParticipationLineCountsWhatWasSavedQueuedAndDropped) {
  store::WriterStats s;
  s.committed = 12;
  s.queued = 3;
  s.dropped = 1;
  EXPECT_EQ(participation_overlay_line(locale("zh-CN"), s, 0), "已保存 12 · 队列 3 · 丢弃 1");
  EXPECT_EQ(participation_overlay_line(locale("en"), s, 0), "saved 12 · queued 3 · dropped 1");
}

TEST(OverlayLines, ParticipationLineAddsRefusalsRateLimitAndTheLastWriteFailure) {
  store::WriterStats s;
  s.committed = 5;
  s.rejected = 2;
  s.degraded = true;
  s.last_error = "database or disk is full";
  EXPECT_EQ(participation_overlay_line(locale("zh-CN"), s, 7),
            "已保存 5 · 队列 0 · 丢弃 0 · 无法保存 2 · 超出频率上限 7 · 写入失败: database or disk is full");
  EXPECT_EQ(participation_overlay_line(locale("en"), s, 7),
            "saved 5 · queued 0 · dropped 0 · cannot save 2 · over the rate limit 7 · write failed: database or disk is full");
}

TEST(OverlayLines, ParticipationLineCutsALongWriteFailure) {
  store::WriterStats s;
  s.degraded = true;
  s.last_error = std::string(200, 'x');
  std::string line = participation_overlay_line(locale("zh-CN"), s, 0);
  EXPECT_LT(line.size(), 120u) << line;
  EXPECT_NE(line.find("写入失败: xxx"), std::string::npos) << line;
}

TEST(OverlayLines, SafeModeLineSaysHowManyStartsWentWrong) {
  EXPECT_EQ(in_safe_mode(3).overlay_line(locale("zh-CN")), "安全模式：近期 3 次启动异常，仅显示内置页面 / safe mode");
  EXPECT_EQ(in_safe_mode(3).overlay_line(locale("en")), "Safe mode: 3 recent starts went wrong; built-in pages only");
}
