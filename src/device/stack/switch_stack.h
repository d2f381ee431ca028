// A switch stack as its active switch sees it: members 1..N with their role, priority and MAC,
// and each member's state on the device's clock: Ready, Progressing while it joins after the
// stack (re)boots, V-Mismatch while it runs a release other than the stack's until it is brought
// to the stack's release (`install autoupgrade`, or `software auto-upgrade enable` at boot). Pure
// logic: the device tells it when the stack booted and what release it runs.
#ifndef IOSUP_DEVICE_STACK_SWITCH_STACK_H_
#define IOSUP_DEVICE_STACK_SWITCH_STACK_H_

#include <string>
#include <vector>

#include "base/clock.h"

namespace iosup {

// Largest stack of a Catalyst 9300 / 3750-X.
inline constexpr int kMaxStackMembers = 8;

// How one member behaves, from the topology (`members:`) or a test.
struct StackMemberSpec {
  int number = 0;          // 2..N (member 1 is the active switch)
  int priority = 0;        // 1-15; 0: the default (15 for switch 1, one less for each next)
  std::string version;     // the release it runs when it differs from the stack's (V-Mismatch)
  Duration join_delay{};   // after each stack boot, Progressing this long before Ready
  // Its flash's size when not the platform's: a lab's way to give one member little room (with
  // its files, a member whose flash is full) without writing gigabytes.
  uint64_t flash_bytes = 0;
};

enum class MemberState { kReady, kProgressing, kVMismatch };
const char* MemberStateName(MemberState s);  // "Ready", "Progressing", "V-Mismatch"

class SwitchStack {
 public:
  // `members`: 1 (standalone) to kMaxStackMembers; `specs` for some of members 2..N.
  SwitchStack(int members, const std::vector<StackMemberSpec>& specs);

  int size() const { return static_cast<int>(members_.size()); }
  // The stack finished booting at `now`: each member joins after its delay.
  void Booted(WallTime now);
  // Member `k` (1-based) against the release the stack runs (`stack_version`, long form).
  MemberState State(int k, const std::string& stack_version, WallTime now) const;
  // The release member `k` runs: its own when it has one, else the stack's.
  std::string Version(int k, const std::string& stack_version) const;
  // Members running another release than `stack_version`, in order.
  std::vector<int> Mismatched(const std::string& stack_version) const;
  // Member `k` gets the stack's release and reloads: Progressing until `now + rejoin`.
  void Upgrade(int k, WallTime now, Duration rejoin);
  // "Active" (switch 1), "Standby" (the lowest-numbered other member on the stack's release),
  // "Member".
  const char* Role(int k, const std::string& stack_version) const;
  int Priority(int k) const;

 private:
  struct Member {
    StackMemberSpec spec;
    WallTime ready_at{};
  };
  const Member& At(int k) const { return members_[static_cast<size_t>(k - 1)]; }
  std::vector<Member> members_;
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_STACK_SWITCH_STACK_H_
