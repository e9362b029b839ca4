#include "render/input_mapper.h"

#include <SDL.h>

#include <gtest/gtest.h>

using namespace eco;

namespace {
SDL_Event finger(Uint32 type, float x, float y, SDL_FingerID id = 1) {
  SDL_Event e{};
  e.type = type;
  e.tfinger.fingerId = id;
  e.tfinger.x = x;
  e.tfinger.y = y;
  return e;
}
SDL_Event mouse(Uint32 type, int x, int y, Uint32 which = 0) {
  SDL_Event e{};
  e.type = type;
  e.button.button = SDL_BUTTON_LEFT;
  e.button.which = which;
  e.button.x = x;
  e.button.y = y;
  return e;
}
}  // namespace

TEST(InputMapper, TouchFiresExactlyOnceDespiteEmulatedMouse) {
  InputMapper m;
  m.set_geometry(CanvasGeometry::landscape(960, 540));
  // What SDL delivers for one finger tap: finger events plus synthetic mouse events.
  m.handle(finger(SDL_FINGERDOWN, 0.5f, 0.5f));
  m.handle(mouse(SDL_MOUSEBUTTONDOWN, 480, 270, SDL_TOUCH_MOUSEID));
  m.handle(finger(SDL_FINGERUP, 0.5f, 0.5f));
  m.handle(mouse(SDL_MOUSEBUTTONUP, 480, 270, SDL_TOUCH_MOUSEID));
  FrameInput in = m.take();
  ASSERT_EQ(in.taps.size(), 1u);
  EXPECT_FLOAT_EQ(in.taps[0].x, 960);
  EXPECT_FLOAT_EQ(in.taps[0].y, 540);
  EXPECT_TRUE(m.take().taps.empty());  // taken once
}

TEST(InputMapper, MouseClickIsATapInCanvasCoordinates) {
  InputMapper m;
  m.set_geometry(CanvasGeometry::landscape(2560, 1080));  // pillarboxed
  m.handle(mouse(SDL_MOUSEBUTTONDOWN, 320 + 100, 200));
  m.handle(mouse(SDL_MOUSEBUTTONUP, 320 + 102, 201));
  auto in = m.take();
  ASSERT_EQ(in.taps.size(), 1u);
  EXPECT_FLOAT_EQ(in.taps[0].x, 100);
  EXPECT_FLOAT_EQ(in.taps[0].y, 200);
}

TEST(InputMapper, SwipeAndBarPressesAreNotTaps) {
  InputMapper m;
  m.set_geometry(CanvasGeometry::landscape(1920, 1080));
  m.handle(finger(SDL_FINGERDOWN, 0.1f, 0.5f));
  m.handle(finger(SDL_FINGERUP, 0.6f, 0.5f));  // moved 960 px
  EXPECT_TRUE(m.take().taps.empty());
  m.set_geometry(CanvasGeometry::landscape(2560, 1080));
  m.handle(mouse(SDL_MOUSEBUTTONDOWN, 10, 10));  // on the black bar
  m.handle(mouse(SDL_MOUSEBUTTONUP, 10, 10));
  EXPECT_TRUE(m.take().taps.empty());
}

TEST(InputMapper, TwoFingersAreTwoTaps) {
  InputMapper m;
  m.set_geometry(CanvasGeometry::landscape(1920, 1080));
  m.handle(finger(SDL_FINGERDOWN, 0.25f, 0.5f, 1));
  m.handle(finger(SDL_FINGERDOWN, 0.75f, 0.5f, 2));
  m.handle(finger(SDL_FINGERUP, 0.25f, 0.5f, 1));
  m.handle(finger(SDL_FINGERUP, 0.75f, 0.5f, 2));
  EXPECT_EQ(m.take().taps.size(), 2u);
}

TEST(InputMapper, ADragIsASwipeInTheDirectionItMovedMost) {
  InputMapper m;
  m.set_geometry(CanvasGeometry::landscape(1920, 1080));
  m.handle(finger(SDL_FINGERDOWN, 0.6f, 0.5f));
  m.handle(finger(SDL_FINGERUP, 0.2f, 0.55f));  // 768 px left, 54 down
  FrameInput in = m.take();
  EXPECT_TRUE(in.taps.empty());
  ASSERT_EQ(in.swipes.size(), 1u);
  EXPECT_EQ(in.swipes[0].direction, SwipeDirection::Left);
  EXPECT_FLOAT_EQ(in.swipes[0].from.x, 0.6f * 1920);
  EXPECT_TRUE(m.take().swipes.empty());  // taken once
  m.handle(mouse(SDL_MOUSEBUTTONDOWN, 500, 900));
  m.handle(mouse(SDL_MOUSEBUTTONUP, 520, 300));  // a mouse drag upwards
  in = m.take();
  ASSERT_EQ(in.swipes.size(), 1u);
  EXPECT_EQ(in.swipes[0].direction, SwipeDirection::Up);
  EXPECT_STREQ(swipe_name(in.swipes[0].direction), "up");
}

TEST(InputMapper, ADragShorterThanASwipeIsNeitherSwipeNorTap) {
  InputMapper m;
  m.set_geometry(CanvasGeometry::landscape(1920, 1080));
  m.handle(mouse(SDL_MOUSEBUTTONDOWN, 500, 500));
  m.handle(mouse(SDL_MOUSEBUTTONUP, 580, 500));  // 80 px: past a tap's slop, short of a swipe
  FrameInput in = m.take();
  EXPECT_TRUE(in.taps.empty());
  EXPECT_TRUE(in.swipes.empty());
  EXPECT_FALSE(InputMapper::swipe_of({0, 0}, {0, 119}));
  EXPECT_EQ(InputMapper::swipe_of({0, 0}, {0, 120})->direction, SwipeDirection::Down);
  EXPECT_EQ(InputMapper::swipe_of({300, 0}, {100, 50})->direction, SwipeDirection::Left);
}
