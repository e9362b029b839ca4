#include "update/bundle_commands.h"

#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/config_sections.h"
#include "base/content_checks.h"
#include "update/bundle_builder.h"
#include "update/bundle_error.h"
#include "update/presentation_converter.h"
#include "update/publisher.h"
#include "update/release_check.h"
#include "update/release_store.h"
#include "update/update_config.h"

namespace eco::update {
namespace fs = std::filesystem;
namespace {

std::string megabytes(uint64_t bytes) { return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1 << 20)); }

// --pubkey values (files or base64), else the configured trusted keys.
std::vector<PublicKey> trusted_keys(const std::vector<std::string>& given, const Config& config) {
  std::vector<PublicKey> keys;
  for (const auto& k : given) keys.push_back(load_public_key(k));
  if (keys.empty()) keys = load_update_config(config).trusted_keys;
  if (keys.empty()) throw CommandError("no trusted keys: pass --pubkey bundle.pub or set [updates] trusted_keys in the config", 2);
  return keys;
}

// A file or folder named on the command line that is not there is a usage error (exit 2), not a
// refused bundle: nothing was judged.
std::string existing(const std::string& path, const char* what) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw CommandError(fmt::format("{}: no such {}", path, what), 2);
  return path;
}

// BundleError and ConfigError become one-line CLI errors with exit 1.
template <typename F>
void run(F&& body) {
  try {
    body();
  } catch (const BundleError& e) {
    throw CommandError(e.what(), 1);
  }
}

void add_keygen(CLI::App& bundle) {
  auto* cmd = bundle.add_subcommand("keygen", "Make a signing key pair: DIR/bundle.key (secret, 0600) and DIR/bundle.pub");
  auto out = std::make_shared<std::string>();
  cmd->add_option("--out", *out, "Directory for the key files")->required();
  cmd->callback([out] {
    run([&] {
      PublicKey pk = generate_key_files(*out);
      std::printf("key id %s\nsecret key: %s (keep it off the screens)\npublic key: %s\n", key_id(pk).c_str(),
                  (fs::path(*out) / "bundle.key").c_str(), (fs::path(*out) / "bundle.pub").c_str());
      std::printf("add to [updates] trusted_keys on every screen:\n  \"%s\"\n", to_base64(pk.data(), pk.size()).c_str());
    });
  });
}

// Before a bundle is made of a content directory: presentations become PDFs, then the content
// must pass `ecolobby check` (warnings are printed, errors stop it).
void check_source(const Config& config, const fs::path& source, const std::string& key) {
  existing(source.string(), "content directory");
  existing(key, "key file");
  // Presentations first: the checks then see the PDFs the screen will show.
  run([&] {
    for (const auto& line : convert_presentations(source)) std::printf("%s\n", line.c_str());
  });
  CheckReport report = check_content(config, source);
  for (const auto& w : report.warnings) std::printf("warning: %s\n", w.c_str());
  for (const auto& e : report.errors) std::printf("error: %s\n", e.c_str());
  if (!report.errors.empty())
    throw CommandError(fmt::format("{}: {} error(s); fix them before building a bundle", source.string(), report.errors.size()), 1);
}

void add_build(CLI::App& bundle, CommandContext& ctx) {
  auto* cmd = bundle.add_subcommand("build", "Check a content directory, then pack and sign it as a bundle");
  auto r = std::make_shared<BuildRequest>();
  auto key = std::make_shared<std::string>();
  cmd->add_option("source", r->source, "Content directory")->required();
  cmd->add_option("--key", *key, "Secret key file (bundle.key)")->required();
  cmd->add_option("--version", r->version, "Content version, newer than the last one (7, 2026.11.3)")->required();
  cmd->add_option("--out", r->out, "Bundle file to write")->required();
  cmd->add_option("--compression", r->compression, "zstd (default) or gzip")->check(CLI::IsMember({"zstd", "gzip"}));
  cmd->add_option("--min-program-version", r->min_program_version, "Oldest ecolobby that can show it (default: this one)");
  cmd->callback([&ctx, r, key] {
    check_source(ctx.config(), r->source, *key);
    run([&] {
      SecretKey sk = load_secret_key(*key);
      BundleManifest m = build_bundle(*r, sk);
      sodium_memzero(sk.data(), sk.size());
      std::error_code ec;
      std::printf("%s: version %s, %zu files, %s of content, %s compressed, SHA-256 %s\n", r->out.c_str(), m.version.text().c_str(),
                  m.files.size(), megabytes(m.total_bytes()).c_str(), megabytes(fs::file_size(r->out, ec)).c_str(),
                  sha256_file(r->out).c_str());
    });
  });
}

