// What one device's upgrade needs from the run around it: the policy, the journal, how to reach
// devices, where to report progress, the shared limits, the clock, and the timing knobs tests
// shorten.
#ifndef IOSUP_UPGRADE_UPGRADE_ENV_H_
#define IOSUP_UPGRADE_UPGRADE_ENV_H_

#include <atomic>
#include <functional>
#include <memory>
#include <semaphore>
#include <string>

#include "upgrade/cli_channel.h"
#include "upgrade/inventory.h"
#include "upgrade/policy.h"
#include "upgrade/run_record.h"

namespace iosup::upgrade {

class Journal;

struct Timing {
  Duration command = std::chrono::minutes(2);          // an ordinary command's answer
  Duration reconnect_interval = std::chrono::seconds(2);  // while waiting for a device to return
  // On resume, a reload whose intent was journaled but whose device has not restarted is taken
  // as never sent only once this long has passed since the intent (a reload in progress may
  // still be shutting down).
  Duration reload_grace = std::chrono::seconds(60);
  Duration drop_timeout = std::chrono::minutes(5);  // a reload that does not drop the session
  uint64_t copy_floor_bytes_per_sec = 64 * 1024;    // copy timeout: size at this rate, plus...
  Duration copy_slack = std::chrono::minutes(2);     // ...this
  int copy_attempts = 3;
  int connect_attempts = 3;
  Duration retry_backoff = std::chrono::seconds(5);  // doubled per attempt
  // How often the post-check looks again for neighbours still missing after a reload.
  Duration neighbor_poll = std::chrono::seconds(5);
};

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  virtual void StepStarted(const std::string& device, const std::string& step) = 0;
  virtual void StepEnded(const std::string& device, const StepRecord& step) = 0;
  // A transfer's progress: bytes done of total (0 when unknown).
  virtual void Transfer(const std::string& device, uint64_t done, uint64_t total) = 0;
  virtual void DeviceEnded(const DeviceRecord& device) = 0;
};

// Opens a privileged session on a device (ConnectSsh for real and lab devices; a scripted channel
// in unit tests). Called again after the session closed, e.g. while a device reloads.
using Connector = std::function<Result<std::unique_ptr<CliChannel>>(const InventoryHost&)>;
// iosup pushes the image itself (policy protocol kPush): copy `local_path` to `remote_path`.
using Pusher = std::function<Status(const InventoryHost&, const std::string& local_path,
                                    const std::string& remote_path,
                                    const std::function<void(uint64_t)>& progress)>;

struct UpgradeEnv {
  const Policy* policy = nullptr;
  Journal* journal = nullptr;
  // Required. Every time the run reads (step and command times, reload intents, boot deadlines)
  // and every pause it makes (back-offs, reconnects, stagger) is on this clock.
  Clock* clock = nullptr;
  std::string run_id;
  Connector connect;
  Pusher push;
  ProgressSink* progress = nullptr;
  std::counting_semaphore<>* copy_slots = nullptr;
  std::counting_semaphore<>* reload_slots = nullptr;
  Timing timing;
  std::string backup_dir;                  // BackupMode::kLocal
  const std::atomic<bool>* stop = nullptr;  // Ctrl-C: end after the current step
  // Testing aid: called at named points ("step:stage", "reload:intent", "reload:sent") so a
  // test can kill the process exactly there. Empty in normal runs.
  std::function<void(const std::string& point)> crash_point;
};

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_UPGRADE_ENV_H_
