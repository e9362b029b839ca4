#pragma once
// A test server script (Python, tests/ or scripts/) started on a free port of 127.0.0.1 for the
// length of a test: it writes its port to a file when it listens. Real HTTP, not a mock.
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

extern char** environ;

class SpawnedServer {
 public:
  // `args` come after "python3"; "--port-file <file>" is appended.
  explicit SpawnedServer(std::vector<std::string> args) {
    port_file_ = std::filesystem::temp_directory_path() / ("ecolobby-server-port-" + std::to_string(getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove(port_file_);
    args.insert(args.begin(), "python3");
    args.push_back("--port-file");
    args.push_back(port_file_.string());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawnp(&pid_, "python3", nullptr, nullptr, argv.data(), environ) != 0) throw std::runtime_error("cannot start " + args[1]);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!std::filesystem::exists(port_file_)) {
      if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error(args[1] + " did not start");
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
    }
    std::ifstream(port_file_) >> port_;
  }
  ~SpawnedServer() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    std::filesystem::remove(port_file_);
  }
  SpawnedServer(const SpawnedServer&) = delete;
  SpawnedServer& operator=(const SpawnedServer&) = delete;

  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

  // GET (or an empty POST) of one of the server's own endpoints (control, stats).
  std::string request(const std::string& path, bool post) const {
    std::string body;
    CURL* c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_URL, url(path).c_str());
    if (post) curl_easy_setopt(c, CURLOPT_POSTFIELDS, "");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, +[](char* d, size_t s, size_t n, void* out) {
      static_cast<std::string*>(out)->append(d, s * n);
      return s * n;
    });
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    CURLcode rc = curl_easy_perform(c);
    curl_easy_cleanup(c);
    if (rc != CURLE_OK) throw std::runtime_error("test server " + path + ": " + curl_easy_strerror(rc));
    return body;
  }

 private:
  pid_t pid_ = 0;
  int port_ = 0;
  std::filesystem::path port_file_;
  static inline int counter_ = 0;
};
