// The health JSON the remote status endpoint serves, and how often the frame loop leaves it.
#include "app/status_publisher.h"

#include <gtest/gtest.h>

#include "status/metrics_text.h"

using namespace eco;
using namespace std::chrono_literals;

namespace {

ScreenHealth sample() {
  ScreenHealth h;
  h.info.version = "1.4.0";
  h.info.content_version = "7";
  h.info.scene = "welcome";
  h.info.fps = 2.5;
  h.info.frame_p50_ms = 3.25;
  h.info.frame_p99_ms = 9.5;
  h.info.rss_mb = 80.5;
  h.info.data_age = "3 个数据源";
  h.info.participation = "已保存 4 · 队列 0 · 丢弃 0";
  h.info.updates = "内容 7";
  h.info.problems = {"a problem"};
  h.kiosk_id = "lobby-1";
  h.now = parse_iso8601("2026-06-24T10:00:00+08:00", 480)->utc;
  h.utc_offset_minutes = 480;
  h.day = to_local(h.now, 480).day_number();
  h.uptime_s = 42;
  h.content_dir = "/var/lib/ecolobby/releases/7";
  return h;
}

}  // namespace

TEST(StatusPublisher, HealthJsonIsSchemaOneWithMachineFieldsOnly) {
  ScreenHealth h = sample();
  h.institution_id = "500231A013";
  h.institution_name = "垫江县财政局";
  h.frames_last_minute = 61;
  h.plugin_errors = {{"plugin:quiz", "main.lua:3: boom"}};
  h.disabled_plugins = {"plugin:quiz"};
  h.services = {{"data_sources", {{{"url", "http://x/feed.json"}, {"ok", true}, {"age_s", 30}}}},
                {"participation", {{"saved", 4}, {"queued", 0}}}};
  h.last_problems = {{parse_iso8601("2026-06-24T09:59:00+08:00")->utc.time_since_epoch().count(), "error", "rolled back 7"}};
  nlohmann::json j = health_json(h);
  EXPECT_EQ(j["schema"], 1);
  EXPECT_EQ(j["schema"], kStatusSchema);
  EXPECT_EQ(j["program_version"], "1.4.0");
  EXPECT_EQ(j["kiosk_id"], "lobby-1");
  EXPECT_EQ(j["institution"], (nlohmann::json{{"id", "500231A013"}, {"name", "垫江县财政局"}}));
  EXPECT_EQ(j["time"], "2026-06-24T10:00:00+08:00");
  EXPECT_EQ(j["time_unix"], unix_seconds(h.now));
  EXPECT_EQ(j["date"], "2026-06-24");
  EXPECT_EQ(j["uptime_s"], 42);
  EXPECT_EQ(j["content_version"], "7");
  EXPECT_EQ(j["content_dir"], "/var/lib/ecolobby/releases/7");
  EXPECT_EQ(j["screen"], "on");
  EXPECT_EQ(j["scene"], "welcome");
  EXPECT_EQ(j["frames_last_minute"], 61);
  EXPECT_EQ(j["frame_ms"]["p50"], 3.25);
  EXPECT_EQ(j["frame_ms"]["p99"], 9.5);
  EXPECT_EQ(j["rss_mb"], 80.5);
  EXPECT_EQ(j["safe_mode"], false);
  EXPECT_TRUE(j["data_age_s"].is_null()) << "no figures: null, not 0";
  EXPECT_EQ(j["data_sources"][0]["age_s"], 30);
  EXPECT_EQ(j["participation"]["saved"], 4);
  EXPECT_EQ(j["plugins"]["errors"][0], (nlohmann::json{{"plugin", "plugin:quiz"}, {"error", "main.lua:3: boom"}}));
  EXPECT_EQ(j["plugins"]["disabled"], nlohmann::json::array({"plugin:quiz"}));
  ASSERT_EQ(j["last_problems"].size(), 1u);
  EXPECT_EQ(j["last_problems"][0]["time"], "2026-06-24T09:59:00+08:00");
  EXPECT_EQ(j["last_problems"][0]["level"], "error");
  EXPECT_EQ(j["last_problems"][0]["message"], "rolled back 7");
  // The overlay's sentences are not served: a monitor parses fields, a person presses F2.
  for (const char* gone : {"fps", "data", "updates", "last_errors", "version"}) EXPECT_FALSE(j.contains(gone)) << gone;
  EXPECT_EQ(j.dump().find("已保存"), std::string::npos);
}

