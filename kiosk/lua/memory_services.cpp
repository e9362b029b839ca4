#include "lua/memory_services.h"

#include "store/event.h"
#include "store/privacy.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace eco::lua {

void MemoryParticipation::log(const std::string& plugin, const std::string& kind, const nlohmann::json& fields,
                              const std::vector<std::string>& allowed_keys) {
  if (kind.empty() || kind.size() > 64) throw std::invalid_argument("kind must be 1 to 64 characters");
  store::check_payload(fields, allowed_keys);
  if (!rate_limit_.allow(plugin, clock_.now())) return;
  events_.push_back({plugin, kind, fields, today_number()});
}

int64_t MemoryParticipation::count(const std::string& plugin, const std::string& kind, DayRange days) {
  return std::count_if(events_.begin(), events_.end(), [&](const LoggedEvent& e) {
    return e.plugin == plugin && (kind.empty() || e.kind == kind) && e.day >= days.from && e.day <= days.to;
  });
}

std::vector<LeaderboardEntry> MemoryParticipation::leaderboard(const std::string& plugin, const std::string& kind,
                                                               const std::string& group_by, const std::string& field,
                                                               bool average, int n, DayRange days) {
  std::map<std::string, std::pair<double, int>> sums;  // group → (sum, events counted)
  for (const auto& e : events_) {
    if (e.plugin != plugin || (!kind.empty() && e.kind != kind) || e.day < days.from || e.day > days.to) continue;
    auto g = e.fields.find(group_by);
    auto group = g == e.fields.end() ? std::nullopt : store::group_text(*g);
    if (!group) continue;
    if (!field.empty() && !(e.fields.contains(field) && e.fields[field].is_number() && field != group_by)) continue;
    auto& [sum, count] = sums[*group];
    sum += field.empty() ? 1.0 : e.fields[field].get<double>();
    count += 1;
  }
  std::vector<LeaderboardEntry> out;
  for (auto& [k, sc] : sums) out.push_back({k, average && !field.empty() ? sc.first / sc.second : sc.first});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.value > b.value || (a.value == b.value && a.key < b.key); });
  if (n >= 0 && out.size() > static_cast<size_t>(n)) out.resize(static_cast<size_t>(n));
  return out;
}

int MemoryParticipation::streak(const std::string& plugin, const std::string& kind, const std::string& group_by,
                                const std::string& group) {
  std::set<int64_t> days;
  for (const auto& e : events_) {
    if (e.plugin != plugin || (!kind.empty() && e.kind != kind)) continue;
    if (!group_by.empty() && (!e.fields.contains(group_by) || store::group_text(e.fields[group_by]) != group)) continue;
    days.insert(e.day);
  }
  int n = 0;
  for (int64_t d = today_number(); days.contains(d); --d) ++n;
  return n;
}

std::optional<std::string> MemoryKeyValue::get(const std::string& plugin, const std::string& key) {
  auto p = values_.find(plugin);
  if (p == values_.end()) return std::nullopt;
  auto it = p->second.find(key);
  if (it == p->second.end()) return std::nullopt;
  return it->second;
}

void MemoryKeyValue::set(const std::string& plugin, const std::string& key, const std::string& value) {
  auto& mine = values_[plugin];
  size_t total = key.size() + value.size();
  for (const auto& [k, v] : mine)
    if (k != key) total += k.size() + v.size();
  if (total > cap_) throw std::length_error("store: over the plugin's " + std::to_string(cap_ / 1024) + " KB");
  mine[key] = value;
}

void MemoryKeyValue::remove(const std::string& plugin, const std::string& key) { values_[plugin].erase(key); }

}  // namespace eco::lua
