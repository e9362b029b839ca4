#include "update/release_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "base/fault_injection.h"
#include "base/file_io.h"
#include "base/iso8601.h"
#include "update/bundle_error.h"

namespace eco::update {
namespace fs = std::filesystem;
namespace {

constexpr int kMaxPendingStarts = 3;  // a release the kiosk keeps dying on is rolled back
constexpr size_t kLogLines = 30;

std::string now_text() {
  return format_iso8601(std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()), 480);
}

void fsync_dir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

void add_log(UpdateState& s, const std::string& line) {
  s.log.push_back(now_text() + " " + line);
  if (s.log.size() > kLogLines) s.log.erase(s.log.begin(), s.log.end() - kLogLines);
}

std::string error_text(const std::error_code& ec) { return ec.message(); }

}  // namespace

class ReleaseStore::Lock {
 public:
  explicit Lock(const fs::path& root) {
    std::error_code ec;
    fs::create_directories(root, ec);
    if (ec) throw StoreError(root.string() + ": cannot create (" + ec.message() + ")");
    fd_ = ::open((root / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw StoreError((root / ".lock").string() + ": " + std::strerror(errno));
    while (::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
    }
  }
  ~Lock() { ::close(fd_); }

 private:
  int fd_ = -1;
};

ReleaseStore::ReleaseStore(fs::path data_dir, size_t keep_releases)
    : data_dir_(std::move(data_dir)), root_(data_dir_ / "content"), keep_(std::max<size_t>(keep_releases, 2)) {}

std::optional<fs::path> ReleaseStore::current_dir() const {
  std::error_code ec;
  fs::path target = fs::read_symlink(root_ / "current", ec);
  if (ec) return std::nullopt;
  fs::path dir = root_ / target;
  if (!fs::is_directory(dir, ec)) return std::nullopt;
  return dir.lexically_normal();
}

UpdateState ReleaseStore::state() const { return read_state(); }

UpdateState ReleaseStore::read_state() const {
  UpdateState s;
  std::ifstream in(root_ / "state.json");
  if (!in) return s;
  try {
    auto j = nlohmann::json::parse(in);
    s.current = j.value("current", "");
    s.previous = j.value("previous", std::vector<std::string>{});
    s.pending = j.value("pending", "");
    s.pending_starts = j.value("pending_starts", 0);
    s.bad = j.value("bad", std::map<std::string, std::string>{});
    s.refused = j.value("refused", std::map<std::string, std::string>{});
    s.last_check = j.value("last_check", "");
    s.last_error = j.value("last_error", "");
    s.last_change = j.value("last_change", "");
    s.last_result = j.value("last_result", "");
    s.last_success = j.value("last_success", "");
    s.log = j.value("log", std::vector<std::string>{});
  } catch (const std::exception& e) {
    // Only a damaged disk gets here (writes are atomic); the link still says what is current.
    spdlog::error("{}: unreadable ({}); starting a new history", (root_ / "state.json").string(), e.what());
  }
  return s;
}

void ReleaseStore::write_state(UpdateState& s) const {
  nlohmann::json j{{"current", s.current},     {"previous", s.previous},   {"pending", s.pending},
                   {"pending_starts", s.pending_starts}, {"bad", s.bad}, {"last_check", s.last_check},
                   {"last_error", s.last_error}, {"last_change", s.last_change}, {"last_result", s.last_result},
                   {"last_success", s.last_success}, {"refused", s.refused}, {"log", s.log}};
  std::string error = replace_file(root_ / "state.json", j.dump(2) + "\n");
  if (!error.empty()) throw StoreError(error);
}

void ReleaseStore::point_current_at(const std::string& version) const {
  fs::path next = root_ / "current.new";
  std::error_code ec;
  fs::remove(next, ec);
  fs::create_directory_symlink(fs::path("releases") / version, next, ec);
  if (ec) throw StoreError(next.string() + ": cannot create link (" + error_text(ec) + ")");
  crash_point("linked");
  fs::rename(next, root_ / "current", ec);  // rename(2) replaces the old link atomically
  if (ec) throw StoreError((root_ / "current").string() + ": cannot replace (" + error_text(ec) + ")");
  fsync_dir(root_);
  crash_point("swapped");
}

// Makes `previous` say what is kept (existing, not rolled back, at most keep_ − 1) and removes
// every other release; the caller writes the state afterwards.
void ReleaseStore::prune(UpdateState& s) const {
  std::error_code ec;
  std::vector<std::string> previous;
  for (const auto& p : s.previous)
    if (p != s.current && !s.bad.contains(p) && previous.size() + 1 < keep_ && fs::is_directory(root_ / "releases" / p, ec) &&
        std::find(previous.begin(), previous.end(), p) == previous.end())
      previous.push_back(p);
  s.previous = std::move(previous);
  std::vector<std::string> keep = s.previous;
  keep.push_back(s.current);
  for (const auto& entry : fs::directory_iterator(root_ / "releases", ec)) {
    std::string name = entry.path().filename().string();
    if (std::find(keep.begin(), keep.end(), name) != keep.end()) continue;
    fs::remove_all(entry.path(), ec);
    if (ec) spdlog::warn("updates: cannot remove old release {}: {}", entry.path().string(), ec.message());
  }
}

ApplyResult ReleaseStore::apply(const fs::path& bundle, const std::vector<PublicKey>& trusted, const ContentCheck& check,
                                const BundleLimits& limits) {
  Lock lock(root_);
  UpdateState s = read_state();
  fs::path staging = root_ / "staging";
  std::string refusable;  // the version, once it is one this screen would install
  try {
    // The cheap refusals first: signature and version, before a byte is extracted.
    VerifiedBundle header = verify_bundle_header(bundle, trusted, limits);
    const std::string version = header.manifest.version.text();
    std::string name = bundle.filename().string();
    if (auto bad = s.bad.find(version); bad != s.bad.end())
      throw BundleError(name + ": version " + version + " was rolled back before (" + bad->second + "); publish a newer version");
    if (auto cur = current_dir()) {
      auto current = Version::parse(version_of(*cur));
      if (current && header.manifest.version <= *current)
        throw BundleError(name + ": version " + version + " is not newer than the current " + current->text() + " (downgrade or replay refused)");
    }
    if (!normalize_entry_path(version)) throw BundleError(name + ": version '" + version + "' cannot name a folder");
    refusable = version;

    std::error_code ec;
    fs::remove_all(staging, ec);
    fs::create_directories(staging / version, ec);
    if (ec) throw StoreError(staging.string() + ": cannot create (" + ec.message() + ")");
    crash_point("staging");
    VerifiedBundle verified = read_bundle(bundle, trusted, staging / version, limits);
    if (!(verified.manifest.version == header.manifest.version))
      throw BundleError(name + ": bundle changed while it was being applied");
    crash_point("extracted");
    if (check) {
      std::vector<std::string> problems = check(staging / version);
      if (!problems.empty())
        throw BundleError(name + ": content check failed: " + problems.front() +
                          (problems.size() > 1 ? " (and " + std::to_string(problems.size() - 1) + " more)" : ""));
    }
    fsync_dir(staging / version);
    crash_point("checked");
    fs::create_directories(root_ / "releases", ec);
    fs::remove_all(root_ / "releases" / version, ec);  // a leftover of an attempt killed before the swap
    fs::rename(staging / version, root_ / "releases" / version, ec);
    if (ec) throw StoreError((root_ / "releases" / version).string() + ": " + ec.message());
    fsync_dir(root_ / "releases");
    crash_point("moved");
    point_current_at(version);

    if (!s.current.empty() && s.current != version) s.previous.insert(s.previous.begin(), s.current);
    s.current = version;
    s.pending = version;
    s.pending_starts = 0;
    s.last_change = now_text();
    s.last_error.clear();
    s.refused.erase(version);
    add_log(s, "applied " + version + " (signed by key " + verified.signer_key_id + ")");
    prune(s);
    write_state(s);
    crash_point("recorded");
    fs::remove_all(staging, ec);
    return {version, root_ / "releases" / version, verified.signer_key_id, verified.content_bytes};
  } catch (const BundleError& e) {
    std::error_code ec;
    fs::remove_all(staging, ec);
    s.last_error = e.what();
    if (!refusable.empty()) s.refused[refusable] = e.what();
    while (s.refused.size() > kMaxRefused) s.refused.erase(s.refused.begin());
    add_log(s, std::string("refused: ") + e.what());
    try {
      write_state(s);
    } catch (const std::exception& w) {
      spdlog::error("updates: {}", w.what());
    }
    throw;
  }
}

std::optional<fs::path> ReleaseStore::roll_back(const std::string& version, const std::string& reason, bool by_administrator) {
  Lock lock(root_);
  UpdateState s = read_state();
  s.bad[version] = reason;
  if (s.pending == version) s.pending.clear();
  auto cur = current_dir();
  bool showing = cur && version_of(*cur) == version;
  std::string back;
  if (showing) {
    for (const auto& p : s.previous)
      if (fs::is_directory(root_ / "releases" / p) && !s.bad.contains(p)) {
        back = p;
        break;
      }
    s.last_change = now_text();
    add_log(s, "rolled back " + version + " to " + (back.empty() ? "the bundled content" : back) + ": " + reason);
    if (by_administrator) {  // a decision, not a failure: in the log and history, not as the last error
      spdlog::info("updates: {}", s.log.back());
    } else {
      s.last_error = "rolled back " + version + ": " + reason;
      spdlog::error("updates: {}", s.log.back());
    }
  }
  // The verdict first: killed before the link moves, the next start finds a bad version current
  // and rolls it back (recover); the other order could forget why it left.
  write_state(s);
  crash_point("verdict");
  if (showing) {
    if (!back.empty()) {
      point_current_at(back);
    } else {
      std::error_code ec;
      fs::remove(root_ / "current", ec);
      fsync_dir(root_);
    }
    s.current = back;
  }
  prune(s);
  write_state(s);
  return current_dir();
}

void ReleaseStore::confirm(const std::string& version) {
  Lock lock(root_);
  UpdateState s = read_state();
  if (s.pending != version) return;
  s.pending.clear();
  s.pending_starts = 0;
  add_log(s, "healthy " + version);
  write_state(s);
}

std::optional<std::string> ReleaseStore::recover() {
  std::string crashed, reason;
  {
    Lock lock(root_);
    std::error_code ec;
    fs::remove_all(root_ / "staging", ec);
    fs::remove(root_ / "current.new", ec);
    // A state.json.tmp<pid> a killed writer left is cleared by the next replace_file (base/file_io).
    UpdateState s = read_state();
    auto cur = current_dir();
    std::string linked = cur ? version_of(*cur) : "";
    if (linked != s.current) {  // killed between the swap and the state write
      // Leaving a rolled-back version was a rollback, whose target already ran well; else an update.
      bool rolling_back = s.bad.contains(s.current);
      if (!s.current.empty() && !linked.empty()) s.previous.insert(s.previous.begin(), s.current);
      std::erase(s.previous, linked);
      s.current = linked;
      s.pending = rolling_back ? "" : linked;
      s.pending_starts = 0;
      add_log(s, "recovered: current is " + (linked.empty() ? std::string("the bundled content") : linked));
    }
    if (auto bad = s.bad.find(linked); bad != s.bad.end()) {  // killed after a rollback's verdict, before its switch
      crashed = linked;
      reason = bad->second;
    } else if (!s.pending.empty() && s.pending == s.current && ++s.pending_starts > kMaxPendingStarts) {
      crashed = s.pending;
      reason = "the kiosk restarted " + std::to_string(kMaxPendingStarts) + " times before its health check passed";
    }
    if (fs::exists(root_ / "releases")) {
      prune(s);
      write_state(s);
    }
    if (crashed.empty()) return s.pending.empty() ? std::nullopt : std::optional<std::string>(s.pending);
  }
  roll_back(crashed, reason);
  return std::nullopt;
}

void ReleaseStore::note_check(const std::string& error, const std::string& result, const std::string& refused_version) {
  Lock lock(root_);
  UpdateState s = read_state();
  s.last_check = now_text();
  s.last_result = !result.empty() ? result : error.empty() ? "unchanged" : "fetch_failed";
  if (error.empty()) s.last_success = s.last_check;
  if (!refused_version.empty()) {
    s.refused[refused_version] = error;
    while (s.refused.size() > kMaxRefused) s.refused.erase(s.refused.begin());
  }
  if (!error.empty() && error != s.last_error) {
    s.last_error = error;
    add_log(s, "check failed: " + error);
  }
  write_state(s);
}

}  // namespace eco::update
