// Figures on the lobby screen (render/number_format): ui.number and the energy tiles.
#include "render/number_format.h"

#include <cmath>

#include <gtest/gtest.h>

using namespace eco;

TEST(NumberFormat, ThousandsSeparatorsForFiguresReadFromADistance) {
  EXPECT_EQ(format_number(1234567.891, 2), "1,234,567.89");
  EXPECT_EQ(format_number(-12345, 0), "-12,345");
  EXPECT_EQ(format_number(999, 1), "999.0");
  EXPECT_EQ(format_number(0, 0), "0");
}

TEST(NumberFormat, WithoutGroupingTheDigitsStandAsTheyAre) {
  EXPECT_EQ(format_number(12345.67, 1, Grouping::None), "12345.7");
  EXPECT_EQ(format_number(99.94, 0, Grouping::None), "100");
}

TEST(NumberFormat, AValueThatIsNotANumberIsADash) {
  EXPECT_EQ(format_number(NAN, 1), "—");
  EXPECT_EQ(format_number(INFINITY, 0, Grouping::None), "—");
}

TEST(NumberFormat, TheLargestDoubleIsNotCut) {
  EXPECT_EQ(format_number(1e300, 0, Grouping::None).size(), 301u);
}
