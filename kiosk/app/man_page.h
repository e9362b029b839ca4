#pragma once
// `ecolobby help-man`: the manual page (man 1 ecolobby) written from the command line's own
// definitions, so it lists exactly the subcommands and options `--help` shows. The build runs it
// to make ecolobby.1.gz for the package (packaging/CMakeLists.txt).
#include <string>

#include <CLI/CLI.hpp>

namespace eco {

// Roff (man(7)) text for `app` and every visible subcommand below it.
std::string man_page(const CLI::App& app, const std::string& version);

// Registers the hidden `help-man` subcommand, which prints man_page(app) to stdout.
void register_man_page_command(CLI::App& app);

}  // namespace eco
