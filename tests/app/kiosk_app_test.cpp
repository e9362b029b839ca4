// Drives the real frame loop headless with content-switch hooks, as signed-bundle updates will.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "app/kiosk_app.h"

namespace fs = std::filesystem;
using namespace eco;

namespace {

struct Dirs {
  fs::path root, old_content, new_content;
  Dirs() {
    root = fs::temp_directory_path() / ("ecolobby-switch-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    old_content = root / "old";
    new_content = root / "new";
    fs::create_directories(old_content);
    fs::create_directories(new_content);
    std::ofstream(old_content / "schedule.toml") << "[[slot]]\nscene = \"slide\"\ntitle = \"旧内容\"\nduration_s = 5\n";
  }
  ~Dirs() { if (!getenv("KEEP")) fs::remove_all(root); }
  std::string trace() const {
    std::ifstream in(root / "trace.jsonl");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
};

RunOptions headless(const Dirs& d, int frames) {
  RunOptions o;
  o.headless = true;
  o.frames = frames;
  o.frame_step_ms = 500;
  o.now = "2026-06-24T10:00:00+08:00";
  o.trace = (d.root / "trace.jsonl").string();
  return o;
}

Config config_for(const Dirs& d) {
  Config c = parse_config("", "(test)");
  c.content_dir = d.old_content;
  c.data_dir = d.root / "data";
  return c;
}

}  // namespace

TEST(ContentSwitch, NewContentEndsTheSlideWithinASecondAndIsReportedHealthy) {
  Dirs d;
  std::ofstream(d.new_content / "schedule.toml") << "[[slot]]\nscene = \"slide\"\ntitle = \"新内容\"\nduration_s = 5\n";
  int polls = 0;
  std::vector<std::pair<bool, std::string>> reports;
  KioskHooks hooks;
  hooks.next_content = [&]() -> std::optional<fs::path> {
    ++polls;
    if (polls == 3) return d.new_content;  // asked once a second: ready 2.5 s after start
    return std::nullopt;
  };
  hooks.content_health = [&](const fs::path& dir, bool ok, const std::string& error) {
    EXPECT_EQ(dir, d.new_content);
    reports.emplace_back(ok, error);
  };
  hooks.health_grace = std::chrono::seconds(10);
  ASSERT_EQ(run_kiosk(config_for(d), headless(d, 40), hooks), 0);  // 20 virtual seconds
  std::string trace = d.trace();
  auto old_at = trace.find("slide:旧内容"), switch_at = trace.find("\"event\":\"content\""),
       new_at = trace.find("slide:新内容");
  ASSERT_NE(old_at, std::string::npos) << trace;
  ASSERT_NE(switch_at, std::string::npos) << trace;
  ASSERT_NE(new_at, std::string::npos) << trace;
  EXPECT_LT(old_at, switch_at);
  EXPECT_LT(switch_at, new_at);
  std::string switch_line = trace.substr(switch_at, trace.find('\n', switch_at) - switch_at);
  EXPECT_NE(switch_line.find("2026-06-24T10:00:02"), std::string::npos)
      << "the new content ends the 5 s slide as soon as it is ready: " << trace;
  // Asked about once a second of the 20 virtual seconds (not every one of the 40 frames), and
  // not during the crossfade.
  EXPECT_GE(polls, 15);
  EXPECT_LE(polls, 20);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_TRUE(reports[0].first) << reports[0].second;
}

TEST(ContentSwitch, BrokenContentIsReportedUnhealthyAtOnce) {
  Dirs d;
  std::ofstream(d.new_content / "schedule.toml") << "[[slot]]\nscene = \"teleport\"\n";
  bool asked = false;
  std::vector<std::pair<bool, std::string>> reports;
  KioskHooks hooks;
  hooks.next_content = [&]() -> std::optional<fs::path> {
    if (asked) return std::nullopt;
    asked = true;
    return d.new_content;
  };
  hooks.content_health = [&](const fs::path&, bool ok, const std::string& error) { reports.emplace_back(ok, error); };
  ASSERT_EQ(run_kiosk(config_for(d), headless(d, 14), hooks), 0);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_FALSE(reports[0].first);
  EXPECT_NE(reports[0].second.find("schedule.toml:2: key 'slot[0].scene'"), std::string::npos) << reports[0].second;
}
