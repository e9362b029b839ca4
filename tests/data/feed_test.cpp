// Every kind of bad input has a fixture in fixtures/: what is wrong is left out with a problem
// naming the line, the rest is used; a body that is not a feed at all is refused with one line.
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "bundled_data.h"

#include "base/iso8601.h"
#include "data/consumption.h"
#include "data/evaluation.h"

using namespace eco;
using namespace eco::data;
using namespace eco::data::testing_support;

namespace {


std::string fixture_text(const std::string& name) {
  std::ifstream in(kSource / "tests/data/fixtures" / name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

Feed fixture(const std::string& name) { return parse_feed(fixture_text(name), name, factors()); }

// Total consumption the meter "e1" is credited with.
double total_kwh(Feed& feed, int64_t now = at("2026-01-10T12:00:00+08:00")) {
  auto series = build_consumption(feed, now);
  double sum = 0;
  for (const auto& i : series.at(0).intervals) sum += i.quantity;
  return sum;
}

std::string all_problems(const Feed& feed) {
  std::string s;
  for (const auto& p : feed.problems) s += p.where + ": " + p.what + "\n";
  return s;
}

}  // namespace

TEST(Feed, GoodFeedParses) {
  Feed f = fixture("good.json");
  ASSERT_EQ(f.buildings.size(), 1u);
  EXPECT_EQ(f.buildings[0].name, "县政府办公楼");
  EXPECT_EQ(f.buildings[0].type, BuildingType::StateOrgan);
  EXPECT_EQ(f.meters[0].energy, Energy::Electricity);
  EXPECT_EQ(f.readings.size(), 3u);
  EXPECT_EQ(f.generated_at, at("2026-01-10T12:00:00+08:00"));
  EXPECT_DOUBLE_EQ(total_kwh(f), 25.0);
  EXPECT_TRUE(f.problems.empty()) << all_problems(f);
}

// Escaped keys are the same keys to every JSON reader; a feed that escapes "meters" or
// "readings" must not lose them (the top level is read by the outline, not by simdjson).
TEST(Feed, EscapedTopLevelKeysAreTheSameKeys) {
  std::string text = fixture_text("good.json");
  for (const char* key : {"\"schema\"", "\"buildings\"", "\"meters\"", "\"readings\""}) {
    std::string k = key;
    size_t at = text.find(k + ":");
    if (at == std::string::npos) at = text.find(k + " :");
    ASSERT_NE(at, std::string::npos) << key;
    text.replace(at + 1, 1, fmt::format("\\u{:04x}", static_cast<unsigned>(k[1])));
  }
  Feed escaped = parse_feed(text, "escaped.json", factors());
  Feed plain = fixture("good.json");
  EXPECT_EQ(escaped.meters.size(), plain.meters.size());
  EXPECT_EQ(escaped.readings.size(), plain.readings.size());
  EXPECT_DOUBLE_EQ(total_kwh(escaped), 25.0);
  EXPECT_TRUE(escaped.problems.empty()) << all_problems(escaped);
}

// A value of the wrong type or a broken string (a lone surrogate, which no UTF-8 can hold) in one
// item leaves that item out with a line naming the key; the feed and its other items stay.
TEST(Feed, ABrokenStringOrAWrongTypeLeavesOutItsItemNotTheFeed) {
  const std::string good = fixture_text("good.json");
  struct Case {
    std::string from, to, problem;
    size_t buildings, meters, readings;
  };
  const std::vector<Case> cases = {
      {"\"name\":\"县政府办公楼\"", "\"name\":\"\\ud800楼\"", "name is not a valid string", 0, 0, 0},
      {"\"name\":\"县政府办公楼\"", "\"name\":17", "name is not a valid string (another JSON type)", 0, 0, 0},
      {"\"unit\":\"kWh\"", "\"unit\":\"\\udc00\"", "unit is not a valid string", 1, 0, 0},
      {"\"ts\":\"2026-01-10T01:00:00+08:00\"", "\"ts\":[1]", "ts is not a valid string", 1, 1, 2},
      {"\"quality\":\"ok\"}\n]", "\"quality\":\"\\ud83d\"}\n]", "quality is not a valid string", 1, 1, 2},
  };
  for (const Case& c : cases) {
    std::string text = good;
    size_t at = text.find(c.from);
    ASSERT_NE(at, std::string::npos) << c.from;
    text.replace(at, c.from.size(), c.to);
    if (c.buildings == 0 || c.meters == 0) {
      // Its only building or meter left out: the feed is refused for that, by name, not for its syntax.
      try {
        parse_feed(text, "broken.json", factors());
        ADD_FAILURE() << "accepted " << c.to;
      } catch (const FeedError& e) {
        EXPECT_NE(std::string(e.what()).find(c.buildings == 0 ? "lists no buildings" : "no usable meters"), std::string::npos)
            << e.what();
      }
      continue;
    }
    Feed f = parse_feed(text, "broken.json", factors());
    std::string problems = all_problems(f);
    EXPECT_NE(problems.find(c.problem), std::string::npos) << c.to << "\n" << problems;
    EXPECT_NE(problems.find("broken.json:"), std::string::npos) << problems;
    EXPECT_EQ(f.buildings.size(), c.buildings) << c.to;
    EXPECT_EQ(f.meters.size(), c.meters) << c.to;
    EXPECT_EQ(f.readings.size(), c.readings) << c.to;
  }
}

struct BadItem {
  const char* fixture;
  const char* problem;   // part of the one problem line
  double kwh_kept;       // what survives
};

void PrintTo(const BadItem& c, std::ostream* os) { *os << c.fixture; }

class BadItems : public testing::TestWithParam<BadItem> {};

TEST_P(BadItems, AreLeftOutWithALineNamingThem) {
  const BadItem& c = GetParam();
  Feed f = fixture(c.fixture);
  double kwh = total_kwh(f);
  std::string problems = all_problems(f);
  EXPECT_NE(problems.find(c.problem), std::string::npos) << problems;
  EXPECT_NE(problems.find(std::string(c.fixture) + ":"), std::string::npos) << "names the source: " << problems;
  EXPECT_DOUBLE_EQ(kwh, c.kwh_kept) << problems;
  for (const auto& line : f.problems) EXPECT_EQ(line.what.find('\n'), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, BadItems,
    testing::Values(BadItem{"unknown-meter.json", "meter 'x9' is not in meters", 25},
                    BadItem{"nan-value.json", "value \"NaN\" is not a number", 25},  // 100 → 125 still counts
                    BadItem{"negative-value.json", "value -5 is negative", 25},
                    BadItem{"duplicate.json", "two different readings at 2026-01-10T01:00:00+08:00", 25},
                    // 99990 → 99998 (8), back to 6: dropped, never negative, then 6 → 15 (9)
                    BadItem{"rollover.json", "register went back from 99998 to 6", 17},
                    BadItem{"future.json", "is in the future", 10},
                    BadItem{"mixed-tz.json", "several UTC offsets (Z, +08:00)", 25},
                    BadItem{"bad-timestamp.json", "ts '2026-13-10T01:00:00+08:00' is not an ISO 8601 time", 25},
                    // ten hours of 10 kWh, one of 5000: the spike goes, the rest stays
                    BadItem{"absurd.json", "over 100× the meter's median", 90}),
    [](const testing::TestParamInfo<BadItem>& i) {
      std::string n = i.param.fixture;
      n = n.substr(0, n.find('.'));
      std::erase(n, '-');
      return n;
    });

struct Unusable {
  const char* fixture;
  const char* reason;
};

void PrintTo(const Unusable& c, std::ostream* os) { *os << c.fixture; }

class UnusableFeeds : public testing::TestWithParam<Unusable> {};

TEST_P(UnusableFeeds, AreRefusedWithOneLine) {
  try {
    fixture(GetParam().fixture);
    FAIL() << "accepted " << GetParam().fixture;
  } catch (const FeedError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find(GetParam().reason), std::string::npos) << what;
    EXPECT_EQ(what.rfind(GetParam().fixture, 0), 0u) << "starts with the source: " << what;
    EXPECT_EQ(what.find('\n'), std::string::npos);
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, UnusableFeeds,
                         testing::Values(Unusable{"wrong-schema.json", "schema 'ecolobby-feed/2' is not supported"},
                                         Unusable{"truncated.json", "truncated.json:"},
                                         Unusable{"malformed.json", "malformed.json:3:"},
                                         Unusable{"unknown-building.json", "no usable meters"},
                                         Unusable{"not-a-feed.txt", "no 'building' column"}),
                         [](const testing::TestParamInfo<Unusable>& i) {
                           std::string n = i.param.fixture;
                           n = n.substr(0, n.find('.'));
                           std::erase(n, '-');
                           return n;
                         });

TEST(Feed, ProblemsAreCappedButCounted) {
  std::string body = R"({"schema":"ecolobby-feed/1","buildings":[{"id":"b"}],
    "meters":[{"id":"m","building":"b","energy":"electricity","main":true}],"readings":[)";
  for (int i = 0; i < 1000; ++i) body += std::string(i ? "," : "") + R"({"meter":"m","ts":"bad","value":1})";
  body += "]}";
  Feed f = parse_feed(body, "many", factors());
  EXPECT_EQ(f.problems.size(), 200u);
  EXPECT_EQ(f.problems_dropped, 800u);
}

TEST(Feed, MonthlyCsvRowsBecomeMonthsInLocalTime) {
  std::string csv =
      "\xEF\xBB\xBF" "building,month,energy,quantity,unit,name,area_m2\n"
      "500231B101,2026-01,electricity,3100,kWh,县档案馆,1800\n"
      "500231B101,2026/02,electricity,2.8,MWh,,\n"
      "500231B101,2026-02,gasoline,100,L,,\n"
      "500231B101,2026-14,water,10,m3,,\n"
      "500231B101,2026-03,steam,10,t,,\n"
      "500231B101,2026-03,water,ten,m3,,\n";
  Feed f = parse_feed(csv, "entries.csv", factors());
  ASSERT_EQ(f.buildings.size(), 1u);
  EXPECT_EQ(f.buildings[0].name, "县档案馆");
  EXPECT_DOUBLE_EQ(f.buildings[0].area_m2, 1800);
  ASSERT_EQ(f.readings.size(), 3u);
  EXPECT_EQ(f.readings[0].start, at("2026-01-01T00:00:00+08:00"));
  EXPECT_EQ(f.readings[0].ts, at("2026-02-01T00:00:00+08:00"));
  EXPECT_DOUBLE_EQ(f.readings[1].value, 2800);  // MWh → kWh
  EXPECT_NEAR(f.readings[2].value, 72.5, 1e-9);  // 100 L × 0.725 kg/L
  std::string problems = all_problems(f);
  EXPECT_NE(problems.find("entries.csv:5: month '2026-14'"), std::string::npos) << problems;
  EXPECT_NE(problems.find("entries.csv:6: energy 'steam'"), std::string::npos) << problems;
  EXPECT_NE(problems.find("entries.csv:7: quantity 'ten'"), std::string::npos) << problems;
  EXPECT_THROW(parse_feed("id,when\n1,2\n", "x.csv", factors()), FeedError);
}

// What spreadsheets save: a quoted name over two lines (Alt+Enter in a cell), quotes inside
// quotes, CR-only line ends (old Macs), CRLF; a stray quote leaves out its own row, not the rest.
TEST(Feed, MonthlyCsvReadsQuotedCellsOverLinesAndEveryLineEnd) {
  const std::string header = "building,month,energy,quantity,unit,name\n";
  Feed multi = parse_feed(header + "B1,2026-01,electricity,10,kWh,\"县档案馆\n（新馆）\"\nB1,2026-02,electricity,20,kWh,\n"
                                   "B2,2026-01,water,5,m3,\"he said \"\"hi\"\"\"\n",
                          "multi.csv", factors());
  ASSERT_EQ(multi.buildings.size(), 2u) << all_problems(multi);
  EXPECT_EQ(multi.buildings[0].name, "县档案馆 （新馆）");
  EXPECT_EQ(multi.buildings[1].name, "he said \"hi\"");
  EXPECT_EQ(multi.readings.size(), 3u);
  EXPECT_TRUE(multi.problems.empty()) << all_problems(multi);

  for (const std::string eol : {"\r", "\r\n", "\n"}) {
    std::string csv = "building,month,energy,quantity,unit" + eol + "B1,2026-01,electricity,10,kWh" + eol +
                      "B1,2026-13,electricity,10,kWh" + eol + "B1,2026-02,electricity,20,kWh" + eol;
    Feed f = parse_feed(csv, "eol.csv", factors());
    EXPECT_EQ(f.readings.size(), 2u) << "line end " << (eol == "\r" ? "CR" : eol == "\n" ? "LF" : "CRLF");
    EXPECT_NE(all_problems(f).find("eol.csv:3: month '2026-13'"), std::string::npos) << all_problems(f);
  }

  // A quote that never closes: its row is one problem at its own line; the rows after it stay.
  Feed stray = parse_feed(header + "B1,2026-01,electricity,10,kWh,\"县档案馆\nB1,2026-02,electricity,20,kWh,\n"
                                   "B1,2026-03,electricity,30,kWh,\n",
                          "stray.csv", factors());
  EXPECT_EQ(stray.readings.size(), 2u) << all_problems(stray);
  EXPECT_NE(all_problems(stray).find("stray.csv:2: a quoted cell is not closed"), std::string::npos) << all_problems(stray);
  // The line numbers after a cell over two lines are the file's own.
  Feed after = parse_feed(header + "B1,2026-01,electricity,10,kWh,\"a\nb\"\nB1,2026-99,electricity,20,kWh,\n", "after.csv", factors());
  EXPECT_NE(all_problems(after).find("after.csv:4: month '2026-99'"), std::string::npos) << all_problems(after);
}
