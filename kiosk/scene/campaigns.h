#pragma once
// content/campaigns.toml: the campaign calendar. Each campaign has date windows (节能宣传周 is
// set yearly by NDRC, so each year's dates are added as they are announced) or is a day of
// another campaign (全国低碳日 is the third day of that week), and a priority. Schedule slots
// that name a campaign rotate only inside its windows, at its priority, so during the week they
// replace the everyday loop and outside it the normal schedule shows. A campaign's theme (an
// accent colour and a slogan) dresses every page while it runs.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/localized_text.h"
#include "render/painter.h"

namespace eco {

struct DayRange {
  int64_t from = 0, until = 0;  // inclusive local days since 1970-01-01
  bool contains(int64_t day) const { return day >= from && day <= until; }
};

struct Campaign {
  std::string id;
  LocalizedText name;
  LocalizedText slogan;         // theme: shown on the welcome page and in footers while it runs
  std::optional<Color> accent;  // theme: the backdrop's and footers' accent colour
  int priority = 10;
  std::vector<DayRange> windows;
  std::string day_of;  // the campaign whose windows this one's days come from, if any
  std::string where;   // "campaigns.toml:12"

  bool active(int64_t day) const;
};

struct CampaignCalendar {
  std::map<std::string, Campaign> campaigns;
  std::string source;
  const Campaign* find(const std::string& id) const;
  std::string ids() const;  // "energy_week, low_carbon_day" for messages
  // The campaign dressing the screen on `day`: the highest priority among those running, and on
  // a tie the one that is a day of another (全国低碳日 inside 节能宣传周). Null when none runs.
  const Campaign* running(int64_t day) const;
};

// A missing file is an empty calendar. Throws ConfigError naming file:line and key.
CampaignCalendar load_campaigns(const std::filesystem::path& file);
CampaignCalendar parse_campaigns(std::string_view text, const std::string& source);

}  // namespace eco
