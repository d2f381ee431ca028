// A device that answers from a table, reached over an in-memory CliChannel: the orchestrator's
// unit tests run its steps against real IOS wording with no socket, no emulator and no real time.
//
// The table maps a command (an RE2 pattern, matched against the whole command) to a reply. It has
// phases: the device answers from its current phase's rules, then from the rules common to every
// phase (kAnyPhase). A reboot moves the device to another phase, so a reconnect after `reload`
// sees another image. Time is the injected clock's: a reply's delay is slept on it, a command
// slower than its timeout ends kTimedOut, and a device that reloads is down for `boot_time`.
//
// Not thread-safe: a device and its channels belong to one thread at a time (the clock may be
// shared).
#ifndef IOSUP_UPGRADE_SCRIPTED_CLI_CHANNEL_H_
#define IOSUP_UPGRADE_SCRIPTED_CLI_CHANNEL_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "upgrade/cli_channel.h"

namespace iosup::upgrade {

struct ScriptedReply {
  // Asked in order before `output`. Each is the text the device prints up to and including the
  // question ("Proceed with reload? [confirm]"); the caller's DialogAnswer rows answer it as on
  // the SSH channel (same matching). An unanswered question fails the command kUnsupported with
  // the question, and the command has no effect.
  std::vector<std::string> questions;
  std::string output;  // what the device prints after the last answer, "\n" line ends
  Duration delay{};    // how long the command takes; longer than the timeout: kTimedOut
  // The session drops during the command (kUnavailable); the command has no effect.
  bool drop = false;
  // The device reloads into phase `reboot_to`: at once (the session closes: kUnavailable, as
  // `reload` does) or, with `reboot_after` (`reload in N`) or `reboot_at` (`reload at HH:MM`),
  // the command answers and the reload happens when the clock reaches that time.
  std::optional<std::string> reboot_to;
  Duration reboot_after{};
  std::optional<WallTime> reboot_at;
  std::optional<std::string> then_phase;  // the table changes to this phase after the command
};

class ScriptedDevice {
 public:
  static constexpr char kAnyPhase[] = "*";

  // What happened to one command: when and in which phase it arrived, the answers it was given.
  struct Exchange {
    WallTime at;
    std::string phase;
    std::string command;
    std::vector<std::string> answers;
    Status status;  // what Run returned
  };

  // `clock` outlives the device and its channels.
  ScriptedDevice(std::string hostname, std::string phase, Clock& clock);
  ~ScriptedDevice();
  ScriptedDevice(const ScriptedDevice&) = delete;
  ScriptedDevice& operator=(const ScriptedDevice&) = delete;

  // Adds a rule to `phase` (or kAnyPhase). The current phase's rules are tried before the
  // common ones, each group newest first, so a test overrides a fixture's default by adding a
  // rule. With `times` > 0 the rule answers that many commands, then is passed over. A command
  // no rule matches gets IOS's "% Invalid input" answer. A pattern RE2 cannot compile is a test
  // bug: it aborts.
  ScriptedDevice& On(const std::string& phase, const std::string& pattern, ScriptedReply reply,
                     int times = 0);
  // Shorthand: `pattern` prints `output`.
  ScriptedDevice& On(const std::string& phase, const std::string& pattern, std::string output) {
    return On(phase, pattern, ScriptedReply{.output = std::move(output)});
  }

  // A new privileged session; kUnavailable while the device reloads or while refusals are left.
  Result<std::unique_ptr<CliChannel>> Connect();
  void RefuseConnections(int count) { refusals_ = count; }
  void set_boot_time(Duration d) { boot_time_ = d; }

  std::string phase();  // after any reload the clock has reached
  int reboots();
  const std::vector<Exchange>& log() const { return log_; }
  std::vector<std::string> commands() const;  // every command received, in order
  int connects() const { return connects_; }

 private:
  friend class ScriptedChannel;
  struct Rule;

  void Tick();  // applies a scheduled reload once the clock reaches it
  void Reboot(const std::string& phase, WallTime at);
  Rule* Find(const std::string& command);
  bool SessionOpen(uint64_t generation) {
    Tick();
    return generation == generation_;
  }

  std::string hostname_;
  std::string phase_;
  Clock& clock_;
  std::vector<std::unique_ptr<Rule>> rules_;
  std::vector<Exchange> log_;
  Duration boot_time_ = std::chrono::minutes(5);
  WallTime down_until_{};
  std::optional<std::pair<WallTime, std::string>> scheduled_;  // a `reload in N`
  uint64_t generation_ = 0;  // bumped by each reload: sessions of an earlier one are closed
  int reboots_ = 0;
  int refusals_ = 0;
  int connects_ = 0;
};

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_SCRIPTED_CLI_CHANNEL_H_
