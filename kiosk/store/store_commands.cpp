#include "store/store_commands.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/file_io.h"
#include "base/iso8601.h"
#include "base/locale.h"
#include "store/database.h"
#include "store/export.h"
#include "store/export_xlsx.h"
#include "store/workbook.h"
#include "store/participation_writer.h"
#include "store/play_report.h"
#include "store/queries.h"
#include "store/retention.h"
#include "store/store_config.h"

namespace eco::store {
namespace {

using Clk = std::chrono::steady_clock;

int64_t day_or_fail(const std::string& text, const char* option) {
  auto d = parse_date(text);
  if (!d) throw CommandError(fmt::format("{} '{}': expected a date like 2026-06-01", option, text), 2);
  return *d;
}

Connection open_existing(const Config& config) {
  auto path = database_path(config.data_dir);
  if (!std::filesystem::exists(path)) throw CommandError(path.string() + ": no participation database yet", 1);
  return open_database(path).connection;
}

void stress(const Config& config, int64_t events, const std::string& ack_file) {
  std::FILE* ack = ack_file.empty() ? nullptr : std::fopen(ack_file.c_str(), "a");
  if (!ack_file.empty() && !ack) throw CommandError(ack_file + ": cannot open ack file", 1);
  Clock clock;
  auto t0 = Clk::now();
  {
    ParticipationWriter writer(database_path(config.data_dir));
    for (int64_t i = 0; i < events; ++i) {
      Event e = make_event(clock, config.kiosk_id, "stress", "tap", {{"n", i}});
      // Acknowledged only after its commit: the kill -9 test checks exactly these ids.
      auto done = [ack](const Event& ev, bool ok) {
        if (ok && ack) {
          std::fputs((ev.id + "\n").c_str(), ack);
          std::fflush(ack);
        }
      };
      while (!writer.enqueue(std::move(e), done)) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      if (i % 100000 == 99999) std::fprintf(stderr, "store stress: %lld events queued\n", static_cast<long long>(i + 1));
    }
    writer.flush(std::chrono::hours(1));
    WriterStats s = writer.stats();
    double secs = std::chrono::duration<double>(Clk::now() - t0).count();
    std::printf("store stress: %llu events committed in %.2f s: %.0f events/s (queue full %llu times, waited)\n",
                static_cast<unsigned long long>(s.committed), secs, s.committed / secs,
                static_cast<unsigned long long>(s.dropped));
  }
  if (ack) std::fclose(ack);
}

// A year of data for 20 kiosks (~2 M events), then the campaign queries, timed.
void bench(const Config& config, int64_t per_day_per_kiosk) {
  auto path = config.data_dir / "bench.db";
  std::filesystem::remove(path);
  Connection c = open_database(path).connection;
  c.exec("PRAGMA synchronous = OFF");  // generating test data only
  auto t0 = Clk::now();
  int64_t start_day = days_from_civil(2025, 7, 1), n = 0;
  const char* departments[] = {"办公室", "财务科", "后勤科", "信息中心", "人事科"};
  const char* plugins[] = {"energy_week_quiz", "clean_plate", "low_carbon_pledge"};
  const char* modes[] = {"walk", "bike", "bus", "metro", "car"};
  {
    Transaction t(c);
    Statement ins = c.prepare("INSERT INTO events(id, ts_ms, day, local_date, kiosk, plugin, campaign, kind, department, session, payload) "
                              "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)");
    for (int64_t d = 0; d < 365; ++d) {
      std::string date = format_date(start_day + d);
      for (int k = 0; k < 20; ++k)
        for (int64_t i = 0; i < per_day_per_kiosk; ++i, ++n) {
          int64_t ts = (start_day + d) * 86400000 + 3600000 + i * 1000 + k;
          const char* plugin = plugins[n % 3];
          ins.bind(1, new_ulid(ts)).bind(2, ts).bind(3, start_day + d).bind(4, date).bind(5, fmt::format("kiosk-{}", k));
          ins.bind(6, plugin).bind(7, plugin).bind(8, n % 5 == 0 ? "finish" : "answer").bind(9, departments[n % 5]);
          // Payloads as make_event writes them: the department is a field too (what grouping reads).
          ins.bind(10, fmt::format(R"({{"score":{},"department":"{}","mode":"{}","km":{}}})", n % 6, departments[n % 5],
                                   modes[(n / 7) % 5], n % 13));
          ins.step();
          ins.reset();
        }
    }
    t.commit();
  }
  rebuild_daily(c);
  std::printf("store bench: generated %lld events in %.1f s\n", static_cast<long long>(n),
              std::chrono::duration<double>(Clk::now() - t0).count());
  Queries q(c);
  int64_t today = start_day + 364;
  auto time = [](const char* what, auto&& f) {
    std::vector<double> ms;
    for (int i = 0; i < 20; ++i) {
      auto a = Clk::now();
      f();
      ms.push_back(std::chrono::duration<double, std::milli>(Clk::now() - a).count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("  %-48s p50 %7.3f ms  max %7.3f ms\n", what, ms[10], ms.back());
  };
  time("today's count (plugin, kind, day)", [&] { q.count_on("clean_plate", "answer", today); });
  time("count over the last 7 days", [&] { q.count("clean_plate", "answer", {today - 6, today}); });
  time("departments' average score (all time)", [&] { q.leaderboard("energy_week_quiz", "finish", "department", "score", true, 10); });
  time("departments ranked by check-ins (count)", [&] { q.leaderboard("clean_plate", "", "department", "", false, 10); });
  time("streak of one department", [&] { q.streak("clean_plate", "", "department", "财务科", today); });
  time("per-day counts for 30 days", [&] { q.per_day("clean_plate", "", today - 29, today); });
  // The windowed and grouped queries of participation.today/count/leaderboard (schema 4).
  int64_t monday = today - 1, first = today - 29;  // the bench's last day is Tuesday 2026-06-30
  time("today by mode (today{by=})", [&] { q.leaderboard("low_carbon_pledge", "answer", "mode", "", false, -1, {today, today}); });
  time("this week by mode (count{window=week, by=})", [&] { q.leaderboard("low_carbon_pledge", "answer", "mode", "", false, -1, {monday, today}); });
  time("this month's average score by department", [&] { q.leaderboard("energy_week_quiz", "", "department", "score", true, 10, {first, today}); });
  time("km by mode, last 30 days (days = 30)", [&] { q.leaderboard("low_carbon_pledge", "", "mode", "km", false, 10, {today - 29, today}); });
  time("since 2026-01-01 by department, every kind", [&] { q.leaderboard("clean_plate", "", "department", "", false, 10, {today - 180, today}); });
  time("all time by mode, every kind", [&] { q.leaderboard("low_carbon_pledge", "", "mode", "", false, -1); });
  time("streak of one mode", [&] { q.streak("low_carbon_pledge", "", "mode", "bus", today); });
  std::filesystem::remove(path);
}

// A year of one screen's proof of play (`per_day` showings a day over 24 slots of 3 campaigns),
// written as the writer does; then the database's size and the monthly report's time.
void bench_plays(const Config& config, int64_t per_day) {
  auto path = config.data_dir / "plays-bench.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  Connection c = open_database(path).connection;
  c.exec("PRAGMA synchronous = OFF");  // generating test data only
  const char* campaigns[] = {"", "energy_week", "clean_plate"};
  const char* scenes[] = {"slide", "plugin", "video", "poster", "pdf", "data"};
  int64_t start_day = days_from_civil(2025, 7, 1), n = 0;
  auto t0 = Clk::now();
  for (int64_t d = 0; d < 365; ++d) {
    Transaction t(c);
    for (int64_t i = 0; i < per_day; ++i, ++n) {
      Play p;
      p.day = start_day + d;
      p.start_ms = (p.day * 86400 - 8 * 3600 + 7 * 3600) * 1000 + i * 20'000;  // from 07:00 +08:00
      p.shown_ms = 20'000 - (n % 7 == 0 ? 3'000 : 0);
      p.ending = n % 7 == 0 ? PlayEnding::Touched : PlayEnding::Done;
      p.kiosk = "lobby-1";
      p.content_version = d < 180 ? "2025.07.1" : "2026.01.1";
      p.scene = scenes[i % 24 % 6];
      p.item = fmt::format("item-{:02}", i % 24);
      p.campaign = campaigns[i % 24 % 3];
      insert_play(c, p);
    }
    t.commit();
  }
  double secs = std::chrono::duration<double>(Clk::now() - t0).count();
  c.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  int64_t bytes = c.scalar_int("PRAGMA page_count") * c.scalar_int("PRAGMA page_size");
  auto size_of = [&](const char* table) {
    return c.scalar_int(fmt::format("SELECT sum(pgsize) FROM dbstat WHERE name = '{}'", table));
  };
  std::printf("store bench-plays: %lld plays (a year at %lld a day) in %.1f s (%.0f plays/s)\n",
              static_cast<long long>(n), static_cast<long long>(per_day), secs, n / secs);
  std::printf("  database %.1f MB: plays %.1f MB, daily_plays %.2f MB, play_items %.3f MB (%.1f bytes a play)\n",
              bytes / 1048576.0, size_of("plays") / 1048576.0, size_of("daily_plays") / 1048576.0,
              size_of("play_items") / 1048576.0, static_cast<double>(bytes) / static_cast<double>(n));
  std::vector<double> ms;
  for (int i = 0; i < 20; ++i) {
    auto a = Clk::now();
    monthly_play_rows(c, 2026, 6);
    ms.push_back(std::chrono::duration<double, std::milli>(Clk::now() - a).count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("  report --plays for a month: p50 %.3f ms, max %.3f ms\n", ms[10], ms.back());
  std::filesystem::remove(path);
}

Institution institution(const Config& config) {
  return {config.section("data").string("building", ""), config.org_name};
}

// The workbook's headers: --lang, else the screen's language.
Locale export_locale(const Config& config, const std::string& lang) {
  return Locale::load(default_assets_dir() / "locale", lang.empty() ? config.language : lang);
}

bool is_xlsx(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return ext == ".xlsx";
}

// Text to --out whole or not at all (file_io's replace_file), or to standard output.
void write_out(const std::string& out, const std::string& text) {
  if (out.empty()) {
    std::cout << text << std::flush;
    if (!std::cout) throw CommandError("stdout: write failed", 1);
    return;
  }
  if (std::string error = replace_file(out, text); !error.empty()) throw CommandError(error, 1);
}

void mark_exported(Connection& c) {
  Statement mark = c.prepare("INSERT INTO meta(key, value) VALUES('last_export_ms', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  mark.bind(1, std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count()));
  mark.step();
}

}  // namespace

void register_store_commands(CLI::App& app, CommandContext& ctx) {
  auto* ex = app.add_subcommand("export", "Export participation records (xlsx for spreadsheets, CSV, or NDJSON)");
  struct ExportArgs {
    std::string since, until, campaign, format = "csv", out, lang, table = "events";
  };
  auto ea = std::make_shared<ExportArgs>();
  ex->add_option("--since", ea->since, "First day, e.g. 2026-06-01");
  ex->add_option("--until", ea->until, "Last day (inclusive)");
  ex->add_option("--campaign", ea->campaign, "Only this campaign (plugin id)");
  ex->add_option("--format", ea->format, "xlsx (Excel workbook, needs --out), csv or json")
      ->check(CLI::IsMember({"csv", "json", "xlsx"}));
  ex->add_option("--out", ea->out, "Output file (default: standard output)");
  ex->add_option("--table", ea->table, "csv and json: events (participation) or plays (proof of play); a workbook has both")
      ->check(CLI::IsMember({"events", "plays"}));
  ex->add_option("--lang", ea->lang, "Language of a workbook's headers: zh-CN or en (default: the screen's)")
      ->check(CLI::IsMember({"zh-CN", "en"}));
  ex->callback([&ctx, ea] {
    const Config& config = ctx.config();
    ExportFilter f;
    if (!ea->since.empty()) f.since_day = day_or_fail(ea->since, "--since");
    if (!ea->until.empty()) f.until_day = day_or_fail(ea->until, "--until");
    f.campaign = ea->campaign;
    if (ea->format == "xlsx" && ea->out.empty()) throw CommandError("--format xlsx: needs --out FILE.xlsx", 2);
    Connection c = open_existing(config);
    int64_t n = 0;
    if (ea->format == "xlsx") {
      try {
        n = export_events_xlsx(c, f, ea->out, config.utc_offset_minutes, export_locale(config, ea->lang));
      } catch (const WorkbookError& e) {
        throw CommandError(e.what(), 1);
      }
    } else {
      std::ostringstream text;
      auto format = ea->format == "csv" ? ExportFormat::Csv : ExportFormat::Json;
      n = ea->table == "plays" ? export_plays(c, f, format, text, config.utc_offset_minutes)
                               : export_events(c, f, format, text, config.utc_offset_minutes);
      write_out(ea->out, std::move(text).str());
    }
    if (ea->table == "events" || ea->format == "xlsx") mark_exported(c);  // what retention may prune after
    std::fprintf(stderr, "export: %lld %s%s%s\n", static_cast<long long>(n), ea->table == "plays" ? "plays" : "events",
                 ea->out.empty() ? "" : " to ", ea->out.c_str());
  });

  auto* rep = app.add_subcommand("report", "Monthly participation summary per kiosk, campaign and department; --plays: proof of play");
  struct ReportArgs {
    std::string month, out, lang;
    bool csv = false, plays = false;
  };
  auto ra = std::make_shared<ReportArgs>();
  rep->add_option("--month", ra->month, "Month, e.g. 2026-06")->required();
  rep->add_flag("--csv", ra->csv, "CSV instead of a text table");
  rep->add_flag("--plays", ra->plays, "Proof of play: showings per kiosk, campaign and item instead of participation");
  rep->add_option("--out", ra->out, "Output file; FILE.xlsx writes an Excel workbook (default: standard output)");
  rep->add_option("--lang", ra->lang, "Language of a workbook's headers: zh-CN or en (default: the screen's)")
      ->check(CLI::IsMember({"zh-CN", "en"}));
  rep->callback([&ctx, ra] {
    int y = 0, m = 0;
    if (std::sscanf(ra->month.c_str(), "%d-%d", &y, &m) != 2 || m < 1 || m > 12 || ra->month.size() != 7)
      throw CommandError("--month '" + ra->month + "': expected a month like 2026-06", 2);
    const Config& config = ctx.config();
    Connection c = open_existing(config);
    if (is_xlsx(ra->out)) {
      try {
        if (ra->plays) monthly_play_report_xlsx(c, y, m, institution(config), ra->out, export_locale(config, ra->lang));
        else monthly_report_xlsx(c, y, m, institution(config), ra->out, export_locale(config, ra->lang));
      } catch (const WorkbookError& e) {
        throw CommandError(e.what(), 1);
      }
      std::fprintf(stderr, "report: wrote %s\n", ra->out.c_str());
      return;
    }
    std::ostringstream text;
    if (ra->plays) monthly_play_report(c, y, m, institution(config), ra->csv, text);
    else monthly_report(c, y, m, institution(config), ra->csv, text);
    write_out(ra->out, std::move(text).str());
  });

  auto* bk = app.add_subcommand("backup", "Consistent copy of the participation database");
  auto out = std::make_shared<std::string>();
  bk->add_option("--out", *out, "Destination file")->required();
  bk->callback([&ctx, out] {
    Connection c = open_existing(ctx.config());
    backup_database(c, *out);
    std::fprintf(stderr, "backup: wrote %s\n", out->c_str());
  });

  auto* st = app.add_subcommand("store", "Participation store tools");
  st->require_subcommand(1);
  auto* stress_cmd = st->add_subcommand("stress", "Drive synthetic events through the writer; print events/s");
  auto events = std::make_shared<int64_t>(10000);
  auto ack = std::make_shared<std::string>();
  stress_cmd->add_option("--events", *events, "How many events")->check(CLI::Range(int64_t{1}, int64_t{100'000'000}));
  stress_cmd->add_option("--ack-file", *ack, "Append each event id here after its commit");
  stress_cmd->callback([&ctx, events, ack] { stress(ctx.config(), *events, *ack); });
  auto* prune_cmd = st->add_subcommand("prune", "Delete events older than retention_days (kept if newer than the last export)");
  auto force = std::make_shared<bool>(false);
  prune_cmd->add_flag("--force", *force, "Also delete events that were never exported");
  prune_cmd->callback([&ctx, force] {
    const Config& config = ctx.config();
    int days = load_store_config(config).retention_days;
    Connection c = open_existing(config);
    Clock clock;
    int64_t n = prune_events(c, clock.local_now().day_number(), days, *force);
    std::printf("store prune: %lld events deleted\n", static_cast<long long>(n));
  });
  auto* bench_cmd = st->add_subcommand("bench", "Time the campaign queries on a generated year for 20 kiosks");
  auto per_day = std::make_shared<int64_t>(274);
  bench_cmd->add_option("--per-day", *per_day, "Events per kiosk per day (274 ≈ 2 M a year)");
  bench_cmd->callback([&ctx, per_day] { bench(ctx.config(), *per_day); });
  auto* plays_cmd = st->add_subcommand("bench-plays", "A year of one screen's proof of play: database size, report time");
  auto plays_per_day = std::make_shared<int64_t>(2160);
  plays_cmd->add_option("--per-day", *plays_per_day, "Showings a day (2160: a 20 s slot for 12 hours)")
      ->check(CLI::Range(int64_t{1}, int64_t{100'000}));
  plays_cmd->callback([&ctx, plays_per_day] { bench_plays(ctx.config(), *plays_per_day); });
}

}  // namespace eco::store
