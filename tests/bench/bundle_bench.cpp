// Benchmark: a 50 MB content bundle (ten 5 MB photos that do not compress, plus text) built,
// verified and applied, in zstd and gzip. Prints throughput for docs/perf.md; never fails on speed.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "update/bundle_builder.h"
#include "update/bundle_reader.h"
#include "update/release_store.h"

using namespace eco::update;
namespace fs = std::filesystem;
using Clk = std::chrono::steady_clock;

namespace {

double seconds_since(Clk::time_point t0) { return std::chrono::duration<double>(Clk::now() - t0).count(); }

void write_photo(const fs::path& p, size_t n, uint64_t seed) {
  std::string out(n, '\0');
  uint64_t x = seed * 0x9E3779B97F4A7C15ull + 1;
  for (size_t i = 0; i + 8 <= n; i += 8) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    std::memcpy(&out[i], &x, 8);
  }
  std::ofstream(p, std::ios::binary) << out;
}

}  // namespace

int main() {
  fs::path work = fs::temp_directory_path() / ("ecolobby-bundle-bench-" + std::to_string(::getpid()));
  fs::create_directories(work / "content" / "images");
  std::ofstream(work / "content" / "schedule.toml") << "[[slot]]\nscene = \"slide\"\ntitle = \"节能\"\n";
  for (int i = 0; i < 10; ++i) write_photo(work / "content" / "images" / ("photo-" + std::to_string(i) + ".png"), 5 << 20, i);
  PublicKey pub = generate_key_files(work / "keys");
  SecretKey key = load_secret_key(work / "keys" / "bundle.key");
  const double mb = 50.0;

  Sha256 h;
  std::string block(1 << 20, 'x');
  auto t0 = Clk::now();
  for (int i = 0; i < 200; ++i) h.update(block.data(), block.size());
  h.hex();
  std::printf("SHA-256 (OpenSSL): %.0f MB/s\n", 200 / seconds_since(t0));

  for (const char* compression : {"zstd", "gzip"}) {
    BuildRequest r;
    r.source = work / "content";
    r.version = compression == std::string("zstd") ? "1" : "2";
    r.out = work / (std::string("bundle.") + compression);
    r.compression = compression;
    t0 = Clk::now();
    build_bundle(r, key);
    double build_s = seconds_since(t0);
    double best_verify = 1e9;
    for (int i = 0; i < 3; ++i) {
      t0 = Clk::now();
      read_bundle(r.out, {pub}, std::nullopt);
      best_verify = std::min(best_verify, seconds_since(t0));
    }
    ReleaseStore store(work / ("data-" + std::string(compression)));
    t0 = Clk::now();
    store.apply(r.out, {pub}, {});
    double apply_s = seconds_since(t0);
    std::printf("%s: bundle %.1f MB · build %.2f s · verify %.0f MB/s (%.3f s) · apply (verify, extract, fsync, swap) %.2f s = %.0f MB/s\n",
                compression, static_cast<double>(fs::file_size(r.out)) / (1 << 20), build_s, mb / best_verify, best_verify, apply_s,
                mb / apply_s);
  }
  fs::remove_all(work);
}
