#pragma once
// A fixture giving each test a fresh folder of its own, named after the process and the test,
// removed after it.
#include <unistd.h>

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace eco::test {

class TestFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = std::filesystem::temp_directory_path() /
          ("ecolobby-test-" + std::to_string(::getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir);
  }
  void TearDown() override { std::filesystem::remove_all(dir); }
  std::filesystem::path dir;
};

}  // namespace eco::test
