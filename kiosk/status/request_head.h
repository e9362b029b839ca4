#pragma once
// What the status endpoint makes of a request head: the only code that reads bytes a stranger
// on the network sent, kept apart from the socket loop so it can be tested and fuzzed alone.
#include <string>
#include <string_view>

namespace eco::status {

enum class Route { None, Status, Metrics, Screen };

struct RequestVerdict {
  int status = 0;               // an error to answer (400, 401, 404, 405), or 0 when routed
  Route route = Route::None;    // where a request with the right token goes
  bool head_only = false;       // HEAD: headers without the body
  bool auth_challenge = false;  // a 401 with WWW-Authenticate
  const char* message = "";     // for the JSON error body: fixed text, never from the request
};

// `head`: the request line and header lines, up to the blank line. The token is compared in
// time independent of how much of it matched.
RequestVerdict judge_request(std::string_view head, const std::string& token);

}  // namespace eco::status
