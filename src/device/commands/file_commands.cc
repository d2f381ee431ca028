// copy (configurations and files between local file systems), verify, more, write, erase.
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
  Result<std::unique_ptr<FileWriter>> out = dst.store->Create(dst.path, size);
  if (!out.ok()) {
    ctx.Print("%Error copying " + src_url + " (" + IosReason(out.status()) + ")\n");
    return;
  }
  ctx.Print("Copy in progress...");
  Device& d = Dev(ctx);
  if (d.realistic_file_timing()) {
    auto work = std::make_shared<PacedLocalCopy>(
        ctx.Detach(), std::move(*in), std::move(*out),
        Pace(d.clock().Now(), d.platform().flash_write_bytes_per_sec), src_url);
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
  ctx.Print("\n" + CopiedLine(size, Dev(ctx).platform().flash_write_bytes_per_sec));
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
  const std::string src = ends[0], dst = ends[1];
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

// Verify's progress: one dot per 512 KiB hashed (at most 2000), 66 to a line, as IOS draws them.
uint64_t VerifyDotCount(uint64_t size) { return std::clamp<uint64_t>(size >> 19, 1, 2000); }

// Dots `from`+1 .. `to` of `total`.
std::string VerifyDots(uint64_t from, uint64_t to, uint64_t total) {
  std::string out;
  for (uint64_t i = from + 1; i <= to; ++i) out += (i % 66 == 0 && i != total) ? ".\n" : ".";
  return out;
}

// What follows the last of `total` dots.
std::string VerifyDone(uint64_t total) { return std::string(total % 66 == 0 ? "\n" : "") + "Done!\n"; }

// A `verify` under realistic file timing: the answer is known at once, but the dots come at the
// platform's MD5 rate and the answer only when the whole file would have been read.
class PacedVerify : public TimedWork {
 public:
  PacedVerify(std::shared_ptr<cli::PendingCommand> out, Pace pace, uint64_t size, std::string answer)
      : out_(std::move(out)), pace_(pace), size_(size), dots_(VerifyDotCount(size)),
        answer_(std::move(answer)) {}

  bool Advance(WallTime now) override {
    if (over_) return true;
    if (!out_->alive()) {  // the session ended: nobody is waiting for the answer
      over_ = true;
      return true;
    }
    const uint64_t hashed = std::min(size_, pace_.BytesBy(now));
    const uint64_t due = size_ == 0 ? dots_ : hashed * dots_ / size_;
    out_->Print(VerifyDots(printed_, due, dots_));
    printed_ = due;
    if (hashed < size_) return false;
    over_ = true;
    out_->Print(VerifyDone(dots_) + answer_);
    out_->Finish();
    return true;
  }
  std::optional<WallTime> NextWakeup() const override {
    if (over_) return std::nullopt;
    if (printed_ >= dots_) return pace_.TimeFor(size_);
    // Dot i is due once i/dots of the file is hashed.
    return pace_.TimeFor(((printed_ + 1) * size_ + dots_ - 1) / dots_);
  }
  void Abandon() override { over_ = true; }

 private:
  std::shared_ptr<cli::PendingCommand> out_;
  Pace pace_;
  uint64_t size_;
  uint64_t dots_;
  std::string answer_;
  uint64_t printed_ = 0;
  bool over_ = false;
};

void Verify(CommandContext& ctx) {
  const bool md5 = ctx.Has("/md5");
  const std::string url = ctx.Var(0);
  const std::string expected = ctx.VarCount() > 1 ? ctx.Var(1) : "";
  Device& d = Dev(ctx);
  Result<ResolvedPath> where = d.file_systems().Resolve(url);
  Result<FileInfo> info = where.ok() ? where->store->Stat(where->path) : where.status();
  if (info.ok() && info->is_directory) info = Status(ErrorCode::kIsDirectory, url);
  if (!info.ok()) {
    ctx.Print("%Error opening " + url + " (" + IosReason(info.status()) + ")\n");
    return;
  }
  const DigestKind kind = md5 ? DigestKind::kMd5 : DigestKind::kSha512;
  const std::string note = std::string(DigestName(kind));
  std::optional<std::string> digest = where->store->ContentNote(where->path, note);
  if (!digest) {
    Result<std::unique_ptr<FileReader>> r = where->store->OpenRead(where->path);
    Result<std::string> hex = r.ok() ? DigestReader(**r, kind) : r.status();
    if (!hex.ok()) {
      ctx.Print("%Error reading " + url + " (" + IosReason(hex.status()) + ")\n");
      return;
    }
    digest = *hex;
    where->store->SetContentNote(where->path, note, *digest);
  }
  const std::string verb = md5 ? "/md5" : "/sha512";
  std::string answer;
  if (expected.empty()) {
    answer = "verify " + verb + " (" + url + ") = " + *digest + "\n";
  } else if (expected == *digest) {
    answer = "Verified (" + url + ") = " + *digest + "\n";
  } else {
    answer = "%Error verifying " + url + "\nComputed signature = " + *digest +
             "\nSubmitted signature = " + expected + "\n";
  }
  if (d.realistic_file_timing()) {
    // SHA-512 is given MD5's rate: the platforms' figures are for MD5, and both are CPU-bound.
    auto work = std::make_shared<PacedVerify>(
        ctx.Detach(), Pace(d.clock().Now(), d.platform().md5_bytes_per_sec), info->size,
        std::move(answer));
    d.StartWork(work);
    work->Advance(d.clock().Now());
    return;
  }
  const uint64_t dots = VerifyDotCount(info->size);
  ctx.Print(VerifyDots(0, dots, dots) + VerifyDone(dots) + answer);
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
            if (s.ok()) {
              c.Print(SyslogStamp(Dev(c).clock().Now()) +
                      "%SYS-7-NV_BLOCK_INIT: Initialized the geometry of nvram\n");
            }
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
  Declare(set, exec,
          {.syntax = "verify (/md5|/sha512) URL [WORD]",
           .help = {"Verify a file", "Compute an MD5 signature for a file",
                    "Compute a SHA-512 signature for a file", "File to verify",
                    "Expected signature"},
           .privilege = 15, .pipeable = true},
          Verify);
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
