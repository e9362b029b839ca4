#pragma once
// Starts scripts/feed-sim serving on a free port of 127.0.0.1 for the length of a test, and
// talks to its control endpoint. A real HTTP server, not a mock.
#include <nlohmann/json.hpp>

#include "../common/spawned_server.h"

class FeedSim {
 public:
  explicit FeedSim(std::vector<std::string> extra = {}) : server_(arguments(std::move(extra))) {}
  std::string url(const std::string& path = "/feed.json") const { return server_.url(path); }
  void set_mode(const std::string& mode) { server_.request("/control?mode=" + mode, true); }
  nlohmann::json stats() { return nlohmann::json::parse(server_.request("/stats", false)); }

 private:
  static std::vector<std::string> arguments(std::vector<std::string> extra) {
    std::vector<std::string> args = {std::string(ECOLOBBY_SOURCE_DIR) + "/scripts/feed-sim", "serve", "--port", "0",
                                     "--institutions", "3", "--seed", "5", "--end", "2026-06-24T10:00:00+08:00"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }
  SpawnedServer server_;
};
