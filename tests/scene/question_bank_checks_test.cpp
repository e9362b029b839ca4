// The question-bank validator of `ecolobby check`, on the bundled bank and on broken ones.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <unistd.h>

#include "scene/question_bank_checks.h"

namespace fs = std::filesystem;

namespace {
std::vector<std::string> check_text(const std::string& toml) {
  fs::path p = fs::temp_directory_path() / ("ecolobby-bank-" + std::to_string(::getpid()) + ".toml");
  std::ofstream(p) << toml;
  auto problems = eco::check_question_bank(p);
  fs::remove(p);
  return problems;
}

bool has(const std::vector<std::string>& problems, const std::string& needle) {
  for (const auto& p : problems)
    if (p.find(needle) != std::string::npos) return true;
  return false;
}

const char* kGood = R"(
[[question]]
id = "a"
question = { zh-CN = "问", en = "Q" }
options = { zh-CN = ["甲", "乙"], en = ["A", "B"] }
answer = 2
explanation = { zh-CN = "因为", en = "Because" }
source = "出处"
)";

// kGood with one mistake put in: the first `from` replaced by `to`.
std::string with_mistake(const std::string& from, const std::string& to) {
  std::string text = kGood;
  text.replace(text.find(from), from.size(), to);
  return text;
}
}  // namespace

TEST(QuestionBank, BundledBankIsCleanAndLargeEnough) {
  fs::path bank = fs::path(ECOLOBBY_SOURCE_DIR) / "content" / "quiz" / "energy-week.toml";
  EXPECT_TRUE(eco::check_question_bank(bank).empty());
  std::ifstream in(bank);
  int questions = 0;
  for (std::string line; std::getline(in, line);) questions += line == "[[question]]";
  EXPECT_GE(questions, 60);
}

TEST(QuestionBank, EveryMistakeIsNamedWithLineAndId) {
  EXPECT_TRUE(check_text(kGood).empty());
  EXPECT_TRUE(has(check_text("# nothing\n"), "no [[question]] entries"));
  EXPECT_TRUE(has(check_text(with_mistake("answer = 2\n", "")), "question[0] 'a': no correct answer"));
  EXPECT_TRUE(has(check_text(with_mistake("answer = 2", "answer = 5")), "answer 5 is not one of the 2 options"));
  auto dup = check_text(std::string(kGood) + kGood);
  EXPECT_TRUE(has(dup, ":11: question[1] 'a': duplicate id")) << (dup.empty() ? "" : dup[0]);
  EXPECT_TRUE(has(check_text(with_mistake(", en = \"Because\"", "")), "'explanation' has no en text"));
  EXPECT_TRUE(has(check_text(with_mistake("en = [\"A\", \"B\"]", "en = [\"A\", \"B\", \"C\"]")),
                  "options.en has 3 answers, the other language 2"));
}
