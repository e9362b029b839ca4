#pragma once
// Start-up of the participation store on a screen: the database, the writer thread that records
// plugins' events without blocking a frame, the plugin key-value store, and the admin overlay's
// line about them. [store] is read here, through store::load_store_config (store/store_config.h).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "app/kiosk_app.h"
#include "app/running_services.h"
#include "base/locale.h"
#include "store/participation_writer.h"

namespace eco {

// The store start-up, one call. Opens the database once before anything else does, migrating it
// or setting a corrupt file aside, so the problem is logged at start-up (one that cannot be opened
// is logged too: records are then held in memory until it can be written); reads [store]; starts
// the writer thread, which also prunes events past retention_days once an hour outside the busy
// hours; opens the plugin key-value store (null when the database refuses it: plugins keep their
// data in memory only). Fills the hooks' participation line, the idle session rotation and the
// proof of play (each showing queued on the writer, counted per campaign for the status endpoint).
void start_store(const Config& config, const Locale& locale, const std::shared_ptr<RunningServices>& services,
                 KioskHooks& hooks);

// "已保存 12 · 队列 0 · 丢弃 0", with what could not be saved, what the rate limit refused and the
// last write failure when there are any.
std::string participation_overlay_line(const Locale& locale, const store::WriterStats& stats, uint64_t rate_limited);

}  // namespace eco
