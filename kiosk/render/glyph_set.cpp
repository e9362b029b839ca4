#include "render/glyph_set.h"

#include "base/file_io.h"

namespace eco {

std::vector<char32_t> decode_utf8(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
    bool ok = true;
    for (int k = 1; k < len; ++k) {
      unsigned char cc = s[i + k];
      if ((cc & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    out.push_back(ok ? cp : 0xFFFD);
    i += ok ? len : 1;
  }
  return out;
}

std::string encode_utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

GlyphSet::GlyphSet() {
  for (char32_t c = 0x20; c < 0x7F; ++c) codepoints_.insert(c);
  add_text("，。、；：？！“”‘’（）《》【】「」『』—…·～％＋－×÷±°℃℉‰²³㎡㎥▲▼△▽↑↓←→●○■□★☆✓①②③④⑤");
  add_text("年月日时分秒星期一二三四五六日天周今昨明本上下个万亿千百十零〇");
  codepoints_.insert(0xFFFD);
}

void GlyphSet::add_text(std::string_view utf8) {
  for (char32_t c : decode_utf8(utf8))
    if (c >= 0x20 && c != 0xFEFF) codepoints_.insert(c);
}

bool is_text_file(const std::filesystem::path& path) {
  auto ext = path.extension().string();
  return ext == ".toml" || ext == ".lua" || ext == ".txt" || ext == ".md" || ext == ".json" || ext == ".csv";
}

void GlyphSet::add_directory(const std::filesystem::path& dir, uintmax_t max_bytes) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec); !ec && it != decltype(it){}; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    if (!is_text_file(it->path())) continue;
    if (it->file_size(ec) > max_bytes) continue;
    add_text(read_whole_file(it->path()).value_or(""));  // one gone since the listing adds nothing
  }
}

std::vector<uint32_t> GlyphSet::ranges() const {
  std::vector<uint32_t> out;
  for (auto it = codepoints_.begin(); it != codepoints_.end();) {
    char32_t first = *it, last = *it;
    for (++it; it != codepoints_.end() && *it == last + 1; ++it) last = *it;
    out.push_back(first);
    out.push_back(last);
  }
  out.push_back(0);
  return out;
}

std::vector<char32_t> GlyphSet::missing_from(std::string_view utf8) const {
  std::vector<char32_t> out;
  for (char32_t c : decode_utf8(utf8))
    if (c >= 0x20 && !codepoints_.contains(c)) out.push_back(c);
  return out;
}

}  // namespace eco
