// Runs the real `ecolobby` program headless and looks at the pixels it produced.
#include <SDL.h>
#include <SDL_image.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../common/command_output.h"

namespace fs = std::filesystem;

namespace {

using Result = eco::testing::CommandOutput;

Result run(const std::string& args) {
  return eco::testing::run_command(std::string(ECOLOBBY_BINARY) + " " + args + " 2>&1");
}

struct Image {
  std::unique_ptr<SDL_Surface, decltype(&SDL_FreeSurface)> surface{nullptr, SDL_FreeSurface};
  int w() const { return surface->w; }
  int h() const { return surface->h; }
  SDL_Color at(int x, int y) const {
    const Uint8* p = static_cast<const Uint8*>(surface->pixels) + y * surface->pitch + x * 3;
    return {p[0], p[1], p[2], 255};
  }
  // Pixels in the rectangle brighter than `min` on every channel (white text on green).
  int bright(int x, int y, int w, int h, int min = 200) const {
    int n = 0;
    for (int yy = y; yy < y + h; ++yy)
      for (int xx = x; xx < x + w; ++xx) {
        SDL_Color c = at(xx, yy);
        if (c.r >= min && c.g >= min && c.b >= min) ++n;
      }
    return n;
  }
};

Image load(const fs::path& png) {
  Image img;
  SDL_Surface* raw = IMG_Load(png.c_str());
  EXPECT_NE(raw, nullptr) << png << ": " << IMG_GetError();
  if (raw) img.surface.reset(SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGB24, 0));
  SDL_FreeSurface(raw);
  return img;
}

class KioskE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("ecolobby-e2e-" + std::to_string(::getpid()) + "-" +
                                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir / "data");
    write_config("");
  }
  void TearDown() override { fs::remove_all(dir); }
  void write_config(const std::string& extra) {
    std::ofstream(dir / "ecolobby.toml") << "org_name = \"垫江县机关事务服务中心\"\n"
                                         << "data_dir = \"" << (dir / "data").string() << "\"\n"
                                         << extra;
  }
  std::string base(const std::string& now = "2026-06-24T10:00:00+08:00") {
    return "--config " + (dir / "ecolobby.toml").string() + " --headless --now " + now;
  }
  fs::path dir;
};

bool greenish(SDL_Color c) { return c.g > c.r + 15 && c.g > 25 && c.g < 90 && c.b < 80; }

}  // namespace

TEST_F(KioskE2E, FontsBakedBeforehandMakeTheStartSkipTheBakeAndLookTheSame) {
  auto cold = run(base() + " --frames 2 --screenshot " + (dir / "cold.png").string());
  ASSERT_EQ(cold.code, 0) << cold.output;
  EXPECT_NE(cold.output.find("texture, built in"), std::string::npos) << cold.output;
  fs::remove_all(dir / "data" / "cache");

  auto bake = run("--config " + (dir / "ecolobby.toml").string() + " bake-fonts");
  ASSERT_EQ(bake.code, 0) << bake.output;
  EXPECT_NE(bake.output.find("font-atlas.bin"), std::string::npos) << bake.output;
  EXPECT_NE(bake.output.find("characters for"), std::string::npos) << bake.output;
  auto warm = run(base() + " --frames 2 --screenshot " + (dir / "warm.png").string());
  ASSERT_EQ(warm.code, 0) << warm.output;
  EXPECT_NE(warm.output.find("loaded from the cache"), std::string::npos) << warm.output;
  EXPECT_EQ(warm.output.find("missing glyph"), std::string::npos) << warm.output;
  Image a = load(dir / "cold.png"), b = load(dir / "warm.png");
  ASSERT_EQ(a.w(), b.w());
  EXPECT_EQ(a.bright(0, 0, a.w(), a.h()), b.bright(0, 0, b.w(), b.h())) << "the cached glyphs draw differently";
}

TEST_F(KioskE2E, WelcomeScreenshotShowsBackgroundNameAndClock) {
  auto r = run(base() + " --frames 2 --screenshot " + (dir / "w.png").string());
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_EQ(r.output.find("missing glyph"), std::string::npos) << r.output;
  Image img = load(dir / "w.png");
  ASSERT_EQ(img.w(), 1920);
  ASSERT_EQ(img.h(), 1080);
  EXPECT_TRUE(greenish(img.at(20, 540)));            // the green ground, not black
  EXPECT_GT(img.bright(400, 270, 1120, 110), 2000);  // the institution's name
  EXPECT_GT(img.bright(700, 480, 520, 220), 8000);   // the big clock
  EXPECT_EQ(img.bright(0, 0, 300, 100), 0);          // nothing drawn in the corner
}

