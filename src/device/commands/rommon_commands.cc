// Router ROMMON (`rommon N >`): variables, boot, dir, confreg, reset, help. Wording from real
// captures (formats.md 2(d), 5.7, 5.9): `monitor: command "x" not found`, `bad device name`,
// `You must reset or power cycle for new config to take effect`.
#include <cstdio>

#include "base/digest.h"
#include "device/commands/loader_session.h"
#include "device/commands/monitor_commands.h"

namespace iosup {

namespace {

using cli::CommandContext;

void Assign(CommandContext& c) {
  const std::string word = c.Var(0);
  const size_t eq = word.find('=');
  Loader(c).device().monitor_variables().Set(word.substr(0, eq), word.substr(eq + 1));
}

void ListVariables(CommandContext& c) {
  std::string out = "PS1=rommon ! > \n";
  for (const auto& [name, value] : Loader(c).device().monitor_variables().all()) {
    out += name + "=" + value + "\n";
  }
  c.Print(out);
}

void Boot(CommandContext& c) {
  Device& d = Loader(c).device();
  if (c.VarCount() == 0) {
    d.MonitorBoot({});
    return;
  }
  Result<BootStatement> b = ParseBootStatement(c.Var(0));
  if (!b.ok()) {
    c.Print("boot: cannot open \"" + c.Var(0) + "\"\n");
    return;
  }
  d.MonitorBoot({*b});
}

// 2600 ROMMON layout [cisco-doc mirror]: size, size in hex, a 16-bit checksum, name. The
// checksum is derived from the name and size (the monitor's own sum is not emulated).
void Dir(CommandContext& c) {
  const std::string arg = c.Var(0);
  Device& d = Loader(c).device();
  Result<ResolvedPath> where =
      arg.find(':') == std::string::npos ? NotFound(arg) : d.file_systems().Resolve(arg);
  Result<std::vector<FileInfo>> files =
      where.ok() ? where->store->List(where->path) : where.status();
  if (!files.ok()) {
    c.Print("bad device name\nusage: dir <directory>\n");
    return;
  }
  std::string out = "         File size         Checksum   File name   \n";
  for (const FileInfo& f : *files) {
    if (f.is_directory) continue;
    const std::string sum =
        DigestHex(DigestKind::kMd5, f.path + "/" + std::to_string(f.size)).substr(0, 4);
    char hex[32];
    std::snprintf(hex, sizeof hex, "%llx", static_cast<unsigned long long>(f.size));
    out += std::to_string(f.size) + " bytes (0x" + hex + ")   0x" + sum + "    " + f.path + "\n";
  }
  c.Print(out);
}

void Confreg(CommandContext& c) {
  if (c.VarCount() == 0) return RommonConfregDialog(c);
  Device& d = Loader(c).device();
  const auto value = static_cast<uint16_t>(std::stoul(c.Var(0), nullptr, 16));
  if (value == d.next_config_register()) return;
  if (!d.SetConfigRegister(value).ok()) return;
  c.Print("\nYou must reset or power cycle for new config to take effect\n");
}

void Help(CommandContext& c) {
  std::string out;
  for (const MonitorCommand& m : RommonCommands()) {
    if (!m.listed) continue;
    std::string name = m.syntax.substr(0, m.syntax.find(' '));
    name.resize(std::max<size_t>(name.size() + 1, 20), ' ');
    out += name + m.help + "\n";
  }
  c.Print(out);
}

std::vector<MonitorCommand> BuildTable() {
  auto reset = [](CommandContext& c) { Loader(c).device().Reset(); };
  return {
      {"NAME=VALUE", "", "", Assign, false},
      {"boot [URL]", "boot up an external process", "usage: boot [device:filename]", Boot},
      {"confreg [HEX]", "configuration register utility", "usage: confreg [hexnum]", Confreg},
      {"dir WORD", "list files in file system", "usage: dir <directory>", Dir},
      {"help", "monitor builtin command help", "", Help},
      {"i", "", "", reset, false},
      {"reset", "system reset", "", reset},
      {"set", "display the monitor variables", "", ListVariables},
      {"tftpdnld [-r]", "tftp image download", "usage: tftpdnld [-r]", RommonTftpdnld},
      {"unset WORD", "unset a monitor variable", "usage: unset <varname>",
       [](CommandContext& c) { Loader(c).device().monitor_variables().Unset(c.Var(0)); }},
      {"?", "", "", Help, false},
  };
}

}  // namespace

std::span<const MonitorCommand> RommonCommands() {
  static const std::vector<MonitorCommand> kTable = BuildTable();
  return kTable;
}

}  // namespace iosup
