// ROMMON's interactive `confreg` (formats.md 5.7, messages.md section 11: a 2811 and a 3640
// [real]): the summary of the virtual configuration register, then one y/n question per
// setting, walked as an explicit sequence of steps over a working copy of the value.
#include <memory>

#include "device/commands/loader_session.h"
#include "device/commands/monitor_commands.h"

namespace iosup {

namespace {

using cli::CommandContext;
using cli::Question;

struct Toggle {
  uint16_t bit;
  const char* name;
  bool enabled_when_clear;  // "break/abort has effect" is bit 8 cleared
};
constexpr Toggle kToggles[] = {
    {0x8000, "diagnostic mode", false},
    {0x4000, "use net in IP bcast address", false},
    {0x2000, "load rom after netboot fails", false},
    {0x0400, "use all zero broadcast", false},
    {0x0100, "break/abort has effect", true},
    {0x0040, "ignore system config info", false},
};
constexpr int kToggleCount = sizeof kToggles / sizeof kToggles[0];
constexpr const char* kBauds[] = {"9600", "4800", "1200", "2400", "19200", "38400", "57600", "115200"};

bool Enabled(uint16_t v, const Toggle& t) { return ((v & t.bit) != 0) != t.enabled_when_clear; }

int BaudIndex(uint16_t v) { return ((v >> 11) & 0x3) | ((v >> 3) & 0x4); }
uint16_t WithBaud(uint16_t v, int i) {
  return static_cast<uint16_t>((v & ~0x1820) | ((i & 0x3) << 11) | ((i & 0x4) << 3));
}

std::string DefaultFile(const PlatformSpec& p, int field) {
  std::string pid = p.pid.substr(0, p.pid.find('/'));
  for (char& ch : pid) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (pid.starts_with("cisco")) pid = "c" + pid.substr(5);
  char octal[8];
  std::snprintf(octal, sizeof octal, "%o", field);
  return "cisco" + std::string(octal) + "-" + pid;
}

std::string Summary(const PlatformSpec& p, uint16_t v) {
  char hex[16];
  std::snprintf(hex, sizeof hex, "0x%x", v);
  std::string out = "\n\nConfiguration Summary\n(Virtual Configuration Register: " +
                    std::string(hex) + ")\nenabled are:\n";
  for (const Toggle& t : kToggles) {
    if (Enabled(v, t)) out += std::string(t.name) + "\n";
  }
  out += "console baud: " + std::string(kBauds[BaudIndex(v)]) + "\n";
  const int field = v & 0xF;
  if (field == 0) return out + "boot: the ROM Monitor\n\n";
  if (field == 1) return out + "boot: the boot helper image\n\n";
  return out + "boot: image specified by the boot system commands\nor default to: " +
         DefaultFile(p, field) + "\n\n";
}

// Steps: 0 = "change the configuration?", 1..kToggleCount = the toggles, then baud, then boot.
struct Dialog {
  uint16_t value;
  int step = 0;
};
constexpr int kBaudStep = kToggleCount + 1;
constexpr int kBootStep = kToggleCount + 2;

bool Yes(const std::string& a) { return !a.empty() && (a[0] == 'y' || a[0] == 'Y'); }

void Ask(CommandContext& c, std::shared_ptr<Dialog> d);

void Finish(CommandContext& c, const Dialog& d) {
  Device& dev = Loader(c).device();
  if (d.value != dev.next_config_register()) (void)dev.SetConfigRegister(d.value);
  c.Print("\n\nYou must reset or power cycle for new config to take effect\n");
}

void AskNumber(CommandContext& c, std::shared_ptr<Dialog> d, const std::string& prompt, int max,
               int current, std::function<void(Dialog&, int)> apply) {
  c.Ask({Question::Kind::kLine, prompt + " [" + std::to_string(current) + "]: ",
         std::to_string(current)},
        [d, max, apply](CommandContext& c2, const std::string& a) {
          int n = -1;
          if (!a.empty() && a.size() <= 2 && std::isdigit(static_cast<unsigned char>(a[0]))) {
            n = std::stoi(a);
          }
          if (n >= 0 && n <= max) apply(*d, n);
          ++d->step;
          Ask(c2, d);
        });
}

void Ask(CommandContext& c, std::shared_ptr<Dialog> d) {
  if (d->step == 0) {
    c.Print(Summary(Loader(c).device().platform(), d->value));
    c.Ask({Question::Kind::kLine, "do you wish to change the configuration? y/n [n]: ", "n"},
          [d](CommandContext& c2, const std::string& a) {
            if (!Yes(a)) return Finish(c2, *d);
            d->step = 1;
            Ask(c2, d);
          });
    return;
  }
  if (d->step <= kToggleCount) {
    const Toggle& t = kToggles[d->step - 1];
    const std::string verb = Enabled(d->value, t) ? "disable" : "enable";
    c.Ask({Question::Kind::kLine, verb + " \"" + t.name + "\"? y/n [n]: ", "n"},
          [d, &t](CommandContext& c2, const std::string& a) {
            if (Yes(a)) d->value ^= t.bit;
            ++d->step;
            Ask(c2, d);
          });
    return;
  }
  const bool baud = d->step == kBaudStep;
  if (d->step > kBootStep) {
    d->step = 0;
    return Ask(c, d);
  }
  c.Ask({Question::Kind::kLine,
         baud ? "change console baud rate? y/n [n]: " : "change the boot characteristics? y/n [n]: ",
         "n"},
        [d, baud](CommandContext& c2, const std::string& a) {
          if (!Yes(a)) {
            ++d->step;
            return Ask(c2, d);
          }
          if (baud) {
            return AskNumber(c2, d, "enter rate: 0 = 9600, 1 = 4800, 2 = 1200, 3 = 2400 4 = 19200, 5 = 38400, 6 = 57600, 7 = 115200",
                             7, BaudIndex(d->value),
                             [](Dialog& x, int n) { x.value = WithBaud(x.value, n); });
          }
          AskNumber(c2, d, "enter to boot: 0 = ROM Monitor 1 = the boot helper image 2-15 = boot system",
                    15, d->value & 0xF,
                    [](Dialog& x, int n) { x.value = static_cast<uint16_t>((x.value & ~0xF) | n); });
        });
}

}  // namespace

void RommonConfregDialog(CommandContext& ctx) {
  auto d = std::make_shared<Dialog>();
  d->value = Loader(ctx).device().next_config_register();
  Ask(ctx, d);
}

}  // namespace iosup