TEST_F(KioskE2E, SameTimeAndInputGiveIdenticalPictures) {
  for (const char* name : {"a.png", "b.png"}) {
    auto r = run(base() + " --frames 3 --screenshot " + (dir / name).string());
    ASSERT_EQ(r.code, 0) << r.output;
  }
  Image a = load(dir / "a.png"), b = load(dir / "b.png");
  ASSERT_EQ(a.surface->pitch, b.surface->pitch);
  EXPECT_EQ(0, std::memcmp(a.surface->pixels, b.surface->pixels, size_t(a.surface->pitch) * a.h()));
}

TEST_F(KioskE2E, SlideRotatesInWithTextAndImage) {
  // The bundled schedule: welcome 15 s, then the air-conditioning slide with an image on the right.
  auto r = run(base() + " --frames 18 --frame-step-ms 1000 --trace " + (dir / "t.jsonl").string() +
               " --screenshot " + (dir / "s.png").string());
  ASSERT_EQ(r.code, 0) << r.output;
  Image img = load(dir / "s.png");
  EXPECT_GT(img.bright(96, 330, 900, 200), 3000);  // body text on the left
  SDL_Color image_px = img.at(1450, 290);          // the illustration's green ring
  EXPECT_GT(image_px.g, 150) << int(image_px.r) << "," << int(image_px.g) << "," << int(image_px.b);
  std::ifstream trace(dir / "t.jsonl");
  std::string all((std::istreambuf_iterator<char>(trace)), {});
  EXPECT_NE(all.find("\"event\":\"scene\",\"name\":\"welcome\""), std::string::npos) << all;
  EXPECT_NE(all.find("slide:夏季空调不低于26℃"), std::string::npos) << all;
}

TEST_F(KioskE2E, InputScriptTapsAndF2Overlay) {
  std::ofstream(dir / "in.txt") << "200 tap 960 540\n400 key F2\n";
  auto r = run(base() + " --frames 30 --input-script " + (dir / "in.txt").string() + " --trace " +
               (dir / "t.jsonl").string() + " --screenshot " + (dir / "o.png").string());
  ASSERT_EQ(r.code, 0) << r.output;
  std::ifstream trace(dir / "t.jsonl");
  std::string line;
  int taps = 0;
  while (std::getline(trace, line))
    if (line.find("\"event\":\"tap\"") != std::string::npos) {
      ++taps;
      EXPECT_NE(line.find("\"x\":960.0"), std::string::npos) << line;
      EXPECT_NE(line.find("\"y\":540.0"), std::string::npos) << line;
    }
  EXPECT_EQ(taps, 1);
  Image img = load(dir / "o.png");
  SDL_Color panel = img.at(1600, 300);  // inside the overlay panel: near black
  EXPECT_LT(panel.g, 25);
  EXPECT_GT(img.bright(860, 150, 1000, 700, 180), 1000);  // its text
}

TEST_F(KioskE2E, PortraitCanvasIsLetterboxedOnALandscapeScreen) {
  auto r = run(base() + " --orientation portrait --size 1920x1080 --frames 1 --screenshot " + (dir / "p.png").string());
  ASSERT_EQ(r.code, 0) << r.output;
  Image img = load(dir / "p.png");
  SDL_Color bar = img.at(200, 540);
  EXPECT_EQ(bar.r + bar.g + bar.b, 0);
  EXPECT_TRUE(greenish(img.at(960, 20)));
}

TEST_F(KioskE2E, OffHoursAreBlack) {
  write_config("[display]\noff_hours = \"20:00-07:00\"\n");
  auto r = run(base("2026-06-24T23:00:00+08:00") + " --frames 2 --screenshot " + (dir / "off.png").string());
  ASSERT_EQ(r.code, 0) << r.output;
  Image img = load(dir / "off.png");
  EXPECT_EQ(img.bright(0, 0, 1920, 1080, 1), 0);
}

// Waits (briefly) for the power commands, which run beside the kiosk without blocking it.
std::string read_eventually(const fs::path& file, const std::string& expected) {
  std::string text;
  for (int i = 0; i < 40 && text != expected; ++i) {
    std::ifstream in(file);
    text.assign(std::istreambuf_iterator<char>(in), {});
    if (text != expected) SDL_Delay(50);
  }
  return text;
}

