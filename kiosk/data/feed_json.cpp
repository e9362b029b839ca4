#include "data/feed_json.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <simdjson.h>

#include "base/iso8601.h"
#include "base/utf8.h"
#include "data/json_outline.h"

namespace eco::data {
namespace {

namespace od = simdjson::ondemand;

constexpr std::string_view kSchema = "ecolobby-feed/1";

// Feed text quoted in a message: a line, not a megabyte, and never cut inside a character.
std::string shown(std::string_view text) { return utf8_excerpt(text, 80); }

// Turns byte offsets into line numbers, counting newlines only once for offsets that grow.
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) : text_(text) {}
  size_t line(size_t offset) {
    if (offset < offset_) offset_ = 0, line_ = 1;
    offset = std::min(offset, text_.size());
    line_ += static_cast<size_t>(std::count(text_.begin() + static_cast<long>(offset_), text_.begin() + static_cast<long>(offset), '\n'));
    offset_ = offset;
    return line_;
  }

 private:
  std::string_view text_;
  size_t offset_ = 0, line_ = 1;
};

class Reader {
 public:
  // Each element is parsed in place: it only needs SIMDJSON_PADDING readable bytes after it,
  // which the body's spare capacity provides, so no copy the size of the feed is made.
  Reader(std::string& body, const std::string& source, const FactorSet& factors)
      : body_(pad(body)), capacity_(body.capacity()), lines_(body), factors_(factors) {
    feed_.source = source;
  }

  Feed read() {
    std::vector<JsonField> root = root_fields();
    read_header_and_structure(root);
    if (const JsonField* readings = field(root, "readings")) read_readings(readings->value);
    if (offsets_seen_.size() > 1) {
      std::string list;
      for (int o : offsets_seen_) list += (list.empty() ? "" : ", ") + format_offset(o);
      feed_.problem(feed_.source, fmt::format("timestamps use several UTC offsets ({}); each is read as the instant it names", list));
    }
    return std::move(feed_);
  }

 private:
  [[noreturn]] void fail_at(size_t offset, std::string_view what) {
    throw FeedError(fmt::format("{}:{}: {}", feed_.source, lines_.line(offset), what));
  }
  [[noreturn]] void fail_here(std::string_view what) { fail_at(here(), what); }
  // Where the parser is in the element it reads, as an offset in the whole body.
  size_t here() {
    const char* p = nullptr;
    if (doc_.current_location().get(p)) return element_.end;
    return static_cast<size_t>(p - body_.data());
  }
  std::string where(size_t offset, std::string_view item) {
    return fmt::format("{}:{} {}", feed_.source, lines_.line(offset), item);
  }
  static std::string format_offset(int minutes) {
    if (minutes == 0) return "Z";
    return fmt::format("{}{:02}:{:02}", minutes < 0 ? '-' : '+', std::abs(minutes) / 60, std::abs(minutes) % 60);
  }

  // Fails the whole feed on a structural JSON error (truncated body, bad syntax).
  template <typename T>
  T check(simdjson::simdjson_result<T> r, std::string_view what) {
    T value;
    if (auto e = std::move(r).get(value)) fail_here(fmt::format("{}: {}", what, simdjson::error_message(e)));
    return value;
  }

  // The structure around the values; a break in it fails the whole feed, as a syntax error does.
  template <typename F>
  auto structural(F&& outline) {
    try {
      return outline();
    } catch (const JsonSyntaxError& e) {
      fail_at(e.offset, e.what());
    }
  }
  std::vector<JsonField> root_fields() {
    return structural([&] { return outline_root_object(body_); });
  }

  // One value of the body (a top-level scalar or one element of an array) as a document of its own.
  od::document& parse(JsonRange r) {
    element_ = r;
    simdjson::padded_string_view view(body_.data() + r.begin, r.size(), capacity_ - r.begin);
    if (auto e = parser_.iterate(view).get(doc_)) fail_at(r.begin, simdjson::error_message(e));
    return doc_;
  }

  std::string key_of(const JsonField& f) {
    if (!f.key_escaped) return std::string(f.key);
    size_t open = static_cast<size_t>(f.key.data() - body_.data()) - 1;
    return std::string(check(parse({open, open + f.key.size() + 2}).get_string(), "top level key"));
  }

