#pragma once
// The libcurl settings every EcoLobby transfer shares, feeds and content bundles alike:
// redirects, no signals (transfers run on worker threads), timeouts, user agent, error text and
// a cancel flag that ends the transfer within a second when the kiosk shuts down.
#include <atomic>
#include <chrono>
#include <string>

#include <curl/curl.h>

namespace eco {

// A new easy handle, after curl_global_init has run once for the process.
CURL* new_transfer();

// `protocols`: "http,https" or "http,https,file". `error` must hold CURL_ERROR_SIZE bytes.
void set_transfer_options(CURL* c, const std::string& url, const char* protocols, std::chrono::seconds connect_timeout,
                          std::chrono::seconds total_timeout, char* error, const std::atomic<bool>* cancel);

}  // namespace eco
