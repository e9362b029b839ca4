#include "store/privacy.h"

#include <algorithm>
#include <regex>
#include <stdexcept>

namespace eco::store {

void check_payload(const nlohmann::json& fields, const std::vector<std::string>& allowed,
                   const std::vector<std::string>& departments) {
  if (!fields.is_object()) throw std::invalid_argument("participation fields must be a table of key = value");
  static const std::regex mobile(R"((^|\D)1[3-9]\d{9}($|\D))");
  static const std::regex resident_id(R"((^|\d)\d{17}[\dXx]($|\D))");
  static const std::regex email(R"([^@\s]+@[^@\s]+\.[A-Za-z]{2,})");
  for (const auto& [key, value] : fields.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      throw std::invalid_argument("field '" + key + "' is not in the plugin's [participation] keys");
    if (value.is_object() || value.is_array()) throw std::invalid_argument("field '" + key + "' must be a plain value");
    std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    if (text.size() > kMaxValueChars) throw std::invalid_argument("field '" + key + "' is longer than 200 characters");
    if (std::regex_search(text, mobile)) throw std::invalid_argument("field '" + key + "' looks like a phone number: no personal data");
    if (std::regex_search(text, resident_id)) throw std::invalid_argument("field '" + key + "' looks like an ID number: no personal data");
    if (std::regex_search(text, email)) throw std::invalid_argument("field '" + key + "' looks like an e-mail address: no personal data");
    if (key == "department" && !departments.empty() &&
        std::find(departments.begin(), departments.end(), text) == departments.end())
      throw std::invalid_argument("department '" + text + "' is not in the configured departments");
  }
}

}  // namespace eco::store
