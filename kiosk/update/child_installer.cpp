#include "update/child_installer.h"

#include <csignal>
#include <cstring>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "base/child_process.h"
#include "update/bundle_error.h"

namespace eco::update {
namespace {

// Signals a program raises on itself when it hits a bug, e.g. on a bundle crafted to trip the
// decompressor. SIGKILL and SIGTERM come from outside (the OOM killer, a service stop) and say
// nothing about the bundle.
bool is_crash(int signal) {
  return signal == SIGSEGV || signal == SIGBUS || signal == SIGILL || signal == SIGFPE || signal == SIGABRT || signal == SIGSYS;
}

}  // namespace

std::optional<ApplyResult> ChildInstaller::install(const std::filesystem::path& bundle, const std::atomic<bool>* stop) const {
  std::vector<std::string> argv{program.string()};
  if (!config_file.empty()) argv.insert(argv.end(), {"--config", config_file});
  argv.insert(argv.end(), {"bundle", "apply", bundle.string(), "--json", "--data-dir", data_dir.string()});
  for (const PublicKey& key : trusted_keys) argv.insert(argv.end(), {"--pubkey", to_base64(key.data(), key.size())});

  const std::string name = bundle.filename().string();
  ChildResult child;
  try {
    child = run_child(argv, {.stop = stop});
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(name + ": " + e.what());
  }
  if (child.stopped) return std::nullopt;
  // main() prints a failed command as "ecolobby: <one line>"; exit 1 means the bundle was refused.
  std::string error = child.last_error_line();
  if (error.rfind("ecolobby: ", 0) == 0) error.erase(0, 10);
  if (child.signal != 0) {
    std::string how = std::string(" (") + strsignal(child.signal) + ")";
    if (is_crash(child.signal)) throw BundleError(name + ": the install process crashed on it" + how);
    throw std::runtime_error(name + ": the install process was killed" + how + "; trying again at the next check");
  }
  if (child.exit_code == 1) throw BundleError(error.empty() ? name + ": refused" : error);
  if (child.exit_code != 0)
    throw std::runtime_error(name + ": not installed, trying again at the next check (exit " + std::to_string(child.exit_code) +
                             (error.empty() ? ")" : "): " + error));
  try {
    auto j = nlohmann::json::parse(child.out);
    ApplyResult r;
    r.version = j.at("version").get<std::string>();
    r.dir = j.at("dir").get<std::string>();
    r.signer_key_id = j.at("signer_key_id").get<std::string>();
    r.bytes = j.at("bytes").get<uint64_t>();
    return r;
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(name + ": the install process gave no result (" + std::string(e.what()) + ")");
  }
}

}  // namespace eco::update
