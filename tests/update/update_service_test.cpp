// The update poller against a real HTTP server on 127.0.0.1 that can fail on demand, and
// against a file:// folder as on a USB stick.
#include "update/update_service.h"
#include "update_fixture.h"

using namespace eco::update;
using namespace eco::update::fixture;
using namespace std::chrono_literals;

namespace {

template <typename Pred>
bool wait_until(Pred&& pred, std::chrono::seconds timeout = 30s) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return pred();
}

struct PollerTest : UpdateTest {
  fs::path site = tmp.path / "site";
  fs::path bundled = make_content(tmp.path / "bundled", "内置");

  fs::path bundle(const std::string& version, size_t extra_bytes = 0) {
    fs::path content = make_content(tmp.path / ("src-" + version), "版本 " + version);
    if (extra_bytes) write_file(content / "images" / "photo.bin", incompressible(extra_bytes));
    fs::path out = tmp.path / ("bundle-" + version + ".tar.gz");
    build(content, version, out, keys, "gzip");
    return out;
  }
  UpdateConfig config(const std::string& url) {
    UpdateConfig c;
    c.url = url;
    c.trusted_keys = {keys.pub};
    c.interval = 1s;
    c.timeout = 2s;
    return c;
  }
  std::unique_ptr<UpdateService> start(const std::string& url) {
    return UpdateService::installing_here(config(url), data, ContentCheck{}, bundled, bundled);
  }
  UpdateState state() { return ReleaseStore(data).state(); }
  // Version 1 (with `extra_bytes` of photo) behind a server that cuts its download short, and a
  // poller that has seen that fail once.
  struct CutShort {
    fs::path bundle;
    std::unique_ptr<FaultServer> server;
    std::unique_ptr<UpdateService> service;
  };
  CutShort download_cut_short(size_t extra_bytes) {
    CutShort cut{bundle("1", extra_bytes), nullptr, nullptr};
    publish(cut.bundle, "1", site);
    cut.server = std::make_unique<FaultServer>(site);
    cut.server->set_mode("truncate");
    cut.service = start(cut.server->url("/latest.json"));
    EXPECT_TRUE(wait_until([&] { return state().last_error.find("download of 1") != std::string::npos; })) << state().last_error;
    return cut;
  }
  // Polls take_ready() as the kiosk does at slot boundaries.
  std::string shown_after_update(UpdateService& service) {
    std::string shown;
    wait_until([&] {
      if (auto dir = service.take_ready()) shown = read_file(*dir / "schedule.toml");
      return !shown.empty();
    });
    return shown;
  }
};

}  // namespace

TEST_F(PollerTest, InstallsANewerBundleThenAsksWithItsEtag) {
  publish(bundle("1"), "1", site);
  FaultServer server(site);
  auto service = start(server.url("/latest.json"));
  EXPECT_NE(shown_after_update(*service).find("版本 1"), std::string::npos);
  EXPECT_TRUE(wait_until([&] { return server.stats()["not_modified"].get<int>() >= 1; }));
  // The server counts its 304 before the poller has written what it made of it.
  EXPECT_TRUE(wait_until([&] { return state().last_result == "unchanged"; }))
      << "the check after the install (a 304) is recorded as: " << state().last_result;
  EXPECT_EQ(state().current, "1");
  EXPECT_FALSE(state().last_check.empty());
  publish(bundle("2"), "2", site);  // a later publication is picked up by the same poller
  EXPECT_NE(shown_after_update(*service).find("版本 2"), std::string::npos);
}

TEST_F(PollerTest, HttpErrorsAndTimeoutsAreRecordedAndTheScreenKeepsItsContent) {
  publish(bundle("1"), "1", site);
  FaultServer server(site);
  for (std::string mode : {"404", "500", "slow"}) {
    fs::remove_all(data);
    server.set_mode(mode);
    auto service = start(server.url("/latest.json"));
    std::string expected = mode == "slow" ? "timed out" : "HTTP " + mode;
    EXPECT_TRUE(wait_until([&] { return state().last_error.find(expected) != std::string::npos; })) << mode << ": " << state().last_error;
    // 404: nothing published there yet, said but polled at the normal interval (no back-off).
    EXPECT_EQ(state().last_result, mode == "404" ? "not_published" : "fetch_failed") << mode;
    EXPECT_FALSE(service->take_ready()) << mode;
    EXPECT_TRUE(wait_until([&] { return service->overlay_line(eco::builtin_chinese_locale()).find("更新失败") != std::string::npos; }))
        << service->overlay_line(eco::builtin_chinese_locale());
  }
  server.set_mode("ok");
  auto service = start(server.url("/latest.json"));
  EXPECT_NE(shown_after_update(*service).find("版本 1"), std::string::npos);
}

