#pragma once
// content/schedule.toml: the slots the screen rotates through, each with a scene type, a
// duration, optional date window, weekdays and dayparts, and a priority. Among the slots
// eligible now, only those of the highest priority rotate (a campaign week outranks the
// everyday loop).
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/daily_window.h"
#include "base/iso8601.h"
#include "base/localized_text.h"
#include "render/painter.h"
#include "scene/campaigns.h"
#include "scene/video_slot.h"

namespace toml {
inline namespace v3 {
class table;
}
}  // namespace toml

namespace eco {

struct Slot {
  std::string scene;   // "welcome" | "slide" | "plugin" | "data" | "poster" | "pdf" | "video"
  std::string plugin;  // plugin id when scene == "plugin"
  int duration_s = 15;
  int priority = 0;
  std::optional<int64_t> from_day, until_day;  // inclusive local dates (days since 1970-01-01)
  std::string campaign;                        // shown only while this campaign runs
  std::vector<DayRange> campaign_windows;      // its windows, from campaigns.toml
  std::vector<int> weekdays;                   // 1 = Monday … 7 = Sunday; empty = every day
  std::vector<DailyWindow> dayparts;           // empty = all day
  LocalizedText title, body;
  std::string image;                           // path relative to the content directory
  // Poster and PDF slots: the file inside the content directory (a .pptx/.ppt/.dps named by a
  // PDF slot means the PDF `ecolobby bundle build` converts it to, beside it).
  std::string file, file_where;                // file_where: "schedule.toml:14", the `file` key
  std::string converted_from;                  // the presentation `file` was written as, if any
  std::string fit = "contain";                 // "contain" | "cover"
  std::optional<Color> fill;                   // the bands around a contained picture; else the backdrop
  LocalizedText caption;
  int page_s = 10;                             // PDF: seconds per page
  std::vector<int> pages;                      // PDF: 1-based; empty = every page
  std::string pages_where;                     // the `pages` key, for check's messages
  bool duration_given = false;                 // duration_s written (else a PDF lasts its pages)
  std::optional<VideoSlot> video;              // scene == "video"
  // Passed to the plugin; points into the parsed schedule, so its keys keep their source lines.
  std::shared_ptr<const toml::table> settings;
  std::string source;                          // the schedule file, for messages naming a key's line
  std::string where;                           // "schedule.toml:12", the [[slot]] header, for messages
  std::string plugin_where;                    // "schedule.toml:13", the `plugin` key (else `where`)

  bool eligible(const LocalTime& now) const;
};

struct Schedule {
  std::vector<Slot> slots;
  int transition_ms = 800;
  std::string content_version;  // [content] version, shown in the admin overlay
  std::string source;
  CampaignCalendar calendar;
};

// Reads schedule.toml and, beside it, campaigns.toml. Throws ConfigError naming file:line and key.
Schedule load_schedule(const std::filesystem::path& file);
Schedule parse_schedule(std::string_view text, const std::string& source_name, const CampaignCalendar& calendar = {});

// Indices of the slots to rotate now: eligible, available, and of the highest priority among those.
std::vector<size_t> select_slots(const Schedule& schedule, const LocalTime& now,
                                 const std::function<bool(size_t)>& available);

}  // namespace eco
