#include "app/data_dir_access.h"

#include <gtest/gtest.h>

#include "app/commands.h"

using namespace eco;

namespace {

// Every subcommand without subcommands of its own, by its path ("bundle apply").
void leaves(CLI::App& app, const std::string& prefix, std::vector<std::string>& out) {
  // Option groups are nameless subcommands in CLI11: not commands.
  auto subs = app.get_subcommands([](CLI::App* s) { return !s->get_name().empty(); });
  if (subs.empty() && !prefix.empty()) out.push_back(prefix);
  for (CLI::App* s : subs) leaves(*s, prefix.empty() ? s->get_name() : prefix + " " + s->get_name(), out);
}

}  // namespace

// A new subcommand must say what it does with the screen's data directory: unlisted, root would
// run it as root and leave root's files in the screen's directory.
TEST(DataDirAccess, EverySubcommandIsClassified) {
  CLI::App app;
  CommandContext ctx;
  register_all_commands(app, ctx);
  std::vector<std::string> found;
  leaves(app, "", found);
  ASSERT_GT(found.size(), 15u);
  const auto& table = data_use_of_commands();
  for (const auto& command : found) EXPECT_TRUE(table.contains(command)) << "'" << command << "' is not in data_use_of_commands()";
  EXPECT_EQ(table.at(""), DataUse::Writes);  // the screen
  EXPECT_EQ(table.at("bundle apply"), DataUse::Writes);
  EXPECT_EQ(table.at("bake-fonts"), DataUse::Writes);
  EXPECT_EQ(table.at("status"), DataUse::Reads);
}

TEST(DataDirAccess, TheSelectedSubcommandAndItsDataDirOption) {
  Config config;
  config.data_dir = "/var/lib/ecolobby";
  CLI::App app;
  std::string given;
  auto* bundle = app.add_subcommand("bundle");
  auto* apply = bundle->add_subcommand("apply");
  apply->add_option("--data-dir", given);
  bundle->add_subcommand("verify");

  const char* with_dir[] = {"ecolobby", "bundle", "apply", "--data-dir", "/srv/screen"};
  app.parse(5, const_cast<char**>(with_dir));
  CommandUse u = command_use(app, config);
  EXPECT_EQ(u.command, "bundle apply");
  EXPECT_EQ(u.use, DataUse::Writes);
  EXPECT_EQ(u.data_dir, std::filesystem::path("/srv/screen"));

  const char* verify[] = {"ecolobby", "bundle", "verify"};
  app.parse(3, const_cast<char**>(verify));
  u = command_use(app, config);
  EXPECT_EQ(u.command, "bundle verify");
  EXPECT_EQ(u.use, DataUse::None);
  EXPECT_EQ(u.data_dir, config.data_dir);

  const char* screen[] = {"ecolobby"};
  app.parse(1, const_cast<char**>(screen));
  u = command_use(app, config);
  EXPECT_EQ(u.command, "");
  EXPECT_EQ(u.use, DataUse::Writes);
}
