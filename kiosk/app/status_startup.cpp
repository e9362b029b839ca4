#include "app/status_startup.h"

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
          {"last_error", text_or_null(s.last_error)},
          {"last_change", text_or_null(s.last_change)},
          {"refused", versions(s.refused)},
          {"rolled_back", versions(s.bad)}};
}

}  // namespace

StatusEndpoint start_status_endpoint(const Config& config, const std::filesystem::path& db, bool updates_enabled) {
  StatusEndpoint endpoint;
  auto status_config = status::load_status_config(config);
  if (!status_config) return endpoint;
  endpoint.board = std::make_shared<StatusBoard>();
  endpoint.server = std::make_unique<status::StatusServer>(
      *status_config, endpoint.board, [db, data_dir = config.data_dir, updates_enabled](nlohmann::json& health) {
        health["updates"] = updates_json(data_dir, updates_enabled);
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
  return endpoint;
}

}  // namespace eco
