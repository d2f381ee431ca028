// Every command the orchestrator sends that changes a device, built from the policy and the
// readiness decision. The run and `--plan` both use these, so the plan is what the run sends.
#ifndef IOSUP_UPGRADE_UPGRADE_COMMANDS_H_
#define IOSUP_UPGRADE_UPGRADE_COMMANDS_H_

#include <string>
#include <vector>

#include "upgrade/cli_channel.h"
#include "upgrade/policy.h"

namespace iosup::upgrade {

// "tftp://192.168.1.100/images/f.bin", "ftp://user:pass@h/f.bin", "scp://user:pass@h/f.bin".
std::string SourceUrl(const TransferPolicy& transfer, const std::string& file);
// The same with the password masked ("ftp://user:*@h/f.bin"), for plans, logs and reports.
std::string MaskedUrl(const TransferPolicy& transfer, const std::string& file);

// "copy tftp://192.168.1.100/f.bin bootflash:f.bin" (device pulls; not used for kPush).
std::string CopyCommand(const TransferPolicy& transfer, const TargetImage& target,
                        const std::string& target_path);
std::string DeleteCommand(const std::string& path);  // "delete /force bootflash:x"
// "verify /md5 flash:x" or "verify /sha512 flash:x".
std::string VerifyCommand(bool sha512, const std::string& path);
// "copy running-config tftp://192.168.1.100/R1-20261121-101500-confg". Not for a push policy,
// which has no server to copy to (Policy::EffectiveBackup).
std::string BackupCommand(const TransferPolicy& transfer, const std::string& hostname,
                          const std::string& run_id);

// Configuration lines that make `wanted` the boot statements, in order, replacing `current`.
std::vector<std::string> BootLines(const std::vector<std::string>& current,
                                   const std::vector<std::string>& wanted);
// The boot statements the boot step wants: the new image first, then the old one as fallback
// when the policy keeps it.
std::vector<std::string> WantedBoot(const std::string& new_path, const std::string& old_path,
                                    bool keep_old);
std::string SaveCommand();  // "copy running-config startup-config"

// "reload", "reload in 5", "reload at 02:00". The reload dialogs are answered by kReloadAnswers.
std::string ReloadCommand(const ReloadPolicy& reload);

// IOS-XE install mode. `image_path` is the staged .bin ("flash:cat9k_iosxe.17.09.04a.SPA.bin").
std::string InstallAddCommand(const std::string& image_path);  // "install add file flash:x.bin"
// "install activate auto-abort-timer 150 prompt-level none": the device reloads into the new
// packages and rolls back by itself unless committed within the timer.
std::string InstallActivateCommand(int auto_abort_minutes);
// "install add file flash:x.bin activate commit prompt-level none", as pyntc sends it.
std::string InstallOneShotCommand(const std::string& image_path);
std::string InstallCommitCommand();                   // "install commit"
std::string InstallAbortCommand();                    // "install abort"
std::string InstallRollbackCommand(int rollback_id);  // "install rollback to id 3"
std::string InstallRemoveInactiveCommand();           // "install remove inactive"

// The prompt table, as data.
extern const std::vector<DialogAnswer> kCopyAnswers;    // Destination filename, overwrite
extern const std::vector<DialogAnswer> kSaveAnswers;    // Destination filename [startup-config]?
extern const std::vector<DialogAnswer> kReloadAnswers;  // Save? [yes/no]: no; [confirm]
// IOS-XE's "Do you want to proceed? [y/n]" (and the remove list's question): y. Asked even with
// prompt-level none by some releases; the save question as for a reload.
extern const std::vector<DialogAnswer> kInstallAnswers;

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_UPGRADE_COMMANDS_H_
