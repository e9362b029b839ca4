// Staged rollout (update/rollout.h) and channels ([updates] channel, update/update_config.h).
#include "update/rollout.h"

#include <gtest/gtest.h>

#include <string>

#include "base/config.h"
#include "update/latest_info.h"
#include "update/poll_schedule.h"
#include "update/update_config.h"

using namespace eco;
using namespace eco::update;

namespace {
std::string id(int n) { return "lobby-" + std::to_string(n); }
}  // namespace

TEST(Rollout, APercentageTakesAboutThatShareOfTheScreens) {
  for (int percent : {1, 5, 20, 50}) {
    int in = 0;
    for (int n = 0; n < 4000; ++n) in += in_rollout(rollout_bucket(id(n)), percent);
    EXPECT_NEAR(in / 40.0, percent, percent * 0.35 + 0.6) << percent << " %";
  }
}

TEST(Rollout, WideningOnlyAddsScreensAndTheEndsAreAllOrNone) {
  for (int n = 0; n < 2000; ++n) {
    int bucket = rollout_bucket(id(n));
    ASSERT_GE(bucket, 0);
    ASSERT_LT(bucket, 100);
    EXPECT_FALSE(in_rollout(bucket, 0));
    EXPECT_TRUE(in_rollout(bucket, 100));
    for (int p = 0; p < 100; ++p)
      if (in_rollout(bucket, p)) {
        EXPECT_TRUE(in_rollout(bucket, p + 1)) << id(n) << " left the rollout when it widened to " << p + 1;
      }
  }
  EXPECT_EQ(rollout_bucket("lobby-7"), rollout_bucket("lobby-7"));
}

TEST(Rollout, ThePilotShareIsNotThePollOrder) {
  // Screens that poll early must not also be the ones a rollout picks (two uses of one hash).
  int both = 0, early = 0;
  for (int n = 0; n < 4000; ++n) {
    bool first_fifth = poll_seed(id(n)) % 5 == 0;
    early += first_fifth;
    both += first_fifth && in_rollout(rollout_bucket(id(n)), 20);
  }
  EXPECT_NEAR(static_cast<double>(both) / early, 0.2, 0.06);
}

TEST(LatestInfo, RolloutPercentIsReadCheckedAndWrittenOnlyWhenStaged) {
  const std::string sha(64, 'a');
  auto text = [&](const std::string& extra) {
    return R"({"version": "2", "url": "b.tar.zst", "size": 1, "sha256": ")" + sha + "\"" + extra + "}";
  };
  EXPECT_EQ(parse_latest(text(""), "latest.json").rollout_percent, 100);
  EXPECT_EQ(parse_latest(text(R"(, "rollout_percent": 5)"), "latest.json").rollout_percent, 5);
  for (const char* bad : {R"(, "rollout_percent": 101)", R"(, "rollout_percent": -1)", R"(, "rollout_percent": "5")",
                          R"(, "rollout_percent": 2.5)"}) {
    try {
      parse_latest(text(bad), "latest-pilot.json");
      ADD_FAILURE() << bad;
    } catch (const std::exception& e) {
      EXPECT_NE(std::string(e.what()).find("latest-pilot.json: field 'rollout_percent'"), std::string::npos) << e.what();
    }
  }
  LatestInfo staged = parse_latest(text(R"(, "rollout_percent": 5)"), "x");
  EXPECT_NE(format_latest(staged).find("\"rollout_percent\": 5"), std::string::npos);
  staged.rollout_percent = 100;
  EXPECT_EQ(format_latest(staged).find("rollout_percent"), std::string::npos);
}

TEST(UpdateChannel, AChannelReadsItsOwnAnnouncementBesideTheUrl) {
  const std::string keys = "trusted_keys = [\"ICZCTxTjBGN9jMfyX51MTXo86TEQP+/+ft2Smt/061g=\"]\n";
  Config c = parse_config("[updates]\nurl = \"https://cms.example/ecolobby/latest.json\"\nchannel = \"pilot\"\n" + keys, "s.toml");
  EXPECT_EQ(load_update_config(c).url, "https://cms.example/ecolobby/latest-pilot.json");
  c = parse_config("[updates]\nurl = \"file:///media/usb/ecolobby/latest.json\"\n" + keys, "s.toml");
  EXPECT_EQ(load_update_config(c).url, "file:///media/usb/ecolobby/latest.json");
  for (const char* bad : {"channel = \"Pilot\"\nurl = \"https://x/latest.json\"\n", "channel = \"../x\"\nurl = \"https://x/latest.json\"\n",
                          "channel = \"pilot\"\n"}) {
    try {
      load_update_config(parse_config(std::string("[updates]\n") + bad + keys, "s.toml"));
      ADD_FAILURE() << bad;
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find("updates.channel"), std::string::npos) << e.what();
    }
  }
}
