// IOS's `tclsh`: enough Tcl for what automation tools send. Netmiko's and NAPALM's inline file
// transfer types `puts [open "flash:F" w+] {...}` over several lines and ends with `tclquit`.
// Understood: words in braces (no substitution), quotes and bare words (with `$var`, `[cmd]` and
// backslash substitution), `;` and newlines between commands, `#` comments; the commands puts,
// open, close, flush, set. A command Tcl does not know goes to IOS's parser, as on IOS. A file
// opened for writing is written to flash when it is closed (`close`, `tclquit`, the session's end).
// Bounded: a script that grows past kMaxScript, a file past kMaxFile, substitution nested past
// kMaxDepth are errors; nothing grows without limit.
#ifndef IOSUP_DEVICE_COMMANDS_TCL_SHELL_H_
#define IOSUP_DEVICE_COMMANDS_TCL_SHELL_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "device/device.h"

namespace iosup {

class TclShell {
 public:
  // Where the shell prints and where it sends what Tcl does not know.
  class Host {
   public:
    virtual ~Host() = default;
    virtual void Print(std::string_view text) = 0;
    // `command` as typed, for IOS's EXEC parser; the host prints IOS's answer. False when IOS
    // does not know it either (the host printed IOS's error).
    virtual bool RunIos(const std::string& command) = 0;
  };

  static constexpr size_t kMaxScript = 1 << 20;      // one command typed over many lines
  static constexpr size_t kMaxFile = 8 << 20;        // what one channel may hold before close
  static constexpr int kMaxDepth = 32;               // nested [command] substitutions
  static constexpr size_t kMaxChannels = 16;
  static constexpr size_t kMaxVariables = 1024;

  // `device` and `host` must outlive the shell.
  TclShell(Device& device, Host& host) : device_(device), host_(host) {}
  // Closes (writes) every channel still open.
  ~TclShell();

  enum class Fed {
    kMore,  // a brace, bracket or quote is still open: the next line continues the command
    kDone,  // evaluated (output printed)
    kQuit,  // `tclquit` / `exit`: channels closed; the shell ends
  };
  // One line as typed (without its line end).
  Fed Feed(std::string_view line);
  bool continuing() const { return !pending_.empty(); }

 private:
  struct Channel {
    std::string url;          // as opened
    ResolvedPath where;
    std::string data;
    bool writable = false;
  };

  Result<std::string> EvalScript(std::string_view script, int depth);
  Result<std::string> EvalCommand(std::vector<std::string> words, std::string_view raw);
  Result<std::string> NextWord(std::string_view script, size_t& at, int depth);
  Result<std::string> Substitute(std::string_view text, int depth);
  Result<std::string> Puts(const std::vector<std::string>& w);
  Result<std::string> Open(const std::vector<std::string>& w);
  Result<std::string> Close(const std::string& name);
  Result<std::string> Set(const std::vector<std::string>& w);
  Status CloseAll();

  Device& device_;
  Host& host_;
  std::string pending_;
  bool pending_started_ = false;
  bool quit_ = false;
  std::map<std::string, Channel> channels_;
  std::map<std::string, std::string> variables_;
  int next_channel_ = 0;
};

// Whether `script` closes every brace, bracket and double quote it opens (backslash escapes
// counted), as Tcl decides that a typed command is complete.
bool TclComplete(std::string_view script);

}  // namespace iosup

#endif  // IOSUP_DEVICE_COMMANDS_TCL_SHELL_H_
