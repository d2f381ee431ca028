// install add / activate / commit / abort / rollback / deactivate / remove / auto-abort-timer:
// IOS-XE's install mode, worded as a Catalyst 9300 on 17.x (switch) or an ISR/ASR (router)
// prints it. The model is device/install/; these handlers sequence its calls with the dialogs.
#include <algorithm>
#include <cctype>
#include <memory>

#include "device/commands/device_session.h"
#include "device/commands/install_dialog.h"
#include "device/commands/ios_command_set.h"
#include "device/install/install_text.h"
#include "device/install/provisioning_file.h"

namespace iosup {

namespace {

using cli::CommandContext;
using cli::Question;

constexpr const char* kBundleMode =
    "Booted in bundle mode. For Bundle-to-Install mode conversion, please use one-shot CLI - "
    "install add file <> activate commit";
constexpr const char* kUnsaved =
    "System configuration has been modified. Please save configuration and resubmit command.";
constexpr const char* kReloadQuestion =
    "This operation may require a reload of the system. Do you want to proceed? [y/n]";

struct InstallOp {
  std::string name;     // "install_add_activate_commit"
  std::string display;  // the file operated on, "flash:x.bin" (empty for none)
  std::string fs_path;  // the same as FAILED lines name it: "/flash/x.bin"
  bool activate = false, commit = false, prompt = true;
  std::optional<Duration> timer;  // an activation left for `install commit`
  std::string version;
  bool conversion = false;  // from bundle mode (one-shot)
};
using OpPtr = std::shared_ptr<InstallOp>;

bool Yes(std::string a) {
  std::transform(a.begin(), a.end(), a.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return a == "y" || a == "yes";
}

std::string SyslogName(const std::string& op) { return op.substr(std::string("install_").size()); }

// "[3|install_add]": the operation's number in `show install log` (from 1) and its name.
// Called before the START line is logged (`starting`) and after it: both name the same number.
std::string LogTag(const Device& d, const InstallOp& op, bool starting = false) {
  int n = 0;
  for (const std::string& l : d.install().state().log) n += l.find("]: START ") != std::string::npos;
  return "[" + std::to_string(starting ? n + 1 : n) + "|" + op.name + "]";
}

void Begin(CommandContext& c, const InstallOp& op) {
  Device& d = Dev(c);
  InstallWording w(d);
  c.Print(w.Start(op.name));
  d.Message("%INSTALL-5-INSTALL_START_INFO: " + w.origin() + "install_mgr: Started install " +
            SyslogName(op.name) + (op.display.empty() ? "" : " " + op.display));
  d.install().Log(LogTag(d, op, /*starting=*/true) + ": START " + InstallTimestamp(d.clock().Now()));
}

void Fail(CommandContext& c, const InstallOp& op, const std::string& reason, int member = 1) {
  Device& d = Dev(c);
  InstallWording w(d);
  c.Print(w.Failed(op.name, op.fs_path, reason, member));
  d.Message(w.ErrorMessage(SyslogName(op.name) + (op.display.empty() ? "" : " package " + op.display), reason));
  d.install().Log(LogTag(d, op) + ": END FAILED: " + reason);
}

void Finish(CommandContext& c, const InstallOp& op, bool reload) {
  Device& d = Dev(c);
  InstallWording w(d);
  if (reload) c.Print("Install will reload the system now!\n");
  c.Print(w.Success(op.name));
  d.install().Log(LogTag(d, op) + ": END SUCCESS " + InstallTimestamp(d.clock().Now()));
  d.Message("%INSTALL-5-INSTALL_COMPLETED_INFO: " + w.origin() + "install_mgr: Completed install " +
            SyslogName(op.name) + (op.display.empty() ? "" : " " + op.display));
  if (reload) d.Reload("Image Install", "install_mgr");
}

// Runs `next` once the configuration is saved: an activation reloads, and IOS-XE will not lose
// unsaved changes silently (with prompt-level none it refuses instead of asking).
void WhenSaved(CommandContext& c, OpPtr op, std::function<void(CommandContext&)> next) {
  Device& d = Dev(c);
  if (!d.RunningDiffersFromStartup()) return next(c);
  if (!op->prompt) return Fail(c, *op, kUnsaved);
  c.Ask({Question::Kind::kYesNo, "System configuration has been modified. Save? [yes/no]: ", ""},
        [next](CommandContext& c2, const std::string& answer) {
          if (answer == "yes") {
            c2.Print("Building configuration...\n");
            Status s = Dev(c2).SaveRunningConfig();
            c2.Print(s.ok() ? "[OK]\n" : "%Error saving configuration\n");
          }
          next(c2);
        });
}

// Asks the reload question (unless prompt-level none), then runs `next`.
void ConfirmReload(CommandContext& c, OpPtr op, std::function<void(CommandContext&)> next) {
  if (!op->prompt) return next(c);
  c.Ask({Question::Kind::kLine, kReloadQuestion, ""},
        [op, next](CommandContext& c2, const std::string& answer) {
          if (!Yes(answer)) return Fail(c2, *op, "Operation cancelled by user");
          next(c2);
        });
}

std::string ChangeList(const Activation& a) {
  std::string out = "    --- Starting list of software package changes ---\n    Old files list:\n";
  for (const std::string& f : a.removed) out += "      Removed " + f + "\n";
  out += "    New files list:\n";
  for (const std::string& f : a.added) out += "      Added " + f + "\n";
  return out + "    Finished list of software package changes\n";
}

// The boot statements become packages.conf's, saved: a bundle-to-install conversion.
void BootFromPackages(CommandContext& c) {
  Device& d = Dev(c);
  Config& running = d.running_config();
  running.ClearBootStatements();
  running.AddBootStatement(*ParseBootStatement(d.file_systems().primary().spec->name + ":" +
                                               std::string(kPackagesConf)));
  c.Print("Building configuration...\n");
  c.Print(d.SaveRunningConfig().ok() ? "[OK]\n" : "%Error saving configuration\n");
}

void DoActivate(CommandContext& c, OpPtr op) {
  Device& d = Dev(c);
  InstallWording w(d);
  std::optional<Duration> timer;
  if (!op->commit) timer = op->timer ? *op->timer : Duration(kDefaultAutoAbort);
  Result<Activation> a = d.install().Activate(op->version, timer);
  if (!a.ok()) return Fail(c, *op, a.status().message());
  c.Print(w.Phase("Activate", ChangeList(*a)));
  if (timer) {
    d.Message("%INSTALL-5-INSTALL_AUTO_ABORT_TIMER_PROGRESS: " + w.origin() +
              "rollback_timer: Install auto abort timer will expire in " +
              std::to_string(std::chrono::duration_cast<std::chrono::seconds>(*timer).count()) +
              " seconds");
  }
  if (op->commit) c.Print(w.Phase("Commit"));
  if (op->conversion) BootFromPackages(c);
  Finish(c, *op, /*reload=*/true);
}

// "Following packages shall be activated:", the question, the activation.
void ActivateStage(CommandContext& c, OpPtr op) {
  Device& d = Dev(c);
  InstallWording w(d);
  const SoftwareSet* set = d.install().state().Find(op->version);
  if (set == nullptr) return Fail(c, *op, "No package has been added for activation");
  std::string list = op->name + ": Activating PACKAGE\nFollowing packages shall be activated:\n";
  for (auto it = set->packages.rbegin(); it != set->packages.rend(); ++it) {
    list += w.mount() + *it + "\n";
  }
  c.Print(list + "\n");
  ConfirmReload(c, op, [op](CommandContext& c2) { DoActivate(c2, op); });
}

void AddStage(CommandContext& c, OpPtr op, const std::string& url) {
  Device& d = Dev(c);
  InstallWording w(d);
  c.Print(op->name + ": Adding PACKAGE\n" + op->name +
          ": Checking whether new add is allowed ....\n\n");
  if (!d.image().install_mode && !(op->activate && op->commit)) return Fail(c, *op, kBundleMode);
  Result<ResolvedPath> where = d.file_systems().Resolve(url);
  Result<SoftwareSet> set = where.ok() ? d.install().Add(*where->store, where->path) : where.status();
  if (!set.ok()) {
    const bool missing = set.status().code() == ErrorCode::kNotFound;
    return Fail(c, *op, missing ? "File " + op->display + " does not exist" : set.status().message(),
                std::max(1, d.install().failed_member()));
  }
  op->version = set->version;
  op->conversion = !d.image().install_mode;
  // A stack: the bundle goes from the active to every other member first.
  std::string sync, to, done;
  for (int k = 2; k <= d.stack_members(); ++k) {
    to += (to.empty() ? "" : " ") + std::to_string(k);
    done += " switch " + std::to_string(k);
  }
  if (!to.empty()) {
    sync = "[1]: Copying " + op->display + " from switch 1 to switch " + to + "\n[" + to +
           "]: Finished copying to" + done + "\n";
  }
  c.Print("--- Starting initial file syncing ---\n" + sync + "Info: Finished copying " + op->display +
          " to the selected " + (d.platform().is_switch() ? "switch(es)" : "") +
          "\nFinished initial file syncing\n\n");
  c.Print(w.Phase("Add") + "Image added. Version: " + InstallManager::ImageVersion(op->version) +
          "\n");
  if (!op->activate) return Finish(c, *op, /*reload=*/false);
  ActivateStage(c, op);
}

std::optional<Duration> TimerOf(const CommandContext& c) {
  std::optional<std::string> t = c.After("auto-abort-timer");
  // `install auto-abort-timer stop` has the keyword too, followed by no number.
  if (!t || t->empty() || !std::isdigit(static_cast<unsigned char>((*t)[0]))) return std::nullopt;
  return std::chrono::minutes(std::stoi(*t));
}

OpPtr NewOp(CommandContext& c, std::string name, const std::string& url) {
  auto op = std::make_shared<InstallOp>();
  op->name = std::move(name);
  op->prompt = !c.Has("prompt-level");
  op->timer = TimerOf(c);
  if (!url.empty()) {
    Result<ResolvedPath> where = Dev(c).file_systems().Resolve(url);
    op->display = where.ok() ? where->Display() : url;
    op->fs_path = where.ok() ? "/" + where->spec->name + "/" + where->path : url;
  }
  return op;
}

void InstallAdd(CommandContext& c) {
  const std::string url = c.Var(0);
  const bool activate = c.Has("activate"), commit = c.Has("commit");
  OpPtr op = NewOp(c, std::string("install_add") + (activate ? "_activate" : "") +
                          (commit ? "_commit" : ""), url);
  op->activate = activate;
  op->commit = commit;
  Begin(c, *op);
  if (!activate) return AddStage(c, op, url);
  WhenSaved(c, op, [op, url](CommandContext& c2) { AddStage(c2, op, url); });
}

// The set `install activate` means: the file's release, else the last one added and inactive.
std::string ActivationTarget(CommandContext& c, const std::string& url) {
  Device& d = Dev(c);
  const InstallState& st = d.install().state();
  if (!url.empty()) {
    Result<ResolvedPath> where = d.file_systems().Resolve(url);
    if (!where.ok()) return "";
    Result<ExpansionPlan> plan = d.install().Plan(*where->store, where->path);
    return plan.ok() && st.Find(plan->set.version) ? plan->set.version : "";
  }
  for (auto it = st.sets.rbegin(); it != st.sets.rend(); ++it) {
    if (st.StateOf(it->version) == SetState::kInactive) return it->version;
  }
  return "";
}

void InstallActivate(CommandContext& c) {
  const std::string url = c.Has("file") ? c.Var(0) : "";
  OpPtr op = NewOp(c, "install_activate", url);
  op->activate = true;
  Begin(c, *op);
  if (!Dev(c).image().install_mode) return Fail(c, *op, kBundleMode);
  if (Dev(c).install().state().pending()) {
    return Fail(c, *op, "Another install operation is in progress");
  }
  op->version = ActivationTarget(c, url);
  if (op->version.empty()) return Fail(c, *op, "No package has been added for activation");
  WhenSaved(c, op, [op](CommandContext& c2) { ActivateStage(c2, op); });
}

void InstallCommit(CommandContext& c) {
  OpPtr op = NewOp(c, "install_commit", "");
  Begin(c, *op);
  Device& d = Dev(c);
  if (!d.image().install_mode) return Fail(c, *op, kBundleMode);
  Status s = d.install().Commit();
  if (!s.ok()) return Fail(c, *op, s.message());
  c.Print(InstallWording(d).Phase("Commit"));
  Finish(c, *op, /*reload=*/false);
}

// abort and rollback: the model call after the reload question, then the reload.
void ReloadingOp(CommandContext& c, OpPtr op, const std::string& phase,
                 std::function<Status(InstallManager&)> call) {
  Begin(c, *op);
  Device& d = Dev(c);
  if (!d.image().install_mode) return Fail(c, *op, kBundleMode);
  c.Print("\n");
  ConfirmReload(c, op, [op, phase, call](CommandContext& c2) {
    Device& dev = Dev(c2);
    Status s = call(dev.install());
    if (!s.ok()) return Fail(c2, *op, s.message());
    c2.Print(InstallWording(dev).Phase(phase));
    Finish(c2, *op, /*reload=*/true);
  });
}

void InstallAbort(CommandContext& c) {
  ReloadingOp(c, NewOp(c, "install_abort", ""), "Abort",
              [](InstallManager& m) { return m.Abort(); });
}

void InstallRollback(CommandContext& c) {
  std::optional<int> id;
  if (c.Has("id")) id = std::stoi(*c.After("id"));
  ReloadingOp(c, NewOp(c, "install_rollback", ""), "Rollback",
              [id](InstallManager& m) { return m.RollbackTo(id); });
}

void InstallDeactivate(CommandContext& c) {
  OpPtr op = NewOp(c, "install_deactivate", c.Var(0));
  Begin(c, *op);
  // Only maintenance packages (SMUs) deactivate; the emulator's sets are whole releases.
  Fail(c, *op, op->display + " is not an active SMU package");
}

void InstallTimerStop(CommandContext& c) {
  OpPtr op = NewOp(c, "install_auto_abort_timer", "");
  Begin(c, *op);
  Status s = Dev(c).install().StopAbortTimer();
  if (!s.ok()) return Fail(c, *op, s.message());
  Finish(c, *op, /*reload=*/false);
}

}  // namespace

void RegisterInstallRemoveCommand(cli::CommandSet& set);

void RegisterInstallCommands(cli::CommandSet& set, const PlatformSpec& platform) {
  if (platform.version_style != VersionStyle::kIosXeRouter &&
      platform.version_style != VersionStyle::kCatalyst9k) {
    return;  // classic IOS has no install mode
  }
  const std::vector<std::string> exec = {"exec"};
  const std::string kInstall = "Install commands";
  Declare(set, exec,
          {.syntax = "install add file URL [activate [auto-abort-timer <30-1200>] [commit]] "
                     "[prompt-level none]",
           .help = {kInstall, "Install add", "Specify file to add", "package file",
                    "Activate the package", "Set the auto-abort timer", "Time in minutes",
                    "Commit the changes to the loadpath", "Set prompt level", "No prompts"},
           .privilege = 15},
          InstallAdd);
  Declare(set, exec,
          {.syntax = "install activate [file URL] [auto-abort-timer <30-1200>] [prompt-level none]",
           .help = {kInstall, "Install activate", "Specify file to activate", "package file",
                    "Set the auto-abort timer", "Time in minutes", "Set prompt level",
                    "No prompts"},
           .privilege = 15},
          InstallActivate);
  Declare(set, exec, {.syntax = "install commit", .help = {kInstall, "Commit the changes to the loadpath"}, .privilege = 15},
          InstallCommit);
  Declare(set, exec, {.syntax = "install abort [prompt-level none]", .help = {kInstall, "Abort the current install operation", "Set prompt level", "No prompts"}, .privilege = 15},
          InstallAbort);
  Declare(set, exec,
          {.syntax = "install rollback to (committed|id <1-4294967295>) [prompt-level none]",
           .help = {kInstall, "Rollback to a previous installation point", "Rollback to",
                    "Rollback to last committed installation point", "Rollback to a specific ID",
                    "ID number", "Set prompt level", "No prompts"},
           .privilege = 15},
          InstallRollback);
  Declare(set, exec, {.syntax = "install deactivate file URL", .help = {kInstall, "Install deactivate", "Specify file to deactivate", "package file"}, .privilege = 15},
          InstallDeactivate);
  Declare(set, exec, {.syntax = "install auto-abort-timer stop", .help = {kInstall, "Install auto-abort-timer", "Stop the auto-abort timer"}, .privilege = 15},
          InstallTimerStop);
  RegisterInstallRemoveCommand(set);
}

}  // namespace iosup
