// /metrics as a function of the /status document: every family with HELP and TYPE, label values
// escaped, the frame histogram cumulative, and absent or malformed fields left out.
#include "status/metrics_text.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <vector>

using namespace eco::status;
using nlohmann::json;

namespace {

// What a running screen serves (kiosk/app/status_publisher.cpp, status_startup.cpp), trimmed.
json full_status() {
  return json::parse(R"({
    "schema": 1, "kiosk_id": "lobby-1", "institution": {"id": "500231A013", "name": "垫江县财政局"},
    "program_version": "0.1.0", "content_version": "2026.11.3", "uptime_s": 420, "screen": "on",
    "safe_mode": false, "frames_last_minute": 61, "rss_mb": 80.5, "disk_free_bytes": 123456789012,
    "frame_ms": {"p50": 3.5, "p99": 9.0},
    "frame_histogram": {"le_ms": [4, 8, 16, 33, 50, 100, 250, 500, 1000],
                        "cumulative": [3, 5, 5, 6, 6, 6, 6, 6, 7], "count": 8, "sum_ms": 1520.5},
    "data_sources": [{"url": "http://10.0.0.5/feed.json", "ok": true, "age_s": 30, "failures": 0, "error": null},
                     {"url": "/srv/missing.json", "ok": false, "age_s": null, "failures": 3, "error": "gone"}],
    "plugins": {"errors": [{"plugin": "plugin:quiz", "error": "main.lua:3: boom"}], "disabled": ["plugin:quiz"],
                "failures": {"plugin:quiz": 4, "plugin:tips": 0}},
    "participation": {"saved": 5, "today": 3, "today_by_plugin": {"tips": 3}, "write_error": null,
                      "saved_by_plugin": {"tips": {"view": 4}, "quiz": {"answer": 1}}},
    "plays": {"saved": 9, "dropped": 0, "by_campaign": {"energy_week": 7, "": 2}},
    "updates": {"enabled": true, "last_check": "2026-11-26T11:02:00+08:00",
                "last_success": "2026-11-26T03:02:00Z", "last_result": "unchanged"},
    "problems_logged": {"warning": 2, "error": 1},
    "last_problems": []
  })");
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool has_line(const std::string& text, const std::string& line) {
  for (const auto& l : lines(text))
    if (l == line) return true;
  return false;
}

}  // namespace

TEST(MetricsText, EveryFamilyOfAFullDocument) {
  std::string m = metrics_text(full_status());
  for (const char* line : {
           "ecolobby_up 1",
           "ecolobby_build_info{version=\"0.1.0\"} 1",
           "ecolobby_content_info{version=\"2026.11.3\"} 1",
           "ecolobby_kiosk_info{kiosk_id=\"lobby-1\",institution=\"垫江县财政局\"} 1",
           "ecolobby_uptime_seconds 420",
           "ecolobby_safe_mode 0",
           "ecolobby_screen_off 0",
           "ecolobby_frames_last_minute 61",
           "ecolobby_resident_memory_bytes 84410368",
           "ecolobby_disk_free_bytes 123456789012",
           "ecolobby_data_age_seconds{source=\"http://10.0.0.5/feed.json\"} 30",
           "ecolobby_data_source_ok{source=\"http://10.0.0.5/feed.json\"} 1",
           "ecolobby_data_source_ok{source=\"/srv/missing.json\"} 0",
           "ecolobby_plugin_errors_total{plugin=\"quiz\"} 4",
           "ecolobby_plugin_errors_total{plugin=\"tips\"} 0",
           "ecolobby_plugin_disabled{plugin=\"quiz\"} 1",
           "ecolobby_plugin_disabled{plugin=\"tips\"} 0",
           "ecolobby_participation_events_total{plugin=\"tips\",kind=\"view\"} 4",
           "ecolobby_participation_events_total{plugin=\"quiz\",kind=\"answer\"} 1",
           "ecolobby_participation_events_today{plugin=\"tips\"} 3",
           "ecolobby_participation_write_failing 0",
           "ecolobby_plays_total{campaign=\"energy_week\"} 7",
           "ecolobby_plays_total{campaign=\"\"} 2",
           "ecolobby_update_last_check_timestamp_seconds 1795662120",
           "ecolobby_update_last_success_timestamp_seconds 1795662120",
           "ecolobby_problems_total{level=\"warning\"} 2",
           "ecolobby_problems_total{level=\"error\"} 1",
       })
    EXPECT_TRUE(has_line(m, line)) << line << "\n" << m;
  EXPECT_EQ(m.find("ecolobby_data_age_seconds{source=\"/srv/missing.json\"}"), std::string::npos)
      << "a source never fetched has no age (null), only its ok\n"
      << m;
  EXPECT_EQ(m.back(), '\n');
}

