#include "base/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace eco {
namespace {

struct Pipe {
  int read = -1, write = -1;
  Pipe() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("cannot make a pipe: ") + std::strerror(errno));
    read = fds[0];
    write = fds[1];
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  void close_read() {
    if (read >= 0) ::close(read);
    read = -1;
  }
  void close_write() {
    if (write >= 0) ::close(write);
    write = -1;
  }
};

// Keeps the first (stdout) or the last (stderr: the error line comes last) `max` bytes.
void append_bounded(std::string& to, const char* data, size_t n, size_t max, bool keep_end) {
  to.append(data, n);
  if (to.size() <= max) return;
  if (keep_end)
    to.erase(0, to.size() - max);
  else
    to.resize(max);
}

pid_t spawn(const std::vector<std::string>& argv, int out, int err) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out, 1);
  posix_spawn_file_actions_adddup2(&actions, err, 2);
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);  // sockets, the database: none of the child's business
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0].c_str(), &actions, &attributes, args.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot run " + argv[0] + ": " + std::strerror(rc));
  return pid;
}

// True once the child has ended; it stays a zombie (not reaped), so its pid, and with it the
// process group id, cannot be reused while we may still signal the group.
bool has_ended(pid_t pid) {
  siginfo_t info{};
  return waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid;
}

}  // namespace

std::string ChildResult::last_error_line() const {
  size_t end = err.find_last_not_of("\r\n \t");
  if (end == std::string::npos) return "";
  size_t start = err.rfind('\n', end);
  start = start == std::string::npos ? 0 : start + 1;
  return err.substr(start, end - start + 1);
}

ChildResult run_child(const std::vector<std::string>& argv, const ChildOptions& options) {
  if (argv.empty()) throw std::runtime_error("run_child: no program");
  Pipe out, err;
  pid_t pid = spawn(argv, out.write, err.write);
  out.close_write();
  err.close_write();

  ChildResult result;
  const auto started = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point term_sent{};
  bool ended = false, group_killed = false;
  char buf[4096];
  while (true) {
    if (!ended) ended = has_ended(pid);
    bool pipes_open = out.read >= 0 || err.read >= 0;
    if (ended && !pipes_open) break;
    if (ended && !group_killed) {
      kill(-pid, SIGKILL);  // whatever it left running in its group would hold the pipes open
      group_killed = true;
    }
    pollfd fds[2] = {{out.read, POLLIN, 0}, {err.read, POLLIN, 0}};
    int ready = poll(fds, 2, 100);  // with both pipes closed, a 100 ms sleep
    for (int i = 0; i < 2 && ready > 0; ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      Pipe& p = i == 0 ? out : err;
      ssize_t n = ::read(p.read, buf, sizeof buf);
      if (n > 0)
        append_bounded(i == 0 ? result.out : result.err, buf, static_cast<size_t>(n), options.max_output, i == 1);
      else if (n == 0 || errno != EINTR)
        p.close_read();
    }
    if (ended && ready == 0) break;  // a pipe still held, silently, by something outside its group
    bool overdue = options.timeout.count() > 0 && std::chrono::steady_clock::now() - started > options.timeout;
    if (!ended && ((options.stop && options.stop->load()) || overdue)) {
      auto now = std::chrono::steady_clock::now();
      if (term_sent == std::chrono::steady_clock::time_point{}) {
        kill(-pid, SIGTERM);
        term_sent = now;
        result.stopped = true;
      } else if (now - term_sent > std::chrono::seconds(2)) {
        kill(-pid, SIGKILL);
      }
    }
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
    result.stopped = false;  // it finished before the signal arrived
  } else if (WIFSIGNALED(status) && !result.stopped) {
    result.signal = WTERMSIG(status);
  }
  return result;
}

}  // namespace eco
