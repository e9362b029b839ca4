#include "status/metrics_text.h"

#include <cmath>
#include <initializer_list>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "base/iso8601.h"
#include "base/utf8.h"

namespace eco::status {
namespace {

using json = nlohmann::json;
using Labels = std::vector<std::pair<const char*, std::string>>;

// The value at `path` (object keys), or null when a step is missing or not an object.
const json* at(const json& doc, std::initializer_list<const char*> path) {
  const json* j = &doc;
  for (const char* key : path) {
    if (!j->is_object()) return nullptr;
    auto it = j->find(key);
    if (it == j->end()) return nullptr;
    j = &*it;
  }
  return j;
}

// A sample value: integers exactly as they are (counts above 2^53 too), floats in the shortest
// form that reads back the same, and the format's spellings of the non-finite ones.
std::string number_text(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", v);
}

std::optional<std::string> number(const json* j) {
  if (!j) return std::nullopt;
  if (j->is_number_unsigned()) return std::to_string(j->get<uint64_t>());
  if (j->is_number_integer()) return std::to_string(j->get<int64_t>());
  if (j->is_number_float()) return number_text(j->get<double>());
  return std::nullopt;
}

std::optional<std::string> flag(const json* j) {
  if (!j || !j->is_boolean()) return std::nullopt;
  return j->get<bool>() ? "1" : "0";
}

const std::string* text(const json* j) { return j && j->is_string() ? &j->get_ref<const std::string&>() : nullptr; }

// An ISO 8601 time of the document as seconds since 1970 (with its milliseconds).
std::optional<std::string> timestamp(const json* j) {
  const std::string* s = text(j);
  if (!s) return std::nullopt;
  auto t = parse_iso8601(*s, 0);
  if (!t) return std::nullopt;
  return number_text(static_cast<double>(t->utc.time_since_epoch().count()) / 1000.0);
}

// Plugins are "plugin:<id>" in the document's plugin lists and "<id>" in its participation
// counts; the metrics use the id alone, so the families join on the `plugin` label.
std::string plugin_id(std::string_view name) {
  constexpr std::string_view prefix = "plugin:";
  if (name.substr(0, prefix.size()) == prefix) name.remove_prefix(prefix.size());
  return std::string(name);
}

// One metric family: its samples, written with HELP and TYPE only when it has any. A label set
// seen twice (two data sources with the same address) keeps its first sample, since Prometheus
// refuses a whole scrape with a duplicate series.
class Family {
 public:
  Family(std::string name, const char* type, const char* help) : name_(std::move(name)), type_(type), help_(help) {}
  void add(const std::optional<std::string>& value, const Labels& labels = {}, const char* suffix = "") {
    if (!value) return;
    std::string series = name_ + suffix;
    if (!labels.empty()) {
      series += '{';
      for (size_t i = 0; i < labels.size(); ++i) {
        if (i) series += ',';
        series += fmt::format("{}=\"{}\"", labels[i].first, escape_label_value(labels[i].second));
      }
      series += '}';
    }
    if (!seen_.insert(series).second) return;
    samples_ += series + ' ' + *value + '\n';
  }
  void write(std::string& out) const {
    if (samples_.empty()) return;
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name_, help_, name_, type_);
    out += samples_;
  }

