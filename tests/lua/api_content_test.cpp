// content.read: TOML files of the content shown, at safe paths, with the "content" permission.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "runtime_rig.h"

using namespace eco;
using namespace eco::lua;

TEST(ApiContent, ContentReadGivesTomlFromTheContentFolderOnlyWithPermission) {
  fixture::PluginFolder f("reader", R"(
local P = {}
function P.load()
  local bank = content.read("quiz/bank.toml")
  P.first = bank.question[1].id .. " " .. #bank.question .. " " .. bank.question[1].answer
  local missing, why = content.read("quiz/none.toml")
  P.missing = tostring(missing) .. " " .. why
  P.escape = select(2, pcall(content.read, "../secret.toml"))
  P.not_toml = select(2, pcall(content.read, "quiz/bank.lua"))
  P.departments = #kiosk.departments .. " " .. kiosk.departments[2]
end
function P.frame()
  ui.text(P.first, 0, 0)
  ui.text(P.missing, 0, 40)
  ui.text(P.escape, 0, 80)
  ui.text(P.not_toml, 0, 120)
  ui.text(P.departments, 0, 160)
end
return P)", "permissions = [\"content\"]\n");
  // The fixture's manifest already lists permissions: replace that line with content only.
  {
    std::ifstream in(f.dir / "plugin.toml");
    std::stringstream s;
    s << in.rdbuf();
    std::string text = s.str();
    text.replace(text.find("permissions = [\"participation\", \"store\", \"data\"]\n"), 49, "");
    std::ofstream(f.dir / "plugin.toml") << text;
  }
  std::filesystem::create_directories(f.root / "content" / "quiz");
  std::ofstream(f.root / "content" / "quiz" / "bank.toml") << "[[question]]\nid = \"ac-01\"\nanswer = 3\n[[question]]\nid = \"ac-02\"\n";
  fixture::Rig rig;
  Manifest m = load_manifest(f.dir);
  RuntimeOptions o;
  o.content_dir = f.root / "content";
  o.departments = {"办公室", "财务科"};
  PluginRuntime rt(m, nlohmann::json::object(), rig.clock, Services{&rig.participation, &rig.store, nullptr}, o);
  ASSERT_TRUE(rt.start()) << rt.last_error();
  rt.frame(rig.painter, FrameInput{}, 0);
  ASSERT_EQ(rig.painter.texts.size(), 5u);
  EXPECT_EQ(rig.painter.texts[0].text, "ac-01 2 3");
  EXPECT_EQ(rig.painter.texts[1].text, "nil quiz/none.toml: not found in the content folder");
  EXPECT_NE(rig.painter.texts[2].text.find("must be a .toml file inside the content folder"), std::string::npos);
  EXPECT_NE(rig.painter.texts[3].text.find("must be a .toml file"), std::string::npos);
  EXPECT_EQ(rig.painter.texts[4].text, "2 财务科");

  fixture::PluginFolder denied("denied", "local P = {}\nfunction P.load() content.read('quiz/bank.toml') end\nreturn P\n");
  Manifest dm = load_manifest(denied.dir);
  PluginRuntime drt(dm, nlohmann::json::object(), rig.clock, Services{&rig.participation, &rig.store, nullptr}, o);
  EXPECT_FALSE(drt.start());
  EXPECT_NE(drt.last_error().find("needs permissions = [\"content\"]"), std::string::npos) << drt.last_error();
}

TEST(ApiContent, ASyntaxErrorIsNilAndTheLineNotAFailure) {
  fixture::PluginFolder f("reader", R"(
local P = {}
function P.frame()
  local t, why = content.read("./tips.toml")
  ui.text(tostring(t) .. " " .. why, 0, 0)
end
return P)");
  std::ofstream(f.dir / "plugin.toml") << "id = \"reader\"\nversion = \"1\"\napi = 1\nname = \"r\"\npermissions = [\"content\"]\n";
  std::filesystem::create_directories(f.root / "content");
  std::ofstream(f.root / "content" / "tips.toml") << "[tip]\ntext = \"ok\"\nbroken = \n";
  fixture::Rig rig;
  rig.options.content_dir = f.root / "content";
  auto texts = rig.first_frame(f);
  ASSERT_EQ(texts.size(), 1u);
  EXPECT_EQ(texts[0].rfind("nil " + (f.root / "content" / "tips.toml").string() + ":3:", 0), 0u) << texts[0];
}
