#include "render/font_memory.h"

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <vector>

#include <imgui.h>

namespace eco {
namespace {

struct Loan {
  const char* begin;
  const char* end;
};

std::mutex& loans_mutex() {
  static std::mutex m;
  return m;
}
std::vector<Loan>& loans() {
  static std::vector<Loan> v;
  return v;
}

void* imgui_alloc(size_t size, void*) { return std::malloc(size); }

void imgui_free(void* ptr, void*) {
  if (!ptr) return;
  {
    std::lock_guard lock(loans_mutex());
    auto p = static_cast<const char*>(ptr);
    for (const Loan& l : loans())
      if (p >= l.begin && p < l.end) return;  // our memory map: not ImGui's to free
  }
  std::free(ptr);
}

}  // namespace

void install_imgui_allocator() {
  static std::once_flag once;
  std::call_once(once, [] { ImGui::SetAllocatorFunctions(imgui_alloc, imgui_free, nullptr); });
}

void lend_to_imgui(const void* data, size_t size) {
  install_imgui_allocator();
  std::lock_guard lock(loans_mutex());
  auto p = static_cast<const char*>(data);
  loans().push_back({p, p + size});
}

void end_loan(const void* data) {
  std::lock_guard lock(loans_mutex());
  auto& v = loans();
  v.erase(std::remove_if(v.begin(), v.end(), [&](const Loan& l) { return l.begin == data; }), v.end());
}

}  // namespace eco
