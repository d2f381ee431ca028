// `iosup lab`'s body: runs a networked lab in the foreground, prints where each device and server
// is reached and the upgrade files written for it, until SIGINT or SIGTERM. The lab directory
// keeps every device's flash and configuration for the next start.
#ifndef IOSUP_LAB_FOREGROUND_LAB_H_
#define IOSUP_LAB_FOREGROUND_LAB_H_

#include <string>

namespace iosup {

struct ForegroundLabOptions {
  std::string topology;  // a topology YAML; empty: a fleet when devices > 0, else the seeds' lab
  int devices = 0;       // a fleet of this many devices of `platform`
  std::string platform = "C2960";
  std::string dir;       // the lab directory
  bool realistic = false;  // boots, copies and verify take the platforms' real time
  std::string http;        // "[ADDRESS:]PORT" of the HTTP API (http_api.h); empty: none
  std::string token;       // the HTTP API's bearer token; needed off loopback
};

// Returns the exit status: 0 once stopped by a signal, 2 for an unusable topology or --http, 1
// when the lab cannot start (reason on stderr).
int RunForegroundLab(const ForegroundLabOptions& options);

}  // namespace iosup

#endif  // IOSUP_LAB_FOREGROUND_LAB_H_
