#include "status/status_server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

namespace eco::status {
namespace {

// Compares without returning early, so response times do not reveal how much of a guess was right.
bool same_token(const std::string& given, const std::string& expected) {
  if (expected.empty()) return false;
  unsigned char diff = given.size() == expected.size() ? 0 : 1;
  for (size_t i = 0; i < given.size(); ++i) diff |= static_cast<unsigned char>(given[i] ^ expected[i % expected.size()]);
  return diff == 0;
}

void json_error(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(nlohmann::json{{"error", message}}.dump(), "application/json");
}

}  // namespace

StatusServer::StatusServer(StatusConfig config, std::shared_ptr<StatusBoard> board, Extra extra)
    : config_(std::move(config)), board_(std::move(board)), extra_(std::move(extra)), server_(std::make_unique<httplib::Server>()) {
  auto& s = *server_;
  s.new_task_queue = [] { return new httplib::ThreadPool(2); };  // an admin's curl, not a crowd
  s.set_read_timeout(5, 0);
  s.set_write_timeout(5, 0);
  s.set_payload_max_length(4096);
  s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    const std::string& auth = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (auth.rfind(prefix, 0) != 0 || !same_token(auth.substr(prefix.size()), config_.token)) {
      res.set_header("WWW-Authenticate", "Bearer realm=\"ecolobby\"");
      json_error(res, 401, "token required");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  s.Get("/status", [this](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    nlohmann::json health = board_->health();
    if (extra_) {
      try {
        extra_(health);
      } catch (const std::exception& e) {
        health["last_errors"].push_back(std::string("status: ") + e.what());
      }
    }
    res.set_content(health.dump(2), "application/json");
  });
  s.Get("/screen.png", [this](const httplib::Request&, httplib::Response& res) {
    auto png = board_->screen(std::chrono::seconds(5));
    if (!png || png->empty()) return json_error(res, 503, "the screen did not draw a frame in 5 s");
    res.set_header("Cache-Control", "no-store");
    res.set_content(*png, "image/png");
  });
  s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.status == 404) json_error(res, 404, "only /status and /screen.png");
  });

  port_ = config_.port == 0 ? s.bind_to_any_port(config_.host) : (s.bind_to_port(config_.host, config_.port) ? config_.port : -1);
  if (port_ <= 0) {
    spdlog::error("status endpoint: cannot listen on {}:{} (address in use or not on this machine); it stays off",
                  config_.host, config_.port);
    port_ = 0;
    return;
  }
  spdlog::info("status endpoint listening on http://{}:{} (token required)", config_.host, port_);
  thread_ = std::thread([this] { server_->listen_after_bind(); });
}

StatusServer::~StatusServer() {
  if (thread_.joinable()) {
    server_->stop();
    thread_.join();
  }
}

}  // namespace eco::status
