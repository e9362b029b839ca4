// How the fault-injection variables are read (the faults themselves are shown by
// supervision_test.py and update/crash_test.py on the real program).
#include "base/fault_injection.h"

#include <gtest/gtest.h>

using namespace eco;

TEST(FaultInjection, CrashAtNamesOneStepAndKillsOrAborts) {
  EXPECT_EQ(crash_action("", "extracted"), FaultAction::None);
  EXPECT_EQ(crash_action("extracted", "extracted"), FaultAction::Kill);
  EXPECT_EQ(crash_action("extracted:abort", "extracted"), FaultAction::Abort);
  EXPECT_EQ(crash_action("extracted", "swapped"), FaultAction::None);
  EXPECT_EQ(crash_action("extracted:abort", "swapped"), FaultAction::None);
  EXPECT_EQ(crash_action("extract", "extracted"), FaultAction::None) << "whole step names only";
}

TEST(FaultInjection, FrameFaultIsAnActionAfterNFrames) {
  FrameFault abort3 = parse_frame_fault("abort@3");
  EXPECT_EQ(abort3.action, FaultAction::Abort);
  EXPECT_EQ(abort3.after_frames, 3);
  FrameFault freeze5 = parse_frame_fault("freeze@5");
  EXPECT_EQ(freeze5.action, FaultAction::Freeze);
  EXPECT_EQ(freeze5.after_frames, 5);
  FrameFault now = parse_frame_fault("freeze");
  EXPECT_EQ(now.action, FaultAction::Freeze);
  EXPECT_EQ(now.after_frames, 0) << "without @N: at once";
  EXPECT_EQ(parse_frame_fault("").action, FaultAction::None);
  EXPECT_EQ(parse_frame_fault("explode@1").action, FaultAction::None);
}
