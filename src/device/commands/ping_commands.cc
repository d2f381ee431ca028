// `ping`: with a target on the command line, and without one as IOS's interactive (extended) ping
// dialog: Protocol [ip]:, Target IP address:, Repeat count [5]:, ... each answer checked as IOS
// checks it. Replies come from Device::Reachable: an address of the device or of the lab.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"

namespace iosup {

namespace {

using cli::CommandContext;
using cli::Question;

// What one ping sends.
struct PingRun {
  std::string target;
  long long repeat = 5;
  long long size = 100;
  long long timeout = 2;
  std::string source;  // the address the echos leave from; empty: the outgoing interface's
  bool df = false;
  bool verbose = false;
  bool sweep = false;
  long long sweep_min = 36, sweep_max = 18024, sweep_interval = 1;
  long long sizes() const { return sweep ? (sweep_max - sweep_min) / sweep_interval + 1 : 1; }
};
using Run = std::shared_ptr<PingRun>;
using Next = std::function<void(CommandContext&, Run)>;

// More probes than this are not printed at once: a command's output is built on the lab's loop.
constexpr long long kMaxProbes = 100000;

std::string Trimmed(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::optional<long long> Number(const std::string& s, int base = 10) {
  long long n = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n, base);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return n;
}

bool IsIpv4(const std::string& s) {
  int parts = 0;
  size_t i = 0;
  while (i <= s.size()) {
    const size_t dot = std::min(s.find('.', i), s.size());
    std::optional<long long> n = Number(s.substr(i, dot - i));
    if (dot == i || dot - i > 3 || !n || *n > 255) return false;
    ++parts;
    i = dot + 1;
  }
  return parts == 4;
}

// The echos go out through the lab's network (Device::Send), moving the interfaces' counters;
// all of them are answered or none, as the network model has no partial loss on its own.
std::string PingReport(Device& d, const PingRun& run) {
  const long long total = run.repeat * run.sizes();
  d.RefreshInterfaces(/*announce=*/false);
  const bool ok = d.Send(run.target, static_cast<uint64_t>(run.size),
                         static_cast<uint64_t>(std::min(total, kMaxProbes))).answered;
  std::string out = "Type escape sequence to abort.\nSending " + std::to_string(total) + ", " +
                    (run.sweep ? "[" + std::to_string(run.sweep_min) + ".." +
                                     std::to_string(run.sweep_max) + "]"
                               : std::to_string(run.size)) +
                    "-byte ICMP Echos to " + run.target + ", timeout is " +
                    std::to_string(run.timeout) + " seconds:\n";
  if (!run.source.empty()) out += "Packet sent with a source address of " + run.source + "\n";
  if (run.df) out += "Packet sent with the DF bit set\n";
  const long long shown = std::min(total, kMaxProbes);
  for (long long i = 0; i < shown; ++i) {
    if (run.verbose) {
      out += ok ? "Reply to request " + std::to_string(i) + " (1 ms)\n"
                : "Request " + std::to_string(i) + " timed out\n";
      continue;
    }
    out += ok ? '!' : '.';
    if ((i + 1) % 70 == 0 && i + 1 < shown) out += '\n';
  }
  if (!run.verbose) out += '\n';
  if (shown < total) {
    out += "% Stopped after " + std::to_string(shown) + " echos: larger counts are not emulated\n";
  }
  out += "Success rate is " + std::to_string(ok ? 100 : 0) + " percent (" +
         std::to_string(ok ? shown : 0) + "/" + std::to_string(shown) + ")";
  if (ok) out += ", round-trip min/avg/max = 1/1/2 ms";
  return out + "\n";
}

std::optional<std::string> SourceAddress(const Device& d, const std::string& typed);

void PingCommand(CommandContext& ctx) {
  PingRun run;
  run.target = ctx.Var(ctx.Has("vrf") ? 1 : 0);
  if (auto s = ctx.After("size")) run.size = std::atoll(s->c_str());
  if (auto r = ctx.After("repeat")) run.repeat = std::atoll(r->c_str());
  if (auto s = ctx.After("source")) {
    std::optional<std::string> source = SourceAddress(Dev(ctx), *s);
    if (!source) return ctx.Print("% Invalid source\n");
    run.source = *source;
  }
  ctx.Print(PingReport(Dev(ctx), run));
}

// ------------------------------------------------------------------ the interactive dialog

// "Repeat count [5]: ": empty keeps the default; a number outside [lo, hi] is refused and the
// question asked again, as IOS's get_num_in_range does.
void AskNumber(CommandContext& c, Run run, std::string prompt, long long lo, long long hi,
               long long def, std::function<void(PingRun&, long long)> set, Next next) {
  const std::string d = std::to_string(def);
  c.Ask({Question::Kind::kLine, prompt + " [" + d + "]: ", d},
        [=](CommandContext& c2, const std::string& typed) {
          std::optional<long long> n = Number(Trimmed(typed));
          if (!n || *n < lo || *n > hi) {
            c2.Print("% A decimal number between " + std::to_string(lo) + " and " +
                     std::to_string(hi) + ".\n");
            return AskNumber(c2, run, prompt, lo, hi, def, set, next);
          }
          set(*run, *n);
          next(c2, run);
        });
}

// "Set DF bit in IP header? [no]: ": yes or no, asked again otherwise.
void AskYesNo(CommandContext& c, Run run, std::string prompt, std::function<void(PingRun&, bool)> set,
              Next next) {
  c.Ask({Question::Kind::kLine, prompt + "? [no]: ", "no"},
        [=](CommandContext& c2, const std::string& typed) {
          const std::string a = Trimmed(typed);
          const bool yes = !a.empty() && std::string("yes").starts_with(a);
          const bool no = !a.empty() && std::string("no").starts_with(a);
          if (!yes && !no) {
            c2.Print("% Please answer 'yes' or 'no'.\n");
            return AskYesNo(c2, run, prompt, set, next);
          }
          set(*run, yes);
          next(c2, run);
        });
}

// A prompt whose answer only says y or n (anything not starting with y is n).
void AskFlag(CommandContext& c, Run run, std::string prompt, std::function<void(PingRun&, bool)> set,
             Next next) {
  c.Ask({Question::Kind::kLine, prompt + " [n]: ", "n"},
        [=](CommandContext& c2, const std::string& typed) {
          const std::string a = Trimmed(typed);
          set(*run, !a.empty() && (a[0] == 'y' || a[0] == 'Y'));
          next(c2, run);
        });
}

void Finish(CommandContext& c, Run run) { c.Print(PingReport(Dev(c), *run)); }

void AskSweep(CommandContext& c, Run run) {
  AskFlag(c, run, "Sweep range of sizes", [](PingRun& r, bool y) { r.sweep = y; },
          [](CommandContext& c2, Run r) {
            if (!r->sweep) return Finish(c2, r);
            // IOS ends the dialog at a bad sweep bound.
            c2.Ask({Question::Kind::kLine, "Sweep min size [36]: ", "36"},
                   [r](CommandContext& c3, const std::string& a) {
                     std::optional<long long> lo = Number(Trimmed(a));
                     if (!lo || *lo < 36 || *lo > 18024) return c3.Print("% Bad minimum size\n");
                     r->sweep_min = *lo;
                     c3.Ask({Question::Kind::kLine, "Sweep max size [18024]: ", "18024"},
                            [r](CommandContext& c4, const std::string& b) {
                              std::optional<long long> hi = Number(Trimmed(b));
                              if (!hi || *hi > 18024 || *hi <= r->sweep_min) {
                                return c4.Print("% Bad maximum size\n");
                              }
                              r->sweep_max = *hi;
                              c4.Ask({Question::Kind::kLine, "Sweep interval [1]: ", "1"},
                                     [r](CommandContext& c5, const std::string& i) {
                                       std::optional<long long> n = Number(Trimmed(i));
                                       if (!n || *n <= 0) return c5.Print("% Bad interval size\n");
                                       r->sweep_interval = *n;
                                       Finish(c5, r);
                                     });
                            });
                   });
          });
}

// "Loose, Strict, Record, Timestamp, Verbose[none]: " until an empty answer; Verbose toggles.
void AskOptions(CommandContext& c, Run run) {
  c.Ask({Question::Kind::kLine,
         std::string("Loose, Strict, Record, Timestamp, Verbose[") + (run->verbose ? "V" : "none") +
             "]: ",
         ""},
        [run](CommandContext& c2, const std::string& typed) {
          std::string a = Trimmed(typed);
          if (a.empty()) return AskSweep(c2, run);
          for (char& ch : a) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          if (std::string("verbose").starts_with(a)) {
            run->verbose = !run->verbose;
          } else if (std::string("loose").starts_with(a) || std::string("strict").starts_with(a) ||
                     std::string("record").starts_with(a) ||
                     std::string("timestamp").starts_with(a)) {
            c2.Print("% IP options (source route, record, timestamp) are not emulated\n");
          } else {
            c2.Print("% No such option - \"" + Trimmed(typed) + "\"\n");
          }
          AskOptions(c2, run);
        });
}

void AskPattern(CommandContext& c, Run run) {
  c.Ask({Question::Kind::kLine, "Data pattern [0x0000ABCD]: ", ""},
        [run](CommandContext& c2, const std::string& typed) {
          std::string a = Trimmed(typed);
          if (!a.empty() && a[0] != 'r' && a[0] != 'R') {
            if (a.starts_with("0x") || a.starts_with("0X")) a = a.substr(2);
            if (!Number(a, 16)) {
              c2.Print("Invalid pattern, try again.\n");
              return AskPattern(c2, run);
            }
          }
          AskOptions(c2, run);
        });
}

void AskReplyChecks(CommandContext& c, Run run) {
  AskYesNo(c, run, "Set DF bit in IP header", [](PingRun& r, bool y) { r.df = y; },
           [](CommandContext& c2, Run r) {
             AskYesNo(c2, r, "Validate reply data", [](PingRun&, bool) {}, AskPattern);
           });
}

void AskTos(CommandContext& c, Run run) {
  c.Ask({Question::Kind::kLine, "Type of service [0]: ", "0"},
        [run](CommandContext& c2, const std::string&) { AskReplyChecks(c2, run); });
}

// IOS-XE asks for a DSCP value first; the type of service only when the DSCP stays 0.
void AskDscp(CommandContext& c, Run run) {
  c.Ask({Question::Kind::kLine, "DSCP Value [0]: ", "0"},
        [run](CommandContext& c2, const std::string& typed) {
          static const std::vector<std::string> kNames = {
              "ef",   "af11", "af12", "af13", "af21", "af22", "af23", "af31", "af32", "af33",
              "af41", "af42", "af43", "cs1",  "cs2",  "cs3",  "cs4",  "cs5",  "cs6",  "cs7"};
          const std::string a = Trimmed(typed);
          std::optional<long long> n = Number(a);
          const bool named = std::find(kNames.begin(), kNames.end(), a) != kNames.end();
          if (!named && (!n || *n < 0 || *n > 63)) {
            c2.Print("%Type 0..63 or ef, af11-13, af21-23, af31-33, af41-43, or cs1-7\n\n");
            return AskDscp(c2, run);
          }
          if (!named && *n == 0) return AskTos(c2, run);
          AskReplyChecks(c2, run);
        });
}

// An address of one of the device's interfaces, or an interface with an address.
std::optional<std::string> SourceAddress(const Device& d, const std::string& typed) {
  const Config& cfg = d.running_config();
  if (IsIpv4(typed)) {
    for (const InterfaceConfig& ic : cfg.interfaces()) {
      if (ic.ip_address == typed) return typed;
    }
    return std::nullopt;
  }
  const std::string name = CanonicalInterface(d.platform(), typed);
  if (name.empty()) return std::nullopt;
  std::optional<InterfaceConfig> ic = cfg.interface(name);
  if (!ic || ic->ip_address.empty()) return std::nullopt;
  return ic->ip_address;
}

void AskSource(CommandContext& c, Run run) {
  c.Ask({Question::Kind::kLine, "Source address or interface: ", ""},
        [run](CommandContext& c2, const std::string& typed) {
          const std::string a = Trimmed(typed);
          if (!a.empty()) {
            std::optional<std::string> source = SourceAddress(Dev(c2), a);
            if (!source) {
              c2.Print("% Invalid source\n");
              return AskSource(c2, run);
            }
            run->source = *source;
          }
          const VersionStyle style = Dev(c2).platform().version_style;
          if (style == VersionStyle::kIosXeRouter || style == VersionStyle::kCatalyst9k) {
            return AskDscp(c2, run);
          }
          AskTos(c2, run);
        });
}

void AskExtended(CommandContext& c, Run run) {
  auto extended = std::make_shared<bool>(false);
  AskFlag(c, run, "Extended commands", [extended](PingRun&, bool y) { *extended = y; },
          [extended](CommandContext& c2, Run r) {
            if (!*extended) return AskSweep(c2, r);
            // Ingress ping is answered and ignored: echos leave from the device itself.
            AskFlag(c2, r, "Ingress ping", [](PingRun&, bool) {}, AskSource);
          });
}

void AskTimings(CommandContext& c, Run run) {
  AskNumber(c, run, "Repeat count", 1, 2147483647, 5, [](PingRun& r, long long n) { r.repeat = n; },
            [](CommandContext& c2, Run r) {
              AskNumber(c2, r, "Datagram size", 36, 18024, 100,
                        [](PingRun& x, long long n) { x.size = n; },
                        [](CommandContext& c3, Run r3) {
                          AskNumber(c3, r3, "Timeout in seconds", 0, 3600, 2,
                                    [](PingRun& x, long long n) { x.timeout = n; }, AskExtended);
                        });
            });
}

void PingDialog(CommandContext& ctx) {
  ctx.Ask({Question::Kind::kLine, "Protocol [ip]: ", "ip"},
          [](CommandContext& c, const std::string& typed) {
            const std::string protocol = Trimmed(typed);
            if (protocol != "ip") {
              return c.Print("% Unknown protocol - \"" + protocol +
                             "\", type \"ping ?\" for help\n");
            }
            c.Ask({Question::Kind::kLine, "Target IP address: ", ""},
                  [](CommandContext& c2, const std::string& t) {
                    const std::string target = Trimmed(t);
                    if (!IsIpv4(target)) return c2.Print("% Bad IP address or host name\n");
                    auto run = std::make_shared<PingRun>();
                    run->target = target;
                    AskTimings(c2, run);
                  });
          });
}

}  // namespace

void RegisterPingCommands(cli::CommandSet& set) {
  const std::vector<std::string> exec = {"exec"};
  Declare(set, exec,
          {.syntax = "ping [vrf WORD] A.B.C.D [size <36-18024>] [repeat <1-2147483647>] [source WORD]",
           .help = {"Send echo messages", "Select VPN Routing/Forwarding instance", "VPN Routing/Forwarding instance name", "Ping destination address or hostname", "specify datagram size", "Datagram size", "specify repeat count", "Repeat count", "specify source address or name", "Source address or interface"}},
          PingCommand);
  // Without a target: the extended ping dialog, privileged EXEC only (as on IOS).
  Declare(set, exec, {.syntax = "ping", .help = {"Send echo messages"}, .privilege = 15},
          PingDialog);
}

}  // namespace iosup
