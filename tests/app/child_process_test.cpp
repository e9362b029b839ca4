// run_child with real programs (/bin/sh): what the kiosk relies on when it installs a bundle in
// a child process.
#include "app/child_process.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <thread>

#include <gtest/gtest.h>

namespace eco {
namespace {

ChildResult sh(const std::string& script, const ChildOptions& options = {}) {
  return run_child({"/bin/sh", "-c", script}, options);
}

TEST(ChildProcess, CapturesOutputErrorLineAndExitCode) {
  ChildResult r = sh("echo '{\"ok\":1}'; echo 'info: working' >&2; echo 'ecolobby: bundle-7: damaged' >&2; exit 1");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.signal, 0);
  EXPECT_FALSE(r.stopped);
  EXPECT_EQ(r.out, "{\"ok\":1}\n");
  EXPECT_EQ(r.last_error_line(), "ecolobby: bundle-7: damaged");
}

TEST(ChildProcess, ACrashIsReportedAsItsSignal) {
  ChildResult r = sh("kill -SEGV $$");
  EXPECT_EQ(r.signal, SIGSEGV);
  EXPECT_FALSE(r.stopped);
}

TEST(ChildProcess, OutputBeyondTheLimitIsCutAndStderrKeepsItsEnd) {
  ChildResult r = sh("yes a | head -c 100000; yes b | head -c 100000 >&2; echo last >&2",
                     {.max_output = 1000});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.size(), 1000u);
  EXPECT_LE(r.err.size(), 1000u);
  EXPECT_EQ(r.last_error_line(), "last");
}

TEST(ChildProcess, InheritsNoDescriptorsBeyondTheStandardThree) {
  int fd = ::open("/dev/null", O_RDONLY);  // without O_CLOEXEC, as a library might leave one
  ASSERT_GE(fd, 3);
  ChildResult r = sh("ls /proc/$$/fd");
  ::close(fd);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "0\n1\n2\n") << "descriptor " << fd << " leaked into the child";
}

TEST(ChildProcess, RunsAtTheAskedLowerPriority) {
  ChildResult r = sh("cut -d' ' -f19 /proc/$$/stat", {.nice = 10});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(std::stoi(r.out), getpriority(PRIO_PROCESS, 0) + 10);
}

TEST(ChildProcess, StopTerminatesAChildThatWouldRunOn) {
  std::atomic<bool> stop{false};
  std::thread raise([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    stop = true;
  });
  auto t0 = std::chrono::steady_clock::now();
  ChildResult r = sh("sleep 30", {.stop = &stop});
  raise.join();
  EXPECT_TRUE(r.stopped);
  EXPECT_EQ(r.signal, 0);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
}

TEST(ChildProcess, AProgramThatCannotStartIsAnError) {
  EXPECT_THROW(run_child({"/nonexistent/ecolobby", "bundle", "apply"}), std::runtime_error);
}

}  // namespace
}  // namespace eco
