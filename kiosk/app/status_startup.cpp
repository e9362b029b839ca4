#include "app/status_startup.h"

#include <sys/statvfs.h>

#include <algorithm>
#include <optional>

#include "status/status_config.h"
#include "store/database.h"
#include "store/queries.h"
#include "update/release_store.h"

namespace eco {
namespace {

nlohmann::json text_or_null(const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); }

nlohmann::json versions(const std::map<std::string, std::string>& why) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [version, reason] : why) list.push_back({{"version", version}, {"reason", reason}});
  return list;
}

// From state.json, the release store's own record (so a rollback before a restart shows too).
nlohmann::json updates_json(const std::filesystem::path& data_dir, bool enabled) {
  update::UpdateState s = update::ReleaseStore(data_dir).state();
  return {{"enabled", enabled},
          {"current", text_or_null(s.current)},
          {"pending", text_or_null(s.pending)},
          {"previous", s.previous},
          {"last_check", text_or_null(s.last_check)},
          {"last_result", text_or_null(s.last_result)},
          {"last_success", text_or_null(s.last_success)},
          {"last_error", text_or_null(s.last_error)},
          {"last_change", text_or_null(s.last_change)},
          {"refused", versions(s.refused)},
          {"rolled_back", versions(s.bad)}};
}

// The services' part of /status (app/status_publisher.h): numbers and codes, no sentences.
nlohmann::json status_fields(const RunningServices& services, int64_t now_s) {
  nlohmann::json sources = nlohmann::json::array();
  if (services.data)
    for (const auto& s : services.data->status())
      sources.push_back({{"url", s.url},
                         {"ok", s.ok},
                         {"age_s", s.last_success > 0 ? nlohmann::json(std::max<int64_t>(0, now_s - s.last_success)) : nlohmann::json()},
                         {"failures", s.failures},
                         {"error", s.error.empty() ? nlohmann::json() : nlohmann::json(s.error)}});
  store::WriterStats w = services.writer->stats();
  nlohmann::json participation = {
      {"saved", w.committed},   {"queued", w.queued},  {"dropped", w.dropped}, {"rejected", w.rejected},
      {"rate_limited", services.participation ? services.participation->rate_limited() : 0},
      {"write_error", w.degraded ? nlohmann::json(w.last_error) : nlohmann::json()}};
  if (services.participation) participation["saved_by_plugin"] = services.participation->saved_by_plugin();
  nlohmann::json by_campaign = nlohmann::json::object();
  for (const auto& [campaign, n] : services.plays.by_campaign()) by_campaign[campaign] = n;
  nlohmann::json plays = {{"saved", w.plays_committed}, {"dropped", w.plays_dropped}, {"by_campaign", by_campaign}};
  return {{"data_sources", sources}, {"participation", participation}, {"plays", plays}};
}

// Free space of the data directory's file system for the screen's user (statvfs f_bavail):
// what the disk alert of /metrics watches. Null when it cannot be asked.
nlohmann::json disk_free_bytes(const std::filesystem::path& data_dir) {
  struct statvfs fs {};
  if (::statvfs(data_dir.c_str(), &fs) != 0) return nullptr;
  return static_cast<uint64_t>(fs.f_bavail) * static_cast<uint64_t>(fs.f_frsize);
}

// Seconds from the newest figures (the snapshot's meta.latest_epoch) to `now_s`; nullopt without figures.
std::optional<int64_t> data_age_s(const RunningServices& services, int64_t now_s) {
  auto snap = services.data ? services.data->snapshot() : nullptr;
  if (!snap || !snap->contains("meta")) return std::nullopt;
  int64_t latest = (*snap)["meta"].value("latest_epoch", int64_t{0});
  if (latest <= 0) return std::nullopt;
  return std::max<int64_t>(0, now_s - latest);
}

}  // namespace

void start_status(const Config& config, bool updates_enabled, const std::shared_ptr<RunningServices>& services,
                  KioskHooks& hooks) {
  hooks.data_age_s = [services](int64_t now_s) { return data_age_s(*services, now_s); };
  hooks.status_fields = [services](int64_t now_s) { return status_fields(*services, now_s); };
  auto status_config = status::load_status_config(config);
  if (!status_config) return;
  hooks.status_board = std::make_shared<StatusBoard>();
  services->status = std::make_unique<status::StatusServer>(
      *status_config, hooks.status_board, [db = services->db, data_dir = config.data_dir, updates_enabled](nlohmann::json& health) {
        health["updates"] = updates_json(data_dir, updates_enabled);
        health["disk_free_bytes"] = disk_free_bytes(data_dir);
        auto opened = store::open_database(db);
        int64_t day = health.value("day", int64_t{0});
        nlohmann::json by_plugin = nlohmann::json::object();
        int64_t total = 0;
        for (const auto& [plugin, n] : store::Queries(opened.connection).counts_by_plugin_on(day)) {
          by_plugin[plugin] = n;
          total += n;
        }
        if (!health["participation"].is_object()) health["participation"] = nlohmann::json::object();
        health["participation"]["today"] = total;
        health["participation"]["today_by_plugin"] = by_plugin;
      });
}

}  // namespace eco
