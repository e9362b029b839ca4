#include "app/status_startup.h"

#include "status/status_config.h"
#include "store/database.h"
#include "store/queries.h"

namespace eco {

StatusEndpoint start_status_endpoint(const Config& config, const std::filesystem::path& db) {
  StatusEndpoint endpoint;
  auto status_config = status::load_status_config(config);
  if (!status_config) return endpoint;
  endpoint.board = std::make_shared<StatusBoard>();
  endpoint.server = std::make_unique<status::StatusServer>(*status_config, endpoint.board, [db](nlohmann::json& health) {
    auto opened = store::open_database(db);
    health["participation_today"] = store::Queries(opened.connection).count_all_on(health.value("day", int64_t{0}));
  });
  return endpoint;
}

}  // namespace eco