  // Keys are compared unescaped: "\u006deters" is "meters", as every JSON reader takes it.
  const JsonField* field(const std::vector<JsonField>& fields, std::string_view key) {
    for (const auto& f : fields)
      if (key_of(f) == key) return &f;
    return nullptr;
  }

  // Calls `each` for every element of the array in `array`; a break in it fails the feed.
  void for_each(JsonRange array, const char* what, const std::function<void(JsonRange)>& each) {
    if (kind_of(body_, array) != '[') fail_at(array.begin, what);
    structural([&] { for_each_element(body_, array, each); });
  }

  void read_header_and_structure(const std::vector<JsonField>& root) {
    bool have_schema = false;
    for (const JsonField& f : root) {
      std::string key = key_of(f);
      if (key == "schema") {
        feed_.schema = std::string(check(parse(f.value).get_string(), "schema"));
        have_schema = true;
        if (feed_.schema != kSchema)
          fail_at(f.value.begin, fmt::format("schema '{}' is not supported (this kiosk reads {})", shown(feed_.schema), kSchema));
      } else if (key == "generated_at") {
        std::string_view text = check(parse(f.value).get_string(), "generated_at");
        auto t = parse_iso8601(text);
        if (!t) fail_at(f.value.begin, fmt::format("generated_at '{}' is not an ISO 8601 time", shown(text)));
        feed_.generated_at = unix_seconds(t->utc);
      } else if (key == "scope") {
        feed_.region_scope = check(parse(f.value).get_string(), "scope") == "region";
      } else if (key == "buildings") {
        read_buildings(f.value);
      } else if (key != "meters" && key != "readings") {
        feed_.problem(where(f.value.begin, "top level"), fmt::format("unknown key '{}' ignored", shown(key)));
      }
    }
    if (!have_schema) fail_at(0, fmt::format("no \"schema\": \"{}\" at the top level: not an EcoLobby feed", kSchema));
    if (feed_.buildings.empty()) fail_at(0, "the feed lists no buildings");
    // Meters refer to buildings, which may come later in the object: they are read after them.
    const JsonField* meters = field(root, "meters");
    if (!meters) fail_at(0, "the feed lists no meters");
    read_meters(meters->value);
    if (feed_.meters.empty()) fail_at(meters->value.begin, "no usable meters");
  }

  void read_buildings(JsonRange list) {
    size_t index = 0;
    for_each(list, "buildings must be an array", [&](JsonRange item) {
      size_t at = item.begin;
      od::object o = check(parse(item).get_object(), "buildings[] must be objects");
      Building b;
      std::string bad;
      for (auto fr : o) {
        od::field f = check(std::move(fr), "building");
        std::string_view key = check(f.unescaped_key(), "building key");
        od::value v = f.value();
        if (key == "id") b.id = std::string(text(v, "id", bad));
        else if (key == "name") b.name = std::string(text(v, "name", bad));
        else if (key == "type") {
          std::string_view t = text(v, "type", bad);
          if (!bad.empty()) break;
          if (t == "state_organ") b.type = BuildingType::StateOrgan;
          else if (t == "public_unit") b.type = BuildingType::PublicUnit;
          else if (t == "group") b.type = BuildingType::Group;
          else bad = fmt::format("type '{}' is not state_organ, public_unit or group", shown(t));
        } else if (key == "area_m2") b.area_m2 = number(v, "area_m2", bad);
        else if (key == "occupants") b.occupants = number(v, "occupants", bad);
        else if (key == "tz") {
          std::string_view t = text(v, "tz", bad);
          if (!bad.empty()) break;
          auto off = parse_utc_offset(t);
          if (!off) bad = fmt::format("tz '{}' is not a UTC offset like +08:00", shown(t));
          else b.utc_offset_minutes = *off;
        }
        if (!bad.empty()) break;  // the item is left out: its other fields do not matter
      }
      std::string item_name = fmt::format("buildings[{}]", index++);
      if (bad.empty() && b.id.empty()) bad = "has no id";
      if (bad.empty() && building_index_.count(b.id)) bad = fmt::format("id '{}' is listed twice", b.id);
      if (!bad.empty()) {
        feed_.problem(where(at, item_name), bad + "; building left out");
        return;
      }
      if (b.name.empty()) b.name = b.id;
      building_index_.emplace(b.id, static_cast<uint32_t>(feed_.buildings.size()));
      feed_.buildings.push_back(std::move(b));
    });
  }

