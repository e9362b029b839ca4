#include "app/data_dir_access.h"

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vector>

#include "app/become_user.h"
#include "base/command.h"
#include "base/screen_locale.h"

namespace eco {
namespace fs = std::filesystem;

const std::map<std::string, DataUse>& data_use_of_commands() {
  static const std::map<std::string, DataUse> table{
      {"", DataUse::Writes},  // the screen (a preview runs on a private directory: app/preview_data_dir.h)
      {"bake-fonts", DataUse::Writes},
      {"bundle apply", DataUse::Writes},
      {"bundle rollback", DataUse::Writes},
      {"store prune", DataUse::Writes},
      {"store stress", DataUse::Writes},
      {"store bench", DataUse::Writes},  // <data_dir>/bench.db
      {"store bench-plays", DataUse::Writes},  // <data_dir>/plays-bench.db
      {"status", DataUse::Reads},
      // export records the export time (store prune respects it) in place: SQLite keeps its files
      // the owner's even for root, and root's --out file goes where root asked for it.
      {"export", DataUse::Reads},
      {"report", DataUse::Reads},
      {"backup", DataUse::Reads},
      // Content, keys, feeds and plugins only; plugin run and plugin test have scratch folders.
      {"check", DataUse::None},
      {"kpi", DataUse::None},
      {"gl-renderer", DataUse::None},
      {"plugin run", DataUse::None},
      {"plugin test", DataUse::None},
      {"bundle keygen", DataUse::None},
      {"bundle build", DataUse::None},
      {"bundle verify", DataUse::None},
      {"bundle inspect", DataUse::None},
      {"bundle publish", DataUse::None},  // the publisher's machine, not a screen
      {"help-man", DataUse::None},
      {"session", DataUse::None},  // its client, the screen itself, claims the data directory
  };
  return table;
}

namespace {

// The subcommand the command line selected at this level (option groups are nameless subcommands).
CLI::App* selected_subcommand(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands())
    if (!sub->get_name().empty()) return sub;
  return nullptr;
}

// The selected subcommands from the top down: {bundle, apply}; empty for the screen itself.
std::vector<CLI::App*> selected_path(CLI::App& app) {
  std::vector<CLI::App*> path;
  for (CLI::App* sub = selected_subcommand(app); sub; sub = selected_subcommand(*sub)) path.push_back(sub);
  return path;
}

}  // namespace

std::string selected_command(CLI::App& app) {
  std::string command;
  for (CLI::App* sub : selected_path(app)) command += (command.empty() ? "" : " ") + sub->get_name();
  return command;
}

DataUse data_use_of(const std::string& command) {
  const auto& table = data_use_of_commands();
  auto it = table.find(command);
  return it == table.end() ? DataUse::None : it->second;
}

CommandUse command_use(CLI::App& app, const Config& config) {
  CommandUse u{.command = selected_command(app), .use = DataUse::None, .data_dir = config.data_dir};
  u.use = data_use_of(u.command);
  std::vector<CLI::App*> path = selected_path(app);
  CLI::App* at = path.empty() ? &app : path.back();
  if (auto* given = at->get_option_no_throw("--data-dir"); given && given->count() > 0)
    u.data_dir = given->as<std::string>();
  return u;
}

namespace {

// The directory itself, or the closest parent that exists (where it would be made).
fs::path nearest_existing(const fs::path& dir) {
  std::error_code ec;
  fs::path p = fs::absolute(dir, ec);
  while (!fs::exists(p, ec) && p.has_relative_path()) p = p.parent_path();
  return p;
}

std::string name_of(uid_t uid) {
  std::string name = user_account(uid).name;
  return name.empty() ? "uid " + std::to_string(uid) : name;
}

std::string group_of(gid_t gid) {
  if (const group* g = getgrgid(gid)) return g->gr_name;
  return std::to_string(gid);
}

}  // namespace

void claim_data_dir(const CommandUse& use, const Config& config, const std::string& command_line) {
  if (use.use == DataUse::None) return;
  fs::path at = nearest_existing(use.data_dir);
  struct stat st {};
  if (::stat(at.c_str(), &st) != 0) return;  // nothing there to protect; the command says what is missing
  bool exists = at == fs::absolute(use.data_dir);
  auto refuse = [&](const std::string& key, std::vector<std::pair<std::string, std::string>> args) {
    args.emplace_back("dir", use.data_dir.string());
    args.emplace_back("command", command_line);
    throw CommandError(load_screen_locale(config.language).t(key, args), kDataDirRefused);
  };
  if (::geteuid() == 0) {
    // Root reads anything and leaves nothing behind when it only reads; what it writes must
    // belong to the screen's user, so it becomes that user first.
    if (use.use != DataUse::Writes || st.st_uid == 0) return;
    UserAccount owner = user_account(st.st_uid);
    if (owner.name.empty()) refuse("data_dir.no_owner", {{"uid", std::to_string(st.st_uid)}});
    try {
      become_user(owner);
    } catch (const std::exception& e) {
      refuse("data_dir.cannot_become", {{"owner", owner.name}, {"error", e.what()}});
    }
    return;
  }
  std::string user = name_of(::geteuid());
  if (use.use == DataUse::Reads) {
    if (!exists || ::access(at.c_str(), R_OK | X_OK) == 0) return;
    refuse("data_dir.cannot_read", {{"user", user}, {"group", group_of(st.st_gid)}});
  }
  if (::access(at.c_str(), W_OK | X_OK) == 0) return;
  refuse("data_dir.cannot_write", {{"user", user}, {"owner", name_of(st.st_uid)}});
}

}  // namespace eco
