#include "upgrade/policy.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <numeric>

namespace iosup::upgrade {
namespace {

constexpr char kSeedPolicy[] = R"(
images:
  - family: isr4300
    file: isr4300-universalk9.16.12.04.SPA.bin
    version: 16.12.04
    md5: 4970123DA3339CB1897035E344DD0500
    size: 521347072
  - file: c2960-lanbasek9-mz.152-7.E9.bin
    md5: 216e0a5a9d13befaada86af64819d74a
    sha512: ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789
    size: 12582912
transfer:
  protocol: tftp
  server: 192.168.1.100
  path: /images/ios/
keep_old_as_fallback: true
reload: {mode: in, minutes: 5}
reload_stagger_seconds: 30
boot_timeout_seconds: 900
waves: [1, 50%, 100%]
max_parallel_copies: 8
max_parallel_reloads: 1
failure_budget: 2
post_checks: [version, boot, interfaces]
neighbor_wait_seconds: 45
free_space_margin: 1048576
deletable: ["c2960-*.bin", "*.old"]
backup: local
rollback: false
soak_hours: 48
)";

TEST(Policy, EveryField) {
  Result<Policy> p = ParsePolicy(kSeedPolicy);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->images.size(), 2u);
  const TargetImage* isr = p->ImageFor("isr4300");
  ASSERT_NE(isr, nullptr);
  EXPECT_EQ(isr->file, "isr4300-universalk9.16.12.04.SPA.bin");
  EXPECT_EQ(isr->version, "16.12.04");
  EXPECT_EQ(isr->md5, "4970123da3339cb1897035e344dd0500");  // lowercased
  EXPECT_EQ(isr->size, 521347072u);
  EXPECT_EQ(isr->sha512, "");
  const TargetImage* sw = p->ImageFor("c2960");  // family and version from the file name
  ASSERT_NE(sw, nullptr);
  EXPECT_EQ(sw->version, "15.2(7)E9");
  EXPECT_EQ(sw->sha512.substr(0, 8), "abcdef01");
  EXPECT_EQ(p->ImageFor("cat9k"), nullptr);
  EXPECT_EQ(p->transfer.protocol, TransferProtocol::kTftp);
  EXPECT_EQ(p->transfer.server, "192.168.1.100");
  EXPECT_EQ(p->transfer.path, "images/ios");
  EXPECT_TRUE(p->keep_old_as_fallback);
  EXPECT_EQ(p->reload.mode, ReloadMode::kIn);
  EXPECT_EQ(p->reload.minutes, 5);
  EXPECT_EQ(p->reload.stagger_seconds, 30);
  EXPECT_EQ(p->reload.boot_timeout_seconds, 900);
  ASSERT_EQ(p->waves.size(), 3u);
  EXPECT_EQ(p->waves[0].count, 1);
  EXPECT_EQ(p->waves[0].percent, 0);
  EXPECT_EQ(p->waves[1].percent, 50);
  EXPECT_EQ(p->waves[2].percent, 100);
  EXPECT_EQ(p->max_parallel_copies, 8);
  EXPECT_EQ(p->max_parallel_reloads, 1);
  EXPECT_EQ(p->failure_budget, 2);
  EXPECT_TRUE(p->Checks("boot"));
  EXPECT_FALSE(p->Checks("ospf"));
  EXPECT_EQ(p->neighbor_wait_seconds, 45);
  EXPECT_EQ(p->free_space_margin, 1048576u);
  EXPECT_EQ(p->deletable, (std::vector<std::string>{"c2960-*.bin", "*.old"}));
  EXPECT_EQ(p->backup, BackupMode::kLocal);
  EXPECT_FALSE(p->rollback);
  EXPECT_EQ(p->soak_hours, 48);
}

constexpr char kMinimal[] =
    "images:\n"
    "  - {file: cat9k_iosxe.17.09.04a.SPA.bin, md5: 0123456789abcdef0123456789abcdef, size: "
    "1200000000}\n"
    "transfer: {server: 10.9.9.9}\n";

