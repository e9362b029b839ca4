#pragma once
// Privacy by construction: a participation payload may only carry the keys a plugin declared,
// short plain values, and nothing that looks like a person (names are kept out by the allow-list;
// phone numbers, resident ID numbers and e-mail addresses are recognised and refused).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace eco::store {

constexpr size_t kMaxValueChars = 200;

// Throws std::invalid_argument with a one-line reason naming the field.
void check_payload(const nlohmann::json& fields, const std::vector<std::string>& allowed_keys,
                   const std::vector<std::string>& departments = {});

}  // namespace eco::store
