// A real client drives install mode: Debian's Netmiko (netmiko_install.py) runs the whole
// `install add ... activate commit` dialog over SSH against a Catalyst 9300 of an in-process lab,
// through the reload, and finds the new release committed. The lab runs on its own thread with
// the wall clock; the tool is a child process on loopback.
#include <gtest/gtest.h>

#include <asio/post.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "device/device.h"
#include "lab/lab_host.h"
#include "lab/networked_lab.h"
#include "platform/system_clock.h"
#include "testing/temp_dir.h"
#include "tests/automation/run_tool.h"

namespace iosup {
namespace {

constexpr const char* kPython = "/usr/bin/python3";
constexpr const char* kTarget = "cat9k_iosxe.17.09.04a.SPA.bin";

constexpr const char* kTopology = R"(
devices:
  - name: SW1
    platform: C9300
    hostname: AUTO_SW9K
    image_size: 2000000
    address: 192.168.1.20
)";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

// A stack of three whose switch 3 joins 8 s (wall clock) after each boot.
constexpr const char* kStackTopology = R"(
devices:
  - name: SW1
    platform: C9300
    hostname: AUTO_SW9K
    image_size: 2000000
    address: 192.168.1.20
    stack: 3
    members:
      - {switch: 3, join_delay: 8}
)";

// A lab of `topology_text` whose first device, a Catalyst 9300, has the target bundle on its flash
// as a copy would have left it, running on a thread of its own until Stop.
class StagedInstallLab {
 public:
  explicit StagedInstallLab(const char* topology_text) {
    auto topology = ParseTopology(topology_text);
    EXPECT_TRUE(topology.ok());
    if (!topology.ok()) return;
    auto host = LabHost::Start(*topology, {.dir = dir_.path() + "/lab", .quick_boot = LabHost::kQuickBoot},
                               clock_);
    EXPECT_TRUE(host.ok()) << host.status().ToString();
    if (!host.ok()) return;
    host_ = std::move(*host);
    EXPECT_TRUE(AttachLabFrontends(*host_).ok());
    auto recipe = ImageRecipe::FromName(kTarget, 2200000);
    EXPECT_TRUE(recipe.ok());
    if (!recipe.ok()) return;
    EXPECT_TRUE(Device::WriteGeneratedImage(*device().file_systems().primary().store, kTarget,
                                            *recipe).ok());
    lab_ = std::thread([this] { host_->Run(); });
  }
  ~StagedInstallLab() { Stop(); }

  bool ok() const { return lab_.joinable(); }
  const std::string& dir() const { return dir_.path(); }
  uint16_t ssh_port() { return host_->devices().front().ssh_port; }
  Device& device() { return *host_->devices().front().device; }
  // The release the device runs, read on the lab's thread.
  std::string RunningVersion() {
    std::promise<std::string> version;
    asio::post(host_->io(), [&] { version.set_value(device().image().version.Long()); });
    return version.get_future().get();
  }
  void Stop() {
    if (!lab_.joinable()) return;
    host_->Stop();
    lab_.join();
  }

 private:
  TempDir dir_;
  SystemClock clock_;
  std::unique_ptr<LabHost> host_;
  std::thread lab_;
};

void RunInstallDialog(const char* topology_text, int members) {
  if (::access(kPython, X_OK) != 0) GTEST_FAIL() << "missing install step: " << kPython << " not installed";
  StagedInstallLab lab(topology_text);
  ASSERT_TRUE(lab.ok());
  const std::string log = lab.dir() + "/netmiko.log";
  const int code = RunTool({kPython, IOSUP_AUTOMATION_DIR "/netmiko_install.py",
                            std::to_string(lab.ssh_port()), kTarget, "AUTO_SW9K",
                            lab.dir() + "/session.log", std::to_string(members)},
                           {.log = log, .limit = std::chrono::seconds(150)}).exit_code;
  const std::string running = lab.RunningVersion();
  lab.Stop();
  EXPECT_EQ(code, 0) << ReadFile(log) << "\n--- session:\n" << ReadFile(lab.dir() + "/session.log");
  EXPECT_NE(ReadFile(log).find("OK"), std::string::npos);
  EXPECT_EQ(running, "17.09.04a");
}

