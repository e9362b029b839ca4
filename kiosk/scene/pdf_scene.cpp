#include "scene/pdf_scene.h"

#include <spdlog/spdlog.h>

#include "media/pdf_document.h"
#include "scene/still_frame.h"

namespace eco {

struct PdfScene::Worker {
  std::string path;
  std::unique_ptr<PdfDocument> doc;  // loader thread only
  std::string open_error;            // loader thread only
  std::atomic<int> pages{-1};        // read by the render thread
  std::atomic<bool> failed{false};
};

PdfScene::PdfScene(const Slot& slot, const std::filesystem::path& content_dir)
    : file_(slot.file), path_((content_dir / slot.file).string()), fit_(fit_of(slot)), fill_(slot.fill),
      caption_(slot.caption), pages_(slot.pages), page_s_(slot.page_s), loop_(slot.duration_given),
      worker_(std::make_shared<Worker>()) {
  worker_->path = path_;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path_, ec)) {
    error_ = "pdf " + path_ + ": file not found";
    if (!slot.converted_from.empty()) error_ += " (converted from " + slot.converted_from + " by `ecolobby bundle build`)";
    spdlog::warn("{}; the slot is skipped", error_);
  }
}

PdfScene::~PdfScene() = default;

int PdfScene::steps() const {
  if (!pages_.empty()) return int(pages_.size());
  return worker_->pages.load();
}

int PdfScene::page_of(int step) const { return pages_.empty() ? step : pages_[size_t(step)] - 1; }

void PdfScene::request(int step, int box_w, int box_h) {
  int n = steps();
  if (!error_.empty() || step < 0 || (n >= 0 && step >= n) || pending_.contains(step) || ready_.contains(step) ||
      skipped_.contains(step))
    return;
  if (step == shown_step_ && shown_) return;
  auto pending = std::make_shared<PendingStill>();
  pending_[step] = pending;
  int page = page_of(step);
  loader_.post([worker = worker_, pending, page, box_w, box_h, fit = fit_] {
    if (!worker->doc && worker->open_error.empty()) {
      worker->doc = PdfDocument::open(worker->path, worker->open_error);
      if (worker->doc) {
        if (worker->doc->file_pages() > worker->doc->pages())
          spdlog::warn("pdf {}: {} pages; showing the first {}", worker->path, worker->doc->file_pages(), worker->doc->pages());
        worker->pages = worker->doc->pages();
      } else {
        worker->failed = true;
      }
    }
    if (!worker->doc) {
      pending->set(Still{nullptr, worker->open_error});
      return;
    }
    pending->set(worker->doc->render(page, box_w, box_h, fit));
  });
}

void PdfScene::prepare(const SceneContext& ctx) {
  still_box(ctx.config, box_w_, box_h_);
  request(0, box_w_, box_h_);
  request(1, box_w_, box_h_);
}

void PdfScene::enter(const SceneContext& ctx) {
  started_.reset();
  prepare(ctx);
}

void PdfScene::leave() {
  loader_.drop_pending();
  pending_.clear();
  shown_.reset();
  shown_step_ = -1;
  started_.reset();
}

void PdfScene::collect() const {
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (!it->second->done()) {
      ++it;
      continue;
    }
    Still still = it->second->get();
    int step = it->first;
    it = pending_.erase(it);
    if (worker_->failed.load()) {
      if (error_.empty()) {
        error_ = "pdf " + path_ + ": " + still.error;
        spdlog::warn("{}; the slot is skipped", error_);
      }
      continue;
    }
    if (!still.image) {
      spdlog::warn("pdf {}: {}; skipped", path_, still.error);
      skipped_.insert(step);
      continue;
    }
    // Only the page due now (or the first) replaces what shows; the next one waits its turn.
    ready_[step] = std::move(still.image);
  }
}

bool PdfScene::ready() const {
  collect();
  return !error_.empty() || ready_.contains(0) || shown_ || skipped_.contains(0);
}

int PdfScene::step_at(TimePoint now) const {
  if (!started_) return 0;
  auto s = std::chrono::duration_cast<std::chrono::milliseconds>(now - *started_).count() / (int64_t(page_s_) * 1000);
  int n = steps();
  if (n > 0 && loop_) return int(s % n);
  return int(std::min<int64_t>(s, n > 0 ? n : s));
}

void PdfScene::frame(const SceneContext& ctx, Painter& p) {
  collect();
  TimePoint now = ctx.clock.now();
  int step = step_at(now);
  int n = steps();
  // A page the PDF lacks is passed over, not waited for.
  while (n > 0 && step < n && skipped_.contains(step) && !started_) ++step;
  if (auto it = ready_.find(step); it != ready_.end()) {
    shown_ = it->second;
    shown_step_ = step;
    ready_.erase(it);
    if (!started_) started_ = now;
  }
  std::erase_if(ready_, [&](const auto& kv) { return kv.first < step; });
  request(step, box_w_, box_h_);
  request(n > 0 && loop_ ? (step + 1) % n : step + 1, box_w_, box_h_);
  draw_still(p, ctx, shown_, fit_, fill_, caption_);
}

bool PdfScene::finished(const SceneContext& ctx) const {
  if (!error_.empty()) return true;
  int n = steps();
  if (n <= 0 || loop_ || !started_) return false;
  if (int(skipped_.size()) >= n) return true;
  return step_at(ctx.clock.now()) >= n;
}

std::chrono::milliseconds PdfScene::next_change(const SceneContext& ctx) const {
  using std::chrono::milliseconds;
  collect();
  int due = step_at(ctx.clock.now());
  if (!started_ || pending_.contains(due) || ready_.contains(due)) return milliseconds{50};  // the due page is on its way
  auto into = std::chrono::duration_cast<milliseconds>(ctx.clock.now() - *started_).count() % (int64_t(page_s_) * 1000);
  return milliseconds{int64_t(page_s_) * 1000 - into};
}

}  // namespace eco
