#pragma once
// The content releases of one screen, under <data_dir>/content/:
//   releases/<version>/   complete, verified content directories (renamed in whole when ready)
//   current -> releases/<version>   what the kiosk shows; replaced with rename(2), so a reader or
//                                   a kill -9 at any moment finds the old or the new, never a mix
//   staging/              work in progress, wiped before each use and at start-up
//   state.json            history, bad and refused versions, last check and error (written atomically)
// `previous` in state.json always names exactly the releases kept on disk besides the current one,
// newest first: keep_releases − 1 of them at most, none rolled back.
//   .lock                 flock(2): one writer at a time (kiosk poller, `bundle apply`)
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "update/bundle_reader.h"

namespace eco::update {

struct UpdateState {
  std::string current;                   // version shown (the `current` link is the truth)
  std::vector<std::string> previous;     // older good releases, newest first
  std::string pending;                   // installed, not yet through its health check
  int pending_starts = 0;                // kiosk starts while pending (crash-loop guard)
  std::map<std::string, std::string> bad;  // version → why it was rolled back; never retried
  std::string last_check, last_error, last_change;  // ISO 8601 UTC; one line
  // The last check's outcome as a code for monitors (docs/admin-guide.md, /status "updates"):
  // unchanged, installed, not_published, not_in_rollout, fetch_failed, bad_latest, download_failed, refused, store_failed,
  // install_failed.
  std::string last_result;
  std::string last_success;  // ISO 8601 UTC: the last check that went well (no error), for monitors
  std::map<std::string, std::string> refused;  // version → why its bundle was refused (the last kMaxRefused)
  std::vector<std::string> log;          // last events, newest last ("<time> applied 7")
};

// Checks an extracted release before it goes live (the `ecolobby check` validators).
// Returns error lines; empty = fine.
using ContentCheck = std::function<std::vector<std::string>(const std::filesystem::path& dir)>;

struct ApplyResult {
  std::string version;
  std::filesystem::path dir;
  std::string signer_key_id;
  uint64_t bytes = 0;
};

class ReleaseStore {
 public:
  explicit ReleaseStore(std::filesystem::path data_dir, size_t keep_releases = 3);
  const std::filesystem::path& root() const { return root_; }

  // The release the `current` link points at, if there is one and it is a directory.
  std::optional<std::filesystem::path> current_dir() const;
  UpdateState state() const;

  // Verifies, extracts, checks and switches to `bundle`. Refuses versions not newer than the
  // current one (replay, downgrade) and versions once rolled back. Throws BundleError and
  // records it as last_error; the current release is untouched on any failure.
  ApplyResult apply(const std::filesystem::path& bundle, const std::vector<PublicKey>& trusted, const ContentCheck& check,
                    const BundleLimits& limits = {});

  // Goes back to the newest previous release and remembers `version` as bad. Returns the
  // directory now current, or nullopt when there is nothing to go back to (the link is removed
  // then, and the kiosk shows its bundled content). The verdict is written before the link
  // moves: a kill in between leaves a bad version current, which recover() rolls back again.
  // `by_administrator`: logged at info (a decision), else at error (a failure).
  std::optional<std::filesystem::path> roll_back(const std::string& version, const std::string& reason,
                                                 bool by_administrator = false);
  // The pending release showed without errors for the grace period.
  void confirm(const std::string& version);
  // Start-up: clears staging, reconciles state.json with the link (a kill between the swap and
  // the state write), counts starts of a pending release. Returns the pending version, if any.
  std::optional<std::string> recover();
  // Poller bookkeeping: a check happened; empty error = fine.
  // A check of latest.json done: `result` is UpdateState::last_result's code (empty: "unchanged"
  // without an error, else "fetch_failed"); `refused_version` is recorded in `refused` with the error.
  void note_check(const std::string& error, const std::string& result = {}, const std::string& refused_version = {});
  static constexpr size_t kMaxRefused = 20;
  // Bytes of a partial download kept across restarts live here.
  std::filesystem::path download_dir() const { return root_ / "downloads"; }

  // Version of a release directory (its name).
  static std::string version_of(const std::filesystem::path& release_dir) { return release_dir.filename().string(); }

 private:
  class Lock;
  UpdateState read_state() const;
  void write_state(UpdateState& s) const;
  void prune(UpdateState& s) const;
  void point_current_at(const std::string& version) const;
  std::filesystem::path data_dir_, root_;
  size_t keep_;
};

}  // namespace eco::update
