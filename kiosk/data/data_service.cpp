#include "data/data_service.h"

#include <random>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/background_thread.h"
#include "base/iso8601.h"
#include "base/thread_guard.h"
#include "data/evaluation.h"
#include "data/figures_json.h"

namespace eco::data {

using Steady = std::chrono::steady_clock;

struct DataService::Source {
  SourceConfig config;
  Validators validators;
  std::optional<Feed> good;  // the last feed that parsed
  SourceStatus status;
  Steady::time_point due{};
};

namespace {

// First retry after 10 s, doubling, never longer apart than the normal interval (at least a
// minute); ±20 % jitter so a county's screens do not hit a recovering server in step.
std::chrono::seconds backoff(int failures, std::chrono::seconds interval) {
  static thread_local std::mt19937 rng{std::random_device{}()};
  double base = 10.0 * std::pow(2.0, std::min(failures - 1, 16));
  double cap = std::max<double>(60, static_cast<double>(interval.count()));
  std::uniform_real_distribution<double> jitter(0.8, 1.2);
  return std::chrono::seconds(static_cast<int64_t>(std::min(base, cap) * jitter(rng)));
}

std::string clock_time(int64_t t, int offset) {
  LocalTime l = to_local(from_unix_seconds(t), offset);
  return fmt::format("{:02}:{:02}", l.hour, l.minute);
}

}  // namespace

DataService::DataService(Options options) : options_(std::move(options)) {
  try {
    factors_ = std::make_unique<FactorSet>(FactorSet::load(options_.config.factors_file, options_.config.grid, options_.config.equal_value));
    if (std::filesystem::exists(options_.config.targets_file))
      plan_ = std::make_unique<Plan>(load_plan(options_.config.targets_file));
  } catch (const std::exception& e) {
    setup_error_ = e.what();
    spdlog::error("data: {}; no figures can be computed", setup_error_);
  }
  for (const auto& c : options_.config.sources) {
    auto s = std::make_unique<Source>();
    s->config = c;
    s->status.url = redact_url(c.url);
    sources_.push_back(std::move(s));
  }
  if (options_.cached) {
    try {
      auto cached = std::make_shared<nlohmann::json>(nlohmann::json::parse(*options_.cached));
      (*cached)["meta"]["from_cache"] = true;
      snapshot_.store(std::move(cached));
      spdlog::info("data: showing the last saved figures until the sources answer");
    } catch (const std::exception& e) {
      spdlog::warn("data: the saved snapshot is unreadable ({}); waiting for the sources", e.what());
    }
  }
  if (!sources_.empty() && factors_) worker_ = std::thread([this] { run(); });
}

DataService::~DataService() {
  stopping_ = true;
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void DataService::refresh() {
  {
    std::lock_guard lock(mutex_);
    refresh_ = true;
  }
  wake_.notify_all();
}

std::vector<SourceStatus> DataService::status() const {
  std::lock_guard lock(mutex_);
  std::vector<SourceStatus> out;
  for (const auto& s : sources_) out.push_back(s->status);
  return out;
}

std::string DataService::overlay_line(const Locale& locale) const {
  if (!setup_error_.empty())
    return locale.t("overlay.data_config_error", {{"error", std::string(utf8_prefix(setup_error_, 80))}});
  auto list = status();
  if (list.empty()) return {};
  std::string line = locale.t("overlay.data_sources", {{"count", std::to_string(list.size())}});
  if (auto snap = snapshot(); snap && snap->contains("meta") && (*snap)["meta"].value("latest_epoch", int64_t{0}) > 0) {
    std::string time = clock_time((*snap)["meta"]["latest_epoch"].get<int64_t>(), options_.config.utc_offset_minutes);
    line += " · " + locale.t("overlay.data_updated_at", {{"time", time}});
  }
  for (const auto& s : list)
    if (!s.ok && s.failures > 0)
      line += " · " + locale.t("overlay.data_source_failing", {{"url", s.url}, {"failures", std::to_string(s.failures)},
                                                              {"error", std::string(utf8_prefix(s.error, 60))},
                                                              {"retry_s", std::to_string(s.retry_in.count())}});
  return line;
}

void DataService::run() {
  make_background_thread("eco-data");  // a province-sized feed takes seconds: the frame loop comes first
  auto next_recompute = Steady::now();
  for (;;) {
    // Each step is guarded: whatever one source or one computation throws is logged, the last
    // good snapshot stays up and the next round runs as planned.
    bool changed = false;
    for (auto& s : sources_)
      if (Steady::now() >= s->due && !guarded("data worker", [&] { changed = poll(*s) || changed; })) {
        s->due = Steady::now() + s->config.interval;
      }
    if (changed && !guarded("data worker", [&] { rebuild_consumption(); })) current_ = nullptr;  // no figures from half a rebuild
    if (changed || Steady::now() >= next_recompute) {
      guarded("data worker", [&] { publish(changed); });
      next_recompute = Steady::now() + options_.recompute_every;
    }
    auto until = next_recompute;
    for (auto& s : sources_) until = std::min(until, s->due);
    std::unique_lock lock(mutex_);
    wake_.wait_until(lock, until, [this] { return stop_ || refresh_; });
    if (stop_) return;
    if (refresh_) {
      refresh_ = false;
      for (auto& s : sources_) s->due = Steady::now();
    }
  }
}

// Fetches one source; true when it brought new good data.
bool DataService::poll(Source& s) {
  FetchResult r = fetch(s.config, s.validators, &stopping_);
  if (stopping_) return false;
  std::string error = r.error;
  std::optional<Feed> parsed;
  if (r.status == FetchResult::Status::Body) {
    try {
      parsed = parse_feed(std::move(r.body), s.status.url, *factors_, options_.config.utc_offset_minutes, s.config.encoding);
    } catch (const FeedError& e) {
      error = e.what();
      s.validators = {};  // ask for the whole body again next time
    }
  }
  std::lock_guard lock(mutex_);
  if (r.status == FetchResult::Status::NotModified || parsed) {
    s.status.ok = true;
    s.status.error.clear();
    s.status.failures = 0;
    s.status.last_success = options_.now();
    s.status.retry_in = s.config.interval;
    s.due = Steady::now() + s.config.interval;
    if (!parsed) return false;
    for (const auto& p : parsed->problems) spdlog::warn("data: {}: {}", p.where, p.what);
    s.status.problems = parsed->problems.size() + parsed->problems_dropped;
    spdlog::info("data: {}: {} buildings, {} meters, {} readings", s.status.url, parsed->buildings.size(), parsed->meters.size(),
                 parsed->readings.size());
    s.good = std::move(parsed);
    return true;
  }
  s.status.ok = false;
  s.status.error = error;
  ++s.status.failures;
  s.status.retry_in = backoff(s.status.failures, s.config.interval);
  s.due = Steady::now() + s.status.retry_in;
  // Parse errors already start with the source and line; transfer errors do not.
  std::string line = error.rfind(s.status.url, 0) == 0 ? error : s.status.url + ": " + error;
  spdlog::error("data: {}; keeping the last good data, retry in {} s", line, s.status.retry_in.count());
  return false;
}

void DataService::rebuild_consumption() {
  std::vector<Source*> with_data;
  for (auto& s : sources_)
    if (s->good) with_data.push_back(s.get());
  if (with_data.size() == 1) {  // the usual case: no copy of a feed that may hold a province
    merged_ = Feed{};
    current_ = &*with_data.front()->good;
  } else {
    std::vector<Feed> feeds;
    for (Source* s : with_data) feeds.push_back(*s->good);
    merged_ = merge_feeds(std::move(feeds));
    current_ = &merged_;
  }
  series_ = build_consumption(*current_, options_.now());
}

void DataService::publish(bool persist) {
  if (!current_ || current_->buildings.empty()) return;
  const Feed& feed = *current_;
  FigureOptions fo;
  fo.factors = factors_.get();
  fo.plan = plan_.get();
  fo.stale_after_s = options_.config.stale_after_s();
  fo.basis = options_.config.basis;
  fo.rank_period = options_.config.rank_period;
  fo.min_coverage = options_.config.min_coverage;
  SnapshotScope scope{.building = options_.config.building};
  fo.scope = &scope;
  int64_t now = options_.now();
  Figures figures = compute_figures(feed, series_, now, fo);
  int offset = options_.config.utc_offset_minutes;
  auto json = std::make_shared<nlohmann::json>(figures_to_json(figures, offset, &scope));
  nlohmann::json sources = nlohmann::json::array();
  for (const auto& st : status())
    sources.push_back({{"url", st.url}, {"ok", st.ok}, {"error", st.error}, {"problems", st.problems},
                       {"last_success", st.last_success ? format_iso8601(from_unix_seconds(st.last_success), offset) : ""}});
  nlohmann::json problems = nlohmann::json::array();
  for (size_t i = 0; i < feed.problems.size() && i < 20; ++i)
    problems.push_back(feed.problems[i].where + ": " + feed.problems[i].what);
  (*json)["meta"] = {{"computed_at", format_iso8601(from_unix_seconds(now), offset)},
                     {"latest_epoch", figures.total.latest},
                     {"updated_at", figures.total.latest ? clock_time(figures.total.latest, offset) : ""},
                     {"stale_after_s", fo.stale_after_s},
                     {"factors", factors_->id()},
                     {"grid", factors_->grid()},
                     {"plan", plan_ ? plan_->id : ""},
                     {"building", options_.config.building},  // this screen's institution ([data] building)
                     {"sources", sources},
                     {"problems", problems},
                     {"from_cache", false}};
  std::shared_ptr<const nlohmann::json> published = json;
  snapshot_.store(published);
  generation_.fetch_add(1);
  // Replace, never throw: the snapshot on screen must not depend on every byte of every feed.
  if (persist && options_.persist) options_.persist(published->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (persist && options_.published) options_.published();
}

}  // namespace eco::data