TEST_F(PollerTest, TruncatedDownloadResumesWhereItStopped) {
  CutShort cut = download_cut_short(2 << 20);
  EXPECT_FALSE(cut.service->take_ready());
  cut.server->set_mode("ok");
  EXPECT_NE(shown_after_update(*cut.service).find("版本 1"), std::string::npos);
  auto stats = cut.server->stats();
  EXPECT_GE(stats["range_requests"].get<int>(), 1);
  // Resumed, not downloaded twice: at most the bundle and a half went over the wire.
  EXPECT_LT(stats["bundle_bytes"].get<double>(), 1.6 * static_cast<double>(fs::file_size(cut.bundle)));
}

TEST_F(PollerTest, ServerThatCannotResumeGetsAFreshDownload) {
  CutShort cut = download_cut_short(1 << 20);
  cut.server->set_mode("noresume");
  EXPECT_NE(shown_after_update(*cut.service).find("版本 1"), std::string::npos);
}

TEST_F(PollerTest, TamperedBundleIsRefusedOnceAndNotDownloadedAgain) {
  // One changed byte in the signed manifest of an uncompressed bundle: no decompressor or archive
  // check can meet it first (a flipped bit in a compressed bundle lands wherever the bytes put it),
  // so the refusal is the signature's, every time.
  std::string data = "x";
  std::string manifest = raw_manifest({listed("a.txt", data)}, "1");
  manifest[manifest.find("size = 1") + 7] = '2';
  fs::path b = tmp.path / "bundle-1.tar";
  write_raw_bundle(b, keys, {listed("a.txt", data)}, {{"a.txt", data}}, "1", manifest);
  publish(b, "1", site);  // latest.json's hash matches the tampered file: only the signature can tell
  FaultServer server(site);
  auto service = start(server.url("/latest.json"));
  // The installer records the refusal, then the poller the check's result: wait for the second.
  EXPECT_TRUE(wait_until([&] { return state().last_result == "refused"; }));
  ASSERT_TRUE(state().refused.contains("1")) << "the refused version, for /status";
  EXPECT_EQ(state().refused["1"], state().last_error);
  std::this_thread::sleep_for(3s);  // three more polls
  EXPECT_FALSE(service->take_ready());
  EXPECT_EQ(server.stats()["bundle_bytes"].get<size_t>(), fs::file_size(b));
  // `ecolobby status` lists it, with the reason, under the version latest.json offered.
  ASSERT_TRUE(state().refused.contains("1"));
  std::string why = state().refused["1"];  // a copy: state() is a temporary
  EXPECT_NE(why.find("signature does not verify"), std::string::npos) << why;
}

// A failing server is asked less and less often: 1 s interval, then about 2, 4, 8 s. Load can
// only make polls later, so an upper bound on the requests cannot fail on a slow machine.
TEST_F(PollerTest, FailedChecksBackOff) {
  publish(bundle("1"), "1", site);
  FaultServer server(site);
  server.set_mode("500");
  auto service = start(server.url("/latest.json"));
  EXPECT_TRUE(wait_until([&] { return state().last_error.find("HTTP 500") != std::string::npos; }));
  std::this_thread::sleep_for(5s);
  // Without back-off (0.8–1.2 s apart) five seconds hold at least 5 requests; with it at most 3
  // (at 0, 1.6–2.4 and 4.8–7.2 s).
  EXPECT_LE(server.stats()["requests"].get<int>(), 3) << server.stats().dump();
  server.set_mode("ok");  // and it recovers by itself, at its next (later) check
  EXPECT_NE(shown_after_update(*service).find("版本 1"), std::string::npos);
}

TEST_F(PollerTest, FileUrlWorksForUsbSticksAndShares) {
  publish(bundle("3"), "3", site);
  auto service = start("file://" + (site / "latest.json").string());
  EXPECT_NE(shown_after_update(*service).find("版本 3"), std::string::npos);
}

TEST_F(PollerTest, AnAnnouncementThatIsNotOneIsRecordedAndTheScreenKeepsItsContent) {
  // Each a latest.json a server or a hand-edited USB stick could carry; none may stop the poller.
  const std::string sha(64, 'a');
  const std::vector<std::pair<std::string, std::string>> broken = {
      {"{\"version\": \"2\"", "not JSON"},
      {"{\"version\": \"2\", \"url\": \"b.tar.zst\", \"size\": 1E4444, \"sha256\": \"" + sha + "\"}", "not usable JSON"},
      {"{\"version\": \"2\", \"url\": \"b.tar.zst\", \"size\": -1, \"sha256\": \"" + sha + "\"}", "field 'size'"},
      {"{\"version\": \"v2\", \"url\": \"b.tar.zst\", \"size\": 1, \"sha256\": \"" + sha + "\"}", "field 'version'"},
      {"[1, 2]", "field 'version' is missing"},
  };
  for (const auto& example : broken) {
    const std::string& text = example.first;  // not a structured binding: clang 14 cannot capture one
    const std::string& expected = example.second;
    fs::remove_all(data);
    fs::create_directories(site);
    write_file(site / "latest.json", text);
    auto service = start("file://" + (site / "latest.json").string());
    EXPECT_TRUE(wait_until([&] { return state().last_error.find(expected) != std::string::npos; })) << text << " → " << state().last_error;
    EXPECT_NE(state().last_error.find("latest.json"), std::string::npos) << state().last_error;
    EXPECT_EQ(state().last_result, "bad_latest") << text;
    EXPECT_FALSE(service->take_ready()) << text;
  }
  // Mended, the same poller setup installs what it announces.
  fs::remove_all(data);
  publish(bundle("2"), "2", site);
  auto service = start("file://" + (site / "latest.json").string());
  EXPECT_NE(shown_after_update(*service).find("版本 2"), std::string::npos);
}

