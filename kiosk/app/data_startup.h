#pragma once
// Start-up of the live energy data on a screen: [data], the worker that fetches and evaluates
// figures, and the view of it plugins get through the Lua data API.
#include <filesystem>
#include <memory>

#include "app/kiosk_app.h"
#include "base/locale.h"
#include "base/clock.h"
#include "data/data_service.h"
#include "lua/services.h"

namespace eco {

struct RunningServices;  // app/running_services.h, which holds the worker this file starts

// Reads [data], once: a wrong value stops the start before the window, with exit 2. Fills the
// hooks' institution ([data] building) and the overlay's line about the figures. The worker
// starts once the kiosk's clock exists (start_data_worker, from app/scene_startup.h).
data::DataConfig start_data(const Config& config, const Locale& locale, const std::shared_ptr<RunningServices>& services,
                            KioskHooks& hooks);

// Started with the kiosk's clock, so --now and --time-scale apply to the figures too. The last
// good snapshot is kept in the database at `db` for offline restarts and shown until new figures
// come; each new snapshot wakes the frame loop (a page waiting for figures can show now).
std::unique_ptr<data::DataService> start_data_worker(const data::DataConfig& config, const Clock& clock,
                                                     const std::filesystem::path& db);

// Plugins see the live snapshot through the Lua data API.
class LiveData : public lua::DataService {
 public:
  explicit LiveData(data::DataService& d) : d_(d) {}
  std::shared_ptr<const nlohmann::json> snapshot() const override { return d_.snapshot(); }

 private:
  data::DataService& d_;
};

}  // namespace eco
