// Feeds as offices really save them: GB18030 from Chinese Excel and WPS, UTF-8 with a BOM,
// UTF-16, stray bytes, Chinese text where a number belongs. Whatever arrives, the feed is read
// (or refused with one line) and every string that leaves the parser is valid UTF-8.
#include <iconv.h>

#include <cmath>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "bundled_data.h"

#include "base/iso8601.h"
#include "base/utf8.h"
#include "data/consumption.h"
#include "data/evaluation.h"
#include "data/feed_text.h"
#include "data/figures_json.h"

using namespace eco;
using namespace eco::data;
using namespace eco::data::testing_support;

namespace {

// The test's own encoder, so the GB18030 bytes are made the way a Windows code page makes them.
std::string encode(const std::string& utf8, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 4 + 8, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size(), out_left = out.size();
  char* dst = out.data();
  EXPECT_NE(iconv(cd, &in, &in_left, &dst, &out_left), static_cast<size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

const std::string kCsv =
    "building,month,energy,quantity,unit,name,area_m2\n"
    "500231B101,2026-01,electricity,3100,kWh,县档案馆,1800\n"
    "500231B102,2026-01,water,40,m3,县图书馆（新馆）,900\n";

void expect_all_text_valid(const Feed& f) {
  EXPECT_TRUE(is_valid_utf8(f.source));
  for (const auto& b : f.buildings) EXPECT_TRUE(is_valid_utf8(b.name) && is_valid_utf8(b.id)) << b.id;
  for (const auto& m : f.meters) EXPECT_TRUE(is_valid_utf8(m.id) && is_valid_utf8(m.unit)) << m.id;
  for (const auto& p : f.problems) EXPECT_TRUE(is_valid_utf8(p.where) && is_valid_utf8(p.what)) << p.what;
}

std::string problems_of(const Feed& f) {
  std::string s;
  for (const auto& p : f.problems) s += p.where + ": " + p.what + "\n";
  return s;
}

TEST(FeedText, Gb18030CsvFromExcelIsDetectedAndDecoded) {
  std::string gbk = encode(kCsv, "GB18030");
  ASSERT_FALSE(is_valid_utf8(gbk));  // the premise: these bytes are not UTF-8
  Feed f = parse_feed(gbk, "月报.csv", factors());
  ASSERT_EQ(f.buildings.size(), 2u);
  EXPECT_EQ(f.buildings[0].name, "县档案馆");
  EXPECT_EQ(f.buildings[1].name, "县图书馆（新馆）");
  EXPECT_NE(problems_of(f).find("read as GB18030"), std::string::npos) << problems_of(f);
  expect_all_text_valid(f);
}

TEST(FeedText, DeclaredGb18030IsReadWithoutANote) {
  Feed f = parse_feed(encode(kCsv, "GB18030"), "月报.csv", factors(), 480, TextEncoding::Gb18030);
  ASSERT_EQ(f.buildings.size(), 2u);
  EXPECT_EQ(f.buildings[1].name, "县图书馆（新馆）");
  EXPECT_EQ(problems_of(f).find("GB18030"), std::string::npos) << problems_of(f);
}

TEST(FeedText, Utf16WithByteOrderMarkIsRead) {
  std::string utf16 = encode(kCsv, "UTF-16");  // glibc writes a BOM
  Feed f = parse_feed(utf16, "unicode.csv", factors());
  ASSERT_EQ(f.buildings.size(), 2u);
  EXPECT_EQ(f.buildings[0].name, "县档案馆");
}

TEST(FeedText, JsonWithAUtf8ByteOrderMarkIsJson) {
  std::string body = "\xEF\xBB\xBF" R"({"schema":"ecolobby-feed/1","buildings":[{"id":"b","name":"县政府"}],
    "meters":[{"id":"m","building":"b","energy":"electricity","main":true}]})";
  Feed f = parse_feed(body, "bom.json", factors());
  EXPECT_EQ(f.schema, "ecolobby-feed/1");
  EXPECT_EQ(f.buildings.at(0).name, "县政府");
}

TEST(FeedText, StrayBytesInDeclaredUtf8BecomeReplacementCharacters) {
  std::string csv = kCsv;
  csv.replace(csv.find("县档案馆"), 3, "\xff\xfe\x80");  // 县 overwritten by three bytes no encoding has
  Feed f = parse_feed(csv, "broken.csv", factors(), 480, TextEncoding::Utf8);
  ASSERT_EQ(f.buildings.size(), 2u);
  EXPECT_EQ(f.buildings[0].name, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD档案馆");
  EXPECT_NE(problems_of(f).find("3 bytes could not be read"), std::string::npos) << problems_of(f);
  expect_all_text_valid(f);
}

TEST(FeedText, ChineseTextWhereAValueBelongsGivesAValidProblemAndKeepsTheRest) {
  // 20 bytes of "一二三四五六七" end inside 七: the message must not cut the character.
  std::string body = R"({"schema":"ecolobby-feed/1","buildings":[{"id":"b"}],
    "meters":[{"id":"m","building":"b","energy":"electricity","mode":"cumulative","main":true}],
    "readings":[{"meter":"m","ts":"2026-01-10T10:00:00+08:00","value":100},
                {"meter":"m","ts":"2026-01-10T10:15:00+08:00","value":"一二三四五六七八"},
                {"meter":"m","ts":"2026-01-10T10:30:00+08:00","value":110}]})";
  Feed f = parse_feed(body, "cn.json", factors());
  EXPECT_EQ(f.readings.size(), 2u);
  expect_all_text_valid(f);
  EXPECT_NE(problems_of(f).find("is not a number"), std::string::npos);
  // The snapshot the kiosk publishes from it can be written as JSON.
  auto series = build_consumption(f, at("2026-01-10T12:00:00+08:00"));
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : f.problems) problems.push_back(p.what);
  EXPECT_NO_THROW(problems.dump());
}

