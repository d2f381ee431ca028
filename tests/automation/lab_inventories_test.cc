// Issue 17: the inventories a running lab writes for Ansible, Nornir and pyATS are used as they
// are: Debian's Ansible runs cisco.ios's ios_command with the generated inventory unchanged, and
// the Nornir and pyATS files are read by PyYAML (and by Nornir when it is installed) and must
// name every device at the port it really listens on.
#include <gtest/gtest.h>

#include <asio/post.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <regex>
#include <sstream>
#include <thread>

#include "lab/lab_host.h"
#include "lab/networked_lab.h"
#include "lab/tool_inventories.h"
#include "platform/system_clock.h"
#include "testing/temp_dir.h"
#include "tests/automation/run_tool.h"

namespace iosup {
namespace {

constexpr const char* kAnsiblePlaybook = "/usr/bin/ansible-playbook";
constexpr const char* kPython = "/usr/bin/python3";

constexpr const char* kTopology = R"(
devices:
  - {name: R1, platform: ISR4321, hostname: INV_R1, image_size: 200000, address: 192.168.1.1}
  - {name: SW1, platform: C2960, hostname: INV_SW1, image_size: 200000, address: 192.168.1.10,
     interface: Vlan1, username: netops, password: s3cret, enable: en4ble}
links:
  - endpoints: ["R1:Gi0/0/0", "SW1:Gi0/1"]
)";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

class LabInventoriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty());
    auto topology = ParseTopology(kTopology);
    ASSERT_TRUE(topology.ok()) << topology.status().ToString();
    auto host = StartNetworkedLab(*topology, {.dir = lab()}, clock_);
    ASSERT_TRUE(host.ok()) << host.status().ToString();
    host_ = std::move(*host);
    auto written = WriteToolInventories(*host_);
    ASSERT_TRUE(written.ok()) << written.status().ToString();
    lab_thread_ = std::thread([this] { host_->Run(); });
  }
  void TearDown() override {
    if (!lab_thread_.joinable()) return;
    host_->Stop();
    lab_thread_.join();
  }
  std::string lab() const { return dir_.path() + "/lab"; }
  uint16_t SshPort(const std::string& name) {
    for (HostedDevice& d : host_->devices()) {
      if (d.definition.name == name) return d.ssh_port;
    }
    return 0;
  }
  std::vector<std::string> Environment() const {
    const std::string home = dir_.path() + "/home";
    std::filesystem::create_directories(home);
    return {"PATH=/usr/bin:/bin", "HOME=" + home, "LANG=C.UTF-8", "LC_ALL=C.UTF-8",
            "PYTHONDONTWRITEBYTECODE=1"};
  }

  TempDir dir_;
  SystemClock clock_;
  std::unique_ptr<LabHost> host_;
  std::thread lab_thread_;
};

TEST_F(LabInventoriesTest, AnsibleRunsIosCommandWithTheGeneratedInventory) {
  if (!std::filesystem::exists(kAnsiblePlaybook)) GTEST_FAIL() << "missing install step: " << "ansible is not installed";
  const std::string& d = dir_.path();
  std::vector<std::string> env = Environment();
  // Where Ansible keeps its own files; nothing about the devices (that is all in the inventory).
  for (const char* sub : {"/ansible-tmp", "/ansible-pc"}) std::filesystem::create_directories(d + sub);
  env.insert(env.end(), {"ANSIBLE_LOCAL_TEMP=" + d + "/ansible-tmp",
                         "ANSIBLE_PERSISTENT_CONTROL_PATH_DIR=" + d + "/ansible-pc",
                         "ANSIBLE_RETRY_FILES_ENABLED=False", "ANSIBLE_NOCOLOR=True"});
  auto [code, out] = RunTool({kAnsiblePlaybook, "-i", lab() + "/ansible-inventory.yaml",
                          std::string(IOSUP_AUTOMATION_DIR) + "/inventory_show_version.yml"},
                         {.env = env, .cwd = d, .log = d + "/tool.out",
                              .limit = std::chrono::seconds(240)});
  ASSERT_EQ(code, 0) << out;
  EXPECT_NE(out.find("IOSUP-SAW R1 INV_R1 uptime is Current privilege level is 15"),
            std::string::npos) << out;
  EXPECT_NE(out.find("IOSUP-SAW SW1 INV_SW1 uptime is Current privilege level is 15"),
            std::string::npos) << out;
  EXPECT_TRUE(std::regex_search(out, std::regex(R"(\nR1 +: ok=2 +changed=0 +unreachable=0 +failed=0)")))
      << out;
}

