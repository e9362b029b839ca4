#pragma once
// Start-up of the participation store on a screen: the database, the writer thread that records
// plugins' events without blocking a frame, the plugin key-value store, and the admin overlay's
// line about them. [store] is read by store::load_store_config (store/store_config.h) only.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "base/locale.h"
#include "lua/store_services.h"
#include "store/participation_writer.h"
#include "store/store_config.h"

namespace eco {

// Opens the database once before anything else does, migrating it or setting a corrupt file
// aside, so the problem is logged at start-up. A database that cannot be opened is logged too:
// records are then held in memory until it can be written.
void open_participation_database(const std::filesystem::path& db);

// The writer thread, which also prunes events past retention_days once an hour, outside the busy
// hours of the wall clock at `utc_offset_minutes`.
std::unique_ptr<store::ParticipationWriter> start_participation_writer(const std::filesystem::path& db,
                                                                       const store::StoreConfig& config,
                                                                       int utc_offset_minutes);

// Null when the database refuses it (logged): plugins keep their data in memory only.
std::unique_ptr<lua::SqliteKeyValue> open_plugin_store(const std::filesystem::path& db);

// "已保存 12 · 队列 0 · 丢弃 0", with what could not be saved, what the rate limit refused and the
// last write failure when there are any.
std::string participation_overlay_line(const Locale& locale, const store::WriterStats& stats, uint64_t rate_limited);

}  // namespace eco
