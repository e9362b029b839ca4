#pragma once
// Leaving root for good: the screen's files must belong to the user the screen runs as, or its
// own rollback later cannot remove them (issue #20, 3).
#include <sys/types.h>

#include <string>

namespace eco {

struct UserAccount {
  uid_t uid = 0;
  gid_t gid = 0;
  std::string name, home;
};

// The account of `uid`; its name is empty when no user has that id.
UserAccount user_account(uid_t uid);

// Started as root: become `user` (its supplementary groups, primary group, then user id), with
// no way back. HOME, USER and LOGNAME follow. Throws std::runtime_error naming the step that failed.
void become_user(const UserAccount& user);

}  // namespace eco