TEST(MetricsText, HelpAndTypeOncePerFamilyBeforeItsSamples) {
  std::string m = metrics_text(full_status());
  std::map<std::string, std::string> type;
  std::map<std::string, int> help;
  std::string current;  // the family the last TYPE line opened
  for (const auto& l : lines(m)) {
    ASSERT_FALSE(l.empty());
    if (l.rfind("# HELP ", 0) == 0) {
      std::string name = l.substr(7, l.find(' ', 7) - 7);
      EXPECT_EQ(++help[name], 1) << name;
    } else if (l.rfind("# TYPE ", 0) == 0) {
      std::istringstream in(l.substr(7));
      std::string name, t;
      in >> name >> t;
      EXPECT_TRUE(help.contains(name)) << "HELP before TYPE: " << name;
      EXPECT_FALSE(type.contains(name)) << "one TYPE line: " << name;
      EXPECT_TRUE(t == "gauge" || t == "counter" || t == "histogram") << l;
      type[name] = t;
      current = name;
    } else {
      std::string series = l.substr(0, l.find_first_of("{ "));
      ASSERT_FALSE(current.empty()) << l;
      bool ok = series == current ||
                (type[current] == "histogram" &&
                 (series == current + "_bucket" || series == current + "_sum" || series == current + "_count"));
      EXPECT_TRUE(ok) << "sample of another family under " << current << ": " << l;
    }
  }
  EXPECT_EQ(type["ecolobby_frame_seconds"], "histogram");
  EXPECT_EQ(type["ecolobby_plays_total"], "counter");
  EXPECT_EQ(type["ecolobby_plugin_errors_total"], "counter");
  EXPECT_EQ(type["ecolobby_participation_events_total"], "counter");
  EXPECT_EQ(type["ecolobby_problems_total"], "counter");
  EXPECT_EQ(type["ecolobby_disk_free_bytes"], "gauge");
  for (const auto& [name, t] : type) {
    if (t == "counter") {
      EXPECT_TRUE(name.ends_with("_total")) << name;
    }
  }
}

TEST(MetricsText, FrameHistogramIsCumulativeInSeconds) {
  std::string m = metrics_text(full_status());
  std::vector<std::string> expected = {
      "ecolobby_frame_seconds_bucket{le=\"0.004\"} 3", "ecolobby_frame_seconds_bucket{le=\"0.008\"} 5",
      "ecolobby_frame_seconds_bucket{le=\"0.016\"} 5", "ecolobby_frame_seconds_bucket{le=\"0.033\"} 6",
      "ecolobby_frame_seconds_bucket{le=\"0.05\"} 6",  "ecolobby_frame_seconds_bucket{le=\"0.1\"} 6",
      "ecolobby_frame_seconds_bucket{le=\"0.25\"} 6",  "ecolobby_frame_seconds_bucket{le=\"0.5\"} 6",
      "ecolobby_frame_seconds_bucket{le=\"1\"} 7",     "ecolobby_frame_seconds_bucket{le=\"+Inf\"} 8",
      "ecolobby_frame_seconds_sum 1.5205",             "ecolobby_frame_seconds_count 8",
  };
  std::vector<std::string> got;
  for (const auto& l : lines(m))
    if (l.rfind("ecolobby_frame_seconds", 0) == 0) got.push_back(l);
  EXPECT_EQ(got, expected) << m;

  // Buckets that would not be cumulative, or that hold more than every frame: no histogram.
  for (const char* bad : {R"({"le_ms": [4, 8], "cumulative": [5, 3], "count": 8, "sum_ms": 1})",
                          R"({"le_ms": [4, 8], "cumulative": [3, 9], "count": 8, "sum_ms": 1})",
                          R"({"le_ms": [8, 4], "cumulative": [1, 2], "count": 8, "sum_ms": 1})",
                          R"({"le_ms": [4, 8], "cumulative": [1], "count": 8, "sum_ms": 1})",
                          R"({"le_ms": [4], "cumulative": [-1], "count": 8, "sum_ms": 1})",
                          R"({"le_ms": [4], "cumulative": [1], "count": "8", "sum_ms": 1})",
                          R"([1, 2, 3])"}) {
    json doc = full_status();
    doc["frame_histogram"] = json::parse(bad);
    std::string without = metrics_text(doc);
    EXPECT_EQ(without.find("ecolobby_frame_seconds"), std::string::npos) << bad << "\n" << without;
    EXPECT_TRUE(has_line(without, "ecolobby_up 1")) << "the rest is still served";
  }
}

