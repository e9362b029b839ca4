#include "status/status_server.h"

#include "status/metrics_text.h"
#include "status/request_head.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/background_thread.h"
#include "base/iso8601.h"

namespace eco::status {
namespace {

using Steady = std::chrono::steady_clock;  // timeouts; eco::Clock is the kiosk's (virtual) time
using namespace std::chrono_literals;

// A whole response. Header lines are fixed text: nothing from a request, a log or an exception.
struct Response {
  int status = 200;
  const char* content_type = "application/json";
  std::string body;
  bool auth_challenge = false;
};

Response json_error(int status, const char* message) {
  return {status, "application/json", nlohmann::json{{"error", message}}.dump(), false};
}

const char* reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

std::string serialize(const Response& r, bool head_only) {
  std::string out = fmt::format("HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n"
                                "Cache-Control: no-store\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n",
                                r.status, reason(r.status), r.content_type, r.body.size());
  if (r.auth_challenge) out += "WWW-Authenticate: Bearer realm=\"ecolobby\"\r\n";
  if (r.status == 405) out += "Allow: GET, HEAD\r\n";
  out += "\r\n";
  if (!head_only) out += r.body;
  return out;
}

// At most one line a second for the same kind of trouble, so a flood cannot flood the log.
class ThrottledLog {
 public:
  explicit ThrottledLog(const char* what) : what_(what) {}
  void error(std::string_view detail) noexcept {
    try {
      std::lock_guard lock(m_);
      auto now = Steady::now();
      if (now - last_ < 1s) {
        ++dropped_;
        return;
      }
      last_ = now;
      if (dropped_) spdlog::error("status endpoint: {}: {} (and {} more like it); carrying on", what_, detail, dropped_);
      else spdlog::error("status endpoint: {}: {}; carrying on", what_, detail);
      dropped_ = 0;
    } catch (...) {  // out of memory while logging: nothing better to do than go on
    }
  }

 private:
  const char* what_;
  std::mutex m_;
  Steady::time_point last_{};
  uint64_t dropped_ = 0;
};

std::string current_exception_text() {
  try {
    throw;
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown exception";
  }
}

}  // namespace

// One thread that computes an answer for every connection waiting for it: requests that arrive
// while it works get the next result. Results go to the event loop through `post`.
class BatchWorker {
 public:
  using Compute = std::function<Response()>;
  using Post = std::function<void(std::vector<uint64_t>, Response)>;
  BatchWorker(const char* name, Compute compute, Post post)
      : name_(name), compute_(std::move(compute)), post_(std::move(post)), log_(name), thread_([this] { run(); }) {}
  ~BatchWorker() {
    {
      std::lock_guard lock(m_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  void request(uint64_t id) {
    {
      std::lock_guard lock(m_);
      pending_.push_back(id);
    }
    cv_.notify_one();
  }

 private:
  void run() {
    make_background_thread(name_, 5);
    for (;;) {
      std::vector<uint64_t> batch;
      {
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return stop_ || !pending_.empty(); });
        if (stop_) return;
        batch.swap(pending_);
      }
      Response r;
      try {
        r = compute_();
      } catch (...) {
        log_.error(current_exception_text());
        r = json_error(500, "internal error (see the kiosk's log)");
      }
      try {
        post_(std::move(batch), std::move(r));
      } catch (...) {
        log_.error(current_exception_text());
      }
    }
  }

  const char* name_;
  Compute compute_;
  Post post_;
  ThrottledLog log_;
  std::mutex m_;
  std::condition_variable cv_;
  std::vector<uint64_t> pending_;
  bool stop_ = false;
  std::thread thread_;  // last: starts once the rest is built
};

struct StatusServer::Impl {
  enum class State { Head, Waiting, Writing, Draining };
  struct Connection {
    int fd = -1;
    uint64_t id = 0;
    State state = State::Head;
    bool head_only = false;
    std::string in;
    std::string out;
    size_t sent = 0;
    Steady::time_point deadline;
  };

  StatusConfig config;
  std::shared_ptr<StatusBoard> board;
  StatusServer::Extra extra;
  ServerLimits limits;
  int listen_fd = -1;
  int wake_fd = -1;
  int port = 0;
  std::atomic<bool> stop{false};
  std::vector<Connection> conns;  // in accept order: the front is the oldest
  uint64_t next_id = 1;
  Steady::time_point accept_paused_until{};
  ThrottledLog loop_log{"event loop"};
  ThrottledLog accept_log{"accept"};

