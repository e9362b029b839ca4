// The problems journal: the last 50 warnings and errors, saved atomically to a real file by its
// own thread, read back by the next start, a damaged file set aside.
#include "app/problem_journal.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include "base/file_io.h"

using namespace eco;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

struct Dir {
  fs::path path = fs::temp_directory_path() / ("ecolobby-journal-" + std::to_string(::getpid()) + "-" +
                                               ::testing::UnitTest::GetInstance()->current_test_info()->name());
  Dir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Dir() { fs::remove_all(path); }
};

// Waits for the writer thread (a state, not a fixed sleep) until `file` mentions `text`.
bool file_mentions(const fs::path& file, const std::string& text) {
  for (auto deadline = std::chrono::steady_clock::now() + 30s; std::chrono::steady_clock::now() < deadline;) {
    if (read_whole_file(file).value_or("").find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

}  // namespace

TEST(ProblemJournal, KeepsWarningsAndErrorsAcrossARestart) {
  Dir dir;
  fs::path file = dir.path / "problems.json";
  {
    auto journal = std::make_shared<ProblemJournal>();
    spdlog::logger log("t", journal);
    log.info("not a problem");
    log.warn("before the file: {}", 1);
    journal->attach(file);
    log.error("updates: rolled back 7 to 6: plugin quiz failed");
    ASSERT_TRUE(file_mentions(file, "rolled back 7")) << read_whole_file(file).value_or("(none)");
    journal->detach();
  }
  auto again = std::make_shared<ProblemJournal>();
  spdlog::logger log("t2", again);
  log.warn("after the restart");
  again->attach(file);
  auto kept = again->recent();
  ASSERT_EQ(kept.size(), 3u);
  EXPECT_EQ(kept[0].message, "before the file: 1");
  EXPECT_EQ(kept[0].level, "warning");
  EXPECT_EQ(kept[1].message, "updates: rolled back 7 to 6: plugin quiz failed");
  EXPECT_EQ(kept[1].level, "error");
  EXPECT_GT(kept[1].time_ms, 1'700'000'000'000);
  EXPECT_EQ(kept[2].message, "after the restart") << "this start's, after the ones kept";
  auto lines = again->recent_lines(2, 480);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[0].find(" error updates: rolled back 7"), std::string::npos) << lines[0];
  EXPECT_EQ(lines[0][2], ':');
  again->detach();
  for (const auto& e : fs::directory_iterator(dir.path))
    EXPECT_EQ(e.path().filename(), "problems.json") << "no temporary file left";
}

TEST(ProblemJournal, KeepsTheLastFifty) {
  Dir dir;
  auto journal = std::make_shared<ProblemJournal>();
  spdlog::logger log("t", journal);
  journal->attach(dir.path / "problems.json");
  for (int i = 0; i < 120; ++i) log.warn("problem {}", i);
  ASSERT_TRUE(file_mentions(dir.path / "problems.json", "problem 119"));
  journal->detach();
  auto saved = ProblemJournal::from_json(nlohmann::json::parse(*read_whole_file(dir.path / "problems.json")));
  ASSERT_EQ(saved.size(), ProblemJournal::kMax);
  EXPECT_EQ(saved.front().message, "problem 70");
  EXPECT_EQ(saved.back().message, "problem 119");
}

TEST(ProblemJournal, ADamagedFileIsSetAsideAndSaid) {
  Dir dir;
  fs::path file = dir.path / "problems.json";
  ASSERT_EQ(replace_file(file, "{\"schema\": 1, \"problems\": [{\"time_ms\": \"x\""), "");
  auto journal = std::make_shared<ProblemJournal>();
  auto logger = std::make_shared<spdlog::logger>("t", journal);
  spdlog::set_default_logger(logger);  // attach() says so through the default logger
  journal->attach(file);
  auto now = journal->recent();
  ASSERT_EQ(now.size(), 1u);
  EXPECT_NE(now[0].message.find("problems.json: unreadable"), std::string::npos) << now[0].message;
  EXPECT_TRUE(fs::exists(dir.path / "problems.json.bad"));
  ASSERT_TRUE(file_mentions(file, "unreadable"));
  journal->detach();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("default"));
}