void add_publish(CLI::App& bundle, CommandContext& ctx) {
  auto* cmd = bundle.add_subcommand(
      "publish", "Check, pack and sign a content directory into a publish folder and announce it in latest.json");
  auto r = std::make_shared<PublishRequest>();
  auto key = std::make_shared<std::string>();
  cmd->add_option("source", r->source, "Content directory")->required();
  cmd->add_option("--key", *key, "Secret key file (bundle.key)")->required();
  cmd->add_option("--version", r->version, "Content version, newer than the one the folder announces (7, 2026.11.3)")->required();
  cmd->add_option("--out", r->out_dir, "Publish folder: a web server's folder or a USB stick (made if missing)")->required();
  cmd->add_option("--keep", r->keep, "Bundles left in the folder, the new one included (default 3)")->check(CLI::Range(1, 1000));
  cmd->add_option("--compression", r->compression, "zstd (default) or gzip")->check(CLI::IsMember({"zstd", "gzip"}));
  cmd->add_option("--min-program-version", r->min_program_version, "Oldest ecolobby that can show it (default: this one)");
  cmd->add_option("--channel", r->channel, "Announce it in latest-CHANNEL.json, for the screens with [updates] channel = CHANNEL")
      ->check([](const std::string& c) { return is_channel_name(c) ? std::string() : std::string(kChannelNameRule); });
  cmd->add_option("--rollout-percent", r->rollout_percent, "Offer it to this share of the screens first (default 100: all)")
      ->check(CLI::Range(0, 100));
  cmd->callback([&ctx, r, key] {
    check_source(ctx.config(), r->source, *key);
    run([&] {
      SecretKey sk = load_secret_key(*key);
      PublishResult p;
      try {
        p = publish_bundle(*r, sk, load_update_config(ctx.config()).limits);
      } catch (...) {
        sodium_memzero(sk.data(), sk.size());
        throw;
      }
      sodium_memzero(sk.data(), sk.size());
      std::printf("%s: version %s, %zu files, %s compressed, signed by key %s, SHA-256 %s\n", p.bundle.c_str(), p.latest.version.c_str(),
                  p.manifest.files.size(), megabytes(p.latest.size).c_str(), p.signer_key_id.c_str(), p.latest.sha256.c_str());
      for (const auto& old : p.removed) std::printf("removed %s\n", old.c_str());
      std::string who = r->rollout_percent == 100 ? "screens polling it install it at their next check"
                                                  : fmt::format("{} % of the screens polling it install it at their next check", r->rollout_percent);
      std::printf("published: %s now announces version %s; %s\n", (r->out_dir / announcement_name(r->channel)).c_str(),
                  p.latest.version.c_str(), who.c_str());
    });
  });
}

void add_verify(CLI::App& bundle, CommandContext& ctx) {
  auto* cmd = bundle.add_subcommand("verify", "Check a bundle's signature and every file's hash, without installing it");
  auto file = std::make_shared<std::string>();
  auto keys = std::make_shared<std::vector<std::string>>();
  cmd->add_option("file", *file, "Bundle file")->required();
  cmd->add_option("--pubkey", *keys, "Trusted public key (bundle.pub or base64); default: [updates] trusted_keys");
  cmd->callback([&ctx, file, keys] {
    existing(*file, "bundle file");
    run([&] {
      VerifiedBundle v = read_bundle(*file, trusted_keys(*keys, ctx.config()), std::nullopt, load_update_config(ctx.config()).limits);
      std::printf("%s: OK · version %s · %zu files · %s · signed by key %s\n", file->c_str(), v.manifest.version.text().c_str(),
                  v.manifest.files.size(), megabytes(v.content_bytes).c_str(), v.signer_key_id.c_str());
    });
  });
}

void add_inspect(CLI::App& bundle) {
  auto* cmd = bundle.add_subcommand("inspect", "Show a bundle's manifest (version, files, signer) without trusting it");
  auto file = std::make_shared<std::string>();
  cmd->add_option("file", *file, "Bundle file")->required();
  cmd->callback([file] {
    existing(*file, "bundle file");
    run([&] {
      BundleHeader h = read_bundle_header(*file);
      BundleManifest m = parse_manifest(h.manifest_text, fs::path(*file).filename().string() + ":bundle.toml");
      std::printf("version: %s\ncreated: %s\nmin program version: %s\nsigned by key: %s (not verified; use 'bundle verify')\n"
                  "files: %zu, %s\n",
                  m.version.text().c_str(), m.created.c_str(), m.min_program_version.c_str(), h.signer_key_id.c_str(),
                  m.files.size(), megabytes(m.total_bytes()).c_str());
      for (const auto& f : m.files) std::printf("  %10llu  %.12s  %s\n", static_cast<unsigned long long>(f.size), f.sha256.c_str(), f.path.c_str());
    });
  });
}

