// What an accept() failure means for a server's accept loop.
#ifndef IOSUP_FRONTEND_ACCEPT_ERRORS_H_
#define IOSUP_FRONTEND_ACCEPT_ERRORS_H_

#include <asio/error.hpp>
#include <cerrno>
#include <chrono>

namespace iosup {

// Out of descriptors or kernel memory (EMFILE, ENFILE, ENOBUFS, ENOMEM): the connection stays in
// the backlog and the listening socket stays readable, so accepting again at once would spin.
// The server pauses accepting for kAcceptPause instead, then resumes.
inline bool OutOfResources(const asio::error_code& ec) {
  if (ec.category() != asio::error::get_system_category()) return false;
  const int e = ec.value();
  return e == EMFILE || e == ENFILE || e == ENOBUFS || e == ENOMEM;
}

inline constexpr std::chrono::milliseconds kAcceptPause{100};

}  // namespace iosup

#endif  // IOSUP_FRONTEND_ACCEPT_ERRORS_H_
