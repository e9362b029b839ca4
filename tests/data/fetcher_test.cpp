// The fetcher and the data worker against the feed simulator over real HTTP on 127.0.0.1:
// ETag and 304, server errors, truncated, malformed, oversized and slow bodies, backoff, recovery,
// and the last good snapshot surviving a restart without network.
#include <gtest/gtest.h>

#include "base/iso8601.h"
#include "data/data_service.h"
#include "data/evaluation.h"
#include "data/fetcher.h"
#include "feed_sim.h"

using namespace eco;
using namespace eco::data;
using namespace std::chrono_literals;

namespace {

const std::filesystem::path kSource = ECOLOBBY_SOURCE_DIR;

int64_t feed_end() {
  return unix_seconds(parse_iso8601("2026-06-24T10:00:00+08:00")->utc);
}

DataConfig config_for(const std::string& url) {
  DataConfig c;
  c.factors_file = kSource / "content/factors/cn-2023.toml";
  c.targets_file = kSource / "content/targets/dianjiang-2025.toml";
  SourceConfig s;
  s.url = url;
  s.interval = 600s;
  c.sources.push_back(s);
  return c;
}

template <typename Pred>
bool wait_for(Pred pred, std::chrono::seconds limit = 60s) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!pred()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

}  // namespace

TEST(Fetch, EtagAnswersNotModified) {
  FeedSim sim;
  SourceConfig s;
  s.url = sim.url();
  Validators v;
  FetchResult first = fetch(s, v);
  ASSERT_EQ(first.status, FetchResult::Status::Body) << first.error;
  EXPECT_FALSE(v.etag.empty());
  FactorSet factors = FactorSet::load(kSource / "content/factors/cn-2023.toml");
  Feed feed = parse_feed(first.body, s.url, factors);
  EXPECT_EQ(feed.buildings.size(), 3u);
  EXPECT_TRUE(feed.problems.empty());
  FetchResult second = fetch(s, v);
  EXPECT_EQ(second.status, FetchResult::Status::NotModified);
  EXPECT_TRUE(second.body.empty());
  EXPECT_EQ(sim.stats()["not_modified"], 1);
}

TEST(Fetch, FailuresAreOneLineErrors) {
  FeedSim sim({"--slow-s", "4"});
  SourceConfig s;
  s.url = sim.url();
  Validators v;
  sim.set_mode("500");
  FetchResult r = fetch(s, v);
  EXPECT_EQ(r.status, FetchResult::Status::Failed);
  EXPECT_EQ(r.error, "HTTP 500");

  sim.set_mode("truncate");
  r = fetch(s, v);
  EXPECT_EQ(r.status, FetchResult::Status::Failed);
  EXPECT_FALSE(r.error.empty());

  sim.set_mode("huge");
  s.max_bytes = 1u << 20;
  r = fetch(s, v);
  EXPECT_EQ(r.status, FetchResult::Status::Failed);
  EXPECT_EQ(r.error, "body over the 1 MB limit");

  sim.set_mode("slow");
  s.total_timeout = 1s;
  r = fetch(s, v);
  EXPECT_EQ(r.status, FetchResult::Status::Failed);
  EXPECT_NE(r.error.find("timed out"), std::string::npos) << r.error;

  sim.set_mode("malformed");
  s.total_timeout = 20s;
  s.max_bytes = 32u << 20;
  r = fetch(s, v);
  ASSERT_EQ(r.status, FetchResult::Status::Body);  // HTTP is fine; the parser refuses it
  FactorSet factors = FactorSet::load(kSource / "content/factors/cn-2023.toml");
  EXPECT_THROW(parse_feed(r.body, s.url, factors), FeedError);

  SourceConfig closed;
  closed.url = "http://127.0.0.1:1/feed.json";
  r = fetch(closed, v);
  EXPECT_EQ(r.status, FetchResult::Status::Failed);
  EXPECT_FALSE(r.error.empty());
}

TEST(Fetch, UrlsAreRedactedForLogs) {
  EXPECT_EQ(redact_url("https://user:secret@energy.example/feed?token=abc"), "https://***@energy.example/feed?***");
  EXPECT_EQ(redact_url("file:///media/usb/feed.json"), "file:///media/usb/feed.json");
}

