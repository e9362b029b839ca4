#pragma once
// The remote status endpoint for administrators: GET /status (health JSON) and GET /screen.png
// (the current picture), both only with "Authorization: Bearer <token>"; anything without the
// token gets 401 and nothing else is served. Runs on its own threads; the frame loop is reached
// only through the StatusBoard.
#include <functional>
#include <memory>
#include <thread>

#include "app/status_board.h"
#include "status/status_config.h"

namespace httplib {
class Server;
}

namespace eco::status {

class StatusServer {
 public:
  // Binds and starts serving; on failure logs why and serves nothing (the screen stays up).
  // `extra` adds fields to the health JSON on the HTTP thread (queries that must not run on the
  // render thread, such as today's participation count).
  using Extra = std::function<void(nlohmann::json& health)>;
  StatusServer(StatusConfig config, std::shared_ptr<StatusBoard> board, Extra extra = {});
  ~StatusServer();
  StatusServer(const StatusServer&) = delete;
  StatusServer& operator=(const StatusServer&) = delete;
  int port() const { return port_; }  // 0 when not listening

 private:
  StatusConfig config_;
  std::shared_ptr<StatusBoard> board_;
  Extra extra_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace eco::status
