#pragma once
// Wakes the frame loop from another thread (the status endpoint wants a picture, new figures
// arrived): the loop sleeps in SDL_WaitEventTimeout until its next deadline otherwise.
namespace eco {

// Thread-safe. Pushes an SDL user event, which the loop handles as nothing.
void wake_frame_loop();

}  // namespace eco
