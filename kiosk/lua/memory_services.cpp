#include "lua/memory_services.h"

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

int64_t MemoryParticipation::count(const std::string& plugin, const std::string& kind, int64_t since_day) {
  return std::count_if(events_.begin(), events_.end(), [&](const LoggedEvent& e) {
    return e.plugin == plugin && (kind.empty() || e.kind == kind) && e.day >= since_day;
  });
}

int64_t MemoryParticipation::today(const std::string& plugin, const std::string& kind) {
  return count(plugin, kind, today_number());
}

std::vector<LeaderboardEntry> MemoryParticipation::leaderboard(const std::string& plugin, const std::string& kind,
                                                               const std::string& group_by, const std::string& field,
                                                               bool average, int n) {
  std::map<std::string, std::pair<double, int>> sums;
  for (const auto& e : events_) {
    if (e.plugin != plugin || (!kind.empty() && e.kind != kind) || !e.fields.contains(group_by)) continue;
    auto group = e.fields[group_by].is_string() ? e.fields[group_by].get<std::string>() : e.fields[group_by].dump();
    double v = field.empty() ? 1.0 : (e.fields.contains(field) && e.fields[field].is_number() ? e.fields[field].get<double>() : 0.0);
    sums[group].first += v;
    sums[group].second += 1;
  }
  std::vector<LeaderboardEntry> out;
  for (auto& [k, sc] : sums) out.push_back({k, average ? sc.first / sc.second : sc.first});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.value > b.value || (a.value == b.value && a.key < b.key); });
  if (n >= 0 && out.size() > static_cast<size_t>(n)) out.resize(static_cast<size_t>(n));
  return out;
}

int MemoryParticipation::streak(const std::string& plugin, const std::string& kind, const std::string& group_by,
                                const std::string& group) {
  std::set<int64_t> days;
  for (const auto& e : events_) {
    if (e.plugin != plugin || (!kind.empty() && e.kind != kind)) continue;
    if (!group_by.empty() && (!e.fields.contains(group_by) || e.fields[group_by] != group)) continue;
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
