#pragma once
// Dear ImGui 1.86 copies every font it does not own (AddFont memcpy's FontData), which for the
// 19 MB Noto CJK collection means 19 MB per baked size. Instead we hand ImGui our read-only
// memory map as if it owned it, and route ImGui's allocator through a free() that ignores
// pointers inside lent ranges.
#include <cstddef>

namespace eco {

// Marks [data, data + size) as lent to ImGui: MemFree on it is a no-op. Installs the allocator
// hooks on first use; call before the ImGui context is created.
void lend_to_imgui(const void* data, size_t size);
void end_loan(const void* data);
// Installs the hooks without lending anything (Display calls it before CreateContext).
void install_imgui_allocator();

}  // namespace eco
