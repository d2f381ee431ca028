#include "upgrade/upgrade_commands.h"

#include <algorithm>

namespace iosup::upgrade {

namespace {

std::string Scheme(TransferProtocol p) {
  switch (p) {
    case TransferProtocol::kTftp: return "tftp";
    case TransferProtocol::kFtp: return "ftp";
    case TransferProtocol::kHttp: return "http";
    case TransferProtocol::kScp: return "scp";
    case TransferProtocol::kPush: return "scp";
  }
  return "tftp";
}

std::string Url(const TransferPolicy& t, const std::string& file, bool mask) {
  std::string url = Scheme(t.protocol) + "://";
  if (!t.username.empty() && t.protocol != TransferProtocol::kTftp) {
    url += t.username;
    if (!t.password.empty()) url += ":" + (mask ? std::string("*") : t.password);
    url += "@";
  }
  url += t.server + "/";
  if (!t.path.empty()) url += t.path + "/";
  return url + file;
}

}  // namespace

const std::vector<DialogAnswer> kCopyAnswers = {
    {"Destination filename [", ""},
    {"Do you want to over write? [confirm]", ""},
};
const std::vector<DialogAnswer> kSaveAnswers = {{"Destination filename [", ""}};
// The boot step saved the configuration just before, so a "modified" question means something
// changed behind the orchestrator's back: it is not saved blindly.
const std::vector<DialogAnswer> kReloadAnswers = {
    {"Save? [yes/no]:", "no"},
    {"Proceed with reload? [confirm]", ""},
};

const std::vector<DialogAnswer> kInstallAnswers = {
    {"[y/n]", "y"},
    {"Save? [yes/no]:", "no"},
};

std::string InstallAddCommand(const std::string& image_path) { return "install add file " + image_path; }
std::string InstallActivateCommand(int auto_abort_minutes) {
  return "install activate auto-abort-timer " + std::to_string(auto_abort_minutes) + " prompt-level none";
}
std::string InstallOneShotCommand(const std::string& image_path) {
  return InstallAddCommand(image_path) + " activate commit prompt-level none";
}
std::string InstallCommitCommand() { return "install commit"; }
std::string InstallAbortCommand() { return "install abort"; }
std::string InstallRollbackCommand(int rollback_id) { return "install rollback to id " + std::to_string(rollback_id); }
std::string InstallRemoveInactiveCommand() { return "install remove inactive"; }

std::string SourceUrl(const TransferPolicy& transfer, const std::string& file) {
  return Url(transfer, file, false);
}

std::string MaskedUrl(const TransferPolicy& transfer, const std::string& file) {
  return Url(transfer, file, true);
}

std::string CopyCommand(const TransferPolicy& transfer, const TargetImage& target,
                        const std::string& target_path) {
  return "copy " + SourceUrl(transfer, target.file) + " " + target_path;
}

std::string DeleteCommand(const std::string& path) { return "delete /force " + path; }

std::string VerifyCommand(bool sha512, const std::string& path) {
  return std::string(sha512 ? "verify /sha512 " : "verify /md5 ") + path;
}

std::string BackupCommand(const TransferPolicy& transfer, const std::string& hostname,
                          const std::string& run_id) {
  return "copy running-config " + SourceUrl(transfer, hostname + "-" + run_id + "-confg");
}

std::vector<std::string> BootLines(const std::vector<std::string>& current,
                                   const std::vector<std::string>& wanted) {
  std::vector<std::string> lines;
  if (current == wanted) return lines;
  for (const std::string& b : current) lines.push_back("no boot system " + b);
  for (const std::string& b : wanted) lines.push_back("boot system " + b);
  return lines;
}

std::vector<std::string> WantedBoot(const std::string& new_path, const std::string& old_path,
                                    bool keep_old) {
  std::vector<std::string> wanted = {new_path};
  if (keep_old && !old_path.empty() && old_path != new_path) wanted.push_back(old_path);
  return wanted;
}

std::string SaveCommand() { return "copy running-config startup-config"; }

std::string ReloadCommand(const ReloadPolicy& reload) {
  switch (reload.mode) {
    case ReloadMode::kNow: return "reload";
    case ReloadMode::kIn: return "reload in " + std::to_string(reload.minutes);
    case ReloadMode::kWindow: return "reload at " + reload.window_start;
  }
  return "reload";
}

}  // namespace iosup::upgrade
