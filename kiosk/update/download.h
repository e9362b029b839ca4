#pragma once
// Downloads a bundle to a file with libcurl (http, https and file:// alike): resumes a partial
// download left by an interrupted transfer or a restart (HTTP Range), stops at a size cap, and
// checks the size and SHA-256 that latest.json announced. Blocking: worker thread only.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

namespace eco::update {

struct DownloadRequest {
  std::string url;
  std::filesystem::path destination;  // complete file; the partial one is destination + ".part"
  uint64_t expected_size = 0;
  std::string expected_sha256;
  uint64_t max_bytes = 512ull << 20;
  std::chrono::seconds connect_timeout{10}, total_timeout{600};
};

// Returns an empty string on success, else one line ("HTTP 404", "truncated: 1200 of 5000
// bytes", "SHA-256 mismatch"). A corrupt partial file is deleted so the next try starts over.
std::string download_file(const DownloadRequest& request, const std::atomic<bool>* cancel = nullptr);

// `relative` (from latest.json) resolved against the URL latest.json came from.
std::string resolve_url(const std::string& base, const std::string& relative);

}  // namespace eco::update
