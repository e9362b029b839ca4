// The poster and PDF scenes as the frame loop drives them: the backdrop until the decoder is
// done (never black), then the picture at the canvas's aspect; PDF pages on the page clock.
#include <gtest/gtest.h>

#include <thread>

#include "base/toml_reader.h"
#include "../common/media_files.h"
#include "../common/test_folder.h"
#include "render/recording_painter.h"
#include "scene/pdf_scene.h"
#include "scene/poster_scene.h"
#include "scene/schedule.h"

namespace eco {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;

struct Rig {
  Clock clock{TimePoint{} + hours(24 * 20000), 480, 1.0, Clock::Mode::Manual};
  FrameInput input;
  Locale locale;
  Config config;
  SceneContext ctx() { return {clock, clock.local_now(), 0, input, locale, config}; }
};

// Waits for the scene's decoder (a state, not a time), at most 30 s.
bool wait_ready(const Scene& s) {
  for (int i = 0; i < 30000 && !s.ready(); ++i) std::this_thread::sleep_for(milliseconds(1));
  return s.ready();
}

class MediaSceneTest : public test::TestFolder {
 protected:
  Slot slot(const std::string& body) {
    Schedule s = parse_schedule("[[slot]]\n" + body, "schedule.toml");
    return s.slots.at(0);
  }
  Rig rig;
};

TEST_F(MediaSceneTest, APosterShowsTheBackdropUntilDecodedThenFitsTheCanvas) {
  test::write_png(dir / "p.png", 3000, 3000);
  PosterScene poster(slot("scene = \"poster\"\nfile = \"p.png\"\ncaption = \"节能\""), dir);
  RecordingPainter p;
  poster.frame(rig.ctx(), p);  // entered unprepared: nothing decoded yet, the backdrop draws
  EXPECT_FALSE(p.drawn.empty());
  EXPECT_TRUE(p.pixel_draws.empty() || poster.ready());
  poster.enter(rig.ctx());
  ASSERT_TRUE(wait_ready(poster));
  EXPECT_EQ(poster.failure(), "");
  p.clear();
  poster.frame(rig.ctx(), p);
  ASSERT_EQ(p.pixel_draws.size(), 1u);
  Rect r = p.pixel_draws[0];  // a square contained in 1920×1080: 1080×1080, centred
  EXPECT_FLOAT_EQ(r.w, 1080);
  EXPECT_FLOAT_EQ(r.h, 1080);
  EXPECT_FLOAT_EQ(r.x, 420);
  EXPECT_EQ(poster.next_change(rig.ctx()), hours(1));  // render on demand: nothing changes now
  bool captioned = false;
  for (const auto& t : p.texts) captioned |= t.text == "节能";
  EXPECT_TRUE(captioned);
}

TEST_F(MediaSceneTest, ACoverPosterFillsTheCanvas) {
  test::write_png(dir / "p.png", 3000, 3000);
  PosterScene poster(slot("scene = \"poster\"\nfile = \"p.png\"\nfit = \"cover\"\nfill = \"#FFFFFF\""), dir);
  poster.prepare(rig.ctx());
  ASSERT_TRUE(wait_ready(poster));
  RecordingPainter p;
  poster.frame(rig.ctx(), p);
  ASSERT_EQ(p.pixel_draws.size(), 1u);
  EXPECT_FLOAT_EQ(p.pixel_draws[0].w, 1920);
  EXPECT_FLOAT_EQ(p.pixel_draws[0].h, 1080);
}

TEST_F(MediaSceneTest, ABadPosterIsOneLineAndTheSlotGivesWay) {
  test::write_bytes(dir / "bad.png", "not a png at all");
  PosterScene bad(slot("scene = \"poster\"\nfile = \"bad.png\""), dir);
  bad.prepare(rig.ctx());
  ASSERT_TRUE(wait_ready(bad));
  EXPECT_NE(bad.failure().find("bad.png: cannot decode"), std::string::npos) << bad.failure();
  EXPECT_TRUE(bad.finished(rig.ctx()));
  EXPECT_FALSE(bad.available());
  PosterScene missing(slot("scene = \"poster\"\nfile = \"gone.png\""), dir);
  EXPECT_NE(missing.failure().find("file not found"), std::string::npos);
  EXPECT_FALSE(missing.available());
}

TEST_F(MediaSceneTest, PdfPagesFollowThePageClockAndTheSlotEndsAfterTheLast) {
  test::write_bytes(dir / "n.pdf", test::make_pdf(5));
  Slot s = slot("scene = \"pdf\"\nfile = \"n.pdf\"\npage_s = 5\npages = \"2,4-5\"");
  EXPECT_EQ(s.duration_s, 15);  // three pages × 5 s
  PdfScene pdf(s, dir);
  pdf.prepare(rig.ctx());
  ASSERT_TRUE(wait_ready(pdf));
  pdf.enter(rig.ctx());
  RecordingPainter p;
  pdf.frame(rig.ctx(), p);
  ASSERT_EQ(p.pixel_draws.size(), 1u);
  EXPECT_NEAR(p.pixel_draws[0].h, 1080, 0.5);  // A4 landscape: the height decides
  EXPECT_NEAR(p.pixel_draws[0].w, 1080.0 * 842 / 595, 2);
  EXPECT_LE(pdf.next_change(rig.ctx()), seconds(5));
  EXPECT_GT(pdf.next_change(rig.ctx()), seconds(4));
  for (int step = 1; step < 3; ++step) {
    rig.clock.advance(seconds(5));
    // The next page was rendered ahead: it is in by the time it is due, or arrives shortly.
    for (int i = 0; i < 30000 && pdf.next_change(rig.ctx()) <= milliseconds(50); ++i) {
      p.clear();
      pdf.frame(rig.ctx(), p);
      std::this_thread::sleep_for(milliseconds(1));
    }
    p.clear();
    pdf.frame(rig.ctx(), p);
    EXPECT_EQ(p.pixel_draws.size(), 1u);  // a page every frame, never a gap
    EXPECT_FALSE(pdf.finished(rig.ctx()));
  }
  rig.clock.advance(seconds(5));
  EXPECT_TRUE(pdf.finished(rig.ctx()));
}

TEST_F(MediaSceneTest, AnUnreadablePdfIsOneLineAndTheSlotGivesWay) {
  test::write_bytes(dir / "bad.pdf", std::string(500, 'x'));
  PdfScene pdf(slot("scene = \"pdf\"\nfile = \"bad.pdf\""), dir);
  pdf.prepare(rig.ctx());
  ASSERT_TRUE(wait_ready(pdf));
  EXPECT_NE(pdf.failure().find("not a PDF"), std::string::npos) << pdf.failure();
  EXPECT_TRUE(pdf.finished(rig.ctx()));
}

TEST(MediaSlots, KeysAreCheckedWithTheirLine) {
  auto error_of = [](const std::string& body) {
    try {
      parse_schedule("[[slot]]\n" + body, "schedule.toml");
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(error_of("scene = \"poster\"\nfile = \"../x.png\"").find("schedule.toml:3"), std::string::npos);
  EXPECT_NE(error_of("scene = \"poster\"\nfile = \"x.gif.exe\"").find("file"), std::string::npos);
  EXPECT_NE(error_of("scene = \"poster\"\nfile = \"x.png\"\nfit = \"stretch\"").find("schedule.toml:4"), std::string::npos);
  EXPECT_NE(error_of("scene = \"pdf\"\nfile = \"x.pdf\"\npages = \"3-1\"").find("schedule.toml:4"), std::string::npos);
  EXPECT_EQ(error_of("scene = \"pdf\"\nfile = \"x.pdf\"\npages = \"1-3\""), "");
  Schedule s = parse_schedule("[[slot]]\nscene = \"pdf\"\nfile = \"notice.pptx\"\n", "schedule.toml");
  EXPECT_EQ(s.slots[0].file, "notice.pdf");
  EXPECT_EQ(s.slots[0].converted_from, "notice.pptx");
  EXPECT_EQ(s.slots[0].file_where, "schedule.toml:3");
}

}  // namespace
}  // namespace eco
