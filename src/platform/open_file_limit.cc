#include "platform/open_file_limit.h"

#include <sys/resource.h>

namespace iosup {

uint64_t RaiseOpenFileLimit() {
  rlimit r{};
  if (::getrlimit(RLIMIT_NOFILE, &r) != 0) return 0;
  if (r.rlim_cur < r.rlim_max) {
    const rlim_t before = r.rlim_cur;
    r.rlim_cur = r.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &r) != 0) r.rlim_cur = before;
  }
  return static_cast<uint64_t>(r.rlim_cur);
}

uint64_t OpenFileLimit() {
  rlimit r{};
  return ::getrlimit(RLIMIT_NOFILE, &r) == 0 ? static_cast<uint64_t>(r.rlim_cur) : 0;
}

}  // namespace iosup
