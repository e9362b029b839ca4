// log.info and log.warn: one line in the kiosk log, named after the plugin.
#include <gtest/gtest.h>

#include "base/utf8.h"
#include "captured_log.h"
#include "runtime_rig.h"

using namespace eco;
using namespace eco::lua;

namespace {
// The lines one frame of `f` logs, without their line ends.
std::vector<std::string> logged_by_a_frame(const fixture::PluginFolder& f) {
  fixture::Rig rig;
  auto rt = rig.started(f);
  if (!rt) return {};  // started() failed the test
  fixture::CapturedLog log(8, "%l %v");
  EXPECT_TRUE(rt->frame(rig.painter, FrameInput{}, 0)) << rt->last_error();
  return log.lines();
}
}  // namespace

TEST(ApiLog, InfoAndWarnNameThePluginAndJoinTheirArguments) {
  fixture::PluginFolder f("greeter", R"(
local P = {}
function P.frame()
  log.info("tap", 3, true, nil)
  log.warn("two\nlines\r\nhere")
end
return P)");
  EXPECT_EQ(logged_by_a_frame(f),
            (std::vector<std::string>{"info plugin greeter: tap 3 true nil", "warning plugin greeter: two lines  here"}));
}

TEST(ApiLog, AHugeMessageIsCutNotTheKiosksLog) {
  fixture::PluginFolder f("p", "local P = {}\nfunction P.frame() log.info(string.rep('节', 100000)) end\nreturn P\n");
  auto lines = logged_by_a_frame(f);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_LT(lines[0].size(), 10000u);
  EXPECT_EQ(lines[0].rfind("info plugin p: 节节节", 0), 0u);
  // Cut on a character boundary, and said to be cut: 333 whole 节 (999 bytes), then "…".
  EXPECT_TRUE(eco::is_valid_utf8(lines[0])) << lines[0].substr(lines[0].size() - 8);
  EXPECT_EQ(lines[0].substr(lines[0].size() - 6), "节…");
}
