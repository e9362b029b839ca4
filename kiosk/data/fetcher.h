#pragma once
// Fetches one feed source: http(s) with libcurl (TLS verified, optional CA file and bearer
// token, ETag / If-Modified-Since, timeouts, size cap) or a local file (file:// or a path, e.g.
// on a USB stick, skipped while its size and time are unchanged). Blocking: call it from the data
// worker thread, never from the render thread.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include "data/feed_text.h"

namespace eco::data {

struct SourceConfig {
  std::string url;  // http://, https://, file:// or a plain path
  std::chrono::seconds interval{900};
  std::string bearer_token;  // sent as Authorization; never logged
  std::string ca_file;       // extra CA bundle for a private platform
  size_t max_bytes = 32u << 20;
  std::chrono::seconds connect_timeout{5}, total_timeout{20};
  TextEncoding encoding = TextEncoding::Auto;  // [[data.source]] encoding
};

// What the source said last time, to ask only for what changed.
struct Validators {
  std::string etag, last_modified;
  int64_t file_mtime_ns = 0;
  uintmax_t file_size = 0;
};

struct FetchResult {
  enum class Status { Body, NotModified, Failed } status = Status::Failed;
  std::string body;
  std::string error;  // one line, no secrets: "HTTP 500", "timeout after 20 s", "body over 32 MB"
  long http_status = 0;
  bool missing = false;  // no such file, or HTTP 404: nothing is published there (yet)
};

// `cancel`, when set during a transfer, ends it within a second (the kiosk is shutting down).
FetchResult fetch(const SourceConfig& source, Validators& validators, const std::atomic<bool>* cancel = nullptr);

// http:// or https://: fetched with libcurl; anything else is a local file.
bool is_http_url(const std::string& url);

// The source as it may appear in logs: no credentials in the URL.
std::string redact_url(const std::string& url);

}  // namespace eco::data
