#include "app/input_script.h"

#include <algorithm>
#include <charconv>
#include <sstream>

#include <fmt/format.h>

#include "base/toml_reader.h"

namespace eco {

InputScript InputScript::load(const std::string& path) { return parse(read_text_file(path), path); }

InputScript InputScript::parse(const std::string& text, const std::string& source) {
  InputScript script;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    auto fail = [&](const std::string& why) {
      throw ConfigError(fmt::format("{}:{}: {} (expected '<ms> tap <x> <y>', '<ms> swipe <x1> <y1> <x2> <y2>', '<ms> key <name>' or '<ms> text <utf8>')",
                                    source, number, why));
    };
    std::istringstream words(line);
    std::string ms_text, verb;
    words >> ms_text >> verb;
    ScriptedInput ev;
    auto [ptr, ec] = std::from_chars(ms_text.data(), ms_text.data() + ms_text.size(), ev.at_ms);
    if (ec != std::errc{} || ptr != ms_text.data() + ms_text.size() || ev.at_ms < 0) fail("bad time '" + ms_text + "'");
    if (verb == "tap") {
      ev.kind = ScriptedInput::Kind::Tap;
      if (!(words >> ev.x >> ev.y)) fail("tap needs x and y");
    } else if (verb == "swipe") {
      ev.kind = ScriptedInput::Kind::Swipe;
      if (!(words >> ev.x >> ev.y >> ev.x2 >> ev.y2)) fail("swipe needs x1 y1 x2 y2");
    } else if (verb == "key") {
      ev.kind = ScriptedInput::Kind::Key;
      if (!(words >> ev.value)) fail("key needs a name");
    } else if (verb == "text") {
      ev.kind = ScriptedInput::Kind::Text;
      auto pos = line.find("text", line.find(ms_text) + ms_text.size());
      ev.value = line.substr(std::min(line.size(), pos + 5));
      if (ev.value.empty()) fail("text needs some text");
    } else {
      fail("unknown event '" + verb + "'");
    }
    script.events_.push_back(ev);
  }
  std::stable_sort(script.events_.begin(), script.events_.end(),
                   [](const ScriptedInput& a, const ScriptedInput& b) { return a.at_ms < b.at_ms; });
  return script;
}

std::vector<ScriptedInput> InputScript::take_due(int64_t elapsed_ms) {
  std::vector<ScriptedInput> due;
  while (next_ < events_.size() && events_[next_].at_ms <= elapsed_ms) due.push_back(events_[next_++]);
  return due;
}

int64_t InputScript::next_at() const { return next_ < events_.size() ? events_[next_].at_ms : -1; }

}  // namespace eco
