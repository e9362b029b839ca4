#pragma once
// The keys of a `scene = "video"` slot: the file (inside the content directory), play once or
// loop, muted unless audio is asked for, contain or cover, an optional caption.
#include <optional>
#include <string>

#include "base/localized_text.h"

namespace eco {

class TomlReader;

struct VideoSlot {
  std::string file;        // normalized, relative to the content directory
  std::string file_where;  // "schedule.toml:14", the `file` key, for messages about the video
  bool loop = false;
  bool audio = false;
  int volume = 100;
  bool cover = false;  // fit = "cover": fill the screen, cropping; else the whole picture (contain)
  LocalizedText caption;
  bool length_from_video = true;  // no duration_s: the slot lasts the video
};

// Reads the video keys of a slot; throws ConfigError naming file:line and key.
VideoSlot read_video_slot(const TomlReader& r);

}  // namespace eco