fs::path data_dir_of(const std::string& given, const Config& config) { return given.empty() ? config.data_dir : fs::path(given); }

void add_apply(CLI::App& bundle, CommandContext& ctx) {
  auto* cmd = bundle.add_subcommand("apply", "Install a bundle on this screen (verify, extract, check, switch atomically)");
  auto file = std::make_shared<std::string>();
  auto data_dir = std::make_shared<std::string>();
  auto keys = std::make_shared<std::vector<std::string>>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("file", *file, "Bundle file (e.g. from a USB stick)")->required();
  cmd->add_option("--data-dir", *data_dir, "Screen data directory (default: the configured one)");
  cmd->add_option("--pubkey", *keys, "Trusted public key; default: [updates] trusted_keys");
  cmd->add_flag("--json", *json, "Print the result as JSON (what a running kiosk reads when it installs in a child process)");
  // Exit 1: the bundle was refused; 2: configuration or usage; 3: could not finish for another
  // reason, e.g. this screen's disk (full, read-only, permissions). A kiosk installing in a
  // child process refuses the bundle only on 1.
  cmd->callback([&ctx, file, data_dir, keys, json] {
    existing(*file, "bundle file");
    run([&] {
      const Config& config = ctx.config();
      validate_config(config);  // a configuration the screen would refuse is exit 2, never the bundle's fault
      UpdateConfig u = load_update_config(config);
      ReleaseStore store(data_dir_of(*data_dir, config), u.keep_releases);
      std::vector<PublicKey> trusted = trusted_keys(*keys, config);
      ApplyResult r;
      try {
        r = store.apply(*file, trusted, content_check_for(config), u.limits);
      } catch (const StoreError& e) {
        throw CommandError(e.what(), 3);
      } catch (const BundleError&) {
        throw;
      } catch (const ConfigError&) {
        throw;
      } catch (const std::exception& e) {
        throw CommandError(e.what(), 3);
      }
      if (*json) {
        nlohmann::json out = {{"version", r.version}, {"dir", r.dir.string()}, {"signer_key_id", r.signer_key_id}, {"bytes", r.bytes}};
        std::printf("%s\n", out.dump().c_str());
        return;
      }
      std::printf("installed version %s (%s, signed by key %s) at %s\na running kiosk shows it at its next slide and rolls back if it fails\n",
                  r.version.c_str(), megabytes(r.bytes).c_str(), r.signer_key_id.c_str(), r.dir.c_str());
    });
  });
}

void add_rollback(CLI::App& bundle, CommandContext& ctx) {
  auto* cmd = bundle.add_subcommand("rollback", "Go back to the previous release and never retry the current one");
  auto data_dir = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>("rolled back by an administrator");
  cmd->add_option("--data-dir", *data_dir, "Screen data directory (default: the configured one)");
  cmd->add_option("--reason", *reason, "Why (kept in status)");
  cmd->callback([&ctx, data_dir, reason] {
    run([&] {
      ReleaseStore store(data_dir_of(*data_dir, ctx.config()), load_update_config(ctx.config()).keep_releases);
      auto cur = store.current_dir();
      if (!cur) throw CommandError("no installed release to roll back (the screen shows its bundled content)", 1);
      auto now = store.roll_back(ReleaseStore::version_of(*cur), *reason, /*by_administrator=*/true);
      std::printf("rolled back %s; now showing %s\n", ReleaseStore::version_of(*cur).c_str(),
                  now ? ReleaseStore::version_of(*now).c_str() : "the bundled content");
    });
  });
}

}  // namespace

void register_bundle_commands(CLI::App& app, CommandContext& ctx) {
  auto* bundle = app.add_subcommand("bundle", "Signed content bundles: keys, build, publish, verify, inspect, apply, rollback");
  bundle->require_subcommand(1);
  add_keygen(*bundle);
  add_build(*bundle, ctx);
  add_publish(*bundle, ctx);
  add_verify(*bundle, ctx);
  add_inspect(*bundle);
  add_apply(*bundle, ctx);
  add_rollback(*bundle, ctx);
}

}  // namespace eco::update