TEST(NetmikoInstall, OneShotInstallDialogThroughTheReload) { RunInstallDialog(kTopology, 1); }

// The same dialog on a stack: add/activate/commit on [1 2 3], then every member Ready after the
// reload (Netmiko polls show switch while the late one is Progressing) and the release committed
// on [ Switch 1 2 3 ].
TEST(NetmikoInstall, OneShotInstallOnAStackWaitsForEveryMember) { RunInstallDialog(kStackTopology, 3); }

// Ansible's cisco.ios.ios_command with prompt/answer drives the same one-shot install on the same
// kind of lab: ansible_install.yml, the inventory written here, the playbook's own assertions.
TEST(AnsibleInstall, IosCommandWithPromptAndAnswerInstallsThroughTheReload) {
  constexpr const char* kPlaybook = "/usr/bin/ansible-playbook";
  if (::access(kPlaybook, X_OK) != 0) GTEST_FAIL() << "missing install step: " << kPlaybook << " not installed";
  StagedInstallLab lab(kTopology);
  ASSERT_TRUE(lab.ok());
  const std::string& d = lab.dir();
  const std::string inventory = d + "/inventory.yml";
  std::ofstream(inventory) << "all:\n"
                              "  hosts:\n"
                              "    sw9k:\n"
                              "      ansible_host: 127.0.0.1\n"
                              "      ansible_port: " << lab.ssh_port() << "\n"
                              "      ansible_user: admin\n"
                              "      ansible_password: cisco\n"
                              "      ansible_connection: ansible.netcommon.network_cli\n"
                              "      ansible_network_os: cisco.ios.ios\n"
                              "      ansible_become: true\n"
                              "      ansible_become_method: enable\n"
                              "      ansible_become_password: cisco\n"
                              "      target: " << kTarget << "\n"
                              "      new_version: \"17.09.04a\"\n";
  for (const char* sub : {"/ansible-tmp", "/ansible-pc", "/home"}) std::filesystem::create_directories(d + sub);
  const std::string script = d + "/run.sh";
  std::ofstream(script) << "#!/bin/sh\n"
                           "export HOME=" << d << "/home ANSIBLE_HOST_KEY_CHECKING=False ANSIBLE_LOCAL_TEMP=" << d
                        << "/ansible-tmp ANSIBLE_PERSISTENT_CONTROL_PATH_DIR=" << d << "/ansible-pc "
                           "ANSIBLE_PERSISTENT_CONNECT_TIMEOUT=30 ANSIBLE_PERSISTENT_COMMAND_TIMEOUT=60 "
                           "ANSIBLE_RETRY_FILES_ENABLED=False ANSIBLE_NOCOLOR=True "
                           "ANSIBLE_NETWORK_CLI_SSH_TYPE=paramiko ANSIBLE_LOG_PATH=" << d << "/ansible.log\n"
                           "exec " << kPlaybook << " -i " << inventory << " " IOSUP_AUTOMATION_DIR "/ansible_install.yml\n";
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  const std::string log = d + "/ansible.out";
  const int code = RunTool({"/bin/sh", script}, {.log = log, .limit = std::chrono::seconds(240)}).exit_code;
  const std::string running = lab.RunningVersion();
  lab.Stop();
  EXPECT_EQ(code, 0) << ReadFile(log) << "\n--- network_cli log:\n" << ReadFile(d + "/ansible.log");
  EXPECT_NE(ReadFile(log).find("failed=0"), std::string::npos) << ReadFile(log);
  EXPECT_EQ(running, "17.09.04a");
}

}  // namespace
}  // namespace iosup
