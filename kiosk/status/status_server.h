#pragma once
// The remote status endpoint for administrators: GET /status (health JSON), GET /metrics (the
// same health for Prometheus, status/metrics_text.h) and GET /screen.png (the current picture),
// all only with "Authorization: Bearer <token>"; anything without the token gets 401 and
// nothing else is served. The frame loop is reached only through the
// StatusBoard.
//
// A small HTTP/1.1 server of its own (one request per connection, `Connection: close`), built so
// that nobody on the network can keep an administrator out:
//   - one thread runs a poll() loop over non-blocking sockets, so a slow or silent client costs a
//     descriptor and a few KB, never a thread;
//   - the whole request head must arrive within `head_deadline` of the accept (not renewed by
//     each byte or line) and fit in `max_head_bytes`;
//   - at most `max_connections` are open; a new connection when full closes the oldest one that
//     has not sent a complete request yet (the unauthenticated), so idle connections cannot fill
//     the table;
//   - the work that may wait (the health JSON with its SQLite query, for /status and for
//     /metrics, the next frame for /screen.png, up to 5 s) runs on three worker threads, each
//     answering every request waiting for it with one result, so a waiting picture never holds
//     up /status or the other sockets;
//   - responses carry fixed header text only; the JSON is always valid UTF-8 (invalid bytes in a
//     log line become U+FFFD); an exception in any of these threads is logged in one line and the
//     thread carries on.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>

#include "status/status_board.h"
#include "status/status_config.h"

namespace eco::status {

struct ServerLimits {
  int max_connections = 64;
  std::chrono::milliseconds head_deadline{2500};   // accept → complete request head
  std::chrono::milliseconds write_deadline{15000};  // response ready → last byte sent
  size_t max_head_bytes = 8192;
  std::chrono::milliseconds screen_wait{5000};  // for the next frame the loop draws
};

class StatusServer {
 public:
  // Binds and starts serving; on failure logs why and serves nothing (the screen stays up).
  // `extra` adds fields to the health JSON on a worker thread (queries that must not run on the
  // render thread, such as today's participation count).
  using Extra = std::function<void(nlohmann::json& health)>;
  StatusServer(StatusConfig config, std::shared_ptr<StatusBoard> board, Extra extra = {}, ServerLimits limits = {});
  ~StatusServer();
  StatusServer(const StatusServer&) = delete;
  StatusServer& operator=(const StatusServer&) = delete;
  int port() const;  // 0 when not listening

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace eco::status
