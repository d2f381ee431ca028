// Real automation tools drive an in-process lab over SSH exactly as they drive hardware: Debian's
// Ansible (cisco.ios over ansible.netcommon.network_cli) against an ISR4321 and a Catalyst 2960,
// and Debian's Netmiko against the 2960. The lab runs on its own thread with the wall clock; the
// tools are child processes on loopback. What they changed is then read back from the devices
// on the lab's thread.
#include <gtest/gtest.h>

#include <asio/post.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <regex>
#include <thread>

#include "base/digest.h"
#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"
#include "lab/lab_host.h"
#include "lab/networked_lab.h"
#include "platform/system_clock.h"
#include "testing/temp_dir.h"
#include "tests/automation/run_tool.h"

namespace iosup {
namespace {

constexpr const char* kAnsiblePlaybook = "/usr/bin/ansible-playbook";
constexpr const char* kPython = "/usr/bin/python3";
constexpr const char* kNewSwitchImage = "c2960-lanbasek9-mz.152-7.E9.bin";

// Both devices of seed 001 with small images, `ip scp server enable`, and the seeds' TFTP server.
constexpr const char* kTopology = R"(
devices:
  - name: R1
    platform: ISR4321
    hostname: AUTO_R1
    image_size: 200000
    address: 192.168.1.1
    config: ["ip scp server enable"]
  - name: SW1
    platform: C2960
    hostname: AUTO_SW1
    image_size: 200000
    address: 192.168.1.10
    interface: Vlan1
    config: ["ip scp server enable", "ip default-gateway 192.168.1.1"]
servers:
  - type: tftp
    address: 192.168.1.100
    files:
      - {name: c2960-lanbasek9-mz.152-7.E9.bin, size: 200000}
)";

// What a tool must find on each device, from the topology above and the seeds' image names.
struct Expected {
  std::string version, hostname, image, model, iostype, filesystem, boot_line;
  bool is_switch;
};
const Expected kRouter{"16.09.06", "AUTO_R1", "bootflash:isr4300-universalk9.16.09.06.SPA.bin",
                       "ISR4321/K9", "IOS-XE", "bootflash:",
                       "boot system bootflash:isr4300-universalk9.16.12.04.SPA.bin", false};
const Expected kSwitch{"15.2(7)E6", "AUTO_SW1", "flash:c2960-lanbasek9-mz.152-7.E6.bin",
                       "WS-C2960-24TT-L", "IOS", "flash:",
                       std::string("boot system flash:") + kNewSwitchImage, true};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

std::string Tail(const std::string& text, size_t bytes) {
  return text.size() <= bytes ? text : "...\n" + text.substr(text.size() - bytes);
}

// The tasks of an ansible-playbook run that failed, each from its "TASK [" header to the next
// header: what to print when a long play fails somewhere in the middle.
std::string FailedTasks(const std::string& output) {
  std::string out;
  for (size_t at = output.find("fatal: ["); at != std::string::npos; at = output.find("fatal: [", at + 1)) {
    const size_t begin = output.rfind("TASK [", at);
    const size_t end = output.find("\nTASK [", at);
    out += output.substr(begin == std::string::npos ? at : begin,
                         (end == std::string::npos ? output.size() : end) - (begin == std::string::npos ? at : begin)) + "\n";
  }
  return out;
}

std::string HostVars(const std::string& name, uint16_t port, const Expected& e) {
  auto q = [](const std::string& s) { return "'" + s + "'"; };
  return "    " + name + ":\n"
         "      ansible_port: " + std::to_string(port) + "\n"
         "      expected_version: " + q(e.version) + "\n"
         "      expected_hostname: " + q(e.hostname) + "\n"
         "      expected_image: " + q(e.image) + "\n"
         "      expected_model: " + q(e.model) + "\n"
         "      expected_iostype: " + q(e.iostype) + "\n"
         "      expected_filesystem: " + q(e.filesystem) + "\n"
         "      boot_line: " + q(e.boot_line) + "\n"
         "      is_switch: " + (e.is_switch ? "true" : "false") + "\n";
}

class AutomationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty());
    auto topology = ParseTopology(kTopology);
    ASSERT_TRUE(topology.ok()) << topology.status().ToString();
    auto host = LabHost::Start(*topology, {.dir = dir_.path() + "/lab"}, clock_);
    ASSERT_TRUE(host.ok()) << host.status().ToString();
    host_ = std::move(*host);
    Status attached = AttachLabFrontends(*host_);
    ASSERT_TRUE(attached.ok()) << attached.ToString();
    for (const HostedDevice& d : host_->devices()) ASSERT_NE(d.ssh_port, 0) << d.definition.name;
    lab_thread_ = std::thread([this] { host_->Run(); });
  }

  void TearDown() override {
    if (!lab_thread_.joinable()) return;
    host_->Stop();
    lab_thread_.join();
  }

  // Runs `f` on the lab's thread (devices live there) and returns its result.
  template <typename T>
  T OnLab(std::function<T()> f) {
    std::promise<T> done;
    asio::post(host_->io(), [&] { done.set_value(f()); });
    return done.get_future().get();
  }

  HostedDevice& Named(const std::string& name) {
    for (HostedDevice& d : host_->devices()) {
      if (d.definition.name == name) return d;
    }
    ADD_FAILURE() << "no device " << name;
    return host_->devices().front();
  }

  std::string StartupConfig(const std::string& name) {
    Device& device = *Named(name).device;
    return OnLab<std::string>([&] {
      Result<std::string> text = device.ReadStartupText();
      return text.ok() ? *text : text.status().ToString();
    });
  }

  // What a privilege-15 vty session on the device prints for `command` (run on the lab's thread).
  std::string Cli(const std::string& name, const std::string& command) {
    Device& device = *Named(name).device;
    return OnLab<std::string>([&] {
      struct Capture : cli::Terminal {
        void Write(std::string_view bytes) override { text += bytes; }
        std::string text;
      } terminal;
      DeviceSession session(device, IosCommandSet(device.platform()), terminal,
                            {.privilege = 15, .terminal_length = 0},
                            {.name = "vty 0", .user = "admin", .peer = "127.0.0.1"});
      session.Start();
      terminal.text.clear();
      session.Input(command + "\r");
      return terminal.text;
    });
  }

  // MD5 of `path` on the device's primary file system, or the error.
  std::string FlashMd5(const std::string& name, const std::string& path) {
    Device& device = *Named(name).device;
    return OnLab<std::string>([&]() -> std::string {
      auto reader = device.file_systems().primary().store->OpenRead(path);
      if (!reader.ok()) return reader.status().ToString();
      auto md5 = DigestReader(**reader, DigestKind::kMd5);
      return md5.ok() ? *md5 : md5.status().ToString();
    });
  }

  // A clean machine: nothing from the user's home or the environment but PATH and a locale.
  std::vector<std::string> ToolEnvironment() const {
    const std::string home = dir_.path() + "/home";
    std::filesystem::create_directories(home);
    return {"PATH=/usr/bin:/bin", "HOME=" + home, "LANG=C.UTF-8", "LC_ALL=C.UTF-8",
            "PYTHONDONTWRITEBYTECODE=1"};
  }

  // Runs tests/automation/`playbook` with Debian's ansible-playbook against both devices, as a
  // clean machine would: network_cli over paramiko, enable with the lab's secret.
  ToolRun Playbook(const std::string& playbook) {
    const std::string& d = dir_.path();
    const std::string inventory = d + "/inventory.yml";
    std::ofstream(inventory) << "all:\n"
                                "  vars:\n"
                                "    ansible_host: 127.0.0.1\n"
                                "    ansible_user: admin\n"
                                "    ansible_password: cisco\n"
                                "    ansible_connection: ansible.netcommon.network_cli\n"
                                "    ansible_network_os: cisco.ios.ios\n"
                                "    ansible_become: true\n"
                                "    ansible_become_method: enable\n"
                                "    ansible_become_password: cisco\n"
                                "  hosts:\n"
                             << HostVars("r1", Named("R1").ssh_port, kRouter)
                             << HostVars("sw1", Named("SW1").ssh_port, kSwitch);
    std::vector<std::string> env = ToolEnvironment();
    for (const char* dir : {"/ansible-tmp", "/ansible-pc"}) std::filesystem::create_directories(d + dir);
    env.insert(env.end(), {"ANSIBLE_HOST_KEY_CHECKING=False", "ANSIBLE_LOCAL_TEMP=" + d + "/ansible-tmp",
                           "ANSIBLE_PERSISTENT_CONTROL_PATH_DIR=" + d + "/ansible-pc",
                           "ANSIBLE_PERSISTENT_CONNECT_TIMEOUT=30",
                           "ANSIBLE_PERSISTENT_COMMAND_TIMEOUT=30", "ANSIBLE_RETRY_FILES_ENABLED=False",
                           "ANSIBLE_NOCOLOR=True", "ANSIBLE_FORKS=2",
                           "ANSIBLE_NETWORK_CLI_SSH_TYPE=paramiko",
                           "ANSIBLE_LOG_PATH=" + d + "/ansible.log",
                           "ANSIBLE_PERSISTENT_LOG_MESSAGES=True"});
    return RunTool({kAnsiblePlaybook, "-i", inventory, std::string(IOSUP_AUTOMATION_DIR) + "/" + playbook},
                   {.env = env, .cwd = d, .log = d + "/ansible.out", .limit = std::chrono::seconds(900)});
  }

  TempDir dir_;
  SystemClock clock_;
  std::unique_ptr<LabHost> host_;
  std::thread lab_thread_;
};


