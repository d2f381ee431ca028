// The Catalyst boot loader (`switch:`): environment variables, flash_init, dir, boot (flash or
// tftp), copy, delete, rename, reset, help. Wording: formats.md 2(d) and 5.9 (real 2960/3750
// loaders); `tftp_init` / `ether_init` print nothing, as seed 001 shows them.
#include <algorithm>
#include <cctype>

#include "device/boot_console.h"
#include "device/commands/loader_session.h"
#include "device/commands/monitor_commands.h"
#include "device/flash_listing.h"
#include "device/ios_errors.h"

namespace iosup {

namespace {

using cli::CommandContext;
using cli::Question;

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

void ListVariables(CommandContext& c) {
  Device& d = Loader(c).device();
  std::vector<std::pair<std::string, std::string>> vars = d.monitor_variables().all();
  auto add_default = [&](const std::string& name, const std::string& value) {
    if (!d.monitor_variables().Get(name)) vars.emplace_back(name, value);
  };
  add_default("MAC_ADDR", Upper(d.mac_address()));
  add_default("MODEL_NUM", d.platform().pid);
  std::sort(vars.begin(), vars.end());
  std::string out;
  for (const auto& [n, v] : vars) out += n + "=" + v + "\n";
  c.Print(out);
}

void Set(CommandContext& c) {
  if (c.VarCount() == 0) return ListVariables(c);
  if (c.VarCount() == 1) {
    c.Print("usage: set <variable> <value>\n");
    return;
  }
  Loader(c).device().monitor_variables().Set(c.Var(0), c.Var(1));
}

// Resolves a loader path; prints the loader's error when flash: is not initialised or unknown.
std::optional<ResolvedPath> LoaderPath(CommandContext& c, const std::string& url) {
  Device& d = Loader(c).device();
  Result<ResolvedPath> where = d.file_systems().Resolve(url);
  if (!d.loader_flash_ready() || !where.ok()) {
    c.Print("unable to stat " + (where.ok() ? where->spec->name + ":/" + where->path : url) +
            ": invalid argument\n");
    return std::nullopt;
  }
  return *where;
}

void Dir(CommandContext& c) {
  auto where = LoaderPath(c, c.VarCount() ? c.Var(0) : "flash:");
  if (!where) return;
  Result<std::vector<FileInfo>> files = where->store->List(where->path);
  const SpaceInfo space = where->store->Space();
  if (files.ok() && files->empty()) {  // real 3750 with an empty flash
    c.Print("Directory of " + where->spec->name + "://\n\n\n" + std::to_string(space.free()) +
            " bytes available (" + std::to_string(space.used) + " bytes used)\n");
    return;
  }
  Result<std::string> listing = DirListing(*where, Loader(c).device().platform());
  c.Print(listing.ok() ? *listing : "unable to stat " + where->Display() + ": invalid argument\n");
}

void Boot(CommandContext& c) {
  Device& d = Loader(c).device();
  std::string target = c.VarCount() ? c.Var(0) : d.monitor_variables().Get("BOOT").value_or("");
  if (target.starts_with("tftp://")) return LoaderTftpBoot(c, target);
  std::vector<BootStatement> list;
  for (size_t b = 0; b < target.size();) {  // BOOT is a ';'-separated list
    size_t e = std::min(target.find(';', b), target.size());
    if (e > b) list.push_back({.kind = BootStatement::Kind::kFile, .path = target.substr(b, e - b), .host = ""});
    b = e + 1;
  }
  if (!list.empty() && !d.loader_flash_ready()) d.set_loader_flash_ready(true);
  d.MonitorBoot(std::move(list));
}

void Copy(CommandContext& c) {
  auto from = LoaderPath(c, c.Var(0));
  auto to = from ? LoaderPath(c, c.Var(1)) : std::nullopt;
  if (!to) return;
  Result<std::unique_ptr<FileReader>> r = from->store->OpenRead(from->path);
  Result<std::unique_ptr<FileWriter>> w =
      r.ok() ? to->store->Create(to->path, (*r)->size()) : r.status();
  Status s = w.status();
  std::vector<uint8_t> buf(1 << 20);
  for (uint64_t off = 0; s.ok() && off < (*r)->size();) {
    Result<size_t> n = (*r)->ReadAt(off, buf);
    s = !n.ok() ? n.status() : *n == 0 ? Corrupt("short read") : (*w)->Append({buf.data(), *n});
    if (n.ok()) off += *n;
  }
  if (s.ok()) s = (*w)->Commit();
  if (!s.ok()) {
    if (w.ok()) (*w)->Abort();
    c.Print("Unable to copy \"" + c.Var(0) + "\" (" + IosReason(s) + ")\n");
    return;
  }
  c.Print("File \"" + c.Var(0) + "\" successfully copied to \"" + c.Var(1) + "\"\n");
}

void Delete(CommandContext& c) {
  auto where = LoaderPath(c, c.Var(0));
  if (!where) return;
  const std::string name = c.Var(0);
  c.Ask({Question::Kind::kLine, "Are you sure you want to delete \"" + name + "\" (y/n)?", "n"},
        [where = *where, name](CommandContext& c2, const std::string& a) {
          if (a.empty() || (a[0] != 'y' && a[0] != 'Y')) return;
          Status s = where.store->Delete(where.path);
          c2.Print(s.ok() ? "File \"" + name + "\" deleted\n"
                          : "Unable to delete \"" + name + "\" (" + IosReason(s) + ")\n");
        });
}

void Rename(CommandContext& c) {
  auto from = LoaderPath(c, c.Var(0));
  auto to = from ? LoaderPath(c, c.Var(1)) : std::nullopt;
  if (!to) return;
  Status s = from->store == to->store ? from->store->Rename(from->path, to->path)
                                      : InvalidArgument("different file systems");
  if (!s.ok()) c.Print("unable to rename " + c.Var(0) + " to " + c.Var(1) + ": " + IosReason(s) + "\n");
}

void Help(CommandContext& c) {
  std::string out;
  for (const MonitorCommand& m : SwitchLoaderCommands()) {
    if (m.listed) out += m.syntax.substr(0, m.syntax.find(' ')) + " -- " + m.help + "\n";
  }
  c.Print(out);
}

std::vector<MonitorCommand> BuildTable() {
  auto nothing = [](CommandContext&) {};
  return {
      {"? [LINE]", "Present list of available commands", "", Help},
      {"boot [LINE]", "Load and boot an executable image", "", Boot},
      {"copy WORD WORD", "Copy a file", "usage: copy <src-file> <dst-file>", Copy},
      {"delete WORD", "Delete file(s)", "usage: delete <file> ...", Delete},
      {"dir [WORD]", "List files in directories", "", Dir},
      {"ether_init", "Initialize ethernet port", "", nothing},
      {"flash_init", "Initialize flash filesystem(s)", "",
       [](CommandContext& c) {
         Loader(c).device().set_loader_flash_ready(true);
         c.Print(FlashInitTranscript(*Loader(c).device().file_systems().primary().store));
       }},
      {"help [LINE]", "Print out help", "", Help},
      {"rename WORD WORD", "Rename a file", "usage: rename <src-file> <dst-file>", Rename},
      {"reset", "Reset the system", "", [](CommandContext& c) { Loader(c).device().Reset(); }},
      {"set [WORD] [LINE]", "Set or display environment variables", "", Set},
      {"tftp_init", "Initialize tftp filesystem", "", nothing},
      {"unset WORD", "Unset one or more environment variables", "usage: unset <variable> ...",
       [](CommandContext& c) { Loader(c).device().monitor_variables().Unset(c.Var(0)); }},
  };
}

}  // namespace

std::span<const MonitorCommand> SwitchLoaderCommands() {
  static const std::vector<MonitorCommand> kTable = BuildTable();
  return kTable;
}

}  // namespace iosup
