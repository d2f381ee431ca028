// Bounds on connections that have not logged in yet (SSH before its authentication, telnet at
// the login dialog), as sshd's MaxStartups and IOS's vty lines do: a pool per device and one per lab, shared by its
// SSH and telnet servers. A connection holds one slot of each pool from its acceptance until it
// logs in or ends; a new connection finding a pool full is closed at once. One io_context
// thread: not thread-safe.
#ifndef IOSUP_FRONTEND_LOGIN_SLOTS_H_
#define IOSUP_FRONTEND_LOGIN_SLOTS_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace iosup {

class LoginSlots {
 public:
  // Per device: as many as its vty lines (0-15). On IOS every telnet or SSH connection holds a
  // vty line from its arrival, so no more logins than that can be pending.
  static constexpr size_t kDeviceDefault = 16;

  explicit LoginSlots(size_t limit) : limit_(limit) {}
  size_t limit() const { return limit_; }
  size_t taken() const { return taken_; }

 private:
  friend class LoginSlot;
  size_t limit_;
  size_t taken_ = 0;
};

// One slot of each of its pools, given back when released or destroyed. Move-only.
class LoginSlot {
 public:
  // A slot in every pool given (null ones are skipped), or nothing when any of them is full.
  static std::optional<LoginSlot> Take(std::vector<std::shared_ptr<LoginSlots>> pools) {
    std::erase(pools, nullptr);
    for (const auto& p : pools) {
      if (p->taken_ >= p->limit_) return std::nullopt;
    }
    for (const auto& p : pools) ++p->taken_;
    return LoginSlot(std::move(pools));
  }
  LoginSlot(LoginSlot&& other) noexcept : pools_(std::exchange(other.pools_, {})) {}
  LoginSlot& operator=(LoginSlot&& other) noexcept {
    if (this != &other) {
      Release();
      pools_ = std::exchange(other.pools_, {});
    }
    return *this;
  }
  ~LoginSlot() { Release(); }

  void Release() {
    for (const auto& p : std::exchange(pools_, {})) --p->taken_;
  }

 private:
  explicit LoginSlot(std::vector<std::shared_ptr<LoginSlots>> pools) : pools_(std::move(pools)) {}
  std::vector<std::shared_ptr<LoginSlots>> pools_;
};

}  // namespace iosup

#endif  // IOSUP_FRONTEND_LOGIN_SLOTS_H_
