#include "update/child_installer.h"

#include <cstring>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "app/child_process.h"
#include "update/bundle_error.h"

namespace eco::update {

std::optional<ApplyResult> ChildInstaller::install(const std::filesystem::path& bundle, const std::atomic<bool>* stop) const {
  std::vector<std::string> argv{program.string()};
  if (!config_file.empty()) argv.insert(argv.end(), {"--config", config_file});
  argv.insert(argv.end(), {"bundle", "apply", bundle.string(), "--json", "--data-dir", data_dir.string()});
  for (const PublicKey& key : trusted_keys) argv.insert(argv.end(), {"--pubkey", to_base64(key.data(), key.size())});

  ChildResult child = run_child(argv, {.nice = 10, .stop = stop});
  if (child.stopped) return std::nullopt;
  // main() prints a failed command as "ecolobby: <one line>"; exit 1 means the bundle was refused.
  std::string error = child.last_error_line();
  if (error.rfind("ecolobby: ", 0) == 0) error.erase(0, 10);
  if (child.signal != 0)
    throw BundleError(bundle.filename().string() + ": the install process crashed (" + strsignal(child.signal) + ")");
  if (child.exit_code == 1) throw BundleError(error.empty() ? bundle.filename().string() + ": refused" : error);
  if (child.exit_code != 0)
    throw std::runtime_error("the install process failed (exit " + std::to_string(child.exit_code) + ")" +
                             (error.empty() ? "" : ": " + error));
  try {
    auto j = nlohmann::json::parse(child.out);
    ApplyResult r;
    r.version = j.at("version").get<std::string>();
    r.dir = j.at("dir").get<std::string>();
    r.signer_key_id = j.at("signer_key_id").get<std::string>();
    r.bytes = j.at("bytes").get<uint64_t>();
    return r;
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error("the install process gave no result (" + std::string(e.what()) + ")");
  }
}

}  // namespace eco::update