TEST(Policy, Defaults) {
  Result<Policy> p = ParsePolicy(kMinimal);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->images[0].family, "cat9k");
  EXPECT_EQ(p->images[0].version, "17.09.04a");
  EXPECT_EQ(p->transfer.protocol, TransferProtocol::kTftp);
  EXPECT_EQ(p->reload.mode, ReloadMode::kNow);
  EXPECT_TRUE(p->waves.empty());
  EXPECT_EQ(p->max_parallel_copies, 4);
  EXPECT_EQ(p->max_parallel_reloads, 2);
  EXPECT_EQ(p->failure_budget, 0);
  for (const char* check : {"version", "boot", "config_register", "interfaces", "cdp", "ospf", "lldp", "routes"}) {
    EXPECT_TRUE(p->Checks(check)) << check;
  }
  EXPECT_EQ(p->neighbor_wait_seconds, 90);
  EXPECT_FALSE(p->free_space_margin.has_value());
  EXPECT_EQ(p->backup, BackupMode::kServer);
  EXPECT_TRUE(p->rollback);
  EXPECT_EQ(p->soak_hours, 168);
  EXPECT_EQ(p->install.mode, BootModePolicy::kAuto);
  EXPECT_FALSE(p->install.convert_to_install);
  EXPECT_EQ(p->install.steps, InstallSteps::kSeparate);
  EXPECT_EQ(p->install.uncommitted, ResumeUncommitted::kCommit);
  EXPECT_EQ(p->install.auto_abort_minutes, 0);
  EXPECT_EQ(p->install.expanded_percent, 120);
}

// kMinimal with `extra` appended (top-level settings).
std::string With(const std::string& extra) { return std::string(kMinimal) + extra; }

