// delete, rename, mkdir, rmdir with their dialogs.
#include "device/commands/device_session.h"
#include "device/commands/file_helpers.h"
#include "device/commands/ios_command_set.h"
#include "device/ios_errors.h"

namespace iosup {

namespace {

using cli::CommandContext;
using cli::Question;

// Runs `then(ctx, resolved)` after the "<What> filename [x]? " question (skipped when quiet).
void AskName(CommandContext& ctx, const std::string& what, const std::string& url, bool quiet,
             std::function<void(CommandContext&, const std::string& typed_url)> then) {
  const std::string dir = TypedDirectory(url);
  const std::string def = url.substr(dir.size());
  if (quiet) return then(ctx, url);
  ctx.Ask({Question::Kind::kLine, what + " filename [" + def + "]? ", def},
          [dir, then](CommandContext& c, const std::string& name) { then(c, dir + name); });
}

void Delete(CommandContext& ctx) {
  const bool force = ctx.Has("/force");
  const bool quiet = force || QuietFilePrompts(ctx);
  AskName(ctx, "Delete", ctx.Var(0), quiet, [quiet](CommandContext& c, const std::string& url) {
    auto remove = [url](CommandContext& c2) {
      Result<ResolvedPath> where = Dev(c2).file_systems().Resolve(url);
      Status s = where.ok() ? where->store->Delete(where->path) : where.status();
      if (!s.ok()) c2.Print("%Error deleting " + url + " (" + IosReason(s) + ")\n");
    };
    if (quiet) return remove(c);
    c.Ask({Question::Kind::kConfirm, "Delete " + url + "? [confirm]", ""},
          [remove](CommandContext& c2, const std::string& yes) {
            if (yes == "y") remove(c2);
          });
  });
}

void Rename(CommandContext& ctx) {
  const std::string from = ctx.Var(0), to = ctx.Var(1);
  auto go = [from](CommandContext& c, const std::string& to_url) {
    Device& d = Dev(c);
    Result<ResolvedPath> a = d.file_systems().Resolve(from);
    Result<ResolvedPath> b = d.file_systems().Resolve(to_url);
    Status s = !a.ok() ? a.status() : !b.ok() ? b.status() : Status::Ok();
    if (s.ok() && a->store != b->store) s = Unsupported("rename across file systems");
    if (s.ok()) s = a->store->Rename(a->path, b->path);
    if (!s.ok()) c.Print("%Error renaming " + from + " (" + IosReason(s) + ")\n");
  };
  if (QuietFilePrompts(ctx)) return go(ctx, to);
  const std::string dir = TypedDirectory(to);
  ctx.Ask({Question::Kind::kLine, "Destination filename [" + to.substr(dir.size()) + "]? ",
           to.substr(dir.size())},
          [go, dir](CommandContext& c, const std::string& name) { go(c, dir + name); });
}

void Mkdir(CommandContext& ctx) {
  AskName(ctx, "Create directory", ctx.Var(0), QuietFilePrompts(ctx),
          [](CommandContext& c, const std::string& url) {
            Result<ResolvedPath> where = Dev(c).file_systems().Resolve(url);
            Status s = where.ok() ? where->store->MakeDir(where->path) : where.status();
            c.Print(s.ok() ? "Created dir " + where->spec->name + ":/" + where->path + "\n"
                           : "%Error Creating dir " + url + " (" + IosReason(s) + ")\n");
          });
}

void Rmdir(CommandContext& ctx) {
  AskName(ctx, "Remove directory", ctx.Var(0), QuietFilePrompts(ctx),
          [](CommandContext& c, const std::string& url) {
            c.Ask({Question::Kind::kConfirm, "Delete " + url + "? [confirm]", ""},
                  [url](CommandContext& c2, const std::string& yes) {
                    if (yes != "y") return;
                    Result<ResolvedPath> where = Dev(c2).file_systems().Resolve(url);
                    Status s = where.ok() ? where->store->RemoveDir(where->path) : where.status();
                    c2.Print(s.ok() ? "Removed dir " + where->spec->name + ":/" + where->path + "\n"
                                    : "%Error Removing dir " + url + " (" + IosReason(s) + ")\n");
                  });
          });
}

}  // namespace

void RegisterFsCommands(cli::CommandSet& set) {
  const std::vector<std::string> exec = {"exec"};
  Declare(set, exec, {.syntax = "delete [/force] [/recursive] URL", .help = {"Delete a file", "Forces a delete without prompting for confirmation", "Delete subdirectories and their files", "File to be deleted"}, .privilege = 15},
          Delete);
  Declare(set, exec, {.syntax = "rename URL URL", .help = {"Rename a file", "Source file", "Destination file"}, .privilege = 15},
          Rename);
  Declare(set, exec, {.syntax = "mkdir URL", .help = {"Create new directory", "Directory name"}, .privilege = 15},
          Mkdir);
  Declare(set, exec, {.syntax = "rmdir URL", .help = {"Remove existing directory", "Directory name"}, .privilege = 15},
          Rmdir);
}

}  // namespace iosup
