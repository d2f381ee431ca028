// How to upgrade: the target image per platform family with its published hashes and size, where
// the device gets it from, and how carefully to roll it out.
//
//   images:
//     - family: isr4300                     # image-name platform (see catalog/image_name.h)
//       file: isr4300-universalk9.16.12.04.SPA.bin
//       version: 16.12.04                   # optional: from the file name
//       md5: 3a8d...                        # published MD5 (required)
//       sha512: ...                         # optional; verified too when given
//       size: 521347072                     # bytes (required)
//   transfer:
//     protocol: tftp                        # tftp | ftp | http | scp (device pulls) | push (iosup SCPs)
//     server: 192.168.1.100                 # as the devices reach it
//     path: ""                              # directory on the server, optional
//     username: / password:                 # ftp and scp pulls
//     local_dir: ./images                   # push: where the images are on this machine
//   keep_old_as_fallback: true
//   reload: {mode: now}                     # now | in (minutes: N) | window (start: "02:00", end: "04:00")
//   reload_stagger_seconds: 0
//   boot_timeout_seconds: 0                 # 0: from the platform's boot time
//   waves: [1, 50%, 100%]                   # a canary of 1, then cumulative shares of the fleet
//                                           # (counts first, shares growing; devices the last
//                                           # wave leaves form one more wave)
//   max_parallel_copies: 4
//   max_parallel_reloads: 2
//   failure_budget: 0                       # failures a wave may have before the run halts
//   post_checks: [version, boot, config_register, interfaces, cdp, ospf, lldp, routes]
//   neighbor_wait_seconds: 90               # CDP, OSPF, LLDP neighbours and routes lost after the
//                                           # reload may return within this (0: compare once)
//   free_space_margin: 1048576              # bytes kept free beyond the image (default per platform)
//   deletable: ["*.bin"]                    # files readiness may delete when short (never the
//                                           # running image nor a boot target)
//   backup: server                          # server | local | none
//   rollback: true                          # boot the old image again when post-checks fail
//   soak_hours: 168                         # clean-up waits this long after the upgrade
//   mode: auto                              # IOS-XE: auto (keep the device's mode) | install | bundle
//   convert_to_install: false               # auto mode: bring bundle-mode IOS-XE devices to install mode
//   install:
//     steps: separate                       # separate: add, activate (auto-abort timer), post-check,
//                                           # commit | one_shot: install add file ... activate commit
//     resume_uncommitted: commit            # an activation a killed run left: commit | abort
//     auto_abort_minutes: 0                 # 0: the boot timeout plus 30 minutes
//     expanded_percent: 120                 # the packages' size as a share of the .bin's
#ifndef IOSUP_UPGRADE_POLICY_H_
#define IOSUP_UPGRADE_POLICY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace iosup::upgrade {

struct TargetImage {
  std::string family;   // "isr4300", "c2960"
  std::string file;
  std::string version;  // as in the file name's anatomy: "16.12.04", "15.2(7)E9"
  std::string md5;      // lowercase hex
  std::string sha512;   // lowercase hex or empty
  uint64_t size = 0;
};

enum class TransferProtocol { kTftp, kFtp, kHttp, kScp, kPush };

struct TransferPolicy {
  TransferProtocol protocol = TransferProtocol::kTftp;
  std::string server;
  std::string path;  // directory on the server, no leading or trailing '/'
  std::string username, password;
  std::string local_dir;  // kPush
};

enum class ReloadMode { kNow, kIn, kWindow };
struct ReloadPolicy {
  ReloadMode mode = ReloadMode::kNow;
  int minutes = 0;                      // kIn
  std::string window_start, window_end;  // kWindow, "HH:MM" local to the device clock
  int stagger_seconds = 0;
  int boot_timeout_seconds = 0;  // 0: derived from the platform's boot time
};

enum class BackupMode { kServer, kLocal, kNone };

// How an IOS-XE device is upgraded: keeping the mode it booted in, or into one of them.
enum class BootModePolicy { kAuto, kInstall, kBundle };
enum class InstallSteps { kSeparate, kOneShot };
enum class ResumeUncommitted { kCommit, kAbort };
struct InstallPolicy {
  BootModePolicy mode = BootModePolicy::kAuto;
  bool convert_to_install = false;
  // kSeparate commits only after the post-checks pass, and the auto-abort timer rolls the
  // device back by itself when the run never gets there; kOneShot commits at once.
  InstallSteps steps = InstallSteps::kSeparate;
  // A resumed run that finds its own activation uncommitted: commit after the post-checks pass,
  // or abort it at once.
  ResumeUncommitted uncommitted = ResumeUncommitted::kCommit;
  int auto_abort_minutes = 0;  // 0: derived from the boot timeout
  int expanded_percent = 120;  // `install add` writes packages of this share of the image's size
};

struct Wave {
  int count = 0;        // absolute number of devices (a canary) when percent == 0
  int percent = 0;      // cumulative share of the fleet reached by the end of this wave
};

struct Policy {
  std::vector<TargetImage> images;
  TransferPolicy transfer;
  bool keep_old_as_fallback = true;
  ReloadPolicy reload;
  std::vector<Wave> waves;  // empty: one wave with everything
  int max_parallel_copies = 4;
  int max_parallel_reloads = 2;
  int failure_budget = 0;
  std::vector<std::string> post_checks = {"version", "boot", "config_register", "interfaces",
                                          "cdp",     "ospf", "lldp",            "routes"};
  // Neighbours come back only as their protocol's messages arrive after the boot: an OSPF
  // adjacency on a broadcast segment may wait out the dead interval (40 s by default) before it
  // forms, CDP advertises every 60 s. The post-check looks again until they are back or this
  // has passed since the device came back.
  int neighbor_wait_seconds = 90;
  std::optional<uint64_t> free_space_margin;
  std::vector<std::string> deletable;  // glob patterns
  BackupMode backup = BackupMode::kServer;
  bool rollback = true;
  int soak_hours = 168;
  InstallPolicy install;

  // The image for a family ("c2960"), or nullptr.
  const TargetImage* ImageFor(std::string_view family) const;
  bool Checks(std::string_view name) const;  // whether `name` is in post_checks
  // The backup a run makes: a push policy names no server the device copies to, so its server
  // backup is kept locally.
  BackupMode EffectiveBackup() const {
    return backup == BackupMode::kServer && transfer.protocol == TransferProtocol::kPush
               ? BackupMode::kLocal
               : backup;
  }
};

// Errors are kInvalidArgument in the file's words ("images[0]: md5 must be 32 hex digits",
// "reload: unknown mode 'later'", "waves: 150% is more than the fleet"), with "(line N)" where a
// value is at fault and "line N: ..." for YAML syntax. Unknown keys are errors, never ignored.
// An image's file must parse as an image name (catalog/image_name.h): `family` and `version`
// default to the name's and must agree with it when given.
Result<Policy> ParsePolicy(const std::string& yaml_text);
Result<Policy> LoadPolicy(const std::string& path);

// Splits `fleet_size` devices into wave sizes (each >= 1, summing to fleet_size): a count adds
// that many devices, a percentage reaches ceil(percent * fleet_size / 100) devices in all; a
// wave that would add none is dropped; no waves is one wave of everything.
std::vector<int> WaveSizes(const std::vector<Wave>& waves, int fleet_size);

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_POLICY_H_