TEST(StatusPublisher, HealthJsonScreenOffSafeModeAndDataAge) {
  ScreenHealth h = sample();
  h.screen_off = true;
  h.safe_mode = true;
  h.data_age_s = 90;
  nlohmann::json j = health_json(h);
  EXPECT_EQ(j["screen"], "off");
  EXPECT_EQ(j["safe_mode"], true);
  EXPECT_EQ(j["data_age_s"], 90);
  EXPECT_EQ(j["data_sources"], nlohmann::json::array()) << "present and empty without the services";
  EXPECT_EQ(j["plugins"]["errors"], nlohmann::json::array());
}

TEST(StatusPublisher, FrameHistogramPluginFailuresAndProblemsReachMetrics) {
  FrameStats stats;
  auto t = std::chrono::steady_clock::now();
  for (double ms : {3.0, 4.0, 4.5, 20.0, 2000.0}) stats.record(ms, t);
  const FrameHistogram& f = stats.histogram();
  EXPECT_EQ(f.cumulative[0], 2u) << "at most 4 ms, the bound included";
  EXPECT_EQ(f.cumulative[1], 3u);
  EXPECT_EQ(f.cumulative[2], 3u);
  EXPECT_EQ(f.cumulative[3], 4u) << "cumulative: every frame of at most 33 ms";
  EXPECT_EQ(f.cumulative.back(), 4u) << "2 s is beyond the last bound: only in +Inf";
  EXPECT_EQ(f.count, 5u);
  EXPECT_DOUBLE_EQ(f.sum_ms, 2031.5);

  ScreenHealth h = sample();
  h.frame_histogram = f;
  h.plugin_failures = {{"plugin:quiz", 3}, {"plugin:tips", 0}};
  h.disabled_plugins = {"plugin:quiz"};
  h.problems_logged = {{"error", 2}, {"warning", 5}};
  nlohmann::json j = health_json(h);
  EXPECT_EQ(j["frame_histogram"]["le_ms"], nlohmann::json::array({4, 8, 16, 33, 50, 100, 250, 500, 1000}));
  EXPECT_EQ(j["frame_histogram"]["cumulative"], nlohmann::json::array({2, 3, 3, 4, 4, 4, 4, 4, 4}));
  EXPECT_EQ(j["frame_histogram"]["count"], 5);
  EXPECT_EQ(j["plugins"]["failures"], (nlohmann::json{{"plugin:quiz", 3}, {"plugin:tips", 0}}));
  EXPECT_EQ(j["problems_logged"], (nlohmann::json{{"error", 2}, {"warning", 5}}));

  // The same document through /metrics (what the endpoint does with it).
  std::string m = status::metrics_text(j);
  for (const char* line : {"ecolobby_frame_seconds_bucket{le=\"0.004\"} 2\n", "ecolobby_frame_seconds_bucket{le=\"+Inf\"} 5\n",
                           "ecolobby_frame_seconds_sum 2.0315\n", "ecolobby_frame_seconds_count 5\n",
                           "ecolobby_plugin_errors_total{plugin=\"quiz\"} 3\n", "ecolobby_plugin_disabled{plugin=\"quiz\"} 1\n",
                           "ecolobby_plugin_disabled{plugin=\"tips\"} 0\n", "ecolobby_problems_total{level=\"warning\"} 5\n"})
    EXPECT_NE(m.find(line), std::string::npos) << line << m;
}

TEST(StatusPublisher, PublishesAtMostOnceASecond) {
  auto board = std::make_shared<StatusBoard>();
  StatusPublisher publisher(board);
  int measured = 0;
  auto measure = [&] {
    ++measured;
    return sample();
  };
  auto t0 = std::chrono::steady_clock::now();
  publisher.publish_if_due(t0, measure);
  publisher.publish_if_due(t0 + 500ms, measure);
  EXPECT_EQ(measured, 1) << "not measured again within the second";
  publisher.publish_if_due(t0 + 1s, measure);
  EXPECT_EQ(measured, 2);
  EXPECT_EQ(board->health()["kiosk_id"], "lobby-1");
}

TEST(StatusPublisher, WithoutABoardNothingIsMeasured) {
  StatusPublisher publisher(nullptr);
  int measured = 0;
  publisher.publish_if_due(std::chrono::steady_clock::now(), [&] {
    ++measured;
    return sample();
  });
  EXPECT_EQ(measured, 0);
}
