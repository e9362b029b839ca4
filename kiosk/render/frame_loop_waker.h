#pragma once
// Wakes the frame loop from another thread (the status endpoint wants a picture, new figures
// arrived, a video frame was decoded): the loop sleeps in SDL_WaitEventTimeout until its next
// deadline otherwise. Here, beside the display, because SDL is render/'s and both app/ and
// scene/ wake the loop.
namespace eco {

// Thread-safe. Pushes an SDL user event, which the loop handles as nothing.
void wake_frame_loop();

}  // namespace eco
