#include "store/retention.h"

#include <spdlog/spdlog.h>

#include "base/iso8601.h"

namespace eco::store {

std::optional<int64_t> last_export_day(Connection& c, int offset) {
  Statement s = c.prepare("SELECT value FROM meta WHERE key = 'last_export_ms'");
  if (!s.step()) return std::nullopt;
  int64_t ms = std::stoll(s.column_text(0));
  return to_local(TimePoint{std::chrono::milliseconds{ms}}, offset).day_number();
}

int64_t prune_events(Connection& c, int64_t today, int retention_days, bool force) {
  int64_t cutoff = today - retention_days;  // events on days < cutoff are old enough
  if (!force) {
    auto exported = last_export_day(c, 480);
    int64_t safe = exported ? *exported : INT64_MIN;  // never exported: keep everything
    cutoff = std::min(cutoff, safe);
  }
  Statement s = c.prepare("DELETE FROM events WHERE day < ?");
  s.bind(1, cutoff);
  s.step();
  int64_t n = c.scalar_int("SELECT changes()");
  Statement d = c.prepare("DELETE FROM daily WHERE day < ?");
  d.bind(1, cutoff);
  d.step();
  Statement g = c.prepare("DELETE FROM daily_groups WHERE day < ?");
  g.bind(1, cutoff);
  g.step();
  // Proof of play goes with the events; its daily rollup (a few rows a day) stays for the reports.
  Statement p = c.prepare("DELETE FROM plays WHERE day < ?");
  p.bind(1, cutoff);
  p.step();
  if (int64_t plays = c.scalar_int("SELECT changes()"); plays > 0)
    spdlog::info("proof of play: pruned {} plays older than {}", plays, format_date(cutoff));
  if (n > 0) spdlog::info("participation: pruned {} events older than {}", n, format_date(cutoff));
  return n;
}

}  // namespace eco::store
