#include "app/store_startup.h"

#include <spdlog/spdlog.h>

#include "base/clock.h"
#include "base/utf8.h"
#include "store/database.h"
#include "store/retention.h"
#include "store/store_config.h"

namespace eco {
namespace {

void open_participation_database(const std::filesystem::path& db) {
  try {
    auto opened = store::open_database(db);
    if (!opened.recovered_from.empty())
      spdlog::error("participation database was corrupt; the old file is kept at {}", opened.recovered_from);
  } catch (const std::exception& e) {
    spdlog::error("participation database {}: {}; records are held in memory until it can be written", db.string(), e.what());
  }
}

std::unique_ptr<store::ParticipationWriter> start_participation_writer(const std::filesystem::path& db,
                                                                       const store::StoreConfig& config,
                                                                       int utc_offset_minutes) {
  store::WriterOptions options = store::writer_options(config);
  options.maintenance = [retention_days = config.retention_days, busy = config.busy_hours,
                         offset = utc_offset_minutes](store::Connection& c) {
    Clock clock;  // real time: pruning follows the wall clock, not a simulated one
    LocalTime now = to_local(clock.now(), offset);
    if (busy.contains(now.minutes_of_day())) return;
    store::prune_events(c, now.day_number(), retention_days, false);
  };
  return std::make_unique<store::ParticipationWriter>(db, options);
}

std::unique_ptr<lua::SqliteKeyValue> open_plugin_store(const std::filesystem::path& db) {
  try {
    return std::make_unique<lua::SqliteKeyValue>(db);
  } catch (const std::exception& e) {
    spdlog::error("plugin store unavailable ({}); plugins keep their data in memory only", e.what());
    return nullptr;
  }
}

}  // namespace

void start_store(const Config& config, const Locale& locale, const std::shared_ptr<RunningServices>& services,
                 KioskHooks& hooks) {
  open_participation_database(services->db);
  store::StoreConfig store_config = store::load_store_config(config);
  services->writer = start_participation_writer(services->db, store_config, config.utc_offset_minutes);
  services->kv = open_plugin_store(services->db);
  services->events_per_minute = store_config.events_per_minute;
  hooks.on_idle = [services] {
    if (services->participation) services->participation->rotate_session();
  };
  // Proof of play: queued like an event, never waited for. A full queue drops the play (counted).
  hooks.on_play = [services](store::Play play) {
    services->plays.add(play.campaign);
    services->writer->enqueue(std::move(play));
  };
  hooks.participation_overlay_line = [services, locale] {
    uint64_t limited = services->participation ? services->participation->rate_limited() : 0;
    return participation_overlay_line(locale, services->writer->stats(), limited);
  };
}

std::string participation_overlay_line(const Locale& locale, const store::WriterStats& s, uint64_t rate_limited) {
  std::string line = locale.t("overlay.participation_saved", {{"committed", std::to_string(s.committed)},
                                                               {"queued", std::to_string(s.queued)},
                                                               {"dropped", std::to_string(s.dropped)}});
  if (s.rejected) line += " · " + locale.t("overlay.participation_rejected", {{"count", std::to_string(s.rejected)}});
  if (rate_limited) line += " · " + locale.t("overlay.participation_rate_limited", {{"count", std::to_string(rate_limited)}});
  if (s.degraded)
    line += " · " + locale.t("overlay.participation_write_failed", {{"error", utf8_excerpt(s.last_error, 60)}});
  return line;
}

}  // namespace eco
