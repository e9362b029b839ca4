#include "base/content_checks.h"

#include <exception>

namespace eco {
namespace {
struct NamedCheck {
  std::string name;
  ContentValidator check;
};
std::vector<NamedCheck>& registry() {
  static std::vector<NamedCheck> checks;
  return checks;
}
}  // namespace

void add_content_check(std::string name, ContentValidator check) {
  for (auto& c : registry())
    if (c.name == name) return;
  registry().push_back({std::move(name), std::move(check)});
}

CheckReport check_content(const Config& config, const std::filesystem::path& content_dir) {
  CheckReport report;
  if (!std::filesystem::is_directory(content_dir)) {
    report.errors.push_back(content_dir.string() + ": content directory does not exist");
    return report;
  }
  for (auto& c : registry()) {
    try {
      c.check(config, content_dir, report);
    } catch (const std::exception& e) {
      report.errors.push_back(e.what());
    }
  }
  return report;
}

}  // namespace eco
