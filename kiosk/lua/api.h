#pragma once
// The plugin API v1, one table per file (docs/plugin-api.md). Each function installs its table
// as a read-only global in the plugin's state.
#include <cstdint>
#include <string>

struct lua_State;

namespace eco {
class Clock;
}

namespace eco::lua {

void open_ui_api(lua_State* L);             // ui: drawing and widgets on the canvas
void open_data_api(lua_State* L);           // data: the current energy/water/carbon snapshot
void open_participation_api(lua_State* L);  // participation: log and query taps
void open_store_api(lua_State* L);          // store: small persistent key-value storage
void open_i18n_api(lua_State* L);           // i18n.t(key, args)
void open_clock_api(lua_State* L);          // clock, and os.time/os.date/os.clock on the kiosk clock
void open_log_api(lua_State* L);            // log.info / log.warn
void open_random_api(lua_State* L);         // random, and math.random on the same seeded source
void open_kiosk_api(lua_State* L);          // kiosk: focus/release, timers, animate, settings
void open_content_api(lua_State* L);        // content.read: TOML data files of the content shown

// The seed of a plugin's generator at its start (lua/api_random.cpp).
uint64_t start_seed(uint64_t seed, const std::string& plugin_id, const Clock& clock);

}  // namespace eco::lua