 private:
  std::string name_;
  const char* type_;
  const char* help_;
  std::string samples_;
  std::set<std::string> seen_;
};

// A count: a non-negative integer (signed or not, as the document was built or parsed).
std::optional<uint64_t> count_of(const json* j) {
  if (j && j->is_number_unsigned()) return j->get<uint64_t>();
  if (j && j->is_number_integer() && j->get<int64_t>() >= 0) return static_cast<uint64_t>(j->get<int64_t>());
  return std::nullopt;
}

void frame_histogram(const json& doc, std::string& out) {
  const json* h = at(doc, {"frame_histogram"});
  if (!h) return;
  const json *le = at(*h, {"le_ms"}), *cumulative = at(*h, {"cumulative"}), *sum = at(*h, {"sum_ms"});
  auto total = count_of(at(*h, {"count"}));
  if (!le || !cumulative || !le->is_array() || !cumulative->is_array() || le->size() != cumulative->size() || !total ||
      !sum || !sum->is_number())
    return;
  // Buckets that do not add up (bounds out of order, a bucket holding more than the next one or
  // than every frame) would make Prometheus's quantiles nonsense: then no histogram at all.
  std::vector<std::pair<double, uint64_t>> buckets;
  for (size_t i = 0; i < le->size(); ++i) {
    auto n = count_of(&(*cumulative)[i]);
    if (!(*le)[i].is_number() || !n) return;
    double bound = (*le)[i].get<double>();
    if (!std::isfinite(bound) || *n > *total || (!buckets.empty() && (bound <= buckets.back().first || *n < buckets.back().second)))
      return;
    buckets.emplace_back(bound, *n);
  }
  Family f("ecolobby_frame_seconds", "histogram", "Time to draw a frame, every frame since the start.");
  for (const auto& [bound, n] : buckets) f.add(std::to_string(n), {{"le", number_text(bound / 1000.0)}}, "_bucket");
  f.add(std::to_string(*total), {{"le", "+Inf"}}, "_bucket");
  f.add(number_text(sum->get<double>() / 1000.0), {}, "_sum");
  f.add(std::to_string(*total), {}, "_count");
  f.write(out);
}

void plugins(const json& doc, std::string& out) {
  Family errors("ecolobby_plugin_errors_total", "counter",
                "Failures of each plugin (scene or overlay) since the content showing was loaded.");
  Family disabled("ecolobby_plugin_disabled", "gauge", "1 when a plugin is switched off after repeated errors.");
  std::set<std::string> off;
  if (const json* list = at(doc, {"plugins", "disabled"}); list && list->is_array())
    for (const auto& p : *list)
      if (p.is_string()) off.insert(plugin_id(p.get<std::string>()));
  if (const json* failures = at(doc, {"plugins", "failures"}); failures && failures->is_object()) {
    for (const auto& [name, n] : failures->items()) {
      std::string id = plugin_id(name);
      errors.add(number(&n), {{"plugin", id}});
      disabled.add(off.contains(id) ? "1" : "0", {{"plugin", id}});
    }
  }
  for (const auto& id : off) disabled.add("1", {{"plugin", id}});  // already there: kept once
  errors.write(out);
  disabled.write(out);
}

void participation(const json& doc, std::string& out) {
  Family total("ecolobby_participation_events_total", "counter",
               "Participation events committed to the database since the start, per plugin and kind.");
  if (const json* by = at(doc, {"participation", "saved_by_plugin"}); by && by->is_object())
    for (const auto& [plugin, kinds] : by->items())
      if (kinds.is_object())
        for (const auto& [kind, n] : kinds.items()) total.add(number(&n), {{"plugin", plugin_id(plugin)}, {"kind", kind}});
  total.write(out);

  Family today("ecolobby_participation_events_today", "gauge",
               "Participation events recorded today (the screen's local day), per plugin.");
  if (const json* by = at(doc, {"participation", "today_by_plugin"}); by && by->is_object())
    for (const auto& [plugin, n] : by->items()) today.add(number(&n), {{"plugin", plugin_id(plugin)}});
  today.write(out);

  Family failing("ecolobby_participation_write_failing", "gauge",
                 "1 while participation records cannot be written (they wait in memory).");
  if (const json* e = at(doc, {"participation", "write_error"}); e && (e->is_null() || e->is_string()))
    failing.add(e->is_null() ? "0" : "1");
  failing.write(out);
}

void plays(const json& doc, std::string& out) {
  Family plays("ecolobby_plays_total", "counter",
               "Showings since the start (proof of play), per campaign; campaign=\"\" is slots of no campaign.");
  const json* by = at(doc, {"plays", "by_campaign"});
  if (by && by->is_object())
    for (const auto& [campaign, n] : by->items()) plays.add(number(&n), {{"campaign", campaign}});
  plays.write(out);
}

// A gauge of one sample without labels.
void single(std::string& out, const char* name, const char* type, const char* help, const std::optional<std::string>& value) {
  Family f(name, type, help);
  f.add(value);
  f.write(out);
}

}  // namespace

