#include "scene/media_checks.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/content_checks.h"
#include "media/image_decoder.h"
#include "media/pdf_document.h"
#include "scene/schedule.h"
#include "scene/still_frame.h"

namespace eco {
namespace {

void check_poster(const Slot& slot, const std::filesystem::path& dir, int box_w, int box_h, CheckReport& report) {
  Still still = decode_image((dir / slot.file).string(), box_w, box_h, fit_of(slot));
  if (!still.image) {
    report.errors.push_back(fmt::format("{}: poster '{}' cannot be shown: {}", slot.file_where, slot.file, still.error));
    return;
  }
  // Much smaller than the screen: shown stretched, soft.
  if (still.source_w * 2 < box_w && still.source_h * 2 < box_h)
    report.warnings.push_back(fmt::format("{}: poster '{}' is {}x{}, under half the screen's {}x{}: it will look blurry",
                                          slot.file_where, slot.file, still.source_w, still.source_h, box_w, box_h));
}

void check_pdf(const Slot& slot, const std::filesystem::path& dir, int box_w, int box_h, CheckReport& report) {
  std::error_code ec;
  if (!slot.converted_from.empty() && !std::filesystem::exists(dir / slot.file, ec)) {
    report.errors.push_back(fmt::format("{}: '{}' is shown as '{}', which does not exist yet: `ecolobby bundle build` converts it "
                                        "(LibreOffice), or export it as PDF from WPS or PowerPoint",
                                        slot.file_where, slot.converted_from, slot.file));
    return;
  }
  std::string why;
  auto doc = PdfDocument::open((dir / slot.file).string(), why);
  if (!doc) {
    report.errors.push_back(fmt::format("{}: PDF '{}' cannot be shown: {}", slot.file_where, slot.file, why));
    return;
  }
  if (doc->file_pages() > doc->pages())
    report.warnings.push_back(fmt::format("{}: PDF '{}' has {} pages; the screen shows the first {}", slot.file_where, slot.file,
                                          doc->file_pages(), doc->pages()));
  for (int page : slot.pages) {
    if (page > doc->pages()) {
      report.errors.push_back(fmt::format("{}: pages: page {} is not in '{}' ({} page{})", slot.pages_where, page, slot.file,
                                          doc->pages(), doc->pages() == 1 ? "" : "s"));
      return;
    }
  }
  // The first page shown, rendered as the screen renders it: a damaged page stream shows here.
  Still first = doc->render(slot.pages.empty() ? 0 : slot.pages.front() - 1, box_w, box_h, fit_of(slot));
  if (!first.image)
    report.errors.push_back(fmt::format("{}: PDF '{}' cannot be shown: {}", slot.file_where, slot.file, first.error));
}

}  // namespace

void register_media_checks() {
  add_content_check("media", [](const Config& config, const std::filesystem::path& dir, CheckReport& report) {
    std::error_code ec;
    if (!std::filesystem::exists(dir / "schedule.toml", ec)) return;
    Schedule schedule;
    try {
      schedule = load_schedule(dir / "schedule.toml");
    } catch (const std::exception&) {
      return;  // the schedule check reports it, once
    }
    int w = 0, h = 0;
    still_box(config, w, h);
    for (const Slot& slot : schedule.slots) {
      if (slot.scene == "poster") check_poster(slot, dir, w, h, report);
      else if (slot.scene == "pdf") check_pdf(slot, dir, w, h, report);
    }
  });
}

}  // namespace eco