TEST_F(KioskE2E, OfficeHoursSwitchTheScreenAndRunThePowerCommands) {
  fs::path log = dir / "power.log";
  write_config("[display]\non_hours = \"07:30-19:00\"\non_days = [1, 2, 3, 4, 5]\n"
               "off_command = \"echo off >> " + log.string() + "\"\non_command = \"echo on >> " + log.string() + "\"\n");
  // Friday 18:58, 30 s a frame: on, then off at 19:00.
  auto r = run(base("2026-06-26T18:58:00+08:00") + " --frames 8 --frame-step-ms 30000 --screenshot " + (dir / "fri.png").string());
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_EQ(read_eventually(log, "off\n"), "off\n");
  EXPECT_EQ(load(dir / "fri.png").bright(0, 0, 1920, 1080, 1), 0) << "black after hours";
  fs::remove(log);
  // Saturday noon: off all day.
  r = run(base("2026-06-27T12:00:00+08:00") + " --frames 2 --screenshot " + (dir / "sat.png").string());
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_EQ(read_eventually(log, "off\n"), "off\n");
  EXPECT_EQ(load(dir / "sat.png").bright(0, 0, 1920, 1080, 1), 0) << "black on Saturday";
  fs::remove(log);
  // Monday 07:29: off, then on at 07:30.
  r = run(base("2026-06-29T07:29:00+08:00") + " --frames 6 --frame-step-ms 30000 --screenshot " + (dir / "mon.png").string());
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_EQ(read_eventually(log, "off\non\n"), "off\non\n");
  EXPECT_TRUE(greenish(load(dir / "mon.png").at(960, 20))) << "the picture is back";
}

TEST_F(KioskE2E, AFailingPowerCommandIsLoggedAndTheScreenStaysUp) {
  write_config("[display]\non_hours = \"07:30-19:00\"\noff_command = \"exit 3\"\n");
  auto r = run(base("2026-06-26T18:59:00+08:00") + " --frames 6 --frame-step-ms 30000");
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("display power command 'exit 3' failed"), std::string::npos) << r.output;
}

TEST_F(KioskE2E, InvalidConfigExitsTwoWithOneLine) {
  write_config("idle_timeout_s = \"soon\"\n");
  auto r = run(base() + " --frames 1");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.output.find("ecolobby.toml:3: key 'idle_timeout_s': expected an integer from 5 to 3600, got \"soon\""),
            std::string::npos)
      << r.output;
  write_config("");
  auto bad_now = run(base("yesterday") + " --frames 1");
  EXPECT_EQ(bad_now.code, 2);
  EXPECT_NE(bad_now.output.find("--now 'yesterday'"), std::string::npos) << bad_now.output;
}

TEST_F(KioskE2E, BrokenScheduleFallsBackToWelcome) {
  fs::create_directories(dir / "content");
  std::ofstream(dir / "content" / "schedule.toml") << "[[slot]]\nscene = \"hologram\"\n";
  auto r = run(base() + " --content " + (dir / "content").string() + " --frames 2 --screenshot " +
               (dir / "f.png").string());
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("schedule.toml:2: key 'slot[0].scene'"), std::string::npos) << r.output;
  Image img = load(dir / "f.png");
  EXPECT_GT(img.bright(700, 480, 520, 220), 8000);  // the welcome clock
}

TEST_F(KioskE2E, CorruptImageShowsSlideWithoutIt) {
  fs::create_directories(dir / "content");
  std::ofstream(dir / "content" / "bad.png") << "not a png at all";
  std::ofstream(dir / "content" / "schedule.toml")
      << "[[slot]]\nscene = \"slide\"\ntitle = \"测试\"\nbody = \"正文\"\nimage = \"bad.png\"\n";
  auto r = run(base() + " --content " + (dir / "content").string() + " --frames 2 --screenshot " +
               (dir / "c.png").string());
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("bad.png: cannot decode"), std::string::npos) << r.output;
  Image img = load(dir / "c.png");
  EXPECT_GT(img.bright(96, 230, 400, 120), 500);  // the title is there
}

TEST_F(KioskE2E, UnknownConfigKeysAreWarned) {
  write_config("brightnes = 80\n");
  auto r = run(base() + " --frames 1");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("ecolobby.toml:3: unknown key 'brightnes'"), std::string::npos) << r.output;
}

