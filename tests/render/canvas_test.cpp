#include "render/canvas.h"

#include <gtest/gtest.h>

using namespace eco;

TEST(Canvas, SameSizeIsIdentity) {
  auto g = CanvasGeometry::landscape(1920, 1080);
  EXPECT_FLOAT_EQ(g.scale(), 1.0f);
  Rect d = g.destination();
  EXPECT_EQ(d.x, 0);
  EXPECT_EQ(d.w, 1920);
  auto p = g.to_canvas(100, 200);
  ASSERT_TRUE(p);
  EXPECT_FLOAT_EQ(p->x, 100);
  EXPECT_FLOAT_EQ(p->y, 200);
}

TEST(Canvas, WiderScreenGetsPillarbox) {
  // 2560x1080 ultra-wide: canvas scaled 1.0 and centred with 320 px bars each side.
  auto g = CanvasGeometry::landscape(2560, 1080);
  Rect d = g.destination();
  EXPECT_EQ(d.x, 320);
  EXPECT_EQ(d.y, 0);
  EXPECT_EQ(d.w, 1920);
  EXPECT_FALSE(g.to_canvas(100, 500));  // on the bar
  auto p = g.to_canvas(320 + 960, 540);
  ASSERT_TRUE(p);
  EXPECT_FLOAT_EQ(p->x, 960);
}

TEST(Canvas, PortraitCanvasOnLandscapeScreenIsLetterboxedAndScaled) {
  auto g = CanvasGeometry::portrait(1920, 1080);
  EXPECT_NEAR(g.scale(), 1080.0 / 1920.0, 1e-6);
  Rect d = g.destination();
  EXPECT_EQ(d.h, 1080);
  EXPECT_EQ(d.w, 608);  // round(1080 * 0.5625)
  EXPECT_EQ(d.x, 656);
  auto p = g.to_canvas(d.x + d.w / 2, 540);
  ASSERT_TRUE(p);
  EXPECT_NEAR(p->x, 540, 1);
  EXPECT_NEAR(p->y, 960, 1);
  Vec2 back = g.to_output({540, 960});
  EXPECT_NEAR(back.x, d.x + d.w / 2, 1);
}

TEST(Canvas, SmallWindowScalesDown) {
  auto g = CanvasGeometry::landscape(960, 540);
  EXPECT_FLOAT_EQ(g.scale(), 0.5f);
  auto p = g.to_canvas(480, 270);
  ASSERT_TRUE(p);
  EXPECT_FLOAT_EQ(p->x, 960);
  EXPECT_FLOAT_EQ(p->y, 540);
}