// The commands Ansible's cliconf and ios_facts send besides show version, checked with the
// patterns those tools apply, so this holds where Ansible is not installed.
TEST_F(AutomationTest, DevicesAnswerWhatIosFactsSends) {
  // cliconf: `show vlan` succeeds on a switch (L2) and is invalid input on a router (L3).
  const std::string vlans = Cli("SW1", "show vlan");
  EXPECT_TRUE(std::regex_search(vlans, std::regex(R"(\n1    default {26}active    Fa0/1, Fa0/2, Fa0/3, Fa0/4\r?\n {48}Fa0/5,)")))
      << vlans;
  EXPECT_TRUE(std::regex_search(vlans, std::regex(R"(\n {48}Gi0/1, Gi0/2\r?\n1002 fddi-default)"))) << vlans;
  EXPECT_TRUE(std::regex_search(vlans, std::regex(R"(\n1005 trnet 101005     1500 )"))) << vlans;
  EXPECT_NE(vlans.find("Remote SPAN VLANs"), std::string::npos);
  EXPECT_EQ(Cli("SW1", "show vlan brief").find("VLAN Type"), std::string::npos);
  EXPECT_NE(Cli("R1", "show vlan").find("% Invalid input detected"), std::string::npos);
  // ios_facts default subset: show inventory carries the serial number show version prints.
  for (const char* name : {"R1", "SW1"}) {
    std::smatch board, inventory;
    const std::string version = Cli(name, "show version");
    const std::string items = Cli(name, "show inventory");
    ASSERT_TRUE(std::regex_search(version, board, std::regex(R"(Processor board ID (\S+))"))) << version;
    ASSERT_TRUE(std::regex_search(items, inventory, std::regex(R"(PID: (\S+) *, VID: \S* *, SN: (\S+))")))
        << items;
    EXPECT_EQ(inventory[1], name == std::string("R1") ? kRouter.model : kSwitch.model);
    EXPECT_EQ(inventory[2], board[1]);
    // ios_facts hardware subset: the numbers of the Processor line are total, used, free.
    const std::string memory = Cli(name, "show memory statistics");
    std::smatch processor;
    ASSERT_TRUE(std::regex_search(memory, processor, std::regex(R"(Processor +\S+ +(\d+) +(\d+) +(\d+) )")))
        << memory;
    EXPECT_EQ(std::stoull(processor[1]), std::stoull(processor[2]) + std::stoull(processor[3]));
    EXPECT_GT(std::stoull(processor[3]), 0u);
  }
}

