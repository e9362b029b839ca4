#include "base/toml_reader.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

using namespace eco;

namespace {
// The message of the ConfigError `f` throws, or "" when it throws none.
template <typename F>
std::string error_of(F f) {
  try {
    f();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(TomlReader, SyntaxErrorsNameTheFileAndLine) {
  EXPECT_EQ(error_of([] { parse_toml_string("a = 1\nb = \n", "x.toml"); }).rfind("x.toml:2: ", 0), 0u);
  EXPECT_EQ(parse_toml_string("a = 1\n", "x.toml")->get("a")->value<int64_t>(), 1);
}

// TOML is UTF-8. A file saved in GBK (WPS, Notepad's "ANSI") is refused at its first non-UTF-8
// line, saying so and what to do; a UTF-8 BOM (Notepad's "UTF-8 with BOM") is fine.
TEST(TomlReader, AFileInAnotherEncodingSaysWhichLineAndWhatItReadsAs) {
  const std::string gbk_title = "\xbd\xda\xc4\xdc";  // 节能 in GBK
  std::string e = error_of([&] { parse_toml_string("a = 1\ntitle = \"" + gbk_title + "\"\n", "zh-CN.toml"); });
  EXPECT_EQ(e.rfind("zh-CN.toml: line 2 is not UTF-8 text", 0), 0u) << e;
  EXPECT_NE(e.find("GB18030/GBK"), std::string::npos) << e;
  EXPECT_NE(e.find("save the file as UTF-8"), std::string::npos) << e;
  std::string binary = error_of([] { parse_toml_string("a = \"\xff\xff\xff\"\n", "x.toml"); });
  EXPECT_NE(binary.find("line 1 is not UTF-8 text (nor is it GB18030/GBK)"), std::string::npos) << binary;
  EXPECT_EQ(parse_toml_string("\xEF\xBB\xBFtitle = \"节能\"\n", "bom.toml")->get("title")->value<std::string>(), "节能");
}

TEST(TomlReader, AFileThatCannotBeReadIsOneLineNamingIt) {
  std::string missing = "/nonexistent-ecolobby/x.toml";
  EXPECT_EQ(error_of([&] { read_text_file(missing); }), missing + ": cannot read file (No such file or directory)");
  EXPECT_EQ(error_of([&] { parse_toml_file(missing); }), missing + ": cannot read file (No such file or directory)");
  auto file = std::filesystem::temp_directory_path() / ("toml_reader_test." + std::to_string(::getpid()) + ".toml");
  std::ofstream(file) << "name = \"节能\"\n";
  EXPECT_EQ(read_text_file(file.string()), "name = \"节能\"\n");
  EXPECT_EQ(parse_toml_file(file.string())->get("name")->value<std::string>(), "节能");
  std::filesystem::remove(file);
}

TEST(TomlReader, ValuesOutOfRangeOrOfTheWrongTypeNameTheKeyAndLine) {
  auto t = parse_toml_string("[display]\nbrightness = 140\nname = 3\nmode = \"dim\"\n", "c.toml");
  TomlReader display(*t->get_as<toml::table>("display"), "c.toml", "display");
  EXPECT_EQ(display.integer("missing", 7, 0, 10), 7);
  std::string range = error_of([&] { display.integer("brightness", 50, 0, 100); });
  EXPECT_EQ(range.rfind("c.toml:2: key 'display.brightness': ", 0), 0u) << range;
  EXPECT_NE(range.find("140"), std::string::npos) << range;
  std::string type = error_of([&] { display.string("name", ""); });
  EXPECT_EQ(type.rfind("c.toml:3: key 'display.name': ", 0), 0u) << type;
  std::string choice = error_of([&] { display.choice("mode", "on", {"on", "off"}); });
  EXPECT_NE(choice.find("on"), std::string::npos) << choice;
  EXPECT_NE(choice.find("off"), std::string::npos) << choice;
}

TEST(TomlReader, KeysNobodyAskedForAreReported) {
  auto t = parse_toml_string("known = 1\ntypo = 2\n[sub]\nx = 1\n", "c.toml");
  TomlReader r(*t, "c.toml");
  EXPECT_EQ(r.integer("known", 0, 0, 10), 1);
  auto sub = r.table("sub");
  ASSERT_TRUE(sub);
  std::vector<std::string> unknown = r.unknown_keys();
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0], "c.toml:2: unknown key 'typo'");
  ASSERT_EQ(sub->unknown_keys().size(), 1u);
  EXPECT_NE(sub->unknown_keys()[0].find("'sub.x'"), std::string::npos) << sub->unknown_keys()[0];
}

TEST(TomlReader, DaysFromTomlDatesAndDateStrings) {
  auto t = parse_toml_string("a = 2026-06-24\nb = \"2026-06-24\"\nc = \"June\"\nd = 5\n", "d.toml");
  EXPECT_EQ(toml_day(*t->get("a")), 20628);
  EXPECT_EQ(toml_day(*t->get("b")), 20628);
  EXPECT_FALSE(toml_day(*t->get("c")));
  EXPECT_FALSE(toml_day(*t->get("d")));
}
