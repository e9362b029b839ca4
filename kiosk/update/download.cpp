#include "update/download.h"

#include <curl/curl.h>

#include <cstdio>
#include <memory>

#include "base/http_transfer.h"
#include "update/bundle_error.h"
#include "update/signing.h"

namespace eco::update {
namespace fs = std::filesystem;
namespace {

struct Transfer {
  std::FILE* file = nullptr;
  uint64_t written = 0, limit = 0;
  bool over_limit = false, write_failed = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  if (t->written + n > t->limit) {
    t->over_limit = true;
    return 0;
  }
  if (std::fwrite(data, 1, n, t->file) != n) {
    t->write_failed = true;
    return 0;
  }
  t->written += n;
  return n;
}

}  // namespace

std::string resolve_url(const std::string& base, const std::string& relative) {
  std::unique_ptr<CURLU, void (*)(CURLU*)> u(curl_url(), curl_url_cleanup);
  if (curl_url_set(u.get(), CURLUPART_URL, base.c_str(), 0) != CURLUE_OK) return relative;
  if (curl_url_set(u.get(), CURLUPART_URL, relative.c_str(), 0) != CURLUE_OK) return relative;
  char* out = nullptr;
  if (curl_url_get(u.get(), CURLUPART_URL, &out, 0) != CURLUE_OK) return relative;
  std::string resolved = out;
  curl_free(out);
  return resolved;
}

std::string download_file(const DownloadRequest& r, const std::atomic<bool>* cancel) {
  fs::path part = r.destination;
  part += ".part";
  std::error_code ec;
  fs::create_directories(r.destination.parent_path(), ec);
  if (r.expected_size > r.max_bytes)
    return "bundle is " + std::to_string(r.expected_size >> 20) + " MB, over max_bundle_mb (" + std::to_string(r.max_bytes >> 20) + ")";
  uint64_t have = fs::exists(part, ec) ? fs::file_size(part, ec) : 0;
  if (ec || have > r.expected_size) {  // not a prefix of this bundle: start over
    fs::remove(part, ec);
    have = 0;
  }
  if (have < r.expected_size) {
    std::unique_ptr<CURL, void (*)(CURL*)> curl(new_transfer(), curl_easy_cleanup);
    Transfer t;
    t.file = std::fopen(part.c_str(), "ab");
    if (!t.file) return part.string() + ": cannot write";
    t.written = have;
    t.limit = r.expected_size;  // more than announced is refused as it arrives
    char error[CURL_ERROR_SIZE] = "";
    CURL* c = curl.get();
    set_transfer_options(c, r.url, "http,https,file", r.connect_timeout, r.total_timeout, error, cancel);
    curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
    // A stalled server (no byte for 30 s) is given up on, however long the total budget.
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 30L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
    if (have > 0) curl_easy_setopt(c, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(have));
    CURLcode rc = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    bool closed = std::fclose(t.file) == 0;
    if (t.over_limit) {
      fs::remove(part, ec);
      return "server sent more than the " + std::to_string(r.expected_size) + " bytes latest.json announced";
    }
    if (t.write_failed || !closed) return part.string() + ": cannot write (disk full?)";
    if (rc == CURLE_RANGE_ERROR || rc == CURLE_BAD_DOWNLOAD_RESUME) {
      fs::remove(part, ec);  // the server cannot resume: the next try starts over
      return "server cannot resume the download; starting over next time";
    }
    if (rc != CURLE_OK) {
      if (rc == CURLE_HTTP_RETURNED_ERROR) return "HTTP " + std::to_string(status);
      if (rc == CURLE_OPERATION_TIMEDOUT) return "timeout after " + std::to_string(t.written - have) + " new bytes (kept for resume)";
      return std::string(error[0] ? error : curl_easy_strerror(rc));
    }
    have = fs::file_size(part, ec);
  }
  if (have != r.expected_size)
    return "truncated: " + std::to_string(have) + " of " + std::to_string(r.expected_size) + " bytes (kept for resume)";
  std::string sha = sha256_file(part);
  if (sha != r.expected_sha256) {
    fs::remove(part, ec);
    return "SHA-256 of the download does not match latest.json (damaged in transit); starting over next time";
  }
  fs::rename(part, r.destination, ec);
  if (ec) return r.destination.string() + ": " + ec.message();
  return {};
}

}  // namespace eco::update