std::string escape_label_value(std::string_view value) {
  // Prometheus refuses a scrape with a label value that is not UTF-8: bad bytes become U+FFFD.
  std::string valid = is_valid_utf8(value) ? std::string(value) : to_valid_utf8(value);
  std::string out;
  out.reserve(valid.size());
  for (char c : valid) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string metrics_text(const json& doc) {
  std::string out;
  single(out, "ecolobby_up", "gauge", "1: the screen's status endpoint answered.", "1");

  Family build("ecolobby_build_info", "gauge", "The program's version, as a label.");
  if (const std::string* v = text(at(doc, {"program_version"}))) build.add("1", {{"version", *v}});
  build.write(out);
  Family content("ecolobby_content_info", "gauge", "The version of the content showing, as a label.");
  if (const std::string* v = text(at(doc, {"content_version"}))) content.add("1", {{"version", *v}});
  content.write(out);
  Family kiosk("ecolobby_kiosk_info", "gauge", "This screen's kiosk_id and institution, as labels.");
  const std::string *id = text(at(doc, {"kiosk_id"})), *institution = text(at(doc, {"institution", "name"}));
  if (id) kiosk.add("1", {{"kiosk_id", *id}, {"institution", institution ? *institution : ""}});
  kiosk.write(out);

  single(out, "ecolobby_uptime_seconds", "gauge", "Seconds since the program started.", number(at(doc, {"uptime_s"})));
  single(out, "ecolobby_safe_mode", "gauge", "1 when the screen started in safe mode after repeated crashes.",
         flag(at(doc, {"safe_mode"})));
  const std::string* screen = text(at(doc, {"screen"}));
  single(out, "ecolobby_screen_off", "gauge", "1 outside the display hours (the screen is dark).",
         screen ? std::optional<std::string>(*screen == "off" ? "1" : "0") : std::nullopt);
  single(out, "ecolobby_frames_last_minute", "gauge", "Frames drawn in the last 60 s (the screen draws only on change).",
         number(at(doc, {"frames_last_minute"})));
  frame_histogram(doc, out);
  const json* rss = at(doc, {"rss_mb"});
  single(out, "ecolobby_resident_memory_bytes", "gauge", "Resident memory of the program.",
         rss && rss->is_number() ? std::optional<std::string>(number_text(std::round(rss->get<double>() * 1048576.0)))
                                 : std::nullopt);
  single(out, "ecolobby_disk_free_bytes", "gauge", "Free space of the data directory's file system.",
         number(at(doc, {"disk_free_bytes"})));

  Family age("ecolobby_data_age_seconds", "gauge", "Seconds since the last good fetch of each data source.");
  Family ok("ecolobby_data_source_ok", "gauge", "1 when the last fetch of a data source worked.");
  if (const json* sources = at(doc, {"data_sources"}); sources && sources->is_array()) {
    for (const auto& s : *sources) {
      const std::string* url = text(at(s, {"url"}));
      if (!url) continue;
      age.add(number(at(s, {"age_s"})), {{"source", *url}});
      ok.add(flag(at(s, {"ok"})), {{"source", *url}});
    }
  }
  age.write(out);
  ok.write(out);

  plugins(doc, out);
  participation(doc, out);
  plays(doc, out);

  single(out, "ecolobby_update_last_check_timestamp_seconds", "gauge", "When the update server was last asked.",
         timestamp(at(doc, {"updates", "last_check"})));
  single(out, "ecolobby_update_last_success_timestamp_seconds", "gauge",
         "When a check of the update server last went well (up to date, or installed).",
         timestamp(at(doc, {"updates", "last_success"})));

  Family problems("ecolobby_problems_total", "counter", "Warnings and errors logged since the start, per level.");
  if (const json* logged = at(doc, {"problems_logged"}); logged && logged->is_object())
    for (const auto& [level, n] : logged->items()) problems.add(number(&n), {{"level", level}});
  problems.write(out);
  return out;
}

}  // namespace eco::status
