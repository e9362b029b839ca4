#include "app/session_command.h"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string_view>

#include <fmt/format.h>

#include "app/service_notifier.h"

namespace eco {
namespace {

using Clock = std::chrono::steady_clock;

// What the client may say for itself. MAINPID, FDSTORE and the like would speak for the
// session's main process, which is not the client's to change.
std::string relayable(const std::string& message) {
  static const char* const kKeys[] = {"READY=", "WATCHDOG=", "STATUS=", "STOPPING=", "RELOADING=", "EXTEND_TIMEOUT_USEC=",
                                      "WATCHDOG_USEC=", "ERRNO="};
  std::istringstream lines(message);
  std::string line, out;
  while (std::getline(lines, line))
    for (const char* key : kKeys)
      if (line.rfind(key, 0) == 0) {
        out += (out.empty() ? "" : "\n") + line;
        break;
      }
  return out;
}

// A datagram socket only this user's processes are heard on (abstract: nothing on disk, which
// ProtectSystem=strict keeps read-only anyway).
struct NotifyListener {
  int fd = -1;
  std::string address;  // as NOTIFY_SOCKET spells it: "@ecolobby-session-PID"

  NotifyListener() {
    fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) throw CommandError(fmt::format("session: cannot create the notify socket: {}", std::strerror(errno)), 1);
    std::string name = fmt::format("ecolobby-session-{}", getpid());
    sockaddr_un sa{};
    sa.sun_family = AF_UNIX;
    std::memcpy(sa.sun_path + 1, name.data(), name.size());  // sun_path[0] == 0: abstract
    if (bind(fd, reinterpret_cast<sockaddr*>(&sa), static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + name.size())) != 0)
      throw CommandError(fmt::format("session: cannot bind the notify socket: {}", std::strerror(errno)), 1);
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
    address = "@" + name;
  }
  ~NotifyListener() {
    if (fd >= 0) close(fd);
  }

  // Every datagram waiting, from this user only.
  void drain() const {
    for (;;) {
      char data[4096];
      alignas(cmsghdr) char control[CMSG_SPACE(sizeof(ucred))];
      iovec iov{data, sizeof data - 1};
      msghdr msg{};
      msg.msg_iov = &iov;
      msg.msg_iovlen = 1;
      msg.msg_control = control;
      msg.msg_controllen = sizeof control;
      ssize_t n = recvmsg(fd, &msg, MSG_DONTWAIT);
      if (n < 0) return;
      const ucred* cred = nullptr;
      for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) cred = reinterpret_cast<const ucred*>(CMSG_DATA(c));
      if (!cred || cred->uid != getuid()) continue;
      std::string message = relayable(std::string(data, static_cast<size_t>(n)));
      if (!message.empty()) ServiceNotifier::relay(message);
    }
  }
};

std::string own_executable() {
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw CommandError(fmt::format("session: cannot find this program's path: {}", ec.message()), 1);
  return self.string();
}

// The compositor's environment: this one with a private NOTIFY_SOCKET and without WATCHDOG_PID
// (systemd's names this process; the client must take the watchdog as its own). Made before the
// fork: the child only execs.
std::vector<std::string> compositor_environment(const std::string& notify) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string_view kv(*e);
    if (!kv.starts_with("NOTIFY_SOCKET=") && !kv.starts_with("WATCHDOG_PID=")) env.emplace_back(kv);
  }
  env.push_back("NOTIFY_SOCKET=" + notify);
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

int exit_status(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status); }

// Signals the processes whose parent is `parent` and that this user may signal; returns how many
// it could (signal 0: how many there are). Not systemd's "(sd-pam)", a child of the main process
// that runs as root and waits for it to end the PAM session.
int signal_children_of(pid_t parent, int sig) {
  int count = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    FILE* f = std::fopen((entry.path() / "stat").c_str(), "r");
    if (!f) continue;
    char buf[1024];
    size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    std::fclose(f);
    buf[n] = 0;
    const char* after = std::strrchr(buf, ')');  // the command name may hold spaces and parens
    int ppid = 0;
    char state = 0;
    if (after && std::sscanf(after + 1, " %c %d", &state, &ppid) == 2 && ppid == parent && state != 'Z') {
      if (kill(std::stoi(name), sig) == 0) ++count;
    }
  }
  return count;
}

}  // namespace

