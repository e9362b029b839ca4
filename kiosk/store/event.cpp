#include "store/event.h"

#include <sodium.h>

namespace eco::store {

std::string new_ulid(int64_t ts_ms) {
  static const char* alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  static const bool ready = sodium_init() >= 0;
  (void)ready;
  unsigned char random[10];
  randombytes_buf(random, sizeof random);
  std::string out(26, '0');
  auto t = static_cast<uint64_t>(ts_ms);
  for (int i = 9; i >= 0; --i) {
    out[static_cast<size_t>(i)] = alphabet[t & 31];
    t >>= 5;
  }
  // 80 random bits → 16 characters of 5 bits each
  for (int i = 0; i < 16; ++i) {
    int bit = i * 5, byte = bit / 8, shift = bit % 8;
    unsigned v = (random[byte] << 8 | (byte + 1 < 10 ? random[byte + 1] : 0)) >> (11 - shift);
    out[static_cast<size_t>(10 + i)] = alphabet[v & 31];
  }
  return out;
}

std::optional<std::string> group_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) return v.dump();
  return std::nullopt;
}

Event make_event(const Clock& clock, std::string kiosk, std::string plugin, std::string kind, nlohmann::json payload,
                 std::string session) {
  Event e;
  TimePoint now = clock.now();
  e.ts_ms = now.time_since_epoch().count();
  LocalTime lt = clock.local_now();
  e.day = lt.day_number();
  e.local_date = format_date(e.day);
  e.id = new_ulid(e.ts_ms);
  e.kiosk = std::move(kiosk);
  e.plugin = std::move(plugin);
  e.campaign = e.plugin;
  e.kind = std::move(kind);
  e.session = std::move(session);
  if (payload.is_object() && payload.contains("department") && payload["department"].is_string())
    e.department = payload["department"].get<std::string>();
  e.payload = std::move(payload);
  return e;
}

}  // namespace eco::store
