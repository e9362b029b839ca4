#include "scene/video_slot.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include "base/safe_path.h"
#include "base/toml_reader.h"

namespace eco {

VideoSlot read_video_slot(const TomlReader& r) {
  VideoSlot v;
  std::string file = r.required_string("file");
  auto safe = normalize_entry_path(file);
  if (!safe) r.fail("file", "a path inside the content directory, like \"video/week.mp4\"");
  v.file = *safe;
  const toml::node* key = r.raw().get("file");
  v.file_where = fmt::format("{}:{}", r.file(), key ? key->source().begin.line : r.raw().source().begin.line);
  v.loop = r.boolean("loop", false);
  v.audio = r.boolean("audio", false);
  v.volume = static_cast<int>(r.integer("volume", 100, 0, 100));
  v.cover = r.choice("fit", "contain", {"contain", "cover"}) == "cover";
  v.caption = read_localized(r, "caption");
  v.length_from_video = !r.has("duration_s");
  return v;
}

}  // namespace eco