  std::mutex done_m;
  std::vector<std::pair<std::vector<uint64_t>, std::shared_ptr<const Response>>> done;

  std::unique_ptr<BatchWorker> health_worker, metrics_worker, screen_worker;
  std::thread thread;

  ~Impl() {
    if (thread.joinable()) {
      stop = true;
      wake();
      thread.join();
    }
    health_worker.reset();
    metrics_worker.reset();
    screen_worker.reset();
    for (auto& c : conns) ::close(c.fd);
    if (listen_fd >= 0) ::close(listen_fd);
    if (wake_fd >= 0) ::close(wake_fd);
  }

  void wake() const {
    uint64_t one = 1;
    if (wake_fd >= 0) (void)!::write(wake_fd, &one, sizeof one);
  }

  void post(std::vector<uint64_t> ids, Response r) {
    {
      std::lock_guard lock(done_m);
      done.emplace_back(std::move(ids), std::make_shared<const Response>(std::move(r)));
    }
    wake();
  }

  // The frame loop's health with what the services add: what /status and /metrics both serve.
  nlohmann::json health_document() const {
    nlohmann::json health = board->health();
    if (extra) {
      try {
        extra(health);
      } catch (const std::exception& e) {
        // Said in the answer itself (the field a monitor reads), as the problems list says it.
        if (!health["last_problems"].is_array()) health["last_problems"] = nlohmann::json::array();
        auto now = std::chrono::system_clock::now();
        health["last_problems"].push_back(
            {{"time", format_iso8601(std::chrono::time_point_cast<std::chrono::milliseconds>(now), 0)},
             {"time_ms", std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count()},
             {"level", "error"},
             {"message", std::string("status: ") + e.what()}});
      }
    }
    return health;
  }

  Response health_response() const {
    // Log lines come from plugins and feeds: bytes that are not UTF-8 become U+FFFD instead of
    // an exception, so the answer is always valid JSON.
    return {200, "application/json", health_document().dump(2, ' ', false, nlohmann::json::error_handler_t::replace),
            false};
  }

  Response metrics_response() const { return {200, kMetricsContentType, metrics_text(health_document()), false}; }

  Response screen_response() const {
    auto png = board->screen(limits.screen_wait);
    if (!png || png->empty()) return json_error(503, "the screen did not draw a frame in time");
    return {200, "image/png", std::move(*png), false};
  }

