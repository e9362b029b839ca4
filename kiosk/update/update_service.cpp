#include "update/update_service.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "base/thread_guard.h"
#include "base/utf8.h"

#include "base/background_thread.h"
#include "data/fetcher.h"
#include "update/bundle_error.h"
#include "update/download.h"
#include "update/poll_schedule.h"
#include "update/rollout.h"

namespace eco::update {
namespace fs = std::filesystem;

std::unique_ptr<UpdateService> UpdateService::installing_in_child(UpdateConfig config, fs::path data_dir, fs::path showing,
                                                                 fs::path bundled, ChildInstaller child) {
  return std::unique_ptr<UpdateService>(
      new UpdateService(std::move(config), std::move(data_dir), std::move(child), std::move(showing), std::move(bundled)));
}

std::unique_ptr<UpdateService> UpdateService::installing_here(UpdateConfig config, fs::path data_dir, ContentCheck check,
                                                             fs::path showing, fs::path bundled) {
  return std::unique_ptr<UpdateService>(
      new UpdateService(std::move(config), std::move(data_dir), std::move(check), std::move(showing), std::move(bundled)));
}

UpdateService::UpdateService(UpdateConfig config, fs::path data_dir, Installer installer, fs::path showing, fs::path bundled)
    : config_(std::move(config)),
      store_(std::move(data_dir), config_.keep_releases),
      installer_(std::move(installer)),
      showing_(std::move(showing)),
      bundled_(std::move(bundled)) {
  if (auto current = store_.current_dir()) status_ = {"overlay.update_showing", {{"version", ReleaseStore::version_of(*current)}}};
  else status_ = {"overlay.update_bundled", {}};
  worker_ = std::thread([this] { run(); });
}

UpdateService::~UpdateService() {
  stop_ = true;
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

std::optional<fs::path> UpdateService::take_ready() {
  fs::path wanted = store_.current_dir().value_or(bundled_);
  if (wanted == showing_) return std::nullopt;
  showing_ = wanted;
  return wanted;
}

void UpdateService::report_health(const fs::path& dir, bool ok, const std::string& error) {
  if (dir.parent_path().filename() != "releases") return;  // the bundled content is not rolled back
  {
    std::lock_guard lock(mutex_);
    verdicts_.push_back({ReleaseStore::version_of(dir), ok, error.substr(0, error.find('\n'))});  // no Lua traceback in status
  }
  wake_.notify_all();
}

std::string UpdateService::overlay_line(const Locale& locale) const {
  std::lock_guard lock(mutex_);
  return locale.t(status_.key, status_.args);
}

void UpdateService::set_status(Status status) {
  std::lock_guard lock(mutex_);
  status_ = std::move(status);
}

void UpdateService::run() {
  make_background_thread("eco-updates");  // downloads, hashing and the install process yield to the frame loop
  // The first check at start (a screen's start is its own moment); then spread and backed off.
  auto next_poll = std::chrono::steady_clock::now();
  uint64_t polls = 0;
  int failures = 0;
  auto schedule_next = [&](bool ok) {
    failures = ok ? 0 : failures + 1;
    next_poll = std::chrono::steady_clock::now() + poll_delay(config_.interval, config_.poll_seed, polls++, failures);
  };
  while (!stop_) {
    std::vector<Verdict> verdicts;
    {
      std::unique_lock lock(mutex_);
      wake_.wait_until(lock, next_poll, [&] { return stop_ || !verdicts_.empty(); });
      verdicts.swap(verdicts_);
    }
    try {
      for (const Verdict& v : verdicts) {
        if (v.ok) {
          store_.confirm(v.version);
        } else {
          store_.roll_back(v.version, v.error);
          set_status({"overlay.update_rolled_back", {{"version", v.version}, {"error", std::string(utf8_prefix(v.error, 80))}}});
        }
      }
      if (stop_) break;  // verdicts above are handled even when stopping: a failed release never stays current
      if (std::chrono::steady_clock::now() >= next_poll) schedule_next(poll_once());
    } catch (const std::exception& e) {
      spdlog::error("updates: {}", e.what());
      if (std::chrono::steady_clock::now() >= next_poll) schedule_next(false);
      set_status({"overlay.update_error", {{"error", utf8_excerpt(e.what(), 200)}}});
    } catch (...) {  // no exception may leave a worker thread (base/thread_guard.h)
      log_thread_failure("updates", "an exception that is not a std::exception");
      if (std::chrono::steady_clock::now() >= next_poll) schedule_next(false);
    }
  }
}

std::optional<ApplyResult> UpdateService::install(const fs::path& bundle) {
  if (const auto* child = std::get_if<ChildInstaller>(&installer_)) return child->install(bundle, &stop_);
  return store_.apply(bundle, config_.trusted_keys, std::get<ContentCheck>(installer_), config_.limits);
}

bool UpdateService::poll_once() {
  if (config_.url.empty()) return true;
  std::string where = data::redact_url(config_.url);
  data::SourceConfig source;
  source.url = config_.url;
  source.max_bytes = 1u << 20;
  source.total_timeout = std::min(config_.timeout, std::chrono::seconds(30));
  source.connect_timeout = std::min(source.connect_timeout, source.total_timeout);
  data::Validators validators = validators_;  // kept only once this latest.json has been dealt with
  data::FetchResult latest = data::fetch(source, validators, &stop_);
  auto fail = [&](const std::string& error, const char* result, const std::string& refused_version = {}) {
    spdlog::warn("updates: {}", error);
    // The status line first: whoever sees the error in state.json sees it on the overlay too.
    set_status({"overlay.update_failed", {{"error", std::string(utf8_prefix(error, 100))}}});
    store_.note_check(error, result, refused_version);
    return false;
  };
  // A bundle this screen will not install: remembered in state.json (`ecolobby status`, /status)
  // and not downloaded again until latest.json offers another one. The check itself went well.
  auto refuse = [&](const LatestInfo& info, const std::string& error) {
    refused_sha256_ = info.sha256;
    fail(error, "refused", info.version);
    return true;
  };
  if (latest.status == data::FetchResult::Status::NotModified) {
    store_.note_check("");
    return true;
  }
  // Nothing published there yet (a USB folder without its stick, a server before the first
  // bundle): said, but not an error to back off from, so the first bundle arrives within interval_s.
  if (latest.status == data::FetchResult::Status::Failed && latest.missing) {
    fail(where + ": " + latest.error, "not_published");
    return true;
  }
  if (latest.status == data::FetchResult::Status::Failed) return fail(where + ": " + latest.error, "fetch_failed");
  LatestInfo info;
  try {
    info = parse_latest(latest.body, where);
  } catch (const BundleError& e) {
    return fail(e.what(), "bad_latest");
  }
  auto offered = Version::parse(info.version);
  auto current = store_.current_dir();
  auto current_version = current ? Version::parse(ReleaseStore::version_of(*current)) : std::nullopt;
  UpdateState state = store_.state();
  if ((current_version && *offered <= *current_version) || state.bad.contains(info.version) || info.sha256 == refused_sha256_) {
    // Nothing new, or a version already refused: remember the validators, ask again later.
    validators_ = validators;
    store_.note_check("");
    return true;
  }
  if (!in_rollout(config_.rollout_bucket, info.rollout_percent)) {
    // A staged rollout that has not reached this screen yet: it waits, and asks again as usual.
    if (info.version != waiting_for_)
      spdlog::info("updates: version {} is offered to {} % of the screens; this one (bucket {}) waits for a wider rollout",
                   info.version, info.rollout_percent, config_.rollout_bucket);
    waiting_for_ = info.version;
    validators_ = validators;
    store_.note_check("", "not_in_rollout");
    return true;
  }
  if (info.size > config_.max_download_bytes)
    return refuse(info, where + ": version " + info.version + " is " + std::to_string(info.size >> 20) + " MB, over max_bundle_mb (" +
                            std::to_string(config_.max_download_bytes >> 20) + ")");
  std::string bundle_url = resolve_url(config_.url, info.url);
  fs::path file = store_.download_dir() / ("bundle-" + info.version);
  spdlog::info("updates: version {} offered; downloading {} ({} bytes)", info.version, data::redact_url(bundle_url), info.size);
  set_status({"overlay.update_downloading", {{"version", info.version}}});
  DownloadRequest request{bundle_url, file, info.size, info.sha256, config_.max_download_bytes,
                          std::min(config_.timeout, std::chrono::seconds(10)), config_.timeout};
  auto t0 = std::chrono::steady_clock::now();
  if (std::string error = download_file(request, &stop_); !error.empty())
    return fail("download of " + info.version + ": " + error, "download_failed");
  spdlog::info("updates: downloaded {} in {} ms", info.version,
               std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count());
  std::error_code ec;
  try {
    std::optional<ApplyResult> installed = install(file);
    if (!installed) return true;  // stopping; the download stays for the next start
    const ApplyResult& applied = *installed;
    spdlog::info("updates: version {} installed ({} bytes, key {}); it shows at the next slide", applied.version,
                 applied.bytes, applied.signer_key_id);
    set_status({"overlay.update_installed", {{"version", applied.version}}});
  } catch (const StoreError& e) {
    return fail(e.what(), "store_failed");  // this screen's disk: the same bundle is tried again at the next check
  } catch (const BundleError& e) {
    fs::remove(file, ec);
    return refuse(info, e.what());
  } catch (const std::exception& e) {
    return fail(e.what(), "install_failed");  // the install process was killed, or gave no result: tried again
  }
  fs::remove(file, ec);
  validators_ = validators;
  store_.note_check("", "installed");
  return true;
}

}  // namespace eco::update