TEST(MetricsText, LabelValuesAreEscapedAndStayUtf8) {
  EXPECT_EQ(escape_label_value("plain"), "plain");
  EXPECT_EQ(escape_label_value(R"(a\b)"), R"(a\\b)");
  EXPECT_EQ(escape_label_value("say \"hi\""), R"(say \"hi\")");
  EXPECT_EQ(escape_label_value("two\nlines"), R"(two\nlines)");
  EXPECT_EQ(escape_label_value("节能周"), "节能周") << "UTF-8 is written as it is";
  EXPECT_EQ(escape_label_value("bad\xff"), "bad\xEF\xBF\xBD") << "Prometheus refuses a scrape with invalid UTF-8";

  json doc = {{"plays", {{"by_campaign", {{"节能\"周\"\\\n", 3}}}}}};
  doc["data_sources"] = json::array({{{"url", "http://x/\"q\""}, {"ok", true}, {"age_s", 5}}});
  std::string m = metrics_text(doc);
  EXPECT_TRUE(has_line(m, R"(ecolobby_plays_total{campaign="节能\"周\"\\\n"} 3)")) << m;
  EXPECT_TRUE(has_line(m, R"(ecolobby_data_age_seconds{source="http://x/\"q\""} 5)")) << m;
}

TEST(MetricsText, AbsentNullAndMistypedFieldsAreLeftOut) {
  std::string m = metrics_text(json::object());
  EXPECT_EQ(m, "# HELP ecolobby_up 1: the screen's status endpoint answered.\n# TYPE ecolobby_up gauge\necolobby_up 1\n")
      << "an empty document: only ecolobby_up, no family without samples";

  json doc = full_status();
  doc.erase("plays");
  doc.erase("disk_free_bytes");
  doc["updates"] = {{"enabled", false}, {"last_check", nullptr}, {"last_success", nullptr}};
  doc["participation"]["write_error"] = "disk full";
  doc["safe_mode"] = "no";     // not a boolean: left out, not guessed
  doc["uptime_s"] = "420";     // not a number
  doc["screen"] = "off";
  m = metrics_text(doc);
  for (const char* gone : {"ecolobby_plays_total", "ecolobby_disk_free_bytes", "ecolobby_update_last_check",
                           "ecolobby_update_last_success", "ecolobby_safe_mode", "ecolobby_uptime_seconds"})
    EXPECT_EQ(m.find(gone), std::string::npos) << gone << "\n" << m;
  EXPECT_TRUE(has_line(m, "ecolobby_screen_off 1")) << m;
  EXPECT_TRUE(has_line(m, "ecolobby_participation_write_failing 1")) << m;
}

TEST(MetricsText, ADuplicateSeriesIsWrittenOnce) {
  json doc = {{"data_sources", json::array({{{"url", "f.json"}, {"ok", true}, {"age_s", 5}},
                                            {{"url", "f.json"}, {"ok", false}, {"age_s", 99}}})}};
  std::string m = metrics_text(doc);
  EXPECT_TRUE(has_line(m, "ecolobby_data_age_seconds{source=\"f.json\"} 5")) << m;
  EXPECT_EQ(m.find("99"), std::string::npos) << "Prometheus refuses a whole scrape with a duplicate series\n" << m;
}