  bool bind_and_listen() {
    std::string host = config.host;
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    std::string service = std::to_string(config.port);
    if (::getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &found) != 0) return false;
    for (addrinfo* a = found; a && listen_fd < 0; a = a->ai_next) {
      int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
      if (fd < 0) continue;
      int yes = 1;
      ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
      if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, SOMAXCONN) == 0) {
        listen_fd = fd;
      } else {
        ::close(fd);
      }
    }
    ::freeaddrinfo(found);
    if (listen_fd < 0) return false;
    sockaddr_storage bound{};
    socklen_t len = sizeof bound;
    if (::getsockname(listen_fd, reinterpret_cast<sockaddr*>(&bound), &len) != 0) return false;
    port = bound.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port)
                                       : ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    return wake_fd >= 0 && port > 0;
  }

  void start() {
    health_worker = std::make_unique<BatchWorker>(
        "eco-status-json", [this] { return health_response(); },
        [this](std::vector<uint64_t> ids, Response r) { post(std::move(ids), std::move(r)); });
    metrics_worker = std::make_unique<BatchWorker>(
        "eco-status-prom", [this] { return metrics_response(); },
        [this](std::vector<uint64_t> ids, Response r) { post(std::move(ids), std::move(r)); });
    screen_worker = std::make_unique<BatchWorker>(
        "eco-status-png", [this] { return screen_response(); },
        [this](std::vector<uint64_t> ids, Response r) { post(std::move(ids), std::move(r)); });
    thread = std::thread([this] { run(); });
  }

  // ---- the event loop ----------------------------------------------------------------------

  void run() {
    make_background_thread("eco-status", 0);
    std::vector<pollfd> fds;
    while (!stop) {
      try {
        iterate(fds);
      } catch (...) {
        loop_log.error(current_exception_text());
        std::this_thread::sleep_for(10ms);  // whatever keeps failing does not spin a core
      }
    }
  }

  void iterate(std::vector<pollfd>& fds) {
    auto now = Steady::now();
    fds.clear();
    bool accepting = now >= accept_paused_until;
    fds.push_back({wake_fd, POLLIN, 0});
    fds.push_back({accepting ? listen_fd : -1, POLLIN, 0});
    Steady::time_point next = accepting ? now + 1s : std::min(now + 1s, accept_paused_until);
    for (auto& c : conns) {
      short events = c.state == State::Writing ? POLLOUT : c.state == State::Waiting ? 0 : POLLIN;
      fds.push_back({c.fd, events, 0});
      next = std::min(next, c.deadline);
    }
    int timeout = static_cast<int>(std::clamp<int64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count() + 1, 0, 1000));
    int n = ::poll(fds.data(), fds.size(), timeout);
    if (n < 0 && errno != EINTR) throw std::runtime_error(fmt::format("poll: {}", std::strerror(errno)));
    if (n <= 0) fds.assign(fds.size(), pollfd{-1, 0, 0});

    if (fds[0].revents & POLLIN) {
      uint64_t count = 0;
      (void)!::read(wake_fd, &count, sizeof count);
    }
    take_results();
    // Connections first, then new ones: a request whose head has arrived is served before a
    // flood of new connections could push it out.
    std::vector<uint64_t> to_close;
    for (size_t i = 2; i < fds.size(); ++i) {
      if (!fds[i].revents) continue;
      Connection* c = find_fd(fds[i].fd);
      if (!c) continue;
      bool keep = false;
      try {
        keep = serve(*c, fds[i].revents);
      } catch (...) {
        loop_log.error(current_exception_text());
      }
      if (!keep) to_close.push_back(c->id);
    }
    now = Steady::now();
    for (auto& c : conns)
      if (now >= c.deadline) to_close.push_back(c.id);
    for (uint64_t id : to_close) close_connection(id);
    if (fds[1].revents) accept_new();
  }

  Connection* find_fd(int fd) {
    for (auto& c : conns)
      if (c.fd == fd) return &c;
    return nullptr;
  }

  void close_connection(uint64_t id) {
    auto it = std::find_if(conns.begin(), conns.end(), [id](const Connection& c) { return c.id == id; });
    if (it == conns.end()) return;
    ::close(it->fd);
    conns.erase(it);
  }

  // The oldest connection that has not been answered yet or is only being drained: closing it
  // costs no administrator anything (an administrator's request head arrives at once).
  bool evict_one() {
    for (State s : {State::Draining, State::Head}) {
      for (auto& c : conns) {
        if (c.state == s) {
          close_connection(c.id);
          return true;
        }
      }
    }
    return false;
  }

  void accept_new() {
    for (int i = 0; i < 256; ++i) {
      int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK) return;
        if (errno == EINTR || errno == ECONNABORTED || errno == EPROTO) continue;
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
          // Out of descriptors: make room, and if there is none to make, stop accepting for a
          // moment rather than spinning on a listening socket that stays readable.
          accept_log.error(std::strerror(errno));
          if (!evict_one()) accept_paused_until = Steady::now() + 100ms;
          return;
        }
        accept_log.error(std::strerror(errno));
        accept_paused_until = Steady::now() + 100ms;
        return;
      }
      if (static_cast<int>(conns.size()) >= limits.max_connections && !evict_one()) {
        ::close(fd);  // every slot holds a request being answered
        continue;
      }
      Connection c;
      c.fd = fd;
      c.id = next_id++;
      c.deadline = Steady::now() + limits.head_deadline;
      conns.push_back(std::move(c));
    }
  }

  // Returns false when the connection is to be closed.
  bool serve(Connection& c, short revents) {
    switch (c.state) {
      case State::Head: return read_head(c);
      case State::Waiting: return !(revents & (POLLERR | POLLHUP | POLLNVAL));  // the client went away
      case State::Writing: return (revents & (POLLERR | POLLNVAL)) ? false : write_some(c);
      case State::Draining: return drain(c);
    }
    return false;
  }

  bool read_head(Connection& c) {
    char buf[4096];
    for (;;) {
      ssize_t got = ::recv(c.fd, buf, sizeof buf, 0);
      if (got == 0) return false;
      if (got < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
      size_t before = c.in.size();
      c.in.append(buf, static_cast<size_t>(got));
      // Search only the new bytes (and the three before them) for the blank line.
      size_t from = before >= 3 ? before - 3 : 0;
      size_t end = c.in.find("\r\n\r\n", from);
      size_t lf = c.in.find("\n\n", from);
      if (end != std::string::npos || lf != std::string::npos) {
        size_t head_end = std::min(end == std::string::npos ? std::string::npos : end + 2,
                                   lf == std::string::npos ? std::string::npos : lf + 1);
        if (head_end > limits.max_head_bytes) return respond(c, json_error(431, "request head too large"));
        c.in.resize(head_end);
        return dispatch(c);
      }
      if (c.in.size() > limits.max_head_bytes) return respond(c, json_error(431, "request head too large"));
    }
  }

  bool dispatch(Connection& c) {
    RequestVerdict v = judge_request(c.in, config.token);
    c.head_only = v.head_only;
    if (v.status) {
      Response r = json_error(v.status, v.message);
      r.auth_challenge = v.auth_challenge;
      return respond(c, r);
    }
    BatchWorker* worker = v.route == Route::Status    ? health_worker.get()
                          : v.route == Route::Metrics ? metrics_worker.get()
                                                      : screen_worker.get();
    c.state = State::Waiting;
    // The worker answers within its own limits (the screen waits 5 s at most); this is a backstop.
    c.deadline = Steady::now() + limits.screen_wait + limits.write_deadline;
    c.in.clear();
    c.in.shrink_to_fit();
    worker->request(c.id);
    return true;
  }

  bool respond(Connection& c, const Response& r) {
    c.out = serialize(r, c.head_only);
    c.sent = 0;
    c.state = State::Writing;
    c.deadline = Steady::now() + limits.write_deadline;
    c.in.clear();
    c.in.shrink_to_fit();
    return write_some(c);
  }

  bool write_some(Connection& c) {
    while (c.sent < c.out.size()) {
      ssize_t n = ::send(c.fd, c.out.data() + c.sent, c.out.size() - c.sent, MSG_NOSIGNAL);
      if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
      c.sent += static_cast<size_t>(n);
    }
    // All sent: half-close and read what the client may still send, so closing does not reset
    // the connection under a response it has not read yet.
    std::string().swap(c.out);
    ::shutdown(c.fd, SHUT_WR);
    c.state = State::Draining;
    c.deadline = Steady::now() + 1s;
    return true;
  }

  bool drain(Connection& c) {
    char buf[4096];
    for (int i = 0; i < 16; ++i) {
      ssize_t got = ::recv(c.fd, buf, sizeof buf, 0);
      if (got == 0) return false;
      if (got < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
    }
    return true;
  }

  void take_results() {
    decltype(done) results;
    {
      std::lock_guard lock(done_m);
      results.swap(done);
    }
    std::vector<uint64_t> to_close;
    for (auto& [ids, response] : results) {
      for (uint64_t id : ids) {
        auto it = std::find_if(conns.begin(), conns.end(), [id](const Connection& c) { return c.id == id; });
        if (it == conns.end() || it->state != State::Waiting) continue;  // it went away meanwhile
        try {
          if (!respond(*it, *response)) to_close.push_back(id);
        } catch (...) {
          loop_log.error(current_exception_text());
          to_close.push_back(id);
        }
      }
    }
    for (uint64_t id : to_close) close_connection(id);
  }
};

StatusServer::StatusServer(StatusConfig config, std::shared_ptr<StatusBoard> board, Extra extra, ServerLimits limits)
    : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  s.config = std::move(config);
  s.board = std::move(board);
  s.extra = std::move(extra);
  s.limits = limits;
  if (!s.bind_and_listen()) {
    spdlog::error("status endpoint: cannot listen on {}:{} (address in use or not on this machine); it stays off",
                  s.config.host, s.config.port);
    s.port = 0;
    return;
  }
  spdlog::info("status endpoint listening on http://{}:{} (token required)", s.config.host, s.port);
  s.start();
}

StatusServer::~StatusServer() = default;

int StatusServer::port() const { return impl_->port; }

}  // namespace eco::status
