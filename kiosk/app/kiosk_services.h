#pragma once
// The composition root of the running screen: opens the participation database (migrating or
// recovering it), starts the writer thread, and gives plugins the SQLite-backed services.
// When the database cannot be opened the screen still runs, with in-memory services, and says so.
#include "base/command.h"
#include "app/kiosk_app.h"

namespace eco {
KioskHooks make_kiosk_hooks(const Config& config);
}
