#include "device/install/install_state.h"

#include <nlohmann/json.hpp>

namespace iosup {

namespace {

int64_t Nanos(WallTime t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

WallTime FromNanos(int64_t n) {
  return WallTime(std::chrono::duration_cast<Duration>(std::chrono::nanoseconds(n)));
}

}  // namespace

char SetStateLetter(SetState s) {
  switch (s) {
    case SetState::kInactive: return 'I';
    case SetState::kUncommitted: return 'U';
    case SetState::kCommitted: return 'C';
  }
  return 'I';
}

const SoftwareSet* InstallState::Find(const std::string& version) const {
  for (const SoftwareSet& s : sets) {
    if (s.version == version) return &s;
  }
  return nullptr;
}

SetState InstallState::StateOf(const std::string& version) const {
  if (version == activated) return pending() ? SetState::kUncommitted : SetState::kCommitted;
  return SetState::kInactive;
}

std::string InstallState::Serialize() const {
  nlohmann::json j;
  j["sets"] = nlohmann::json::array();
  for (const SoftwareSet& s : sets) {
    j["sets"].push_back(
        {{"version", s.version}, {"image", s.image}, {"conf", s.conf}, {"packages", s.packages}});
  }
  j["committed"] = committed;
  j["activated"] = activated;
  if (abort_at) j["abort_at"] = Nanos(*abort_at);
  j["points"] = nlohmann::json::array();
  for (const RollbackPoint& p : rollback_points) {
    j["points"].push_back({{"id", p.id}, {"version", p.version}, {"description", p.description}});
  }
  j["next_point_id"] = next_point_id;
  j["log"] = log;
  return j.dump();
}

Result<InstallState> InstallState::Parse(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j["sets"].is_array() || !j["points"].is_array() || !j["log"].is_array()) {
    return Corrupt("install state");
  }
  InstallState st;
  for (const nlohmann::json& s : j["sets"]) {
    if (!s.is_object() || !s["packages"].is_array()) return Corrupt("install state set");
    SoftwareSet set{s.value("version", ""), s.value("image", ""), s.value("conf", ""), {}};
    for (const nlohmann::json& p : s["packages"]) {
      if (p.is_string()) set.packages.push_back(p.get<std::string>());
    }
    st.sets.push_back(std::move(set));
  }
  st.committed = j.value("committed", "");
  st.activated = j.value("activated", "");
  if (j.contains("abort_at")) st.abort_at = FromNanos(j.value("abort_at", int64_t{0}));
  for (const nlohmann::json& p : j["points"]) {
    if (!p.is_object()) return Corrupt("install state point");
    st.rollback_points.push_back({p.value("id", 0), p.value("version", ""),
                                  p.value("description", "")});
  }
  st.next_point_id = j.value("next_point_id", 1);
  for (const nlohmann::json& l : j["log"]) {
    if (l.is_string()) st.log.push_back(l.get<std::string>());
  }
  return st;
}

}  // namespace iosup
