#pragma once
// Proof of play: one slot as it was on screen (what, from when, for how long, how it ended).
// Recorded through the participation writer, so it costs a frame one queue push; stored
// compactly (the slot's description once in play_items, each showing a 5-column row in plays)
// and rolled up per day in daily_plays, which reports and the county hub read.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/sqlite.h"

namespace eco::store {

// Why a slot left the screen. `Done` is the slot's own end (its duration, the video's end);
// the others cut it short or extended it.
enum class PlayEnding { Done, Touched, Update, Failed, DisplayOff, Stopped };
// "done", "touched", "update", "failed", "display_off", "stopped": as stored and reported.
std::string_view ending_name(PlayEnding ending);
std::optional<PlayEnding> ending_from_name(std::string_view name);

struct Play {
  int64_t start_ms = 0;  // UTC milliseconds, when the slot came on screen (its crossfade began)
  int64_t day = 0;       // local day number of the start
  int64_t shown_ms = 0;
  PlayEnding ending = PlayEnding::Done;
  std::string kiosk, content_version;
  std::string scene;     // "slide", "video", "plugin", … "fallback"
  std::string item;      // what the slot showed: the plugin id, the media file, the slide's title
  std::string campaign;  // the slot's campaign, "" when none
};

// Inserts `play` and adds it to its day's rollup, inside the caller's transaction.
void insert_play(Connection& c, const Play& play);

}  // namespace eco::store