// Issue 5: ios_command, ios_config with save_when and ios_facts run green against both devices.
TEST_F(AutomationTest, AnsibleCiscoIosModulesDriveRouterAndSwitch) {
  if (!std::filesystem::exists(kAnsiblePlaybook)) {
    GTEST_FAIL() << "missing install step: " << kAnsiblePlaybook << " is absent (Debian package ansible)";
  }
  ToolRun run = Playbook("ios_modules.yml");
  ASSERT_EQ(run.exit_code, 0) << run.output << "\n--- network_cli log ---\n"
                              << Tail(ReadFile(dir_.path() + "/ansible.log"), 6000);
  // Both hosts were reached and no task failed.
  for (const char* host : {"r1", "sw1"}) {
    EXPECT_TRUE(std::regex_search(run.output, std::regex(std::string("\\n") + host +
                                                         R"( +: ok=\d+ +changed=1 +unreachable=0 +failed=0 )")))
        << run.output;
  }
  // The saved statements are in the devices' startup-configs.
  EXPECT_NE(StartupConfig("R1").find(kRouter.boot_line + "\n"), std::string::npos);
  EXPECT_NE(StartupConfig("SW1").find(kSwitch.boot_line + "\n"), std::string::npos);
}

// Issue 15: ios_config (lines/parents, replace block, match exact, before/after, save_when),
// ios_system, ios_hostname, ios_logging_global, ios_user, ios_facts and ios_acls, each state run
// twice (the playbook asserts the second run changes nothing and reads the device back); here
// the configurations the play leaves behind are read from the devices themselves.
TEST_F(AutomationTest, AnsibleConfigurationModulesAreIdempotent) {
  if (!std::filesystem::exists(kAnsiblePlaybook)) {
    GTEST_FAIL() << "missing install step: " << kAnsiblePlaybook << " is absent (Debian package ansible)";
  }
  ToolRun run = Playbook("ios_resources.yml");
  ASSERT_EQ(run.exit_code, 0) << FailedTasks(run.output) << "\n--- play recap ---\n" << Tail(run.output, 3000)
                              << "\n--- network_cli log ---\n"
                              << Tail(ReadFile(dir_.path() + "/ansible.log"), 6000);
  for (const char* host : {"r1", "sw1"}) {
    EXPECT_TRUE(std::regex_search(run.output, std::regex(std::string("\\n") + host +
                                                         R"( +: ok=\d+ +changed=\d+ +unreachable=0 +failed=0 )")))
        << run.output;
  }
  for (const auto& [name, e] : {std::pair{"R1", kRouter}, std::pair{"SW1", kSwitch}}) {
    std::string running = Cli(name, "show running-config");
    std::erase(running, '\r');  // a terminal's line ends
    // ios_hostname ended by merging the lab's name back; ios_config's Loopback and its lines.
    EXPECT_NE(running.find("\nhostname " + e.hostname + "\n"), std::string::npos) << running;
    EXPECT_NE(running.find("\ninterface Loopback100\n description managed by ansible\n"
                           " ip address 10.100.0.1 255.255.255.255\n"),
              std::string::npos)
        << running;
    // ios_logging_global deleted, ios_system absent, ios_acls deleted: none of their lines.
    for (const char* gone : {"\nlogging ", "\nip name-server", "domain", "access-list"}) {
      EXPECT_EQ(running.find(gone), std::string::npos) << gone << "\n" << running;
    }
    // ios_user purge: admin and ans-ops stay, each on one line; the others went.
    EXPECT_NE(running.find("\nusername admin privilege 15 secret 5 "), std::string::npos) << running;
    EXPECT_NE(running.find("\nusername ans-ops privilege 15 secret 5 "), std::string::npos) << running;
    EXPECT_EQ(running.find("username ans-view"), std::string::npos) << running;
    EXPECT_EQ(running.find("username ans-nopw"), std::string::npos) << running;
    // save_when: changed saved the running-config as it was then.
    EXPECT_NE(StartupConfig(name).find("\nntp server 10.0.0.123\n"), std::string::npos);
  }
}