void ExpectError(const std::string& yaml, const std::string& message) {
  Result<Policy> p = ParsePolicy(yaml);
  ASSERT_FALSE(p.ok()) << "accepted:\n" << yaml;
  EXPECT_EQ(p.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(p.status().message(), message);
}

std::string Image(const std::string& fields) {
  return "images:\n  - {" + fields + "}\ntransfer: {server: 10.9.9.9}\n";
}

TEST(Policy, ImageValidation) {
  const std::string md5 = "md5: 0123456789abcdef0123456789abcdef";
  ExpectError(Image("file: c2960-lanbasek9-mz.152-7.E9.bin, md5: 0123, size: 1"),
              "images[0]: md5 must be 32 hex digits (line 2)");
  ExpectError(
      Image(
          "file: c2960-lanbasek9-mz.152-7.E9.bin, md5: 0123456789abcdef0123456789abcdeg, size: 1"),
      "images[0]: md5 must be 32 hex digits (line 2)");
  ExpectError(Image("file: c2960-lanbasek9-mz.152-7.E9.bin, size: 1"),
              "images[0]: no md5 (the published MD5 is required)");
  ExpectError(Image("file: c2960-lanbasek9-mz.152-7.E9.bin, " + md5 + ", sha512: abc, size: 1"),
              "images[0]: sha512 must be 128 hex digits (line 2)");
  ExpectError(Image("file: c2960-lanbasek9-mz.152-7.E9.bin, " + md5 + ", size: 0"),
              "images[0]: size must be a whole number >= 1, not '0' (line 2)");
  ExpectError(Image("file: c2960-lanbasek9-mz.152-7.E9.bin, " + md5 + ", size: 12M"),
              "images[0]: size must be a whole number >= 1, not '12M' (line 2)");
  ExpectError(Image("file: c2960-lanbasek9-mz.152-7.E9.bin, " + md5), "images[0]: no size (bytes)");
  ExpectError(Image("family: c3750, file: c2960-lanbasek9-mz.152-7.E9.bin, " + md5 + ", size: 1"),
              "images[0]: family c3750 does not match the file's c2960");
  ExpectError(
      Image("file: c2960-lanbasek9-mz.152-7.E9.bin, version: 15.2(7)E8, " + md5 + ", size: 1"),
      "images[0]: version 15.2(7)E8 does not match the file's 15.2(7)E9");
  ExpectError(Image("file: firmware.bin, " + md5 + ", size: 1"),
              "images[0]: file 'firmware.bin' is not a Cisco image name (e.g. "
              "c2960-lanbasek9-mz.152-7.E9.bin, isr4300-universalk9.16.12.04.SPA.bin)");
  ExpectError(Image("file: flash:c2960-lanbasek9-mz.152-7.E9.bin, " + md5 + ", size: 1"),
              "images[0]: file 'flash:c2960-lanbasek9-mz.152-7.E9.bin' must be a bare file name");
  ExpectError(Image(md5 + ", size: 1"), "images[0]: no file");
  ExpectError("transfer: {server: 10.9.9.9}\n", "images: no image (one per platform family)");
  ExpectError(
      "images:\n"
      "  - {file: c2960-lanbasek9-mz.152-7.E9.bin, " +
          md5 +
          ", size: 1}\n"
          "  - {file: c2960-lanbasek9-mz.152-7.E6.bin, " +
          md5 +
          ", size: 1}\n"
          "transfer: {server: 10.9.9.9}\n",
      "images[1]: a second image for family c2960");
}

TEST(Policy, VersionGivenInAnotherDisplayForm) {
  Result<Policy> p =
      ParsePolicy(Image("file: isr4300-universalk9.16.12.04.SPA.bin, version: 16.12.4, "
                        "md5: 0123456789abcdef0123456789abcdef, size: 1"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->images[0].version, "16.12.04");
}

TEST(Policy, Transfer) {
  const std::string image =
      "images:\n  - {file: cat9k_iosxe.17.09.04a.SPA.bin, md5: 0123456789abcdef0123456789abcdef, "
      "size: 1}\n";
  ExpectError(image + "transfer: {protocol: rsync, server: a}\n",
              "transfer: unknown protocol 'rsync' (tftp, ftp, http, scp or push) (line 3)");
  ExpectError(image + "transfer: {protocol: push}\nbackup: none\n",
              "transfer: push needs local_dir");
  ExpectError(image + "transfer: {protocol: scp, server: a}\n", "transfer: scp needs username");
  ExpectError(image + "transfer: {protocol: ftp}\n",
              "transfer: no server (the address the devices reach it at)");
  ExpectError(image, "transfer: missing (protocol and server)");
  ExpectError(image + "transfer: {protocol: tftp, server: [a, b]}\n",
              "transfer: server must be a single value (line 3)");
  ExpectError(image + "transfer: {protocol: push, local_dir: ./images}\n",
              "backup: server needs transfer.server (push has none; use local or none)");

  Result<Policy> push =
      ParsePolicy(image + "transfer: {protocol: push, local_dir: ./images}\nbackup: none\n");
  ASSERT_TRUE(push.ok()) << push.status().ToString();
  EXPECT_EQ(push->transfer.protocol, TransferProtocol::kPush);
  EXPECT_EQ(push->transfer.local_dir, "./images");
  EXPECT_EQ(push->backup, BackupMode::kNone);
  EXPECT_EQ(push->EffectiveBackup(), BackupMode::kNone);
  // A push policy that also names a server still has no server copy: its backup stays local.
  Result<Policy> push_with_server = ParsePolicy(
      image + "transfer: {protocol: push, local_dir: ./images, server: 10.0.0.5}\n");
  ASSERT_TRUE(push_with_server.ok()) << push_with_server.status().ToString();
  EXPECT_EQ(push_with_server->backup, BackupMode::kServer);
  EXPECT_EQ(push_with_server->EffectiveBackup(), BackupMode::kLocal);

  Result<Policy> scp =
      ParsePolicy(image + "transfer: {protocol: scp, server: a, username: u, password: p}\n");
  ASSERT_TRUE(scp.ok()) << scp.status().ToString();
  EXPECT_EQ(scp->transfer.protocol, TransferProtocol::kScp);
  EXPECT_EQ(scp->transfer.username, "u");
  EXPECT_EQ(scp->transfer.password, "p");
}

TEST(Policy, ReloadModes) {
  Result<Policy> window =
      ParsePolicy(With("reload: {mode: window, start: \"22:30\", end: \"04:00\"}\n"));
  ASSERT_TRUE(window.ok()) << window.status().ToString();
  EXPECT_EQ(window->reload.mode, ReloadMode::kWindow);
  EXPECT_EQ(window->reload.window_start, "22:30");
  EXPECT_EQ(window->reload.window_end, "04:00");

  ExpectError(With("reload: {mode: later}\n"), "reload: unknown mode 'later' (now, in or window)");
  ExpectError(With("reload: {mode: in}\n"), "reload: mode in needs minutes");
  ExpectError(With("reload: {mode: in, minutes: 0}\n"),
              "reload: minutes must be a whole number from 1 to 34560, not '0' (line 4)");
  ExpectError(With("reload: {mode: now, minutes: 5}\n"), "reload: minutes is for mode in");
  ExpectError(With("reload: {minutes: 5}\n"), "reload: minutes is for mode in");
  ExpectError(With("reload: {mode: window, start: \"02:00\"}\n"),
              "reload: window needs end (\"HH:MM\")");
  ExpectError(With("reload: {mode: window, start: \"24:00\", end: \"04:00\"}\n"),
              "reload: start '24:00' is not HH:MM (line 4)");
  ExpectError(With("reload: {mode: window, start: \"2:00\", end: \"04:00\"}\n"),
              "reload: start '2:00' is not HH:MM (line 4)");
  ExpectError(With("reload: {mode: window, start: \"02:00\", end: \"02:00\"}\n"),
              "reload: window start and end are the same");
  ExpectError(With("reload: {mode: in, minuts: 5}\n"),
              "reload: unknown key 'minuts' (did you mean 'minutes'?) (line 4)");
  ExpectError(With("reload: now\n"), "reload: expected key: value settings (line 4)");
}

TEST(Policy, Waves) {
  Result<Policy> p = ParsePolicy(With("waves: [2, 5, 25%, 60%, 100%]\n"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->waves.size(), 5u);
  EXPECT_EQ(p->waves[1].count, 5);
  EXPECT_EQ(p->waves[3].percent, 60);
  ExpectError(With("waves: [1, 150%]\n"), "waves: 150% is more than the fleet");
  ExpectError(With("waves: [60%, 50%]\n"), "waves: 50% after 60% does not reach further");
  ExpectError(With("waves: [50%, 3]\n"),
              "waves: a count (3) after a percentage; counts come first");
  ExpectError(With("waves: [1, half]\n"),
              "waves[1]: 'half' is neither a count nor a percentage (line 4)");
  ExpectError(With("waves: [0, 100%]\n"), "waves[0]: '0' is an empty wave (line 4)");
  ExpectError(With("waves: 50%\n"), "waves: expected a list like [1, 50%, 100%] (line 4)");
}

TEST(Policy, ScalarsAndLists) {
  ExpectError(With("max_parallel_copies: 0\n"),
              "max_parallel_copies must be a whole number from 1 to 2147483647, not '0' (line 4)");
  ExpectError(
      With("max_parallel_reloads: -1\n"),
      "max_parallel_reloads must be a whole number from 1 to 2147483647, not '-1' (line 4)");
  ExpectError(With("failure_budget: many\n"),
              "failure_budget must be a whole number from 0 to 2147483647, not 'many' (line 4)");
  ExpectError(With("rollback: maybe\n"), "rollback must be true or false, not 'maybe' (line 4)");
  ExpectError(With("backup: tape\n"),
              "backup: unknown mode 'tape' (server, local or none) (line 4)");
  ExpectError(
      With("post_checks: [version, bgp]\n"),
      "post_checks: unknown check 'bgp' (version, boot, config_register, interfaces, cdp, ospf, lldp, routes)");
  ExpectError(With("deletable: \"*.bin\"\n"), "deletable: expected a list (line 4)");
  ExpectError(With("free_space_margin: -5\n"),
              "free_space_margin must be a whole number >= 0, not '-5' (line 4)");

  Result<Policy> p =
      ParsePolicy(With("post_checks: []\nrollback: No\nkeep_old_as_fallback: off\n"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_TRUE(p->post_checks.empty());
  EXPECT_FALSE(p->rollback);
  EXPECT_FALSE(p->keep_old_as_fallback);
}

TEST(Policy, InstallMode) {
  Result<Policy> p = ParsePolicy(With(
      "mode: install\nconvert_to_install: true\n"
      "install: {steps: one_shot, resume_uncommitted: abort, auto_abort_minutes: 45, expanded_percent: 130}\n"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->install.mode, BootModePolicy::kInstall);
  EXPECT_TRUE(p->install.convert_to_install);
  EXPECT_EQ(p->install.steps, InstallSteps::kOneShot);
  EXPECT_EQ(p->install.uncommitted, ResumeUncommitted::kAbort);
  EXPECT_EQ(p->install.auto_abort_minutes, 45);
  EXPECT_EQ(p->install.expanded_percent, 130);
  ExpectError(With("mode: packages\n"), "mode: unknown value 'packages' (auto, install, bundle) (line 4)");
  ExpectError(With("install: {steps: two}\n"),
              "install: steps: unknown value 'two' (separate, one_shot) (line 4)");
  ExpectError(With("install: {auto_abort_minutes: 5}\n"),
              "install: auto_abort_minutes must be a whole number from 30 to 1200, not '5' (line 4)");
  ExpectError(With("install: {step: separate}\n"),
              "install: unknown key 'step' (did you mean 'steps'?) (line 4)");
  ExpectError(With("mode: bundle\nconvert_to_install: true\n"),
              "convert_to_install: true contradicts mode: bundle");
}

TEST(Policy, TyposAreErrorsNotDefaults) {
  ExpectError(With("relaod: {mode: now}\n"),
              "policy: unknown key 'relaod' (did you mean 'reload'?) (line 4)");
  ExpectError(
      With("max_paralel_copies: 2\n"),
      "policy: unknown key 'max_paralel_copies' (did you mean 'max_parallel_copies'?) (line 4)");
  ExpectError(
      Image(
          "file: c2960-lanbasek9-mz.152-7.E9.bin, md55: 0123456789abcdef0123456789abcdef, size: 1"),
      "images[0]: unknown key 'md55' (did you mean 'md5'?) (line 2)");
  ExpectError(
      "images:\n  - {file: c2960-lanbasek9-mz.152-7.E9.bin, md5: 0123456789abcdef0123456789abcdef, "
      "size: 1}\n"
      "transfer: {server: a, protocl: tftp}\n",
      "transfer: unknown key 'protocl' (did you mean 'protocol'?) (line 3)");
  ExpectError(With("colour: blue\n"), "policy: unknown key 'colour' (line 4)");
}

TEST(Policy, YamlSyntaxErrorNamesTheLine) {
  Result<Policy> p = ParsePolicy("images:\n  - {file: a\ntransfer: [\n");
  ASSERT_FALSE(p.ok());
  EXPECT_TRUE(p.status().message().starts_with("line ")) << p.status().message();
}

TEST(Policy, LoadPrefixesErrorsWithThePath) {
  const std::string path =
      ::testing::TempDir() + "/policy_test_" + std::to_string(::getpid()) + ".yaml";
  {
    std::ofstream out(path);
    out << kMinimal;
  }
  Result<Policy> ok = LoadPolicy(path);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->images[0].family, "cat9k");
  {
    std::ofstream out(path);
    out << With("reload: {mode: later}\n");
  }
  Result<Policy> bad = LoadPolicy(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), path + ": reload: unknown mode 'later' (now, in or window)");
  std::remove(path.c_str());
  EXPECT_FALSE(LoadPolicy(path).ok());
}

// --- WaveSizes

std::vector<Wave> Waves(std::initializer_list<const char*> spec) {
  std::vector<Wave> out;
  for (std::string s : spec) {
    if (s.ends_with('%')) {
      out.push_back({.percent = std::stoi(s)});
    } else {
      out.push_back({.count = std::stoi(s)});
    }
  }
  return out;
}

TEST(WaveSizes, CanaryThenCumulativeShares) {
  EXPECT_EQ(WaveSizes(Waves({"1", "50%", "100%"}), 10), (std::vector<int>{1, 4, 5}));
  EXPECT_EQ(WaveSizes(Waves({"1", "50%", "100%"}), 3), (std::vector<int>{1, 1, 1}));
  EXPECT_EQ(WaveSizes(Waves({"1", "50%", "100%"}), 1), (std::vector<int>{1}));
  EXPECT_EQ(WaveSizes(Waves({"1", "50%", "100%"}), 1000), (std::vector<int>{1, 499, 500}));
  EXPECT_EQ(WaveSizes(Waves({"2", "5", "25%", "100%"}), 40), (std::vector<int>{2, 5, 3, 30}));
  // Rounding up: 10% of 5 devices is one device, not none.
  EXPECT_EQ(WaveSizes(Waves({"10%", "100%"}), 5), (std::vector<int>{1, 4}));
  // Canaries larger than the fleet take all of it.
  EXPECT_EQ(WaveSizes(Waves({"5", "100%"}), 3), (std::vector<int>{3}));
}

TEST(WaveSizes, RestOfTheFleetIsAFinalWave) {
  EXPECT_EQ(WaveSizes({}, 7), (std::vector<int>{7}));
  EXPECT_EQ(WaveSizes(Waves({"1"}), 5), (std::vector<int>{1, 4}));
  EXPECT_EQ(WaveSizes(Waves({"1", "50%"}), 10), (std::vector<int>{1, 4, 5}));
  EXPECT_TRUE(WaveSizes(Waves({"1", "100%"}), 0).empty());
}

TEST(WaveSizes, NeverEmptyAndAlwaysTheWholeFleet) {
  const std::vector<std::vector<Wave>> plans = {{},
                                                Waves({"1"}),
                                                Waves({"1", "50%", "100%"}),
                                                Waves({"3", "10%", "20%", "90%"}),
                                                Waves({"25%", "50%", "75%", "100%"}),
                                                Waves({"1", "2", "3", "99%", "100%"}),
                                                Waves({"1%"})};
  for (size_t plan = 0; plan < plans.size(); ++plan) {
    for (int fleet = 1; fleet <= 300; ++fleet) {
      std::vector<int> sizes = WaveSizes(plans[plan], fleet);
      EXPECT_EQ(std::accumulate(sizes.begin(), sizes.end(), 0), fleet)
          << "plan " << plan << " fleet " << fleet;
      for (int s : sizes) ASSERT_GE(s, 1) << "plan " << plan << " fleet " << fleet;
    }
  }
}

}  // namespace
}  // namespace iosup::upgrade
