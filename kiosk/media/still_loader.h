#pragma once
// The worker a media scene decodes on: jobs run one after another on a low-priority thread
// ("eco-stills"), so the render thread never waits for a decoder and a two-core box keeps a
// core for the frame loop. The thread starts with the first job; the destructor drops the jobs
// not begun and waits for the one running (a PDF page: well under a second).
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "media/still.h"

namespace eco {

class StillLoader {
 public:
  StillLoader() = default;
  ~StillLoader();
  StillLoader(const StillLoader&) = delete;
  StillLoader& operator=(const StillLoader&) = delete;

  // Runs `job` on the worker; an exception it throws is logged, never leaves the thread.
  void post(std::function<void()> job);
  void drop_pending();

 private:
  void run();
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stop_ = false;
  std::thread thread_;
};

// A result one thread hands to another: the worker sets it once, the scene polls it per frame.
class PendingStill {
 public:
  void set(Still still);
  bool done() const;
  Still get() const;  // valid once done()

 private:
  mutable std::mutex mutex_;
  Still still_;
  bool done_ = false;
};

}  // namespace eco
