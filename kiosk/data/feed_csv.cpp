#include "data/feed_csv.h"

#include <charconv>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "base/iso8601.h"
#include "base/utf8.h"

namespace eco::data {
namespace {

// A quoted cell longer than this many lines is taken for a stray quote, not for a cell.
constexpr size_t kMaxLinesInCell = 20;

bool line_break_at(std::string_view s, size_t i) { return s[i] == '\n' || s[i] == '\r'; }
// Past the line break at i: LF, CRLF or a lone CR (what spreadsheets on old Macs save).
size_t past_break(std::string_view s, size_t i) { return s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n' ? i + 2 : i + 1; }

struct CsvRecord {
  std::vector<std::string> cells;
  size_t lines = 1;       // physical lines it took
  bool unclosed = false;  // a quote opened and never closed (the record is its first line)
  bool blank() const {
    for (const auto& c : cells)
      if (!c.empty()) return false;
    return true;
  }
};

// One CSV record from the front of `rest` (RFC 4180): a cell that starts with a quote may hold
// commas, doubled quotes and line breaks (kept as spaces: a name is one line on the screen); a
// quote inside an unquoted cell is a character. `quotes` false: quotes are characters (the
// first line again, after a quote that never closed).
CsvRecord read_record(std::string_view& rest, bool quotes = true) {
  CsvRecord r;
  r.cells.emplace_back();
  bool quoted = false, at_cell_start = true;
  size_t i = 0;
  for (; i < rest.size(); ++i) {
    char c = rest[i];
    if (quoted) {
      if (c == '"' && i + 1 < rest.size() && rest[i + 1] == '"') {
        r.cells.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else if (line_break_at(rest, i)) {
        if (++r.lines > kMaxLinesInCell) break;
        i = past_break(rest, i) - 1;
        r.cells.back() += ' ';
      } else {
        r.cells.back() += c;
      }
    } else if (c == '"' && at_cell_start && quotes) {
      quoted = true;
      at_cell_start = false;
    } else if (c == ',') {
      r.cells.emplace_back();
      at_cell_start = true;
    } else if (line_break_at(rest, i)) {
      break;
    } else {
      if (c != ' ' && c != '\t') at_cell_start = false;
      r.cells.back() += c;
    }
  }
  if (quoted) {  // ran to the end of the file or past kMaxLinesInCell: read the first line plainly
    CsvRecord plain = read_record(rest, false);
    plain.unclosed = true;
    return plain;
  }
  rest.remove_prefix(i < rest.size() ? past_break(rest, i) : rest.size());
  for (auto& cell : r.cells) {
    while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t')) cell.pop_back();
    while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t')) cell.erase(0, 1);
  }
  return r;
}

// "2026-01", "2026/1", "2026-01-01" → year and month.
bool parse_month(const std::string& text, int& year, int& month) {
  const char* p = text.data();
  const char* end = p + text.size();
  auto r = std::from_chars(p, end, year);
  if (r.ec != std::errc() || r.ptr == end || (*r.ptr != '-' && *r.ptr != '/')) return false;
  r = std::from_chars(r.ptr + 1, end, month);
  if (r.ec != std::errc()) return false;
  if (r.ptr != end && !(*r.ptr == '-' || *r.ptr == '/')) return false;
  return year >= 1990 && year <= 2200 && month >= 1 && month <= 12;
}

// An optional size (area, occupants): 0, meaning unknown, unless a finite number ≥ 0.
double non_negative(const std::string& text) {
  double v = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  return r.ec == std::errc() && std::isfinite(v) && v > 0 ? v : 0;
}

}  // namespace

Feed parse_monthly_csv(std::string_view body, const std::string& source, const FactorSet& factors, int utc_offset_minutes) {
  Feed feed;
  feed.source = source;
  feed.schema = "monthly-csv";
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);  // also when called without parse_feed's decoding

  std::map<std::string, int> column;
  std::map<std::string, uint32_t> buildings, meters;
  size_t line_no = 0;
  const std::vector<std::string> required = {"building", "month", "energy", "quantity", "unit"};
  while (!body.empty()) {
    CsvRecord record = read_record(body);
    size_t first_line = line_no + 1;
    line_no += record.lines;
    if (record.blank()) continue;  // blank rows, and rows of commas only
    const std::vector<std::string>& cells = record.cells;
    std::string where = fmt::format("{}:{}", source, first_line);
    if (record.unclosed && !column.empty()) {
      feed.problem(where, "a quoted cell is not closed (a \" with no closing \"); row left out");
      continue;
    }
    if (column.empty()) {
      for (size_t i = 0; i < cells.size(); ++i) column[cells[i]] = static_cast<int>(i);
      for (const auto& name : required)
        if (!column.count(name))
          throw FeedError(fmt::format("{}: the header has no '{}' column (needs building, month, energy, quantity, unit)", where, name));
      continue;
    }
    auto cell = [&](const std::string& name) -> std::string {
      auto c = column.find(name);
      return c == column.end() || c->second >= static_cast<int>(cells.size()) ? std::string() : cells[c->second];
    };
    int year = 0, month = 0;
    auto energy = parse_energy(cell("energy"));
    double quantity = 0;
    std::string q = cell("quantity");
    auto qr = std::from_chars(q.data(), q.data() + q.size(), quantity);
    if (cell("building").empty()) { feed.problem(where, "no building id; row left out"); continue; }
    if (!parse_month(cell("month"), year, month)) { feed.problem(where, fmt::format("month '{}' is not like 2026-01; row left out", utf8_excerpt(cell("month"), 80))); continue; }
    if (!energy) { feed.problem(where, fmt::format("energy '{}' is not one of electricity, water, natural_gas, coal, gasoline, diesel, lpg, heat; row left out", utf8_excerpt(cell("energy"), 80))); continue; }
    if (qr.ec != std::errc() || qr.ptr != q.data() + q.size() || !std::isfinite(quantity) || quantity < 0) {
      feed.problem(where, fmt::format("quantity '{}' is not a number ≥ 0; row left out", utf8_excerpt(q, 80)));
      continue;
    }
    double scale = 1;
    try {
      scale = factors.unit_scale(*energy, cell("unit"));
    } catch (const std::invalid_argument& e) {
      feed.problem(where, fmt::format("{}; row left out", e.what()));
      continue;
    }

    auto [b, new_building] = buildings.emplace(cell("building"), static_cast<uint32_t>(feed.buildings.size()));
    if (new_building) {
      Building building;
      building.id = cell("building");
      building.name = cell("name").empty() ? building.id : cell("name");
      std::string type = cell("type");
      building.type = type == "state_organ" ? BuildingType::StateOrgan : type == "group" ? BuildingType::Group : BuildingType::PublicUnit;
      building.area_m2 = non_negative(cell("area_m2"));
      building.occupants = non_negative(cell("occupants"));
      building.utc_offset_minutes = utc_offset_minutes;
      feed.buildings.push_back(std::move(building));
    }
    std::string meter_id = fmt::format("{}/{}/monthly", cell("building"), energy_name(*energy));
    auto [m, new_meter] = meters.emplace(meter_id, static_cast<uint32_t>(feed.meters.size()));
    if (new_meter) {
      Meter meter;
      meter.id = meter_id;
      meter.building = b->second;
      meter.energy = *energy;
      meter.code = "";
      meter.unit = factors.factor(*energy).unit;
      meter.mode = MeterMode::Interval;
      meter.main = true;
      feed.meters.push_back(std::move(meter));
    }
    int offset = feed.buildings[b->second].utc_offset_minutes;
    Reading r;
    r.meter = m->second;
    r.start = unix_seconds(from_local(year, month, 1, 0, 0, 0, offset));
    r.ts = unix_seconds(from_local(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1, 0, 0, 0, offset));
    r.value = quantity * scale;
    r.position = static_cast<uint32_t>(first_line);
    if (!std::isfinite(r.value)) {
      feed.problem(where, fmt::format("quantity '{}' is out of range; row left out", utf8_excerpt(q, 80)));
      continue;
    }
    feed.readings.push_back(r);
  }
  if (column.empty()) throw FeedError(fmt::format("{}: empty file, expected a header line building,month,energy,quantity,unit", source));
  if (feed.buildings.empty()) throw FeedError(fmt::format("{}: no usable rows", source));
  return feed;
}

}  // namespace eco::data
