#pragma once
// /metrics: the status document (/status, schema 1, docs/admin-guide.md) in the Prometheus text
// exposition format 0.0.4, for networks whose Prometheus can reach the screens. A pure function
// of the document, so /status and /metrics never disagree and the conversion is tested alone.
//
// Every family has its HELP and TYPE lines. A field the document does not have (an older
// screen, a service that is off, a value that is null) leaves its samples out rather than
// making up a zero; a field of the wrong type is left out the same way, never an exception.
// Label values are escaped as the format says (backslash, double quote, newline) and otherwise
// kept as they are, Chinese included (UTF-8).
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace eco::status {

inline constexpr const char* kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

std::string metrics_text(const nlohmann::json& status);

// A label value as the exposition format writes it between its double quotes.
std::string escape_label_value(std::string_view value);

}  // namespace eco::status
