#pragma once
// The services of a running screen, owned together by the hooks (app/kiosk_services.h) so they
// die in the right order: whatever calls into a service goes before it. Plugins log through
// `participation` into the `writer`; the writer's destructor commits what is still queued and
// calls back (commit callbacks hold their own shared state), so the writer is stopped before the
// participation service, and both after the plugin host.
#include <filesystem>
#include <memory>

#include "app/data_startup.h"
#include "app/play_counts.h"
#include "app/problem_journal.h"
#include "data/data_service.h"
#include "lua/plugin_host.h"
#include "lua/store_services.h"
#include "status/status_server.h"
#include "store/participation_writer.h"
#include "update/update_service.h"

namespace eco {

struct RunningServices {
  std::filesystem::path db;  // the participation database, shared by the store, data and status start-ups
  int events_per_minute = 0;  // [store]: the participation service's rate limit, made with the clock
  PlayCounts plays;  // proof of play since start, for the status endpoint
  std::unique_ptr<PersistedProblems> problems;  // last: what goes wrong while stopping is kept too
  std::unique_ptr<status::StatusServer> status;
  std::unique_ptr<update::UpdateService> updates;
  std::unique_ptr<data::DataService> data;
  std::unique_ptr<LiveData> live_data;
  std::unique_ptr<store::ParticipationWriter> writer;
  std::unique_ptr<lua::SqliteParticipation> participation;
  std::unique_ptr<lua::SqliteKeyValue> kv;
  std::unique_ptr<lua::PluginHost> host;
  ~RunningServices() {
    status.reset();
    updates.reset();
    host.reset();
    live_data.reset();
    data.reset();
    kv.reset();
    writer.reset();
    participation.reset();
    problems.reset();
  }
};

}  // namespace eco
