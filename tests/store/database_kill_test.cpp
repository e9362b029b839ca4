// kill -9 at random moments while `ecolobby store stress` writes: afterwards the database passes
// integrity_check and every event acknowledged in the ack file is there exactly once.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>
#include <set>

#include <gtest/gtest.h>

#include "store/database.h"
#include "temp_dir.h"

using namespace eco::store;

namespace {
uintmax_t ack_bytes(const std::filesystem::path& ack) {
  std::error_code ec;
  auto n = std::filesystem::file_size(ack, ec);
  return ec ? 0 : n;
}
}  // namespace

TEST(KillNine, AcknowledgedEventsSurviveAndTheFileStaysIntact) {
  fixture::TempDir dir;
  std::ofstream(dir.path / "k.toml") << "data_dir = \"" << dir.path.string() << "\"\n";
  auto ack = dir.path / "ack.txt";
  std::mt19937 rng(20260624);
  int kills = 0;
  for (int round = 0; round < 12; ++round) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int devnull = ::open("/dev/null", O_WRONLY);
      dup2(devnull, 1);
      dup2(devnull, 2);
      execl(ECOLOBBY_BINARY, "ecolobby", "--config", (dir.path / "k.toml").c_str(), "store", "stress", "--events",
            "1000000", "--ack-file", ack.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    // Killed at a random moment after it has committed something this round: start-up (an ASan
    // build on a loaded machine takes seconds) must not decide whether anything is acknowledged.
    const auto acked_before = ack_bytes(ack);
    for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
         ack_bytes(ack) == acked_before && std::chrono::steady_clock::now() < deadline;)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 400)(rng)));
    if (kill(pid, SIGKILL) == 0) ++kills;
    int status = 0;
    waitpid(pid, &status, 0);
  }
  EXPECT_GE(kills, 10);
  std::set<std::string> acked;
  std::ifstream in(ack);
  std::string line;
  while (std::getline(in, line))
    if (line.size() == 26) acked.insert(line);  // a torn last line from a kill is not an acknowledgement
  ASSERT_GT(acked.size(), 100u) << "the writer must have committed something before the kills";
  Connection c = open_database(database_path(dir.path)).connection;
  EXPECT_EQ(c.scalar_text("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(c.scalar_int("SELECT count(*) - count(DISTINCT id) FROM events"), 0);
  Statement q = c.prepare("SELECT 1 FROM events WHERE id = ?");
  size_t missing = 0;
  for (const auto& id : acked) {
    q.bind(1, id);
    if (!q.step()) ++missing;
    q.reset();
  }
  EXPECT_EQ(missing, 0u) << "of " << acked.size() << " acknowledged events";
}
