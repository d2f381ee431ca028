// copy (configurations and files between local file systems), more, write, erase.
// Copies from or to the network belong to the transfer layer; until a device has one it answers
// as a device whose server does not answer.
#include <algorithm>
#include <vector>

#include "base/digest.h"
#include "device/commands/device_session.h"
#include "device/commands/file_helpers.h"
#include "device/commands/ios_command_set.h"
#include "device/ios_errors.h"
#include "device/ios_time.h"
#include "device/show_system.h"

namespace iosup {

namespace {

using cli::CommandContext;
using cli::Question;

void Save(CommandContext& ctx) {
  ctx.Print("Building configuration...\n");
  Status s = Dev(ctx).SaveRunningConfig();
  ctx.Print(s.ok() ? "[OK]\n" : "%Error writing startup-config (" + IosReason(s) + ")\n");
}

void MergeIntoRunning(CommandContext& ctx, const std::string& text) {
  Dev(ctx).running_config().Merge(Config::Parse(text));
  ctx.Print(CopiedLine(text.size(), 8937 * 1024));
}

Result<std::string> ReadText(const ResolvedPath& where) {
  Result<std::unique_ptr<FileReader>> r = where.store->OpenRead(where.path);
  if (!r.ok()) return r.status();
  std::string out((*r)->size(), '\0');
  Result<size_t> n = (*r)->ReadAt(0, {reinterpret_cast<uint8_t*>(out.data()), out.size()});
  if (!n.ok()) return n.status();
  out.resize(*n);
  return out;
}

// A local copy's progress: one 'C' as it starts and one more per 4 MiB, at most 512.
uint64_t CopyMarksFor(uint64_t done) { return done == 0 ? 0 : std::min<uint64_t>((done >> 22) + 1, 512); }

// A local copy under realistic file timing: written at the platform's flash rate and committed
// at the end; if the session ends or the device reloads first, the destination stays as it was.
class PacedLocalCopy : public TimedWork {
 public:
  PacedLocalCopy(std::shared_ptr<cli::PendingCommand> out, std::unique_ptr<FileReader> from,
                 std::unique_ptr<FileWriter> to, Pace pace, std::string src_url)
      : out_(std::move(out)), to_(std::move(to)), mover_(std::move(from), *to_), pace_(pace),
        src_url_(std::move(src_url)) {}

  bool Advance(WallTime now) override {
    if (over_) return true;
    if (!out_->alive()) {
      Abandon();
      return true;
    }
    Status s = mover_.MoveUpTo(pace_.BytesBy(now));
    for (; marks_ < CopyMarksFor(mover_.moved()); ++marks_) out_->Print("C");
    if (s.ok() && !mover_.complete()) return false;
    over_ = true;
    if (s.ok()) s = to_->Commit();
    if (s.ok()) {
      out_->Print("\n" + CopiedLineFor(mover_.size(), now - pace_.start()));
    } else {
      to_->Abort();
      out_->Print("\n%Error copying " + src_url_ + " (" + IosReason(s) + ")\n");
    }
    out_->Finish();
    return true;
  }
  std::optional<WallTime> NextWakeup() const override {
    if (over_) return std::nullopt;
    const uint64_t next_mark = marks_ == 0 ? 1 : marks_ << 22;  // where the next 'C' is due
    return pace_.TimeFor(std::min(next_mark, mover_.size()));
  }
  void Abandon() override {
    if (over_) return;
    over_ = true;
    to_->Abort();
  }
  // Ctrl-C / Ctrl-^: the copy stops at once, the destination stays as it was, and IOS says so.
  void Interrupt() {
    if (over_) return;
    Abandon();
    out_->Print("\n%Error copying " + src_url_ + " (Aborted)\n");
    out_->Finish();
  }

