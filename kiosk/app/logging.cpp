#include "app/logging.h"

#include <mutex>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "app/problem_journal.h"

namespace eco {

void setup_logging(const std::filesystem::path& log_dir, bool verbose) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  std::vector<spdlog::sink_ptr> sinks;
  auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  console->set_level(verbose ? spdlog::level::debug : spdlog::level::info);
  sinks.push_back(console);
  sinks.push_back(problem_journal_sink());
  if (!log_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(log_dir, ec);
    try {
      auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>((log_dir / "ecolobby.log").string(),
                                                                         5 * 1024 * 1024, 3);
      file->set_level(spdlog::level::debug);
      sinks.push_back(file);
    } catch (const spdlog::spdlog_ex& e) {
      console->log(spdlog::details::log_msg("ecolobby", spdlog::level::warn,
                                            std::string("log file unavailable: ") + e.what()));
    }
  }
  auto logger = std::make_shared<spdlog::logger>("ecolobby", sinks.begin(), sinks.end());
  logger->set_level(spdlog::level::debug);
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

std::vector<std::string> recent_problems(size_t max, int utc_offset_minutes) {
  return problem_journal().recent_lines(max, utc_offset_minutes);
}


}  // namespace eco
