#include "app/become_user.h"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace eco {

UserAccount user_account(uid_t uid) {
  long size = sysconf(_SC_GETPW_R_SIZE_MAX);
  std::vector<char> buffer(size > 0 ? static_cast<size_t>(size) : 16384);
  passwd entry{}, *found = nullptr;
  if (getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) != 0 || !found) return {.uid = uid};
  return {.uid = found->pw_uid, .gid = found->pw_gid, .name = found->pw_name, .home = found->pw_dir};
}

void become_user(const UserAccount& user) {
  auto fail = [&](const char* step) {
    throw std::runtime_error(std::string(step) + " for user " + user.name + ": " + std::strerror(errno));
  };
  // Groups first: once the user id is no longer root, they can no longer be changed.
  if (initgroups(user.name.c_str(), user.gid) != 0) fail("initgroups");
  if (setgid(user.gid) != 0) fail("setgid");
  if (setuid(user.uid) != 0) fail("setuid");
  if (user.uid != 0 && setuid(0) == 0) throw std::runtime_error("setuid: still able to become root again");
  setenv("HOME", user.home.c_str(), 1);
  setenv("USER", user.name.c_str(), 1);
  setenv("LOGNAME", user.name.c_str(), 1);
}

}  // namespace eco
