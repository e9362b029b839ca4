// data.snapshot: the current figures from the data service, or nil.
#include <gtest/gtest.h>

#include "runtime_rig.h"

using namespace eco;
using namespace eco::lua;

namespace {
struct FixedData : DataService {
  std::shared_ptr<const nlohmann::json> value;
  std::shared_ptr<const nlohmann::json> snapshot() const override { return value; }
};
const char* kShowSnapshot = R"(
local P = {}
function P.frame()
  local s = data.snapshot()
  if s == nil then ui.text("none", 0, 0) return end
  ui.text(s.figures.electricity_kwh .. " " .. s.rankings[1].name .. " " .. tostring(s.stale), 0, 0)
end
return P)";
}  // namespace

TEST(ApiData, SnapshotIsTheDataServicesFiguresAsLuaTables) {
  fixture::PluginFolder f("p", kShowSnapshot);
  fixture::Rig rig;
  FixedData data;
  data.value = std::make_shared<nlohmann::json>(nlohmann::json::parse(
      R"({"figures": {"electricity_kwh": 1234.5}, "rankings": [{"name": "一号楼"}], "stale": false})"));
  rig.data = &data;
  EXPECT_EQ(rig.first_frame(f), std::vector<std::string>{"1234.5 一号楼 false"});
}

TEST(ApiData, NoFeedOrNoFiguresYetIsNil) {
  fixture::PluginFolder f("p", kShowSnapshot);
  fixture::Rig rig;
  auto rt = rig.make(f);  // no data service at all
  ASSERT_TRUE(rt->start()) << rt->last_error();
  EXPECT_EQ(rig.frame(*rt), std::vector<std::string>{"none"});
  FixedData empty;  // a service with no snapshot yet
  rig.data = &empty;
  EXPECT_EQ(rig.first_frame(f), std::vector<std::string>{"none"});
}