TEST(FeedText, AnIntervalTooLargeForSecondsIsAProblemNotUndefinedBehaviour) {
  std::string body = R"({"schema":"ecolobby-feed/1","buildings":[{"id":"b"}],
    "meters":[{"id":"m","building":"b","energy":"electricity","mode":"interval","interval_s":1e19,"main":true},
              {"id":"ok","building":"b","energy":"electricity","mode":"interval","interval_s":900}]})";
  Feed f = parse_feed(body, "huge.json", factors());
  ASSERT_EQ(f.meters.size(), 1u);
  EXPECT_EQ(f.meters[0].id, "ok");
  EXPECT_NE(problems_of(f).find("interval_s must be whole seconds"), std::string::npos) << problems_of(f);
}

// Eleven hours of 10 kWh on an interval meter, then one absurd value half a minute before the
// next good reading: the good reading keeps its own hour (squeezed into the 30 s after the
// absurd one it would be 120× the median and dropped too).
std::string interval_feed(const std::string& extra) {
  std::string body = R"({"schema":"ecolobby-feed/1","buildings":[{"id":"b"}],
    "meters":[{"id":"m","building":"b","energy":"electricity","mode":"interval","interval_s":3600,"main":true}],
    "readings":[)";
  for (int h = 1; h <= 11; ++h) body += fmt::format(R"({{"meter":"m","ts":"2026-01-10T{:02}:00:00+08:00","value":10}},)", h);
  return body + extra + R"({"meter":"m","ts":"2026-01-10T12:00:00+08:00","value":10}]})";
}

double kwh(Feed& f) {
  double sum = 0;
  auto series = build_consumption(f, at("2026-01-10T12:30:00+08:00"));
  for (const auto& i : series.at(0).intervals) sum += i.quantity;
  return sum;
}

TEST(AbsurdReadings, ARefusedIntervalReadingDoesNotTakeTheNextGoodOneWithIt) {
  Feed clean = parse_feed(interval_feed(""), "clean.json", factors());
  Feed spiked = parse_feed(interval_feed(R"({"meter":"m","ts":"2026-01-10T11:59:30+08:00","value":1e308},)"), "spike.json", factors());
  EXPECT_DOUBLE_EQ(kwh(clean), 120);
  EXPECT_DOUBLE_EQ(kwh(spiked), 120) << problems_of(spiked);
  EXPECT_NE(problems_of(spiked).find("over 100× the meter's median"), std::string::npos);
  EXPECT_EQ(problems_of(spiked).find("in all"), std::string::npos) << "only the absurd reading goes";
}

TEST(AbsurdReadings, AGlitchedRegisterReadingIsBridgedByItsNeighbours) {
  std::string body = R"({"schema":"ecolobby-feed/1","buildings":[{"id":"b"}],
    "meters":[{"id":"m","building":"b","energy":"electricity","mode":"cumulative","main":true}],"readings":[)";
  for (int h = 0; h <= 10; ++h) {
    double value = h == 5 ? 1e300 : 1000 + 10 * h;
    body += fmt::format(R"({}{{"meter":"m","ts":"2026-01-10T{:02}:00:00+08:00","value":{}}})", h ? "," : "", h, value);
  }
  Feed f = parse_feed(body + "]}", "glitch.json", factors());
  EXPECT_DOUBLE_EQ(kwh(f), 100) << problems_of(f);  // 04:00 → 06:00 bridges the glitch
  EXPECT_EQ(problems_of(f).find("register went back"), std::string::npos) << problems_of(f);
}