int run_session(const std::vector<std::string>& compositor, const std::optional<std::string>& config_file) {
  std::vector<std::string> client{own_executable()};
  if (config_file) client.insert(client.end(), {"--config", *config_file});
  // The client goes where "{}" stands (`xinit {} -- :0 vt1`), else after "--" (`cage -d -- …`).
  std::vector<std::string> argv;
  bool placed = false;
  for (const auto& arg : compositor) {
    if (arg != "{}") {
      argv.push_back(arg);
      continue;
    }
    argv.insert(argv.end(), client.begin(), client.end());
    placed = true;
  }
  if (!placed) {
    argv.push_back("--");
    argv.insert(argv.end(), client.begin(), client.end());
  }
  // The client outlives cage by up to a second on a stop (it sees the display go, then exits):
  // as subreaper this process waits for it too.
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  NotifyListener listener;
  sigset_t mask, old_mask;
  sigemptyset(&mask);
  for (int s : {SIGTERM, SIGINT, SIGHUP, SIGABRT, SIGCHLD}) sigaddset(&mask, s);
  sigprocmask(SIG_BLOCK, &mask, &old_mask);
  int sigfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
  if (sigfd < 0) throw CommandError(fmt::format("session: signalfd: {}", std::strerror(errno)), 1);
  std::unique_ptr<int, void (*)(int*)> close_sigfd(&sigfd, [](int* fd) { close(*fd); });

  std::vector<std::string> env = compositor_environment(listener.address);
  std::vector<char*> argp = pointers(argv), envp = pointers(env);
  pid_t parent = getpid();
  pid_t child = fork();
  if (child < 0) throw CommandError(fmt::format("session: fork: {}", std::strerror(errno)), 1);
  if (child == 0) {
    // Should this process be killed outright, cage goes too (and the screen, left without a
    // display, after it); what even that leaves, the unit's ExecStopPost removes.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(1);
    sigprocmask(SIG_SETMASK, &old_mask, nullptr);
    execvpe(argp[0], argp.data(), envp.data());
    const char* why = std::strerror(errno);
    (void)!write(STDERR_FILENO, "ecolobby: session: cannot start ", 32);
    (void)!write(STDERR_FILENO, argp[0], std::strlen(argp[0]));
    (void)!write(STDERR_FILENO, ": ", 2);
    (void)!write(STDERR_FILENO, why, std::strlen(why));
    (void)!write(STDERR_FILENO, "\n", 1);
    _exit(127);
  }

  std::optional<int> compositor_status;
  std::optional<Clock::time_point> kill_at;  // stopping: when what is left gets SIGKILL
  for (;;) {
    pollfd fds[2] = {{listener.fd, POLLIN, 0}, {sigfd, POLLIN, 0}};
    poll(fds, 2, kill_at ? 200 : -1);
    listener.drain();
    signalfd_siginfo si;
    while (read(sigfd, &si, sizeof si) == static_cast<ssize_t>(sizeof si)) {
      if (si.ssi_signo == SIGCHLD) continue;
      // A stop goes to the screen, not to cage: the screen saves and says STOPPING, and cage ends
      // when its client does. (cage 0.1.4 told to stop aborts when its client exits during its own
      // teardown.) Without a client yet, cage itself is told. What is left after 20 s is killed.
      // SIGABRT is systemd's watchdog: the screen stopped pinging, so it is hung and gets 5 s.
      int sig = static_cast<int>(si.ssi_signo);
      if (!compositor_status && signal_children_of(child, sig) == 0) kill(child, sig);
      auto grace = std::chrono::seconds(sig == SIGABRT ? 5 : 20);
      if (!kill_at || Clock::now() + grace < *kill_at) kill_at = Clock::now() + grace;
    }
    for (;;) {
      int status = 0;
      pid_t pid = waitpid(-1, &status, WNOHANG);
      if (pid <= 0) break;
      if (pid == child) {
        compositor_status = exit_status(status);
        // Without its compositor the client has no display: it ends by itself, or at the deadline.
        if (!kill_at) kill_at = Clock::now() + std::chrono::seconds(10);
      }
    }
    if (compositor_status && signal_children_of(getpid(), 0) == 0) {  // nothing of the screen left
      listener.drain();
      return *compositor_status;
    }
    if (kill_at && Clock::now() >= *kill_at) {
      if (!compositor_status) signal_children_of(child, SIGKILL);
      signal_children_of(getpid(), SIGKILL);  // the compositor, or clients orphaned to this subreaper
      kill_at = Clock::now() + std::chrono::seconds(5);
    }
  }
}

void register_session_command(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("session",
                                 "Run the screen under a kiosk compositor, as the systemd unit does: `ecolobby session -- "
                                 "/usr/bin/cage -d` starts cage with this program as its client and tells systemd "
                                 "what the client reports (ready, watchdog)");
  auto compositor = std::make_shared<std::vector<std::string>>();
  cmd->add_option("compositor", *compositor,
                  "Compositor or X server command; the screen (`ecolobby [--config FILE]`) replaces a `{}` "
                  "argument, else `-- ecolobby …` is appended")
      ->required();
  cmd->callback([&ctx, compositor] { ctx.exit_code = run_session(*compositor, ctx.config_file ? *ctx.config_file : std::nullopt); });
}

}  // namespace eco
