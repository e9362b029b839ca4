#include "update/latest_info.h"

#include <nlohmann/json.hpp>

#include "update/bundle_error.h"
#include "update/version.h"

namespace eco::update {

LatestInfo parse_latest(const std::string& text, const std::string& source) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw BundleError(source + ": not JSON (byte " + std::to_string(e.byte) + ")");
  } catch (const nlohmann::json::exception& e) {  // a number out of range (1E4444) is not a parse_error
    throw BundleError(source + ": not usable JSON (" + e.what() + ")");
  }
  LatestInfo info;
  auto field = [&](const char* key) -> const nlohmann::json& {
    if (!j.is_object() || !j.contains(key)) throw BundleError(source + ": field '" + key + "' is missing");
    return j[key];
  };
  auto text_field = [&](const char* key) {
    const auto& v = field(key);
    if (!v.is_string()) throw BundleError(source + ": field '" + key + "' must be a string");
    return v.get<std::string>();
  };
  info.version = text_field("version");
  if (!Version::parse(info.version)) throw BundleError(source + ": field 'version': '" + info.version + "' is not a version");
  info.url = text_field("url");
  info.sha256 = text_field("sha256");
  if (info.sha256.size() != 64) throw BundleError(source + ": field 'sha256': expected 64 hex digits");
  const auto& size = field("size");
  if (!size.is_number_unsigned()) throw BundleError(source + ": field 'size' must be a byte count");
  info.size = size.get<uint64_t>();
  if (j.contains("created") && j["created"].is_string()) info.created = j["created"].get<std::string>();
  if (j.contains("rollout_percent")) {
    const auto& p = j["rollout_percent"];
    if (!p.is_number_integer() || p.get<int64_t>() < 0 || p.get<int64_t>() > 100)
      throw BundleError(source + ": field 'rollout_percent': expected a whole number from 0 to 100");
    info.rollout_percent = static_cast<int>(p.get<int64_t>());
  }
  return info;
}

std::string format_latest(const LatestInfo& info) {
  nlohmann::ordered_json j = {{"version", info.version}, {"url", info.url}, {"size", info.size}, {"sha256", info.sha256}};
  if (!info.created.empty()) j["created"] = info.created;
  if (info.rollout_percent != 100) j["rollout_percent"] = info.rollout_percent;
  return j.dump(2) + "\n";
}

bool is_channel_name(const std::string& name) {
  return !name.empty() && name.size() <= 32 && name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") == std::string::npos;
}

std::string announcement_name(const std::string& channel) { return channel.empty() ? "latest.json" : "latest-" + channel + ".json"; }

}  // namespace eco::update
