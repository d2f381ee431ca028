// A privileged CLI session on one device, real or emulated: a command goes in, its output comes
// out. This is the orchestrator's only view of a device, so the upgrade logic runs in tests
// against an in-memory channel as well as over SSH.
#ifndef IOSUP_UPGRADE_CLI_CHANNEL_H_
#define IOSUP_UPGRADE_CLI_CHANNEL_H_

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"

namespace iosup::upgrade {

// One row of the prompt table: when the pending output ends with `prompt` (after trailing
// spaces are ignored), `answer` is sent followed by "\n" (an empty answer is a bare Enter, the
// way "[confirm]" and "Destination filename [x]?" are accepted).
struct DialogAnswer {
  std::string prompt;  // "[confirm]", "Destination filename [", "[yes/no]:"
  std::string answer;
};

class CliChannel {
 public:
  virtual ~CliChannel() = default;

  // Sends `command` and returns what the device printed between the echo of the command and the
  // next device prompt ("R1#"), with "\r\n" turned into "\n". Dialog prompts are answered from
  // `answers` (each row as often as its prompt appears). Errors:
  //  - kTimedOut: no prompt within `timeout`; the message carries the last output seen;
  //  - kUnsupported: the device asked a question no row answers (message: the question), after
  //    which the channel sends Ctrl-C to get back to the prompt;
  //  - kUnavailable: the session closed (expected after `reload`); output so far in the message.
  virtual Result<std::string> Run(std::string_view command, Duration timeout,
                                  std::span<const DialogAnswer> answers = {}) = 0;

  // Called with each piece of output as it arrives while a command runs (progress marks of a
  // long copy); an empty function stops it. The default channel has no live output.
  virtual void set_output_observer(std::function<void(std::string_view)> observer) {}

  // The device prompt last seen ("R1#"), from which the hostname is known.
  virtual std::string prompt() const = 0;
  // Whether the session is still open (false after the device closed it).
  virtual bool open() const = 0;
  virtual void Close() = 0;
};

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_CLI_CHANNEL_H_
