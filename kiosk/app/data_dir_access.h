#pragma once
// Who may do what with a screen's data directory (issue #20, 3). Commands that only read it
// (status, report, backup) run as anyone who can read it. Commands that change the screen's
// state (the screen itself, bundle apply and rollback, bake-fonts, export, store prune …) run as
// the directory's owner: started as root they become that user before opening anything, so
// every file they leave belongs to the screen; started as another user they refuse, with a
// one-line hint. Commands that do not use it (bundle build, plugin test, check …) are left alone.
#include <filesystem>
#include <map>
#include <string>

#include <CLI/CLI.hpp>

#include "base/config.h"

namespace eco {

enum class DataUse { None, Reads, Writes };

// Every subcommand by its path ("bundle apply"; "" is the screen itself) and what it does with
// the data directory. A subcommand missing here is treated as None, and a test fails.
const std::map<std::string, DataUse>& data_use_of_commands();

// The subcommand this command line selected (parsing done): "bundle apply"; "" for the screen.
std::string selected_command(CLI::App& app);
DataUse data_use_of(const std::string& command);

struct CommandUse {
  std::string command;             // "bundle apply"; "" for the screen
  DataUse use = DataUse::None;
  std::filesystem::path data_dir;  // the subcommand's --data-dir, else the configured one
};

// The selected subcommand and the data directory it uses.
CommandUse command_use(CLI::App& app, const Config& config);

// Exit status of a refusal: the same as a bundle install's "this screen's disk" (permissions).
constexpr int kDataDirRefused = 3;

// Before the command touches its data directory: as root on a directory another user owns, for
// Writes, becomes that user; as a user who may not read (Reads) or write (Writes) it, throws
// CommandError(kDataDirRefused) with a hint in the screen's language. `command_line` is the
// command as typed, for the hint ("sudo -u ecolobby ecolobby bundle apply b.tar").
void claim_data_dir(const CommandUse& use, const Config& config, const std::string& command_line);

}  // namespace eco