TEST(DataWorker, KeepsGoodDataThroughFailuresBacksOffAndRecovers) {
  FeedSim sim;
  std::string persisted;
  std::mutex m;
  DataService::Options o;
  o.config = config_for(sim.url());
  o.now = [] { return feed_end(); };
  o.persist = [&](const std::string& json) {
    std::lock_guard lock(m);
    persisted = json;
  };
  DataService service(o);
  ASSERT_TRUE(wait_for([&] { return service.generation() >= 1; }));
  auto good = service.snapshot();
  ASSERT_TRUE(good);
  EXPECT_EQ((*good)["buildings"].size(), 3u);
  EXPECT_GT((*good)["total"]["today"]["electricity_kwh"].get<double>(), 0);
  EXPECT_EQ((*good)["meta"]["updated_at"], "10:00");

  // The server fails: the error shows, the figures stay, the retry waits 10 s ± 20 %.
  sim.set_mode("500");
  service.refresh();
  ASSERT_TRUE(wait_for([&] { return service.status()[0].failures >= 1; }));
  SourceStatus failed = service.status()[0];
  EXPECT_EQ(failed.error, "HTTP 500");
  EXPECT_GE(failed.retry_in, 8s);
  EXPECT_LE(failed.retry_in, 12s);
  EXPECT_NE(service.overlay_line(builtin_chinese_locale()).find("HTTP 500"), std::string::npos) << service.overlay_line(builtin_chinese_locale());
  const std::string english = service.overlay_line(Locale::load(default_assets_dir() / "locale", "en"));
  EXPECT_NE(english.find("data sources"), std::string::npos) << english;
  EXPECT_NE(english.find("(HTTP 500), retry in "), std::string::npos) << english;
  ASSERT_TRUE(service.snapshot());
  EXPECT_EQ((*service.snapshot())["buildings"].size(), 3u);

  // A malformed body is not taken either.
  sim.set_mode("malformed");
  service.refresh();
  ASSERT_TRUE(wait_for([&] { return service.status()[0].failures >= 2; }));
  EXPECT_NE(service.status()[0].error.find(sim.url()), std::string::npos) << "names the source";
  EXPECT_EQ((*service.snapshot())["buildings"].size(), 3u);

  // Recovery: the next fetch succeeds and the failure count resets.
  sim.set_mode("ok");
  service.refresh();
  ASSERT_TRUE(wait_for([&] { return service.status()[0].ok; }));
  EXPECT_EQ(service.status()[0].failures, 0);
  EXPECT_GE(sim.stats()["ok"].get<int>(), 2);  // validators were dropped after the bad body

  // An offline restart shows the saved figures at once.
  std::string saved;
  {
    std::lock_guard lock(m);
    saved = persisted;
  }
  ASSERT_FALSE(saved.empty());
  DataService::Options offline;
  offline.config = config_for("http://127.0.0.1:1/feed.json");
  offline.now = [] { return feed_end() + 3600; };
  offline.cached = saved;
  DataService restarted(offline);
  auto cached = restarted.snapshot();
  ASSERT_TRUE(cached);
  EXPECT_EQ((*cached)["meta"]["from_cache"], true);
  EXPECT_EQ((*cached)["buildings"].size(), 3u);
  ASSERT_TRUE(wait_for([&] { return restarted.status()[0].failures >= 1; }));
  EXPECT_EQ((*restarted.snapshot())["buildings"].size(), 3u);  // still the saved figures
}

TEST(DataWorker, ReadsAFileSourceAndSkipsItWhileUnchanged) {
  auto dir = std::filesystem::temp_directory_path() / ("eco-file-source-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(kSource / "tests/data/fixtures/good.json", dir / "feed.json",
                             std::filesystem::copy_options::overwrite_existing);
  SourceConfig s;
  s.url = "file://" + (dir / "feed.json").string();
  Validators v;
  EXPECT_EQ(fetch(s, v).status, FetchResult::Status::Body);
  EXPECT_EQ(fetch(s, v).status, FetchResult::Status::NotModified);
  std::filesystem::remove(dir / "feed.json");
  FetchResult gone = fetch(s, v);
  EXPECT_EQ(gone.status, FetchResult::Status::Failed);
  EXPECT_NE(gone.error.find("feed.json"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(DataWorker, StopsWithoutWaitingForASlowServer) {
  FeedSim sim({"--mode", "slow", "--slow-s", "30"});
  DataService::Options o;
  o.config = config_for(sim.url());
  o.now = [] { return feed_end(); };
  auto started = std::chrono::steady_clock::now();
  {
    DataService service(o);
    std::this_thread::sleep_for(300ms);  // the request is now waiting on the server
  }
  // Without cancelling, the destructor would wait for the 20 s transfer timeout.
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
}