// Issue 5: Netmiko (cisco_ios) on the 2960: show, config, save and file_transfer with MD5.
TEST_F(AutomationTest, NetmikoDrivesTheSwitch) {
  if (!std::filesystem::exists("/usr/lib/python3/dist-packages/netmiko")) {
    GTEST_FAIL() << "missing install step: " << "python3-netmiko is not installed";
  }
  const std::string image = host_->servers()[0].root + "/" + kNewSwitchImage;
  const std::string image_md5 = DigestHex(DigestKind::kMd5, ReadFile(image));
  ASSERT_EQ(image_md5.size(), 32u);
  ASSERT_NE(FlashMd5("SW1", kNewSwitchImage), image_md5);  // not there yet
  const std::string& d = dir_.path();
  ToolRun run = RunTool({kPython, std::string(IOSUP_AUTOMATION_DIR) + "/netmiko_switch.py",
                         std::to_string(Named("SW1").ssh_port), image, kSwitch.hostname,
                         d + "/netmiko_session.log"},
                        {.env = ToolEnvironment(), .cwd = d, .log = d + "/netmiko.out",
                         .limit = std::chrono::seconds(240)});
  ASSERT_EQ(run.exit_code, 0) << run.output << "\n--- session log ---\n"
                              << Tail(ReadFile(d + "/netmiko_session.log"), 6000);
  EXPECT_NE(run.output.find("OK " + image_md5), std::string::npos) << run.output;
  EXPECT_EQ(FlashMd5("SW1", kNewSwitchImage), image_md5);
  EXPECT_NE(StartupConfig("SW1").find(kSwitch.boot_line + "\n"), std::string::npos);
}

