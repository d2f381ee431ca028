// What a device prints on its console while it boots: the bootstrap banner, each image tried and
// why it failed, the loader prompt when nothing boots, and the IOS banner when an image runs.
// Wording follows captures of ROMMON, the Catalyst boot loader and IOS.
#ifndef IOSUP_DEVICE_BOOT_CONSOLE_H_
#define IOSUP_DEVICE_BOOT_CONSOLE_H_

#include <string>

#include "base/flash_store.h"
#include "device/board_facts.h"
#include "device/boot_sequence.h"
#include "device/transfer_progress_text.h"

namespace iosup {

// Renders one boot on the console as it happens: the device hands it the sequence's events as
// they are added and the fetch's progress while a tftp statement's image arrives, and prints
// what each call returns. A boot reads the same whether it is rendered at once or piece by
// piece; a fetch adds its '!' (one per 512 KB) and '.' (one per retransmission timeout).
class BootConsole {
 public:
  // `board`: the device booting; `primary`: the space of its primary file system when the boot
  // starts (the switch loader's banner prints it). `monitor`: a `boot` typed at the monitor
  // prompt (no banner, no autoboot wording).
  BootConsole(BoardFacts board, SpaceInfo primary, bool monitor);

  // From power-on to the first image tried (not for a monitor boot).
  std::string Banner() const;
  // The events of `events` (the sequence's whole list so far) not rendered yet; up to where the
  // monitor's prompt follows (the prompt itself is the monitor command line's: LoaderSession).
  std::string Events(const std::vector<BootEvent>& events);
  // The fetch's server answered.
  std::string FetchStarted(const NetImageRequest& request);
  // `bytes` of the image have arrived.
  std::string FetchProgress(uint64_t bytes);
  // A retransmission timeout.
  std::string FetchTimeout();

 private:
  std::string RommonEvent(const BootEvent& e);
  std::string SwitchLoaderEvent(const BootEvent& e);
  std::string LoadingLine(const std::string& host, const std::string& file);
  std::string Bangs(uint64_t bytes);

  BoardFacts board_;
  SpaceInfo primary_;
  size_t rendered_ = 0;             // events already rendered
  bool first_failure_;              // switch loader: the next failure offers to interrupt
  bool loading_shown_ = false;      // this fetch's "Loading ..." is out
  ProgressMarks marks_{kCopyBytesPerMark};  // this fetch's '!' so far
  bool line_open_ = false;          // progress marks end the console's last line
};

// A BREAK that aborted a boot, before the monitor's prompt.
std::string BreakTranscript(const PlatformSpec& platform);
// The switch loader's `flash_init` of its primary file system `primary`.
std::string FlashInitTranscript(const FlashStore& primary);
// From the image starting to "Press RETURN to get started!", or to the initial configuration
// dialog's question when the device came up without a startup-config (`setup_dialog`).
std::string IosStartupBanner(const BoardFacts& board, const RunningImage& image,
                             bool setup_dialog);
// What follows the console's answer to that question (`enter`: it answered yes).
std::string SetupDialogAnswer(bool enter);

}  // namespace iosup

#endif  // IOSUP_DEVICE_BOOT_CONSOLE_H_
