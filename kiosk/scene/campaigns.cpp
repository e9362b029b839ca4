#include "scene/campaigns.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <toml++/toml.h>

#include "base/iso8601.h"
#include "base/toml_reader.h"
#include "render/color.h"

namespace eco {
namespace {

int64_t day_of(const toml::node& n, const TomlReader& r, std::string_view key) {
  if (auto day = toml_day(n)) return *day;
  r.fail(key, "dates like \"2025-06-23\"");
}

}  // namespace

bool Campaign::active(int64_t day) const {
  for (const auto& w : windows)
    if (w.contains(day)) return true;
  return false;
}

const Campaign* CampaignCalendar::find(const std::string& id) const {
  auto it = campaigns.find(id);
  return it == campaigns.end() ? nullptr : &it->second;
}

std::string CampaignCalendar::ids() const {
  std::string out;
  for (const auto& [id, c] : campaigns) out += (out.empty() ? "" : ", ") + id;
  return out.empty() ? "(none: content/campaigns.toml is missing or empty)" : out;
}

const Campaign* CampaignCalendar::running(int64_t day) const {
  const Campaign* best = nullptr;
  for (const auto& [id, c] : campaigns) {
    if (!c.active(day)) continue;
    if (!best || c.priority > best->priority || (c.priority == best->priority && !c.day_of.empty() && best->day_of.empty()))
      best = &c;
  }
  return best;
}

CampaignCalendar load_campaigns(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return CampaignCalendar{{}, file.string()};
  return parse_campaigns(read_text_file(file.string()), file.string());
}

CampaignCalendar parse_campaigns(std::string_view text, const std::string& source) {
  auto doc = parse_toml_string(text, source);
  TomlReader root(*doc, source);
  CampaignCalendar cal;
  cal.source = source;
  struct DayOf {
    std::string campaign;
    int64_t day;
    TomlReader reader;
  };
  std::vector<std::pair<std::string, DayOf>> derived;
  for (const TomlReader& r : root.tables("campaign")) {
    Campaign c;
    c.where = fmt::format("{}:{}", source, r.raw().source().begin.line);
    c.id = r.required_string("id");
    if (cal.campaigns.contains(c.id)) r.fail("id", "a campaign id not used before");
    c.name = read_localized(r, "name");
    if (auto theme = r.table("theme")) {
      c.slogan = read_localized(*theme, "slogan");
      if (auto accent = theme->optional_string("accent")) {
        c.accent = parse_hex_color(*accent);
        if (!c.accent) theme->fail("accent", "a colour like \"#F5C242\"");
      }
      for (auto& w : theme->unknown_keys()) spdlog::warn("{}", w);
    }
    c.priority = static_cast<int>(r.integer("priority", 10, -100, 100));
    if (const toml::node* windows = r.node("windows")) {
      const toml::array* list = windows->as_array();
      if (!list) r.fail("windows", "a list of [from, until] date pairs");
      for (const toml::node& w : *list) {
        const toml::array* pair = w.as_array();
        if (!pair || pair->size() != 2) r.fail("windows", "a list of [from, until] date pairs");
        DayRange range{day_of(*pair->get(0), r, "windows"), day_of(*pair->get(1), r, "windows")};
        if (range.until < range.from) r.fail("windows", "each window's end on or after its start");
        c.windows.push_back(range);
      }
    }
    if (auto base = r.optional_string("day_of")) {
      c.day_of = *base;
      derived.push_back({c.id, DayOf{*base, r.integer("day", 1, 1, 366), r}});
    } else if (c.windows.empty()) {
      r.fail("windows", "date windows, or day_of = \"<campaign>\" with day = N");
    }
    for (auto& w : r.unknown_keys()) spdlog::warn("{}", w);
    cal.campaigns[c.id] = std::move(c);
  }
  // "The third day of energy-saving week": one day inside each window of the base campaign.
  for (auto& [id, d] : derived) {
    if (d.campaign == id) d.reader.fail("day_of", "another campaign than this one (" + cal.ids() + ")");
    const Campaign* base = cal.find(d.campaign);
    if (!base || base->windows.empty()) d.reader.fail("day_of", "a campaign with windows (" + cal.ids() + ")");
    // Collected first: `base` lives in the same map as the campaign that gains the days.
    std::vector<DayRange> days;
    for (const auto& w : base->windows)
      if (w.from + d.day - 1 <= w.until) days.push_back({w.from + d.day - 1, w.from + d.day - 1});
    auto& windows = cal.campaigns[id].windows;
    windows.insert(windows.end(), days.begin(), days.end());
  }
  for (auto& w : root.unknown_keys()) spdlog::warn("{}", w);
  return cal;
}

}  // namespace eco
