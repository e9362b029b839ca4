#include "data/fetcher.h"

#include "base/http_transfer.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>

#include <curl/curl.h>
#include <fmt/format.h>

namespace eco::data {
namespace {

struct Download {
  std::string body;
  size_t max_bytes = 0;
  bool too_big = false;
  std::string etag, last_modified;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* d = static_cast<Download*>(user);
  size_t n = size * count;
  if (d->body.size() + n > d->max_bytes) {
    d->too_big = true;
    return 0;  // aborts the transfer
  }
  d->body.append(data, n);
  return n;
}

std::string trim_header_value(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) v.remove_suffix(1);
  return std::string(v);
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* d = static_cast<Download*>(user);
  std::string_view line(data, size * count);
  auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name(line.substr(0, colon));
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == "etag") d->etag = trim_header_value(line.substr(colon + 1));
    if (name == "last-modified") d->last_modified = trim_header_value(line.substr(colon + 1));
  }
  return size * count;
}

std::string mb(size_t bytes) { return fmt::format("{} MB", bytes >> 20); }

FetchResult fetch_file(const SourceConfig& source, Validators& v) {
  FetchResult r;
  std::filesystem::path path = source.url.rfind("file://", 0) == 0 ? source.url.substr(7) : source.url;
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    r.error = fmt::format("cannot read {}: {}", path.string(), ec.message());
    r.missing = ec == std::errc::no_such_file_or_directory;
    return r;
  }
  auto mtime = std::filesystem::last_write_time(path, ec).time_since_epoch().count();
  if (size == v.file_size && mtime == v.file_mtime_ns) {
    r.status = FetchResult::Status::NotModified;
    return r;
  }
  if (size > source.max_bytes) {
    r.error = fmt::format("{} is {}, over the {} limit", path.string(), mb(size), mb(source.max_bytes));
    return r;
  }
  std::ifstream in(path, std::ios::binary);
  r.body.reserve(size + 64);  // the JSON parser's padding: no copy later
  r.body.resize(size);
  if (!in.read(r.body.data(), static_cast<std::streamsize>(size))) {
    r.error = fmt::format("cannot read {}", path.string());
    r.body.clear();
    return r;
  }
  v.file_size = size;
  v.file_mtime_ns = mtime;
  r.status = FetchResult::Status::Body;
  return r;
}

FetchResult fetch_http(const SourceConfig& source, Validators& v, const std::atomic<bool>* cancel) {
  FetchResult r;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(new_transfer(), curl_easy_cleanup);
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(nullptr, curl_slist_free_all);
  auto add_header = [&](const std::string& h) { headers.reset(curl_slist_append(headers.release(), h.c_str())); };
  Download d;
  d.max_bytes = source.max_bytes;
  char error[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  set_transfer_options(c, source.url, "http,https", source.connect_timeout, source.total_timeout, error, cancel);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // gzip when the server offers it
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &d);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &d);
  if (!source.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, source.ca_file.c_str());
  if (!source.bearer_token.empty()) add_header("Authorization: Bearer " + source.bearer_token);
  if (!v.etag.empty()) add_header("If-None-Match: " + v.etag);
  if (!v.last_modified.empty()) add_header("If-Modified-Since: " + v.last_modified);
  if (headers) curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());

  CURLcode code = curl_easy_perform(c);
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.http_status);
  if (d.too_big) {
    r.error = fmt::format("body over the {} limit", mb(source.max_bytes));
    return r;
  }
  if (code == CURLE_OPERATION_TIMEDOUT) {
    r.error = fmt::format("timed out ({})", error[0] ? error : curl_easy_strerror(code));
    return r;
  }
  if (code != CURLE_OK) {
    r.error = error[0] ? error : curl_easy_strerror(code);
    return r;
  }
  if (r.http_status == 304) {
    r.status = FetchResult::Status::NotModified;
    return r;
  }
  if (r.http_status != 200) {
    r.error = fmt::format("HTTP {}", r.http_status);
    r.missing = r.http_status == 404;
    return r;
  }
  // Only trust validators of a body we take; the next request must not say "I have it" otherwise.
  v.etag = d.etag;
  v.last_modified = d.last_modified;
  r.body = std::move(d.body);
  r.status = FetchResult::Status::Body;
  return r;
}

}  // namespace

FetchResult fetch(const SourceConfig& source, Validators& validators, const std::atomic<bool>* cancel) {
  if (is_http_url(source.url)) return fetch_http(source, validators, cancel);
  return fetch_file(source, validators);
}

bool is_http_url(const std::string& url) { return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0; }

std::string redact_url(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  auto at = url.find('@', scheme + 3);
  auto slash = url.find('/', scheme + 3);
  std::string out = url;
  if (at != std::string::npos && (slash == std::string::npos || at < slash)) out.replace(scheme + 3, at - scheme - 3, "***");
  auto query = out.find('?');
  if (query != std::string::npos) out = out.substr(0, query) + "?***";
  return out;
}

}  // namespace eco::data
