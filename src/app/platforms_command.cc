// `iosup platforms`: the catalog's platforms, one line each.
#include <cstdio>

#include "app/commands.h"
#include "catalog/platform_catalog.h"

namespace iosup {

ToolRun DeclarePlatforms(CLI::App& cmd) {
  return [] {
    for (const PlatformSpec& p : AllPlatforms()) {
      std::printf("%-8s %-16s %s\n", p.id.c_str(), p.pid.c_str(), p.summary.c_str());
    }
    return 0;
  };
}

}  // namespace iosup
