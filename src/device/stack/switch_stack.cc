#include "device/stack/switch_stack.h"

#include <algorithm>

namespace iosup {

const char* MemberStateName(MemberState s) {
  switch (s) {
    case MemberState::kReady: return "Ready";
    case MemberState::kProgressing: return "Progressing";
    case MemberState::kVMismatch: return "V-Mismatch";
  }
  return "Ready";
}

SwitchStack::SwitchStack(int members, const std::vector<StackMemberSpec>& specs) {
  members = std::clamp(members, 1, kMaxStackMembers);
  members_.resize(static_cast<size_t>(members));
  for (int k = 1; k <= members; ++k) members_[static_cast<size_t>(k - 1)].spec.number = k;
  for (const StackMemberSpec& s : specs) {
    if (s.number < 2 || s.number > members) continue;
    members_[static_cast<size_t>(s.number - 1)].spec = s;
  }
}

void SwitchStack::Booted(WallTime now) {
  for (Member& m : members_) m.ready_at = now + m.spec.join_delay;
}

MemberState SwitchStack::State(int k, const std::string& stack_version, WallTime now) const {
  if (k < 1 || k > size()) return MemberState::kReady;
  const Member& m = At(k);
  if (!m.spec.version.empty() && m.spec.version != stack_version) return MemberState::kVMismatch;
  return now < m.ready_at ? MemberState::kProgressing : MemberState::kReady;
}

std::string SwitchStack::Version(int k, const std::string& stack_version) const {
  if (k < 1 || k > size() || At(k).spec.version.empty()) return stack_version;
  return At(k).spec.version;
}

std::vector<int> SwitchStack::Mismatched(const std::string& stack_version) const {
  std::vector<int> out;
  for (const Member& m : members_) {
    if (!m.spec.version.empty() && m.spec.version != stack_version) out.push_back(m.spec.number);
  }
  return out;
}

void SwitchStack::Upgrade(int k, WallTime now, Duration rejoin) {
  if (k < 1 || k > size()) return;
  Member& m = members_[static_cast<size_t>(k - 1)];
  m.spec.version.clear();
  m.ready_at = now + rejoin;
}

const char* SwitchStack::Role(int k, const std::string& stack_version) const {
  if (k == 1) return "Active";
  for (int j = 2; j <= size(); ++j) {
    if (State(j, stack_version, WallTime{}) != MemberState::kVMismatch) return j == k ? "Standby" : "Member";
  }
  return "Member";
}

int SwitchStack::Priority(int k) const {
  if (k < 1 || k > size()) return 1;
  const int p = At(k).spec.priority;
  return p > 0 ? p : std::max(1, 16 - k);
}

}  // namespace iosup
