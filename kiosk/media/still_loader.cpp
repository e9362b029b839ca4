#include "media/still_loader.h"

#include <SDL_thread.h>
#include <spdlog/spdlog.h>

#include "base/background_thread.h"

namespace eco {

StillLoader::~StillLoader() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
    jobs_.clear();
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void StillLoader::post(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
    if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
  }
  wake_.notify_one();
}

void StillLoader::drop_pending() {
  std::lock_guard lock(mutex_);
  jobs_.clear();
}

void StillLoader::run() {
  make_background_thread("eco-stills");
  // SDL_image reports a bad file through SDL_SetError, whose buffer SDL keeps per thread and frees
  // only for threads SDL started itself: this one frees it on the way out.
  struct SdlThreadData {
    ~SdlThreadData() { SDL_TLSCleanup(); }
  } sdl_thread_data;
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
      if (stop_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    try {
      job();
    } catch (const std::exception& e) {
      spdlog::error("media decoder: {}", e.what());
    } catch (...) {
      spdlog::error("media decoder: unknown exception");
    }
  }
}

void PendingStill::set(Still still) {
  std::lock_guard lock(mutex_);
  still_ = std::move(still);
  done_ = true;
}

bool PendingStill::done() const {
  std::lock_guard lock(mutex_);
  return done_;
}

Still PendingStill::get() const {
  std::lock_guard lock(mutex_);
  return still_;
}

}  // namespace eco