TEST_F(KioskE2E, EnglishIsAvailable) {
  auto r = run(base() + " --lang en --frames 1 --screenshot " + (dir / "en.png").string());
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_EQ(r.output.find("missing"), std::string::npos) << r.output;
}

TEST_F(KioskE2E, MidCrossfadeShowsBothScenesNeverBlack) {
  // Welcome for 15 s, then an 800 ms crossfade: frame 470 at 33 ms steps is 60 % through it.
  auto r = run(base() + " --frames 470 --screenshot " + (dir / "x.png").string());
  ASSERT_EQ(r.code, 0) << r.output;
  Image img = load(dir / "x.png");
  EXPECT_TRUE(greenish(img.at(20, 540)));
  EXPECT_TRUE(greenish(img.at(1900, 1070)));
  SDL_Color clock = img.at(1000, 600);             // part of a welcome-clock digit, fading out
  EXPECT_GT(clock.r, 60);
  EXPECT_LT(clock.r, 200);
  EXPECT_GT(img.bright(96, 330, 900, 200, 130), 1000);  // slide body text at ~60 % (white over green ≈ 160)
}

TEST_F(KioskE2E, UnreadableFontFallsBackToTheSystemFont) {
  write_config("font_file = \"/nonexistent/font.ttf\"\n");
  auto r = run(base() + " --frames 2 --screenshot " + (dir / "font.png").string());
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("font_file /nonexistent/font.ttf: not found or unreadable"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("missing glyph"), std::string::npos) << r.output;
  Image img = load(dir / "font.png");
  EXPECT_GT(img.bright(400, 270, 1120, 110), 2000);  // the Chinese name still renders
}

TEST_F(KioskE2E, HostilePluginIsSkippedAndTheRotationGoesOn) {
  // A plugin that loops forever shares the schedule with a slide: the screen must keep rotating.
  fs::create_directories(dir / "content" / "plugins" / "spinner");
  std::ofstream(dir / "content" / "plugins" / "spinner" / "plugin.toml")
      << "id = \"spinner\"\nversion = \"1\"\napi = 1\nname = \"死循环\"\n";
  std::ofstream(dir / "content" / "plugins" / "spinner" / "main.lua")
      << "local P = {}\nfunction P.frame() while true do end end\nreturn P\n";
  std::ofstream(dir / "content" / "schedule.toml")
      << "[[slot]]\nplugin = \"spinner\"\nduration_s = 5\n[[slot]]\nscene = \"slide\"\ntitle = \"照常轮播\"\nduration_s = 5\n";
  auto r = run(base() + " --content " + (dir / "content").string() + " --frames 70 --frame-step-ms 500 --trace " +
               (dir / "t.jsonl").string() + " --screenshot " + (dir / "h.png").string());
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("plugin spinner: CPU limit of 5 ms per frame reached in frame(): spinner/main.lua:2"),
            std::string::npos) << r.output;
  EXPECT_NE(r.output.find("disabled until the content changes"), std::string::npos) << r.output;
  std::ifstream trace(dir / "t.jsonl");
  std::string all((std::istreambuf_iterator<char>(trace)), {});
  EXPECT_NE(all.find("slide:照常轮播"), std::string::npos) << all;
  Image img = load(dir / "h.png");
  EXPECT_GT(img.bright(96, 230, 600, 120), 500);  // the slide's title is on screen at the end
}