// ios_facts' interfaces subset over the same inventory: each device's interfaces, its address
// and, from the cable between them, each one's CDP neighbour (inventory_facts.yml asserts them).
TEST_F(LabInventoriesTest, AnsibleFactsSeeInterfacesAndCdpNeighboursWithTheGeneratedInventory) {
  if (!std::filesystem::exists(kAnsiblePlaybook)) GTEST_FAIL() << "missing install step: " << "ansible is not installed";
  const std::string& d = dir_.path();
  std::vector<std::string> env = Environment();
  for (const char* sub : {"/ansible-tmp", "/ansible-pc"}) std::filesystem::create_directories(d + sub);
  env.insert(env.end(), {"ANSIBLE_LOCAL_TEMP=" + d + "/ansible-tmp",
                         "ANSIBLE_PERSISTENT_CONTROL_PATH_DIR=" + d + "/ansible-pc",
                         "ANSIBLE_RETRY_FILES_ENABLED=False", "ANSIBLE_NOCOLOR=True"});
  auto [code, out] = RunTool({kAnsiblePlaybook, "-i", lab() + "/ansible-inventory.yaml",
                              std::string(IOSUP_AUTOMATION_DIR) + "/inventory_facts.yml"},
                             {.env = env, .cwd = d, .log = d + "/tool.out",
                              .limit = std::chrono::seconds(240)});
  ASSERT_EQ(code, 0) << out;
  EXPECT_NE(out.find("IOSUP-NEIGHBOR R1 GigabitEthernet0/0/0 INV_SW1 GigabitEthernet0/1"), std::string::npos)
      << out;
  EXPECT_NE(out.find("IOSUP-NEIGHBOR SW1 GigabitEthernet0/1 INV_R1 GigabitEthernet0/0/0"), std::string::npos)
      << out;
}

TEST_F(LabInventoriesTest, NornirAndPyatsFilesNameEveryDeviceAtItsPort) {
  if (!std::filesystem::exists(kPython)) GTEST_FAIL() << "missing install step: " << "no " << kPython;
  auto [code, out] = RunTool({kPython, std::string(IOSUP_AUTOMATION_DIR) + "/check_inventories.py", lab()},
                         {.env = Environment(), .cwd = dir_.path(), .log = dir_.path() + "/tool.out",
                              .limit = std::chrono::seconds(60)});
  ASSERT_EQ(code, 0) << out;
  const std::string r1 = std::to_string(SshPort("R1")), sw1 = std::to_string(SshPort("SW1"));
  for (const std::string& line :
       {"ansible R1 127.0.0.1 " + r1 + " admin routers", "ansible SW1 127.0.0.1 " + sw1 + " netops switches",
        "nornir R1 127.0.0.1 " + r1 + " admin ios", "nornir SW1 127.0.0.1 " + sw1 + " netops ios",
        "pyats R1 127.0.0.1 " + r1 + " admin iosxe", "pyats SW1 127.0.0.1 " + sw1 + " netops ios"}) {
    EXPECT_NE(out.find(line + "\n"), std::string::npos) << line << "\n" << out;
  }
  if (out.find("nornir-absent") == std::string::npos) {
    EXPECT_NE(out.find("nornir-loaded SW1 127.0.0.1 " + sw1 + " netops ios"), std::string::npos) << out;
  }
  // Credentials that differ per device are the device's own.
  EXPECT_NE(ReadFile(lab() + "/pyats-testbed.yaml").find("enable: {password: \"en4ble\"}"),
            std::string::npos);
}

// Issue 17: an ssh-drop fault ends the SSH session running the next command, with no answer, as
// a real client (paramiko) sees it; the session after that is served normally.
TEST_F(LabInventoriesTest, SshDropEndsTheSessionRunningTheNextCommand) {
  if (!std::filesystem::exists("/usr/lib/python3/dist-packages/paramiko")) {
    GTEST_FAIL() << "missing install step: " << "python3-paramiko is not installed";
  }
  std::promise<std::string> added;
  asio::post(host_->io(), [&] {
    Result<Fault> f = host_->faults().registry().Add({"SW1", "ssh-drop", {}});
    added.set_value(f.ok() ? "" : f.status().ToString());
  });
  ASSERT_EQ(added.get_future().get(), "");
  auto [code, out] = RunTool({kPython, std::string(IOSUP_AUTOMATION_DIR) + "/ssh_drop.py",
                              std::to_string(SshPort("SW1")), "netops", "s3cret"},
                             {.env = Environment(), .cwd = dir_.path(), .log = dir_.path() + "/tool.out",
                              .limit = std::chrono::seconds(60)});
  ASSERT_EQ(code, 0) << out;
  EXPECT_NE(out.find("FIRST closed silent\n"), std::string::npos) << out;
  EXPECT_NE(out.find("SECOND open answered\n"), std::string::npos) << out;
  EXPECT_NE(ReadFile(lab() + "/events.log").find("consumed: an SSH session on SW1 dropped"),
            std::string::npos);
}

}  // namespace
}  // namespace iosup
