// run_child with real programs (/bin/sh): what the kiosk relies on when it installs a bundle in
// a child process.
#include "base/child_process.h"

#include <pthread.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <thread>

#include <gtest/gtest.h>

#include "base/background_thread.h"

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

TEST(ChildProcess, ChildOfABackgroundThreadRunsAtItsLowerPriority) {
  errno = 0;
  const int base = getpriority(PRIO_PROCESS, 0);
  ASSERT_EQ(errno, 0);
  ChildResult r;
  std::string thread_name;
  std::thread worker([&] {
    make_background_thread("eco-test-bg", 5);
    char name[16] = {};
    pthread_getname_np(pthread_self(), name, sizeof name);
    thread_name = name;
    r = sh("cut -d' ' -f19 /proc/$$/stat");
  });
  worker.join();
  EXPECT_EQ(thread_name, "eco-test-bg");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(std::stoi(r.out), std::min(base + 5, 19));  // the kernel caps nice at 19
  EXPECT_EQ(getpriority(PRIO_PROCESS, 0), base) << "the calling thread's priority is its own";
}

TEST(ChildProcess, WhatTheChildLeftRunningDoesNotKeepTheCallerWaiting) {
  auto t0 = std::chrono::steady_clock::now();
  ChildResult r = sh("sleep 30 & echo done");  // the leftover holds stdout open
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "done\n");
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
}

// Runs `script` and raises stop 200 ms later, as the update worker's stop does at shutdown.
ChildResult stopped_after_200ms(const std::string& script) {
  std::atomic<bool> stop{false};
  std::thread raise([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    stop = true;
  });
  auto t0 = std::chrono::steady_clock::now();
  ChildResult r = sh(script, {.stop = &stop});
  raise.join();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10)) << script;
  return r;
}

TEST(ChildProcess, StopTerminatesAChildThatWouldRunOn) {
  ChildResult r = stopped_after_200ms("sleep 30");
  EXPECT_TRUE(r.stopped);
  EXPECT_EQ(r.signal, 0);
}

TEST(ChildProcess, StopIsHonouredWhenTheChildHasClosedItsOutput) {
  EXPECT_TRUE(stopped_after_200ms("exec >&- 2>&-; sleep 30").stopped);
}

TEST(ChildProcess, ATimeoutStopsAChildThatRunsTooLongAndSparesOneThatFinishes) {
  auto t0 = std::chrono::steady_clock::now();
  ChildResult slow = sh("sleep 30", {.timeout = std::chrono::milliseconds(300)});
  EXPECT_TRUE(slow.stopped);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
  ChildResult quick = sh("echo done", {.timeout = std::chrono::seconds(20)});
  EXPECT_FALSE(quick.stopped);
  EXPECT_EQ(quick.exit_code, 0);
  EXPECT_EQ(quick.out, "done\n");
}

TEST(ChildProcess, AProgramThatCannotStartIsAnError) {
  EXPECT_THROW(run_child({"/nonexistent/ecolobby", "bundle", "apply"}), std::runtime_error);
}

}  // namespace
}  // namespace eco