 private:
  std::shared_ptr<cli::PendingCommand> out_;
  std::unique_ptr<FileWriter> to_;
  FileMover mover_;
  Pace pace_;
  std::string src_url_;
  uint64_t marks_ = 0;
  bool over_ = false;
};

// Copies a local file into `dst`, printing IOS's progress and summary. The destination appears
// only whole: a failed copy removes what it wrote.
void CopyFile(CommandContext& ctx, const ResolvedPath& src, const ResolvedPath& dst,
              const std::string& src_url) {
  Result<std::unique_ptr<FileReader>> in = src.store->OpenRead(src.path);
  if (!in.ok()) {
    ctx.Print("%Error opening " + src_url + " (" + IosReason(in.status()) + ")\n");
    return;
  }
  const uint64_t size = (*in)->size();
  Device& d = Dev(ctx);
  if (!d.realistic_file_timing()) {
    // Devices of a lab share content: the copy is a link, and a 500 MB image costs the loop
    // nothing. Same output as the byte copy below.
    Status shared = dst.store->ShareCopy(*src.store, src.path, dst.path);
    if (shared.ok()) {
      ctx.Print("Copy in progress..." + std::string(CopyMarksFor(size), 'C') + "\n" +
                CopiedLine(size, d.platform().flash_write_bytes_per_sec));
      return;
    }
    if (shared.code() != ErrorCode::kUnsupported) {
      ctx.Print("%Error copying " + src_url + " (" + IosReason(shared) + ")\n");
      return;
    }
  }
  Result<std::unique_ptr<FileWriter>> out = dst.store->Create(dst.path, size);
  if (!out.ok()) {
    ctx.Print("%Error copying " + src_url + " (" + IosReason(out.status()) + ")\n");
    return;
  }
  ctx.Print("Copy in progress...");
  if (d.realistic_file_timing()) {
    std::shared_ptr<cli::PendingCommand> pending = ctx.Detach();
    auto work = std::make_shared<PacedLocalCopy>(
        pending, std::move(*in), std::move(*out),
        Pace(d.clock().Now(), d.platform().flash_write_bytes_per_sec), src_url);
    pending->OnInterrupt([weak = std::weak_ptr<PacedLocalCopy>(work)] {
      if (std::shared_ptr<PacedLocalCopy> w = weak.lock()) w->Interrupt();
    });
    d.StartWork(work);
    work->Advance(d.clock().Now());
    return;
  }
  FileMover mover(std::move(*in), **out);
  uint64_t marks = 0;
  while (!mover.complete()) {
    if (Status s = mover.MoveUpTo(size); !s.ok()) {
      (*out)->Abort();
      ctx.Print("\n%Error copying " + src_url + " (" + IosReason(s) + ")\n");
      return;
    }
    for (; marks < CopyMarksFor(mover.moved()); ++marks) ctx.Print("C");
  }
  Status s = (*out)->Commit();
  if (!s.ok()) {
    ctx.Print("\n%Error copying " + src_url + " (" + IosReason(s) + ")\n");
    return;
  }
  ctx.Print("\n" + CopiedLine(size, d.platform().flash_write_bytes_per_sec));
}

// Asks for the destination name (unless file prompts are quiet), confirms an overwrite, copies.
void LocalCopy(CommandContext& ctx, const std::string& src_url, const std::string& dst_url) {
  Device& d = Dev(ctx);
  Result<ResolvedPath> src = d.file_systems().Resolve(src_url);
  Result<ResolvedPath> dst = d.file_systems().Resolve(dst_url);
  if (!src.ok() || !dst.ok()) {
    ctx.Print("%Error opening " + (src.ok() ? dst_url : src_url) + " (No such file or directory)\n");
    return;
  }
  // A file system or a directory as destination means "under the source's name, in there".
  Result<FileInfo> dst_info = dst->store->Stat(dst->path);
  const bool into_dir = dst->path.empty() || (dst_info.ok() && dst_info->is_directory);
  std::string def = into_dir ? (dst->path.empty() ? "" : dst->path + "/") + BaseName(src->path)
                             : dst->path;
  auto go = [src = *src, dst = *dst, src_url](CommandContext& c, const std::string& name) {
    ResolvedPath target = dst;
    target.path = name;
    Result<FileInfo> existing = target.store->Stat(target.path);
    if (existing.ok() && existing->is_directory) {
      c.Print("%Error opening " + ShownUrl(target) + " (Is a directory)\n");
      return;
    }
    if (existing.ok()) {
      c.Ask({Question::Kind::kConfirm,
             "%Warning:There is a file already existing with this name \nDo you want to over write? [confirm]", ""},
            [src, target, src_url](CommandContext& c2, const std::string& yes) {
              // Replaced at commit, not deleted first: a failed copy keeps the old file.
              if (yes == "y") CopyFile(c2, src, target, src_url);
            });
      return;
    }
    CopyFile(c, src, target, src_url);
  };
  if (QuietFilePrompts(ctx)) return go(ctx, def);
  ctx.Ask({Question::Kind::kLine, "Destination filename [" + def + "]? ", def}, go);
}

void CopyEnds(CommandContext& ctx, const std::string& src, const std::string& dst);

// `copy flash: tftp:` and `copy usbflash0: flash:` name a file system, not a file: IOS asks for
// the file first ("Source filename []? "), then goes on as if it had been typed.
bool AskSourceFile(CommandContext& ctx, const std::string& src, const std::string& dst) {
  if (src.empty() || src.back() != ':' || IsNetworkUrl(src)) return false;
  if (Dev(ctx).file_systems().Find(src) == nullptr) return false;
  ctx.Ask({Question::Kind::kLine, "Source filename []? ", ""},
          [src, dst](CommandContext& c, const std::string& name) {
            if (name.empty()) {
              c.Print("%Error opening " + src + " (Is a directory)\n");
              return;
            }
            CopyEnds(c, src + name, dst);
          });
  return true;
}

void Copy(CommandContext& ctx) {
  std::vector<std::string> ends;
  for (size_t i = 1; i < ctx.args().size(); ++i) {
    if (ctx.args()[i].value.starts_with("/")) continue;  // /erase, /verify
    ends.push_back(ctx.args()[i].value);
  }
  // `copy /erase flash:x` parses with `/erase` taken as the source file; IOS reads the keyword
  // and then finds the destination missing.
  if (ends.size() < 2) {
    ctx.Print("% Incomplete command.\n\n");
    return;
  }
  const FileSystemTable& table = Dev(ctx).file_systems();
  const std::string src = WithColonIfBare(ends[0], table), dst = WithColonIfBare(ends[1], table);
  if (AskSourceFile(ctx, src, dst)) return;
  CopyEnds(ctx, src, dst);
}

// The copy once both ends name what is copied (a file, a configuration or a network scheme).
void CopyEnds(CommandContext& ctx, const std::string& src, const std::string& dst) {
  Device& d = Dev(ctx);
  const std::string startup = d.platform().startup_config_path;
  if (src == "running-config" && dst == "startup-config") {
    if (QuietFilePrompts(ctx)) return Save(ctx);
    ctx.Ask({Question::Kind::kLine, "Destination filename [startup-config]? ", "startup-config"},
            [](CommandContext& c, const std::string&) { Save(c); });
    return;
  }
  if (IsNetworkUrl(src) || IsNetworkUrl(dst)) return NetworkCopy(ctx, src, dst);
  if (dst == "running-config") {
    Result<ResolvedPath> where = d.file_systems().Resolve(src == "startup-config" ? startup : src);
    Result<std::string> text = where.ok() ? ReadText(*where) : where.status();
    auto merge = [text, src](CommandContext& c, const std::string&) {
      if (!text.ok()) {
        c.Print("%Error opening " + src + " (" + IosReason(text.status()) + ")\n");
        return;
      }
      MergeIntoRunning(c, *text);
    };
    if (QuietFilePrompts(ctx)) return merge(ctx, "");
    ctx.Ask({Question::Kind::kLine, "Destination filename [running-config]? ", "running-config"}, merge);
    return;
  }
  if (src == "running-config") {
    Result<ResolvedPath> where = d.file_systems().Resolve(dst == "startup-config" ? startup : dst);
    if (!where.ok()) return ctx.Print("%Error opening " + dst + " (No such file or directory)\n");
    std::string text = d.RenderRunning();
    Result<std::unique_ptr<FileWriter>> w = where->store->Create(where->path, text.size());
    Status s = w.ok() ? (*w)->Append({reinterpret_cast<const uint8_t*>(text.data()), text.size()})
                      : w.status();
    if (s.ok()) s = (*w)->Commit();
    ctx.Print(s.ok() ? CopiedLine(text.size(), 8937 * 1024)
                     : "%Error copying running-config (" + IosReason(s) + ")\n");
    return;
  }
  LocalCopy(ctx, src == "startup-config" ? startup : src, dst == "startup-config" ? startup : dst);
}

void More(CommandContext& ctx) {
  const std::string url = ctx.Var(0);
  Result<ResolvedPath> where = Dev(ctx).file_systems().Resolve(
      url == "startup-config" ? Dev(ctx).platform().startup_config_path : url);
  Result<std::string> text = where.ok() ? ReadText(*where) : where.status();
  if (!text.ok()) {
    ctx.Print("%Error opening " + url + " (" + IosReason(text.status()) + ")\n");
    return;
  }
  ctx.Print(*text);
  if (!text->empty() && text->back() != '\n') ctx.Print("\n");
}

void EraseNvram(CommandContext& ctx) {
  ctx.Ask({Question::Kind::kConfirm,
           "Erasing the nvram filesystem will remove all configuration files! Continue? [confirm]", ""},
          [](CommandContext& c, const std::string& yes) {
            if (yes != "y") return;
            Status s = Dev(c).EraseStartupConfig();
            c.Print(s.ok() ? "[OK]\nErase of nvram: complete\n"
                           : "%Error erasing nvram: (" + IosReason(s) + ")\n");
            if (s.ok()) Dev(c).Log("%SYS-7-NV_BLOCK_INIT: Initialized the geometry of nvram");
          });
}

void EraseFs(CommandContext& ctx, const std::string& prefix) {
  ctx.Ask({Question::Kind::kConfirm,
           "Erasing the " + prefix.substr(0, prefix.size() - 1) +
               " filesystem will remove all files! Continue? [confirm]", ""},
          [prefix](CommandContext& c, const std::string& yes) {
            if (yes != "y") return;
            const ResolvedPath* fs = Dev(c).file_systems().Find(prefix);
            Status s = fs ? fs->store->Format() : NotFound(prefix);
            c.Print(s.ok() ? "Erase of " + prefix + " complete\n"
                           : "%Error erasing " + prefix + " (" + IosReason(s) + ")\n");
          });
}

}  // namespace

void RegisterFileCommands(cli::CommandSet& set, const PlatformSpec& platform) {
  const std::vector<std::string> exec = {"exec"};
  Declare(set, exec,
          {.syntax = "copy [/erase] (running-config|startup-config|URL) (running-config|startup-config|URL)",
           .help = {"Copy from one file to another", "Erase destination file system.",
                    "Copy from current system configuration", "Copy from startup configuration",
                    "Source file", "Copy to current system configuration",
                    "Copy to startup configuration", "Destination file"},
           .privilege = 15},
          Copy);
  Declare(set, exec, {.syntax = "more URL", .help = {"Display the contents of a file", "File to display"}, .privilege = 15, .pipeable = true},
          More);
  Declare(set, exec, {.syntax = "write [memory]", .help = {"Write running configuration to memory, network, or terminal", "Write to NV memory"}, .privilege = 15},
          Save);
  Declare(set, exec, {.syntax = "write terminal", .help = {"", "Write to terminal"}, .privilege = 15, .pipeable = true},
          [](CommandContext& c) { c.Print(ShowRunningConfig(Dev(c))); });
  Declare(set, exec, {.syntax = "write erase", .help = {"", "Erase NV memory"}, .privilege = 15}, EraseNvram);
  Declare(set, exec, {.syntax = "erase (startup-config|nvram:)", .help = {"Erase a filesystem", "Erase contents of configuration memory", "Erase nvram: file system"}, .privilege = 15},
          EraseNvram);
  for (const FileSystemSpec& fs : platform.file_systems) {
    if (fs.capacity == 0 || fs.type == FsType::kNvram) continue;
    Declare(set, exec, {.syntax = "erase " + fs.name + ":", .help = {"", "Erase " + fs.name + ": file system"}, .privilege = 15},
            [prefix = fs.name + ":"](CommandContext& c) { EraseFs(c, prefix); });
  }
}

}  // namespace iosup