  // A non-negative finite number; otherwise `bad` says why.
  static double number(od::value& v, std::string_view key, std::string& bad) {
    double d = 0;
    if (v.get_double().get(d) || !std::isfinite(d) || d < 0) {
      bad = fmt::format("{} must be a number ≥ 0", key);
      return 0;
    }
    return d;
  }

  // A string; a wrong type or a broken string (a lone surrogate, a bad escape) makes the item bad,
  // not the feed: one building, meter or reading is left out with a line naming the key.
  static std::string_view text(od::value& v, std::string_view key, std::string& bad) {
    std::string_view s;
    if (auto e = v.get_string().get(s)) {
      bad = fmt::format("{} is not a valid string ({})", key,
                        e == simdjson::INCORRECT_TYPE ? "another JSON type" : simdjson::error_message(e));
      return {};
    }
    return s;
  }

  // Whole seconds from 1 to a year (a double outside int64 is undefined to convert).
  static int64_t seconds(od::value& v, std::string_view key, std::string& bad) {
    double d = number(v, key, bad);
    if (!bad.empty()) return 0;
    if (d < 1 || d > 366.0 * 86400 || d != std::floor(d)) {
      bad = fmt::format("{} must be whole seconds from 1 to 31622400 (a year)", key);
      return 0;
    }
    return static_cast<int64_t>(d);
  }

  void read_meters(JsonRange list) {
    size_t index = 0;
    std::vector<std::pair<size_t, std::string>> parents;  // meter index → parent id
    std::unordered_map<std::string, uint32_t> meter_ids;
    for_each(list, "meters must be an array", [&](JsonRange item) {
      size_t at = item.begin;
      od::object o = check(parse(item).get_object(), "meters[] must be objects");
      Meter m;
      std::string bad, building, parent, energy, mode = "cumulative";
      for (auto fr : o) {
        od::field f = check(std::move(fr), "meter");
        std::string_view key = check(f.unescaped_key(), "meter key");
        od::value v = f.value();
        if (key == "id") m.id = std::string(text(v, "id", bad));
        else if (key == "building") building = std::string(text(v, "building", bad));
        else if (key == "energy") energy = std::string(text(v, "energy", bad));
        else if (key == "code") m.code = std::string(text(v, "code", bad));
        else if (key == "unit") m.unit = std::string(text(v, "unit", bad));
        else if (key == "mode") mode = std::string(text(v, "mode", bad));
        else if (key == "main") m.main = check(v.get_bool(), "meter main must be true or false");
        else if (key == "parent") parent = std::string(text(v, "parent", bad));
        else if (key == "interval_s") m.interval_s = seconds(v, "interval_s", bad);
        if (!bad.empty()) break;
      }
      std::string item_name = fmt::format("meters[{}] '{}'", index++, m.id);
      auto b = building_index_.find(building);
      auto e = parse_energy(energy);
      if (!bad.empty()) {
      } else if (m.id.empty()) bad = "has no id";
      else if (meter_ids.count(m.id)) bad = "id is listed twice";
      else if (b == building_index_.end()) bad = fmt::format("building '{}' is not in buildings", building);
      else if (!e) bad = fmt::format("energy '{}' is not one of electricity, water, natural_gas, coal, gasoline, diesel, lpg, heat", energy);
      else if (mode != "cumulative" && mode != "interval") bad = fmt::format("mode '{}' is not cumulative or interval", mode);
      if (bad.empty()) {
        m.energy = *e;
        if (m.unit.empty()) m.unit = factors_.factor(*e).unit;
        try {
          m.unit_scale = factors_.unit_scale(*e, m.unit);
        } catch (const std::invalid_argument& err) {
          bad = err.what();
        }
      }
      if (!bad.empty()) {
        feed_.problem(where(at, item_name), bad + "; meter and its readings left out");
        return;
      }
      m.building = b->second;
      m.mode = mode == "interval" ? MeterMode::Interval : MeterMode::Cumulative;
      if (!parent.empty()) parents.emplace_back(feed_.meters.size(), parent);
      meter_ids.emplace(m.id, static_cast<uint32_t>(feed_.meters.size()));
      feed_.meters.push_back(std::move(m));
    });
    for (uint32_t i = 0; i < feed_.meters.size(); ++i) meter_index_.emplace(feed_.meters[i].id, i);
    for (auto& [i, parent] : parents) {
      auto p = meter_ids.find(parent);
      if (p == meter_ids.end() || feed_.meters[p->second].building != feed_.meters[i].building)
        feed_.problem(feed_.source, fmt::format("meter '{}': parent '{}' is not a meter of the same building; shown without parent",
                                                feed_.meters[i].id, parent));
      else
        feed_.meters[i].parent = p->second;
    }
  }

