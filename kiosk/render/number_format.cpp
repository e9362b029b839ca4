#include "render/number_format.h"

#include <cmath>
#include <cstdio>
#include <string_view>

namespace eco {

std::string format_number(double v, int decimals, Grouping grouping) {
  if (!std::isfinite(v)) return "—";
  char buf[400];  // %f of the largest double needs 309 digits
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string_view s(buf);
  if (grouping == Grouping::None) return std::string(s);
  size_t sign = s.front() == '-' ? 1 : 0;
  size_t dot = s.find('.');
  size_t int_end = dot == std::string_view::npos ? s.size() : dot;
  std::string out(s.substr(0, sign));
  for (size_t i = sign; i < int_end; ++i) {
    out += s[i];
    size_t left = int_end - i - 1;
    if (left > 0 && left % 3 == 0) out += ',';
  }
  out += s.substr(int_end);
  return out;
}

}  // namespace eco
