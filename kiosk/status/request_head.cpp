#include "status/request_head.h"

#include <algorithm>
#include <cctype>

namespace eco::status {
namespace {

// Compares without returning early, so response times do not reveal how much of a guess was right.
bool same_token(std::string_view given, const std::string& expected) {
  if (expected.empty()) return false;
  unsigned char diff = given.size() == expected.size() ? 0 : 1;
  for (size_t i = 0; i < given.size(); ++i) diff |= static_cast<unsigned char>(given[i] ^ expected[i % expected.size()]);
  return diff == 0;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

RequestVerdict error(int status, const char* message) {
  RequestVerdict v;
  v.status = status;
  v.message = message;
  return v;
}

}  // namespace

RequestVerdict judge_request(std::string_view head, const std::string& token) {
  size_t eol = head.find('\n');
  std::string_view line = trim(head.substr(0, eol));
  // Request line: METHOD SP target SP HTTP/1.x
  size_t sp1 = line.find(' ');
  size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp1 == std::string_view::npos || sp2 == std::string_view::npos || line.substr(sp2 + 1).substr(0, 5) != "HTTP/")
    return error(400, "bad request");
  std::string_view method = line.substr(0, sp1), target = line.substr(sp1 + 1, sp2 - sp1 - 1);

  std::string_view authorization;
  bool have_auth = false;
  for (size_t pos = eol == std::string_view::npos ? head.size() : eol + 1; pos < head.size();) {
    size_t next = head.find('\n', pos);
    if (next == std::string_view::npos) next = head.size();
    std::string_view h = head.substr(pos, next - pos);
    pos = next + 1;
    size_t colon = h.find(':');
    if (colon == std::string_view::npos) continue;
    if (!have_auth && iequals(trim(h.substr(0, colon)), "authorization")) {
      authorization = trim(h.substr(colon + 1));
      have_auth = true;
    }
  }
  constexpr std::string_view scheme = "Bearer ";
  bool authorized = authorization.size() > scheme.size() && iequals(authorization.substr(0, scheme.size()), scheme) &&
                    same_token(trim(authorization.substr(scheme.size())), token);
  RequestVerdict v;
  v.head_only = method == "HEAD";
  if (!authorized) {
    v.status = 401;
    v.message = "token required";
    v.auth_challenge = true;
    return v;
  }
  if (method != "GET" && method != "HEAD") {
    v.status = 405;
    v.message = "only GET";
    return v;
  }
  std::string_view path = target.substr(0, target.find_first_of("?#"));
  v.route = path == "/status"       ? Route::Status
            : path == "/metrics"    ? Route::Metrics
            : path == "/screen.png" ? Route::Screen
                                    : Route::None;
  if (v.route == Route::None) {
    v.status = 404;
    v.message = "only /status, /metrics and /screen.png";
  }
  return v;
}

}  // namespace eco::status
