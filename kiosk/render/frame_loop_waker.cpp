#include "render/frame_loop_waker.h"

#include <SDL.h>

namespace eco {

void wake_frame_loop() {
  SDL_Event e{};
  e.type = SDL_USEREVENT;
  SDL_PushEvent(&e);
}

}  // namespace eco