// Issue 15: syslog reaches a vty only after `terminal monitor` (a configuration change no longer
// writes %SYS-5-CONFIG_I into the SSH session that drives it), and Netmiko's InLineTransfer
// writes a file through tclsh.
TEST_F(AutomationTest, NetmikoSeesSyslogOnlyWithTerminalMonitorAndTransfersByTclsh) {
  if (!std::filesystem::exists("/usr/lib/python3/dist-packages/netmiko")) {
    GTEST_FAIL() << "missing install step: " << "python3-netmiko is not installed";
  }
  const std::string& d = dir_.path();
  ToolRun run = RunTool({kPython, std::string(IOSUP_AUTOMATION_DIR) + "/netmiko_logging.py",
                         std::to_string(Named("R1").ssh_port), kRouter.hostname,
                         d + "/netmiko_session.log"},
                        {.env = ToolEnvironment(), .cwd = d, .log = d + "/netmiko.out",
                         .limit = std::chrono::seconds(240)});
  ASSERT_EQ(run.exit_code, 0) << run.output << "\n--- session log ---\n"
                              << Tail(ReadFile(d + "/netmiko_session.log"), 6000);
  EXPECT_NE(run.output.find("OK"), std::string::npos) << run.output;
  const std::string config = "hostname TCL_TEST\n!\ninterface Loopback7\n description via tclsh\n!\nend\n";
  EXPECT_EQ(FlashMd5("R1", "tcl_test.cfg"), DigestHex(DigestKind::kMd5, config));
  EXPECT_NE(Cli("R1", "show logging").find("Log Buffer (16384 bytes):"), std::string::npos);
}

}  // namespace
}  // namespace iosup
