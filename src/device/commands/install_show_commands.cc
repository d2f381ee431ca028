// install remove inactive (its list and [y/n] question), show install ..., show install package,
// and request platform software package expand: the install mode commands that read or tidy
// flash rather than change what boots.
#include <memory>

#include "device/commands/device_session.h"
#include "device/commands/install_dialog.h"
#include "device/commands/ios_command_set.h"
#include "device/install/install_text.h"
#include "device/install/provisioning_file.h"
#include "device/ios_errors.h"

namespace iosup {

namespace {

using cli::CommandContext;
using cli::Question;

std::string Member(const Device& d) { return d.platform().is_switch() ? "[switch 1]:" : "[R0]:"; }

std::string RunningFile(const Device& d) {
  return d.image().install_mode ? std::string(kPackagesConf) : d.image().file;
}

// The scan IOS-XE prints before its list: what the booted set holds, kept.
std::string ScanText(const Device& d) {
  const std::string fs = d.file_systems().primary().spec->name + ":";
  std::string out = "Cleaning up unnecessary package files\n";
  out += "No path specified, will use booted path " + fs + std::string(kPackagesConf) + "\n";
  out += "Cleaning " + fs + "\n  Scanning boot directory for packages ... done.\n";
  out += "  Preparing packages list to delete ...\n";
  const InstallState& st = d.install().state();
  if (const SoftwareSet* s = st.Find(st.activated); s != nullptr && d.image().install_mode) {
    for (const std::string& p : s->packages) {
      out += "    " + p + "\n      File is in use, will not delete.\n";
    }
    out += "    " + std::string(kPackagesConf) + "\n      File is in use, will not delete.\n";
  }
  return out + "  done.\n\n";
}

void RemoveAnswered(CommandContext& c, const std::vector<std::string>& files, bool yes) {
  Device& d = Dev(c);
  InstallWording w(d);
  if (!yes) {
    c.Print(std::string(d.platform().is_switch() ? " [1] Switch 1" : " [1]  R0") +
            " Add succeed with reason: User Rejected Deletion\n" + w.Success("install_remove"));
    return;
  }
  const std::string fs = d.file_systems().primary().spec->name + ":";
  std::string out = "\n" + Member(d) + "\n";
  for (const std::string& f : files) out += "Deleting file " + fs + f + " ... done.\n";
  Status s = d.install().RemoveFiles(files);
  if (!s.ok()) {
    c.Print(out + w.Failed("install_remove", "", IosReason(s)));
    return;
  }
  c.Print(out + "SUCCESS: Files deleted.\n" + w.Phase("Post_Remove_Cleanup") +
          w.Success("install_remove"));
  d.Message("%INSTALL-5-INSTALL_COMPLETED_INFO: " + w.origin() +
            "install_mgr: Completed install remove");
}

void InstallRemoveInactive(CommandContext& c) {
  Device& d = Dev(c);
  InstallWording w(d);
  c.Print(w.Start("install_remove"));
  d.Message("%INSTALL-5-INSTALL_START_INFO: " + w.origin() +
            "install_mgr: Started install remove");
  c.Print(ScanText(d));
  const std::vector<std::string> files = d.install().InactiveFiles(RunningFile(d));
  if (files.empty()) {
    c.Print("SUCCESS: No extra package or provisioning files found on media. Nothing to clean.\n" +
            w.Success("install_remove"));
    return;
  }
  std::string list = "The following files will be deleted:\n" + Member(d) + "\n";
  for (const std::string& f : files) list += w.mount() + f + "\n";
  c.Print(list + "\n");
  c.Ask({Question::Kind::kLine, "Do you want to remove the above files? [y/n]", ""},
        [files](CommandContext& c2, const std::string& answer) {
          RemoveAnswered(c2, files, answer == "y" || answer == "Y" || answer == "yes");
        });
}

InstallView ViewOf(const Device& d) {
  InstallView v{.is_switch = d.platform().is_switch(),
                .running_version = d.image().version.Long(),
                .members = d.stack_members(),
                .now = d.clock().Now()};
  for (int k : d.stack().Mismatched(v.running_version)) {
    v.mismatched.emplace_back(k, d.stack().Version(k, v.running_version));
  }
  return v;
}

void ShowInstallCommand(CommandContext& c) {
  const Device& d = Dev(c);
  const InstallState& st = d.install().state();
  if (c.Has("log")) return c.Print(ShowInstallLog(st));
  if (c.Has("rollback")) return c.Print(ShowInstallRollback(st));
  InstallListing what = InstallListing::kSummary;
  if (c.Has("active")) what = InstallListing::kActive;
  if (c.Has("inactive")) what = InstallListing::kInactive;
  if (c.Has("committed")) what = InstallListing::kCommitted;
  if (c.Has("uncommitted")) what = InstallListing::kUncommitted;
  c.Print(ShowInstall(st, ViewOf(d), what));
}

// `show install package FILE`: the header fields of a bundle or package on flash.
void ShowInstallPackage(CommandContext& c) {
  Device& d = Dev(c);
  Result<ResolvedPath> where = d.file_systems().Resolve(c.Var(0));
  Result<FileInfo> info = where.ok() ? where->store->Stat(where->path) : where.status();
  Result<ImageCheck> check = info.ok() ? CheckStoredImage(*where->store, where->path) : info.status();
  if (!check.ok()) {
    c.Print("%Error opening " + c.Var(0) + " (" + IosReason(check.status()) + ")\n");
    return;
  }
  const std::string file(SplitParent(where->path).second);
  std::string out = "  Package: " + file + "\n    Size: " + std::to_string(info->size) + "\n";
  out += "    Timestamp: " + InstallTimestamp(info->mtime) + "\n";
  out += "  Canonical path: /" + where->spec->name + "/" + where->path + "\n\n";
  out += "  Internal package information:\n";
  out += "    Name: " + (file.ends_with(".pkg") ? check->feature_set : std::string("rp_super")) + "\n";
  out += "    RouteProcessor: " + check->family + "\n";
  out += "    Platform: " + d.platform().id + "\n";
  out += "    Build: " + check->version + "\n";
  out += check->good() ? "" : "  Package failed validation: " + check->problem + "\n";
  out += file.ends_with(".bin") ? "  Package is bootable from media and tftp\n"
                                : "  Package is not bootable\n";
  c.Print(out);
}

// `request platform software package expand file SRC [to DIR]`: the packages and provisioning
// file of a bundle, written beside it (or into DIR) without touching what boots.
void ExpandPackage(CommandContext& c) {
  Device& d = Dev(c);
  Result<ResolvedPath> src = d.file_systems().Resolve(c.Var(0));
  const std::string to = c.Has("to") ? c.Var(1) : "";
  Result<ResolvedPath> dest = to.empty() ? src : d.file_systems().Resolve(to);
  c.Print("Verifying parameters\n");
  if (!src.ok() || !dest.ok()) {
    c.Print("%Error: " + IosReason(src.ok() ? dest.status() : src.status()) + "\n");
    return;
  }
  c.Print("Expanding superpackage " + src->Display() + "\nValidating package type\n");
  Result<ExpansionPlan> plan = d.install().Plan(*src->store, src->path);
  std::string dir = to.empty() ? std::string(SplitParent(src->path).first) : dest->path;
  Status s = plan.ok() ? d.install().Expand(*plan, *dest->store, dir) : plan.status();
  if (!s.ok()) {
    c.Print("FAILED: Expand failed: " + s.message() + "\n");
    return;
  }
  c.Print("Copying package files\nSUCCESS: Finished expanding all-in-one software package.\n");
}

}  // namespace

void RegisterInstallRemoveCommand(cli::CommandSet& set) {
  const std::vector<std::string> exec = {"exec"};
  Declare(set, exec, {.syntax = "install remove inactive", .help = {"Install commands", "Remove packages", "Remove all inactive packages"}, .privilege = 15},
          InstallRemoveInactive);
  Declare(set, exec,
          {.syntax = "show install (summary|active|inactive|committed|uncommitted|log|rollback)",
           .help = {"", "Show install information", "Show a summary of installed packages",
                    "Show active packages", "Show inactive packages", "Show committed packages",
                    "Show uncommitted packages", "Show the install log",
                    "Show the installation points"},
           .privilege = 15,
           .pipeable = true},
          ShowInstallCommand);
  Declare(set, exec, {.syntax = "show install package URL", .help = {"", "", "Show package information", "package file"}, .privilege = 15, .pipeable = true},
          ShowInstallPackage);
  Declare(set, exec,
          {.syntax = "request platform software package expand file URL [to URL]",
           .help = {"Request a platform operation", "Platform", "Software", "Package",
                    "Expand a package", "Package to expand", "package file", "Destination",
                    "directory"},
           .privilege = 15},
          ExpandPackage);
}

}  // namespace iosup
