#pragma once
// Starts scripts/feed-sim serving on a free port of 127.0.0.1 for the length of a test, and
// talks to its control endpoint. A real HTTP server, not a mock.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <curl/curl.h>
#include <nlohmann/json.hpp>

extern char** environ;

class FeedSim {
 public:
  explicit FeedSim(std::vector<std::string> extra = {}) {
    port_file_ = std::filesystem::temp_directory_path() / ("feed-sim-port-" + std::to_string(getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove(port_file_);
    std::vector<std::string> args = {"python3", std::string(ECOLOBBY_SOURCE_DIR) + "/scripts/feed-sim", "serve", "--port", "0",
                                     "--port-file", port_file_.string(), "--institutions", "3", "--seed", "5",
                                     "--end", "2026-06-24T10:00:00+08:00"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawnp(&pid_, "python3", nullptr, nullptr, argv.data(), environ) != 0) throw std::runtime_error("cannot start feed-sim");
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!std::filesystem::exists(port_file_)) {
      if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("feed-sim did not start");
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::ifstream(port_file_) >> port_;
  }
  ~FeedSim() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    std::filesystem::remove(port_file_);
  }
  std::string url(const std::string& path = "/feed.json") const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

  void set_mode(const std::string& mode) { request(url("/control?mode=" + mode), true); }
  nlohmann::json stats() { return nlohmann::json::parse(request(url("/stats"), false)); }

 private:
  static std::string request(const std::string& u, bool post) {
    std::string body;
    CURL* c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_URL, u.c_str());
    if (post) curl_easy_setopt(c, CURLOPT_POSTFIELDS, "");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, +[](char* d, size_t s, size_t n, void* out) {
      static_cast<std::string*>(out)->append(d, s * n);
      return s * n;
    });
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    CURLcode rc = curl_easy_perform(c);
    curl_easy_cleanup(c);
    if (rc != CURLE_OK) throw std::runtime_error(std::string("feed-sim control: ") + curl_easy_strerror(rc));
    return body;
  }

  pid_t pid_ = 0;
  int port_ = 0;
  std::filesystem::path port_file_;
  static inline int counter_ = 0;
};
