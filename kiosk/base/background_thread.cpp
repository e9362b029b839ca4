#include "base/background_thread.h"

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>

namespace eco {

void make_background_thread(const std::string& name, int nice_increment) {
  pthread_setname_np(pthread_self(), name.substr(0, 15).c_str());
  const id_t thread = static_cast<id_t>(gettid());
  errno = 0;
  int now = getpriority(PRIO_PROCESS, thread);
  if (errno == 0) setpriority(PRIO_PROCESS, thread, now + nice_increment);  // capped at 19 by the kernel
}

}  // namespace eco
