#include "store/privacy.h"

#include <stdexcept>

#include <gtest/gtest.h>

using namespace eco::store;

TEST(Privacy, RejectsPersonalDataAndUndeclaredKeys) {
  std::vector<std::string> keys = {"answer", "note", "department"};
  EXPECT_NO_THROW(check_payload({{"answer", "B"}, {"department", "财务科"}}, keys, {"财务科", "办公室"}));
  auto reason = [&](const nlohmann::json& j) {
    try {
      check_payload(j, keys, {"财务科"});
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(reason({{"name", "王小明"}}), "field 'name' is not in the plugin's [participation] keys");
  EXPECT_EQ(reason({{"note", "电话13912345678"}}), "field 'note' looks like a phone number: no personal data");
  EXPECT_EQ(reason({{"note", "500231199001011234"}}), "field 'note' looks like an ID number: no personal data");
  EXPECT_EQ(reason({{"note", "wang@example.gov.cn"}}), "field 'note' looks like an e-mail address: no personal data");
  EXPECT_EQ(reason({{"note", std::string(201, 'a')}}), "field 'note' is longer than 200 characters");
  EXPECT_EQ(reason({{"department", "保卫科"}}), "department '保卫科' is not in the configured departments");
  EXPECT_EQ(reason({{"answer", 42}}), "");  // numbers are fine
}