TEST_F(KioskE2E, EveryShowingIsRecordedAsProofOfPlay) {
  // Two slides of 5 and 7 s and an interactive plugin of 4 s, tapped at 17 s (the idle timeout
  // then ends it), for 40 s of virtual time: each showing with its length and how it ended.
  fs::create_directories(dir / "content" / "plugins" / "pledge");
  std::ofstream(dir / "content" / "plugins" / "pledge" / "plugin.toml")
      << "id = \"pledge\"\nversion = \"1\"\napi = 1\nname = \"承诺墙\"\ninteractive = true\n";
  std::ofstream(dir / "content" / "plugins" / "pledge" / "main.lua")
      << "local P = {}\nfunction P.frame() ui.text(\"点我承诺\", 100, 100, { size = 60 }) end\nreturn P\n";
  std::ofstream(dir / "content" / "schedule.toml")
      << "[content]\nversion = \"2026.06-test\"\n"
         "[[slot]]\nscene = \"slide\"\ntitle = \"人走灯灭\"\nduration_s = 5\n"
         "[[slot]]\nscene = \"slide\"\ntitle = \"绿色出行\"\nduration_s = 7\ncampaign = \"green_travel\"\n"
         "[[slot]]\nplugin = \"pledge\"\nduration_s = 4\n";
  std::ofstream(dir / "content" / "campaigns.toml")
      << "[[campaign]]\nid = \"green_travel\"\nname = \"绿色出行\"\npriority = 0\n"
         "windows = [[\"2026-06-01\", \"2026-06-30\"]]\n";
  write_config("kiosk_id = \"lobby-7\"\nidle_timeout_s = 10\n");
  std::ofstream(dir / "in.txt") << "13000 tap 960 540\n";
  auto r = run(base() + " --content " + (dir / "content").string() + " --data-dir " + (dir / "data").string() +
               " --frames 41 --frame-step-ms 1000 --input-script " + (dir / "in.txt").string());
  ASSERT_EQ(r.code, 0) << r.output;
  auto ex = run("--config " + (dir / "ecolobby.toml").string() + " export --table plays --format json --out " +
                (dir / "plays.json").string());
  ASSERT_EQ(ex.code, 0) << ex.output;
  EXPECT_NE(ex.output.find("export: 7 plays"), std::string::npos) << ex.output;
  std::vector<std::string> got;
  std::ifstream lines(dir / "plays.json");
  for (std::string line; std::getline(lines, line);) {
    auto p = nlohmann::json::parse(line);
    EXPECT_EQ(p["kiosk"], "lobby-7");
    EXPECT_EQ(p["content_version"], "2026.06-test");
    got.push_back(p["item"].get<std::string>() + " " + p["campaign"].get<std::string>() + " " +
                  p["start"].get<std::string>().substr(11, 8) + " " + p["seconds_shown"].dump() + " " +
                  p["ending"].get<std::string>());
  }
  // 0–5 A, 5–12 B, 12–23 the plugin (tapped at 13 s, let go at 23 s), 23–28 A, 28–35 B, 35–39 the
  // plugin, 39–40 A until the run stopped.
  std::vector<std::string> want = {
      "人走灯灭  10:00:00 5.0 done",     "绿色出行 green_travel 10:00:05 7.0 done", "pledge  10:00:12 11.0 touched",
      "人走灯灭  10:00:23 5.0 done",     "绿色出行 green_travel 10:00:28 7.0 done", "pledge  10:00:35 4.0 done",
      "人走灯灭  10:00:39 1.0 stopped"};
  EXPECT_EQ(got, want) << ex.output;
  auto rep = run("--config " + (dir / "ecolobby.toml").string() + " report --plays --month 2026-06 --csv");
  ASSERT_EQ(rep.code, 0) << rep.output;
  EXPECT_NE(rep.output.find("2026-06,,垫江县机关事务服务中心,lobby-7,,slide,人走灯灭,3,2,0,1,0.2"), std::string::npos) << rep.output;
  EXPECT_NE(rep.output.find(",lobby-7,green_travel,slide,绿色出行,2,2,0,0,0.2"), std::string::npos) << rep.output;
}

TEST_F(KioskE2E, OverlayPluginDrawsAboveEveryScene) {
  fs::create_directories(dir / "plugins" / "ticker");
  std::ofstream(dir / "plugins" / "ticker" / "plugin.toml")
      << "id = \"ticker\"\nversion = \"1\"\napi = 1\nname = \"滚动条\"\nkind = \"overlay\"\n";
  std::ofstream(dir / "plugins" / "ticker" / "main.lua")
      << "local P = {}\nfunction P.frame() ui.rect(0, 1000, 1920, 80, { color = \"#F5C242\" }) "
         "ui.text(\"今日节能提示：人走灯灭\", 40, 1010, { size = 40, color = \"black\" }) end\nreturn P\n";
  write_config("plugins_dir = \"" + (dir / "plugins").string() + "\"\n[plugins]\noverlays = [\"ticker\"]\n");
  auto r = run(base() + " --frames 2 --screenshot " + (dir / "o.png").string());
  ASSERT_EQ(r.code, 0) << r.output;
  Image img = load(dir / "o.png");
  SDL_Color bar = img.at(1900, 1010);
  EXPECT_GT(bar.r, 220);  // amber bar over the welcome page
  EXPECT_GT(bar.g, 170);
  EXPECT_LT(bar.b, 100);
  EXPECT_GT(img.bright(700, 480, 520, 220), 8000);  // the welcome clock is still there
}