// A meter too new for a median (one or two readings) still cannot put 1e300 into the county's
// figures: what no building uses in an hour is refused in every unit, and every figure built
// from what is left stays finite.
TEST(AbsurdReadings, AMeterWithoutHistoryIsJudgedByWhatNoBuildingUses) {
  struct Case {
    const char* meter;
    const char* readings;
  } cases[] = {
      {R"("energy":"electricity","mode":"interval","interval_s":3600)", R"({"meter":"x","ts":"2026-01-10T10:00:00+08:00","value":1e300})"},
      {R"("energy":"electricity","mode":"cumulative")",
       R"({"meter":"x","ts":"2026-01-10T09:00:00+08:00","value":0},{"meter":"x","ts":"2026-01-10T10:00:00+08:00","value":1.7976931348623157e308})"},
      {R"("energy":"gasoline","unit":"L","mode":"interval","interval_s":3600)", R"({"meter":"x","ts":"2026-01-10T10:00:00+08:00","value":1.7e308})"},
      {R"("energy":"heat","unit":"MJ","mode":"interval","interval_s":3600)",
       R"({"meter":"x","ts":"2026-01-10T09:00:00+08:00","value":1e308},{"meter":"x","ts":"2026-01-10T10:00:00+08:00","value":1e308})"},
  };
  for (const auto& c : cases) {
    std::string body = fmt::format(R"({{"schema":"ecolobby-feed/1","buildings":[{{"id":"good","area_m2":1000}},{{"id":"new","area_m2":1000}}],
      "meters":[{{"id":"m","building":"good","energy":"electricity","mode":"cumulative","main":true}},{{"id":"x","building":"new","main":true,{}}}],
      "readings":[{{"meter":"m","ts":"2026-01-10T09:00:00+08:00","value":100}},{{"meter":"m","ts":"2026-01-10T10:00:00+08:00","value":150}},{}]}})",
                                   c.meter, c.readings);
    Feed f = parse_feed(body, "new-meter.json", factors());
    FigureOptions o;
    o.factors = &factors();
    Evaluation e = evaluate(f, at("2026-01-10T10:30:00+08:00"), o);
    std::string problems;
    for (const auto& p : e.problems) problems += p.where + ": " + p.what + "\n";
    EXPECT_NE(problems.find("over what any building uses"), std::string::npos) << c.meter << "\n" << problems;
    const Amounts& today = e.figures.total.periods[kToday].now;
    EXPECT_DOUBLE_EQ(today.electricity_kwh, 50) << c.meter;  // the good building's hour, nothing else
    EXPECT_TRUE(std::isfinite(today.energy_kgce) && std::isfinite(today.co2_kg)) << c.meter;
  }
}

// A 30 MB name would be copied into every snapshot, plugin state and saved figure: names and ids
// are cut to what a screen shows, on character boundaries, with one line for all of them.
TEST(FeedText, NamesAndIdsAreCutToWhatAScreenShows) {
  std::string name, id(5000, 'i');
  for (int i = 0; i < 100000; ++i) name += "县";
  std::string body = R"({"schema":"ecolobby-feed/1","buildings":[{"id":")" + id + R"(","name":")" + name + R"("}],
    "meters":[{"id":"m","building":")" + id + R"(","energy":"electricity","main":true}]})";
  Feed f = parse_feed(body, "long.json", factors());
  ASSERT_EQ(f.buildings.size(), 1u);
  EXPECT_LE(f.buildings[0].name.size(), kMaxFeedName);
  EXPECT_GE(f.buildings[0].name.size(), kMaxFeedName - 3);
  EXPECT_TRUE(is_valid_utf8(f.buildings[0].name));
  EXPECT_EQ(f.buildings[0].id, std::string(kMaxFeedId, 'i'));
  EXPECT_EQ(f.meters[0].building, 0u);  // matched on the whole id before the cut
  std::string problems = problems_of(f);
  EXPECT_NE(problems.find("2 texts cut to what a screen shows"), std::string::npos) << problems;
  EXPECT_NE(problems.find("a building id of 5000 bytes"), std::string::npos) << problems;
}

TEST(Utf8, CutsOnCharacterBoundariesAndRepairs) {
  std::string text = "有时会";
  EXPECT_EQ(utf8_prefix(text, 4), "有");
  EXPECT_EQ(utf8_prefix(text, 6), "有时");
  EXPECT_TRUE(is_valid_utf8(utf8_excerpt(text, 5)));
  EXPECT_FALSE(is_valid_utf8(text.substr(0, 2)));
  EXPECT_EQ(to_valid_utf8(text.substr(0, 4)), "有\xEF\xBF\xBD");
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // a surrogate
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x8C\xB1"));   // 🌱
}

}  // namespace
