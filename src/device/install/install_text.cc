#include "device/install/install_text.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "device/install/install_manager.h"

namespace iosup {

namespace {

constexpr const char* kRule =
    "--------------------------------------------------------------------------------\n";

const char* Title(InstallListing what) {
  switch (what) {
    case InstallListing::kSummary: return "Installed";
    case InstallListing::kActive: return "Active";
    case InstallListing::kInactive: return "Inactive";
    case InstallListing::kCommitted: return "Committed";
    case InstallListing::kUncommitted: return "Uncommitted";
  }
  return "Installed";
}

struct Row {
  char state;
  std::string version;
};

// I rows first, then U, then C, as the devices list them.
std::vector<Row> Rows(const InstallState& st, const InstallView& view, InstallListing what) {
  std::vector<Row> rows;
  if (st.sets.empty() || st.committed.empty()) {
    // Bundle mode (or never installed): the running release is what is committed.
    if (what == InstallListing::kSummary || what == InstallListing::kActive ||
        what == InstallListing::kCommitted) {
      for (const SoftwareSet& s : st.sets) {
        if (what == InstallListing::kSummary && s.version != view.running_version) {
          rows.push_back({'I', s.version});
        }
      }
      rows.push_back({'C', view.running_version});
    } else if (what == InstallListing::kInactive) {
      for (const SoftwareSet& s : st.sets) {
        if (s.version != view.running_version) rows.push_back({'I', s.version});
      }
    }
    return rows;
  }
  for (char wanted : {'I', 'U', 'C'}) {
    for (const SoftwareSet& s : st.sets) {
      const char letter = SetStateLetter(st.StateOf(s.version));
      if (letter != wanted) continue;
      const bool shown = what == InstallListing::kSummary ||
                         (what == InstallListing::kActive && letter != 'I') ||
                         (what == InstallListing::kInactive && letter == 'I') ||
                         (what == InstallListing::kCommitted && s.version == st.committed) ||
                         (what == InstallListing::kUncommitted && letter == 'U');
      if (shown) rows.push_back({letter, s.version});
    }
  }
  return rows;
}

std::string TimerLine(const InstallState& st, WallTime now) {
  if (!st.abort_at) return "Auto abort timer: inactive\n";
  long long left = std::chrono::duration_cast<std::chrono::seconds>(*st.abort_at - now).count();
  if (left < 0) left = 0;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", left / 3600, left / 60 % 60, left % 60);
  return "Auto abort timer: active on install_activate, time before rollback - " +
         std::string(buf) + "\n";
}

}  // namespace

std::string InstallTimestamp(WallTime t) {
  const std::time_t tt = std::chrono::system_clock::to_time_t(
      std::chrono::time_point_cast<std::chrono::system_clock::duration>(t));
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a %b %d %H:%M:%S UTC %Y", &tm);
  return buf;
}

std::string ShowInstall(const InstallState& state, const InstallView& view, InstallListing what) {
  // Members in step share a block; each member on a release of its own has one.
  std::string who = "[ R0 ] ";
  if (view.is_switch) {
    who = "[ Switch";
    for (int k = 1; k <= view.members; ++k) {
      const bool apart = std::any_of(view.mismatched.begin(), view.mismatched.end(),
                                     [k](const auto& m) { return m.first == k; });
      if (!apart) who += " " + std::to_string(k);
    }
    who += " ] ";
  }
  const std::string legend = std::string(Title(what)) + " Package(s) Information:\n" +
                             "State (St): I - Inactive, U - Activated & Uncommitted,\n" +
                             "            C - Activated & Committed, D - Deactivated & Uncommitted\n" +
                             kRule + "Type  St   Filename/Version\n" + kRule;
  std::string out = who + legend;
  const std::vector<Row> rows = Rows(state, view, what);
  if (rows.empty()) out += "No " + std::string(Title(what)) + " Packages\n";
  for (const Row& r : rows) {
    out += "IMG   " + std::string(1, r.state) + "    " + InstallManager::ImageVersion(r.version) + "\n";
  }
  const bool lists_committed = what == InstallListing::kSummary || what == InstallListing::kActive ||
                               what == InstallListing::kCommitted;
  for (const auto& [member, release] : view.mismatched) {
    out += "\n\n[ Switch " + std::to_string(member) + " ] " + legend;
    if (lists_committed) {
      out += "IMG   C    " + InstallManager::ImageVersion(release) + "\n";
    } else {
      out += "No " + std::string(Title(what)) + " Packages\n";
    }
  }
  if (rows.empty() && view.mismatched.empty()) return out;
  out += "\n";
  out += kRule;
  out += TimerLine(state, view.now);
  out += kRule;
  return out;
}

std::string ShowInstallLog(const InstallState& state) {
  std::string out;
  for (const std::string& line : state.log) out += line + "\n";
  return out;
}

std::string ShowInstallRollback(const InstallState& state) {
  std::string out = "ID      Label                           Description\n";
  out += "-----------------------------------------------------------------------\n";
  for (auto it = state.rollback_points.rbegin(); it != state.rollback_points.rend(); ++it) {
    char row[160];
    std::snprintf(row, sizeof row, "%-7d %-31s %s\n", it->id, "No Label", "No Description");
    out += row;
  }
  return out;
}

}  // namespace iosup
