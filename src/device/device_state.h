// A device's life-cycle state and the events it reports to whoever listens (front-ends, the
// lab, tests): the text it prints and each change of state.
#ifndef IOSUP_DEVICE_DEVICE_STATE_H_
#define IOSUP_DEVICE_DEVICE_STATE_H_

#include <string>
#include <string_view>

namespace iosup {

enum class DeviceState {
  kOff,         // between a reload and the next power-on
  kBooting,     // fetching a `boot system tftp:` image, or the image decided and waiting for
                // the boot time to pass
  kRunning,     // IOS up: sessions accepted
  kRomMonitor,  // ROMMON (`rommon 1 >`) or the switch loader (`switch:`), per platform
};
std::string_view DeviceStateName(DeviceState s);

class DeviceListener {
 public:
  virtual ~DeviceListener() = default;
  // Text the device prints on its console and to every terminal (banners, syslog), with "\n"
  // line ends.
  virtual void OnConsole(std::string_view text) {}
  // A logged message for the monitor destination (vty lines with `terminal monitor`): the stamped
  // line with its "\n", sent only when `logging monitor` lets its severity through.
  virtual void OnMonitor(std::string_view text) {}
  // A reload or a power-off (kOff), a boot (kBooting), IOS up (kRunning), the ROM monitor.
  virtual void OnStateChanged(DeviceState state) {}
  // A banner IOS writes to every vty line, whatever its `terminal monitor` (a scheduled reload's
  // SHUTDOWN countdown and its ABORTED); the console has it through OnConsole.
  virtual void OnVtyBanner(std::string_view text) {}
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_DEVICE_STATE_H_