  void read_readings(JsonRange list) {
    feed_.readings.reserve(list.size() / 80);  // a reading is about 80 bytes of JSON
    size_t index = 0;
    for_each(list, "readings must be an array", [&](JsonRange item) {
      size_t at = item.begin;
      od::object o = check(parse(item).get_object(), "readings[] must be objects");
      std::string_view meter, ts, quality = "ok";
      double value = 0;
      bool have_value = false;
      std::string bad;
      for (auto fr : o) {
        od::field f = check(std::move(fr), "reading");
        std::string_view key = check(f.unescaped_key(), "reading key");
        od::value fv = f.value();
        if (key == "meter") meter = text(fv, "meter", bad);
        else if (key == "ts") ts = text(fv, "ts", bad);
        else if (key == "quality") quality = text(fv, "quality", bad);
        else if (key == "value") {
          if (fv.get_double().get(value)) {
            std::string_view raw = fv.raw_json_token();
            bad = fmt::format("value {} is not a number", utf8_excerpt(raw, 20));
          } else {
            have_value = true;
          }
        }
        if (!bad.empty()) break;
      }
      size_t i = index++;
      auto m = meter_index_.find(meter);
      Reading r;
      if (!bad.empty()) {
      } else if (m == meter_index_.end()) {
        if (!unknown_meters_.insert(std::string(meter)).second) return;  // once per meter
        bad = fmt::format("meter '{}' is not in meters; its readings are left out", shown(meter));
      } else {
        r.meter = m->second;
        const Building& b = feed_.buildings[feed_.meters[r.meter].building];
        auto t = parse_iso8601(ts, b.utc_offset_minutes);
        if (!t) bad = fmt::format("ts '{}' is not an ISO 8601 time", shown(ts));
        else {
          r.ts = unix_seconds(t->utc);
          if (offsets_seen_.size() < 8) offsets_seen_.insert(t->offset_minutes);
        }
        if (quality == "ok") r.quality = Quality::Ok;
        else if (quality == "estimated") r.quality = Quality::Estimated;
        else if (quality == "missing") r.quality = Quality::Missing;
        else bad = fmt::format("quality '{}' is not ok, estimated or missing", shown(quality));
        if (bad.empty() && !have_value && r.quality != Quality::Missing) bad = "has no value";
        if (bad.empty() && r.quality != Quality::Missing && (!std::isfinite(value) || value < 0))
          bad = fmt::format("value {} is negative", value);
        if (bad.empty() && r.quality != Quality::Missing && !std::isfinite(value * feed_.meters[r.meter].unit_scale))
          bad = fmt::format("value {} is out of range", value);
      }
      if (!bad.empty()) {
        feed_.problem(where(at, fmt::format("readings[{}]", i)), bad);
        return;
      }
      r.value = r.quality == Quality::Missing ? 0 : value * feed_.meters[r.meter].unit_scale;
      r.position = static_cast<uint32_t>(std::min<size_t>(lines_.line(at), UINT32_MAX));
      feed_.readings.push_back(r);
    });
  }

  static std::string_view pad(std::string& body) {
    if (body.capacity() < body.size() + simdjson::SIMDJSON_PADDING) body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
    return body;
  }

  std::string_view body_;
  size_t capacity_;
  od::parser parser_;
  od::document doc_;
  JsonRange element_;  // what doc_ holds
  LineCounter lines_;
  const FactorSet& factors_;
  Feed feed_;
  std::unordered_map<std::string, uint32_t> building_index_;
  std::unordered_map<std::string_view, uint32_t> meter_index_;  // views into feed_.meters ids, made once they are all read
  std::set<std::string> unknown_meters_;
  std::set<int> offsets_seen_;
};

}  // namespace

Feed parse_feed_json(std::string& body, const std::string& source, const FactorSet& factors) {
  return Reader(body, source, factors).read();
}

}  // namespace eco::data
