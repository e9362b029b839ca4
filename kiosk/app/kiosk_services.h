#pragma once
// The composition root of the running screen: starts each concern's services (content releases
// and the crash guard's safe mode, the participation store, updates, the status endpoint, the
// plugin host and live data) and wires them into the frame loop's hooks. Whatever cannot start
// is logged and left out; the screen still runs, and says so.
#include "base/command.h"
#include "app/kiosk_app.h"

namespace eco {
KioskHooks make_kiosk_hooks(const Config& config);
}
