#include "base/file_io.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace eco {
namespace fs = std::filesystem;

std::optional<std::string> read_whole_file(const fs::path& path, std::string* reason) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (reason) *reason = std::strerror(errno);
    return std::nullopt;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

namespace {

// A writer killed between write and rename leaves its temporary file: cleared here, unless the
// process that named it still runs (`bake-fonts` beside the screen may be writing it now).
void remove_stale_temps(const fs::path& dir, const std::string& prefix) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.size() <= prefix.size() || name.rfind(prefix, 0) != 0) continue;
    if (name.find_first_not_of("0123456789", prefix.size()) != std::string::npos) continue;
    pid_t writer = static_cast<pid_t>(std::atol(name.c_str() + prefix.size()));
    if (writer > 0 && writer != ::getpid() && (::kill(writer, 0) == 0 || errno == EPERM)) continue;
    fs::remove(entry.path(), ec);
  }
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

std::string replace_file(const fs::path& file, std::string_view bytes) {
  const fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  const std::string prefix = file.filename().string() + ".tmp";
  remove_stale_temps(dir, prefix);
  const fs::path tmp = dir / (prefix + std::to_string(::getpid()));
  auto fail = [&](const char* what, int err) {
    ::unlink(tmp.c_str());
    return fmt::format("{}: cannot {} ({})", file.string(), what, std::strerror(err));
  };
  // 0666 less the umask, as std::ofstream would create it.
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return fail("write", errno);
  bool written = write_all(fd, bytes) && ::fsync(fd) == 0;
  int err = errno;
  if (::close(fd) != 0 && written) {
    written = false;
    err = errno;
  }
  if (!written) return fail("write", err);
  if (::rename(tmp.c_str(), file.c_str()) != 0) return fail("replace", errno);
  // The rename is done and the file is new; the folder's fsync makes it survive a power cut.
  // Some file systems refuse to fsync a folder: that is no reason to call the write failed.
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return {};
}

}  // namespace eco
