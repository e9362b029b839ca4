#include "store/play.h"

#include <array>

namespace eco::store {
namespace {

constexpr std::array<std::string_view, 6> kEndingNames{"done", "touched", "update", "failed", "display_off", "stopped"};

}  // namespace

std::string_view ending_name(PlayEnding ending) { return kEndingNames[static_cast<size_t>(ending)]; }

std::optional<PlayEnding> ending_from_name(std::string_view name) {
  for (size_t i = 0; i < kEndingNames.size(); ++i)
    if (kEndingNames[i] == name) return static_cast<PlayEnding>(i);
  return std::nullopt;
}

void insert_play(Connection& c, const Play& p) {
  // The description repeats all day (a few dozen slots): stored once, referenced by id.
  Statement item = c.prepare(
      "INSERT INTO play_items(kiosk, content_version, scene, item, campaign) VALUES(?, ?, ?, ?, ?) "
      "ON CONFLICT(kiosk, content_version, scene, item, campaign) DO UPDATE SET kiosk = excluded.kiosk RETURNING id");
  item.bind(1, p.kiosk).bind(2, p.content_version).bind(3, p.scene).bind(4, p.item).bind(5, p.campaign);
  if (!item.step()) throw SqliteError("play_items: no id returned", 1);
  int64_t id = item.column_int(0);
  item.reset();
  std::string ending(ending_name(p.ending));
  Statement row = c.prepare("INSERT INTO plays(start_ms, day, item, shown_ms, ending) VALUES(?, ?, ?, ?, ?)");
  row.bind(1, p.start_ms).bind(2, p.day).bind(3, id).bind(4, p.shown_ms).bind(5, ending);
  row.step();
  Statement rollup = c.prepare(
      "INSERT INTO daily_plays(day, item, ending, n, shown_ms) VALUES(?, ?, ?, 1, ?) "
      "ON CONFLICT(day, item, ending) DO UPDATE SET n = n + 1, shown_ms = shown_ms + excluded.shown_ms");
  rollup.bind(1, p.day).bind(2, id).bind(3, ending).bind(4, p.shown_ms);
  rollup.step();
}

}  // namespace eco::store
