#include "scene/schedule.h"

#include <algorithm>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/safe_path.h"
#include "base/toml_reader.h"
#include "media/page_range.h"
#include "media/pdf_document.h"
#include "render/color.h"

namespace eco {
namespace {

const std::vector<std::string> kSceneTypes = {"welcome", "slide", "plugin", "data", "poster", "pdf", "video"};

std::optional<int64_t> read_day(const TomlReader& r, std::string_view key) {
  const toml::node* n = r.node(key);
  if (!n) return std::nullopt;
  if (auto day = toml_day(*n)) return day;
  r.fail(key, "a date like 2026-06-23");
}

std::string key_where(const TomlReader& r, const std::string& source, std::string_view key, const std::string& fallback) {
  const toml::node* n = r.raw().get(key);
  return n ? fmt::format("{}:{}", source, n->source().begin.line) : fallback;
}

// The keys of poster and PDF slots (scene/poster_scene, scene/pdf_scene).
void read_media_keys(const TomlReader& r, const std::string& source, Slot& slot) {
  bool pdf = slot.scene == "pdf";
  slot.file = r.string("file", "");
  slot.file_where = key_where(r, source, "file", slot.where);
  auto safe = normalize_entry_path(slot.file);
  if (!safe) r.fail("file", pdf ? "a PDF inside the content directory" : "an image inside the content directory");
  slot.file = *safe;
  std::string ext = std::filesystem::path(slot.file).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  if (pdf && (ext == ".pptx" || ext == ".ppt" || ext == ".dps")) {
    slot.converted_from = slot.file;
    slot.file = std::filesystem::path(slot.file).replace_extension(".pdf").string();
  } else if (pdf && ext != ".pdf") {
    r.fail("file", "a .pdf (or a .pptx, .ppt or .dps that `ecolobby bundle build` converts)");
  } else if (!pdf && ext != ".jpg" && ext != ".jpeg" && ext != ".png" && ext != ".webp") {
    r.fail("file", "a .jpg, .png or .webp image");
  }
  slot.fit = r.choice("fit", "contain", {"contain", "cover"});
  if (std::string fill = r.string("fill", ""); !fill.empty()) {
    slot.fill = parse_hex_color(fill);
    if (!slot.fill) r.fail("fill", "a colour like \"#FFFFFF\"");
  }
  slot.caption = read_localized(r, "caption");
  if (!pdf) return;
  slot.page_s = static_cast<int>(r.integer("page_s", slot.page_s, 2, 3600));
  if (std::string pages = r.string("pages", ""); r.raw().contains("pages")) {
    std::string why;
    auto list = parse_page_range(pages, why);
    if (!list) r.fail("pages", why);
    slot.pages = std::move(*list);
    slot.pages_where = key_where(r, source, "pages", slot.where);
  }
}

}  // namespace

bool Slot::eligible(const LocalTime& now) const {
  int64_t day = now.day_number();
  if (from_day && day < *from_day) return false;
  if (until_day && day > *until_day) return false;
  if (!campaign.empty() && std::none_of(campaign_windows.begin(), campaign_windows.end(),
                                        [day](const DayRange& w) { return w.contains(day); }))
    return false;
  if (!weekdays.empty() && std::find(weekdays.begin(), weekdays.end(), now.weekday) == weekdays.end()) return false;
  if (!dayparts.empty() && std::none_of(dayparts.begin(), dayparts.end(),
                                        [&](const DailyWindow& w) { return w.contains(now.minutes_of_day()); }))
    return false;
  return true;
}

Schedule parse_schedule(std::string_view text, const std::string& source, const CampaignCalendar& calendar) {
  auto doc = parse_toml_string(text, source);
  TomlReader root(*doc, source);
  Schedule s;
  s.source = source;
  s.calendar = calendar;
  if (auto rotation = root.table("rotation")) {
    s.transition_ms = static_cast<int>(rotation->integer("transition_ms", s.transition_ms, 0, 5000));
    for (auto& w : rotation->unknown_keys()) spdlog::warn("{}", w);
  }
  if (auto content = root.table("content")) {
    s.content_version = content->string("version", "");
    for (auto& w : content->unknown_keys()) spdlog::warn("{}", w);
  }
  for (const TomlReader& r : root.tables("slot")) {
    Slot slot;
    slot.source = source;
    slot.where = fmt::format("{}:{}", source, r.raw().source().begin.line);
    slot.plugin = r.string("plugin", "");
    const toml::node* plugin_key = r.raw().get("plugin");
    slot.plugin_where = plugin_key ? fmt::format("{}:{}", source, plugin_key->source().begin.line) : slot.where;
    slot.scene = r.choice("scene", slot.plugin.empty() ? "" : "plugin", kSceneTypes);
    if (slot.scene == "plugin" && slot.plugin.empty()) r.fail("plugin", "a plugin id for a plugin slot");
    slot.duration_given = r.raw().contains("duration_s");
    slot.duration_s = static_cast<int>(r.integer("duration_s", slot.duration_s, 3, 24 * 3600));
    slot.campaign = r.string("campaign", "");
    const Campaign* campaign = nullptr;
    if (!slot.campaign.empty()) {
      campaign = calendar.find(slot.campaign);
      if (!campaign) r.fail("campaign", "a campaign of campaigns.toml: " + calendar.ids());
      slot.campaign_windows = campaign->windows;
    }
    slot.priority = static_cast<int>(r.integer("priority", campaign ? campaign->priority : 0, -100, 100));
    slot.from_day = read_day(r, "from");
    slot.until_day = read_day(r, "until");
    if (slot.from_day && slot.until_day && *slot.until_day < *slot.from_day) r.fail("until", "a date on or after 'from'");
    for (int64_t d : r.integers("weekdays", 1, 7)) slot.weekdays.push_back(static_cast<int>(d));
    for (const auto& text : r.strings("dayparts")) {
      auto w = parse_daily_window(text);
      if (!w) r.fail("dayparts", "time windows like \"11:00-13:30\"");
      slot.dayparts.push_back(*w);
    }
    slot.title = read_localized(r, "title");
    slot.body = read_localized(r, "body");
    slot.image = r.string("image", "");
    if (!slot.image.empty() && (slot.image.front() == '/' || slot.image.find("..") != std::string::npos))
      r.fail("image", "a path inside the content directory");
    if (slot.scene == "slide" && slot.title.empty() && slot.body.empty() && slot.image.empty())
      r.fail("title", "a title, body or image for a slide");
    if (slot.scene == "poster" || slot.scene == "pdf") read_media_keys(r, source, slot);
    // A PDF lasts its pages (an unknown count: the scene ends itself after the last one).
    if (slot.scene == "pdf" && !slot.duration_given)
      slot.duration_s = static_cast<int>(std::min<int64_t>(24 * 3600, int64_t(slot.page_s) *
                                                                          int64_t(slot.pages.empty() ? PdfDocument::kMaxPages : int(slot.pages.size()))));
    if (slot.scene == "video") slot.video = read_video_slot(r);
    if (auto settings = r.table("settings")) {
      slot.settings = std::shared_ptr<const toml::table>(doc, &settings->raw());  // a copy would lose the lines
      (void)settings->unknown_keys();  // settings are the plugin's to check
    }
    for (auto& w : r.unknown_keys()) spdlog::warn("{}", w);
    s.slots.push_back(std::move(slot));
  }
  for (auto& w : root.unknown_keys()) spdlog::warn("{}", w);
  return s;
}

Schedule load_schedule(const std::filesystem::path& file) {
  CampaignCalendar calendar = load_campaigns(file.parent_path() / "campaigns.toml");
  return parse_schedule(read_text_file(file.string()), file.string(), calendar);
}

std::vector<size_t> select_slots(const Schedule& schedule, const LocalTime& now,
                                 const std::function<bool(size_t)>& available) {
  std::vector<size_t> eligible;
  int best = std::numeric_limits<int>::min();
  for (size_t i = 0; i < schedule.slots.size(); ++i) {
    const Slot& slot = schedule.slots[i];
    if (!slot.eligible(now) || (available && !available(i))) continue;
    if (slot.priority > best) {
      best = slot.priority;
      eligible.clear();
    }
    if (slot.priority == best) eligible.push_back(i);
  }
  return eligible;
}

}  // namespace eco