TEST_F(PollerTest, AStagedRolloutWaitsUntilItReachesThisScreen) {
  publish(bundle("2"), "2", site);
  auto staged = [&](int percent) {
    auto text = read_file(site / "latest.json");
    auto j = nlohmann::json::parse(text);
    j["rollout_percent"] = percent;
    write_file(site / "latest.json", j.dump());
  };
  FaultServer server(site);
  UpdateConfig c = config(server.url("/latest.json"));
  c.rollout_bucket = 37;
  staged(37);  // buckets 0–36: not this screen
  auto service = UpdateService::installing_here(c, data, ContentCheck{}, bundled, bundled);
  EXPECT_TRUE(wait_until([&] { return state().last_result == "not_in_rollout"; })) << state().last_result;
  EXPECT_FALSE(service->take_ready());
  EXPECT_TRUE(state().last_error.empty()) << state().last_error;  // waiting is not a failure
  EXPECT_FALSE(state().refused.contains("2"));
  EXPECT_EQ(server.stats()["bundle_bytes"].get<int>(), 0);  // not even downloaded
  staged(38);  // widened to include bucket 37: the same poller installs it at its next check
  EXPECT_NE(shown_after_update(*service).find("版本 2"), std::string::npos);
}

TEST_F(PollerTest, UnhealthyReportRollsBackToThePreviousRelease) {
  ReleaseStore store(data);
  store.apply(bundle("1"), {keys.pub}, {});
  store.confirm("1");
  ApplyResult v2 = store.apply(bundle("2"), {keys.pub}, {});
  auto service = UpdateService::installing_here(config(""), data, ContentCheck{}, v2.dir, bundled);
  service->report_health(v2.dir, false, "plugin:quiz: main.lua:4: attempt to index a nil value");
  EXPECT_NE(shown_after_update(*service).find("版本 1"), std::string::npos);
  // The verdict is written first, then the link moves and the status line follows: wait for all of it.
  EXPECT_TRUE(wait_until([&] { return state().bad.contains("2"); }));
  EXPECT_EQ(state().bad["2"], "plugin:quiz: main.lua:4: attempt to index a nil value");
  EXPECT_TRUE(wait_until([&] { return service->overlay_line(eco::builtin_chinese_locale()).find("已回滚 2") != std::string::npos; })) << service->overlay_line(eco::builtin_chinese_locale());
  const std::string english = service->overlay_line(eco::Locale::load(eco::default_assets_dir() / "locale", "en"));
  EXPECT_EQ(english.rfind("rolled back 2: plugin:quiz: main.lua:4:", 0), 0u) << english;
}

TEST_F(PollerTest, BundleOverTheSizeCapIsNotDownloaded) {
  publish(bundle("4", 1 << 20), "4", site);
  FaultServer server(site);
  UpdateConfig c = config(server.url("/latest.json"));
  c.max_download_bytes = 512 << 10;
  auto started = UpdateService::installing_here(c, data, ContentCheck{}, bundled, bundled);
  UpdateService& service = *started;
  EXPECT_TRUE(wait_until([&] { return state().last_error.find("over max_bundle_mb") != std::string::npos; })) << state().last_error;
  EXPECT_EQ(server.stats()["bundle_bytes"].get<int>(), 0);
  EXPECT_FALSE(service.take_ready());
  EXPECT_TRUE(state().refused.contains("4"));
}

// Downloads, hashing and the install process must not take the frame loop's CPU: the worker is
// a named thread at nice +10 (children inherit it), the rest of the process is untouched.
TEST_F(PollerTest, TheWorkerIsANamedThreadAtALowerPriority) {
  auto nice_of = [](const fs::path& task) {
    std::string stat = read_file(task / "stat");
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));  // fields from the 3rd on
    std::string field;
    for (int i = 3; i <= 19; ++i) fields >> field;
    return std::stoi(field);
  };
  const int base = nice_of("/proc/self");
  auto service = start("");
  std::optional<int> worker_nice;
  wait_until([&] {
    for (const auto& task : fs::directory_iterator("/proc/self/task"))
      if (read_file(task.path() / "comm") == "eco-updates\n") worker_nice = nice_of(task.path());
    return worker_nice.has_value();
  });
  ASSERT_TRUE(worker_nice) << "no thread named eco-updates";
  EXPECT_EQ(*worker_nice, std::min(base + 10, 19));
  EXPECT_EQ(nice_of("/proc/self"), base);
}
