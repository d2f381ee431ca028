// `ping` without a target: IOS's interactive dialog, its defaults, its checks and its extended
// questions per platform.
#include <gtest/gtest.h>

#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"
#include "testing/capture_terminal.h"
#include "testing/device_fixture.h"

namespace iosup {
namespace {

// The lab's TFTP server answers; nothing else does.
class OneHost : public NetworkPort {
 public:
  bool Reachable(const std::string& address) override { return address == "192.168.1.100"; }
};

class PingDialogTest : public DeviceFixture {
 protected:
  void Boot(const std::string& platform) {
    device_ = MakeDevice(platform, {.name = "R1"});
    ASSERT_TRUE(device_->ProvisionFactoryDefaults(SmallImages(kImageBytes)).ok());
    device_->PowerOn();
    device_->Tick();
    ASSERT_EQ(device_->state(), DeviceState::kRunning);
    device_->running_config().SetLine("hostname R1");
    // The echos leave by the management interface, on the server's subnet.
    const std::string management = "interface " + device_->platform().management_interface;
    device_->running_config().SetSectionLine(management, "ip address 192.168.1.1 255.255.255.0");
    device_->running_config().SetSectionLine(management, "no shutdown");
    device_->set_network(&network_);
    cli::Session::Options options;
    options.privilege = 15;
    options.terminal_length = 0;
    session_ = std::make_unique<DeviceSession>(
        *device_, IosCommandSet(device_->platform()), screen_, options,
        SessionLine{.name = "vty 0", .user = "admin", .peer = "127.0.0.1"});
    session_->Start();
  }
  void SetUp() override { Boot("ISR4321"); }
  std::string Type(const std::string& input) {
    screen_.out.clear();
    session_->Input(input);
    return screen_.out;
  }

  OneHost network_;
  std::unique_ptr<Device> device_;
  CaptureTerminal screen_;
  std::unique_ptr<DeviceSession> session_;
};

TEST_F(PingDialogTest, DefaultsSendFiveEchosOfOneHundredBytes) {
  EXPECT_EQ(Type("ping\r"), "ping\nProtocol [ip]: ");
  EXPECT_EQ(Type("\r"), "\nTarget IP address: ");
  EXPECT_EQ(Type("192.168.1.100\r"), "192.168.1.100\nRepeat count [5]: ");
  EXPECT_EQ(Type("\r"), "\nDatagram size [100]: ");
  EXPECT_EQ(Type("\r"), "\nTimeout in seconds [2]: ");
  EXPECT_EQ(Type("\r"), "\nExtended commands [n]: ");
  EXPECT_EQ(Type("\r"), "\nSweep range of sizes [n]: ");
  EXPECT_EQ(Type("\r"),
            "\nType escape sequence to abort.\n"
            "Sending 5, 100-byte ICMP Echos to 192.168.1.100, timeout is 2 seconds:\n"
            "!!!!!\n"
            "Success rate is 100 percent (5/5), round-trip min/avg/max = 1/1/2 ms\n"
            "R1#");
}

TEST_F(PingDialogTest, AnswersAreCheckedAndBadNumbersAskedAgain) {
  Type("ping\r\r10.9.9.9\r");
  EXPECT_EQ(Type("0\r"), "0\n% A decimal number between 1 and 2147483647.\nRepeat count [5]: ");
  EXPECT_EQ(Type("3\r"), "3\nDatagram size [100]: ");
  EXPECT_EQ(Type("20\r"), "20\n% A decimal number between 36 and 18024.\nDatagram size [100]: ");
  Type("1500\r1\r\r");
  EXPECT_EQ(Type("\r"),
            "\nType escape sequence to abort.\n"
            "Sending 3, 1500-byte ICMP Echos to 10.9.9.9, timeout is 1 seconds:\n"
            "...\n"
            "Success rate is 0 percent (0/3)\n"
            "R1#");

  std::string out = Type("ping\rappletalk\r");
  EXPECT_NE(out.find("% Unknown protocol - \"appletalk\", type \"ping ?\" for help\nR1#"),
            std::string::npos)
      << out;
  out = Type("ping\r\rnot-an-address\r");
  EXPECT_NE(out.find("% Bad IP address or host name\nR1#"), std::string::npos) << out;
}

TEST_F(PingDialogTest, ExtendedCommandsOnIosXeAskDscpAndTakeASourceInterface) {
  Type("configure terminal\rinterface GigabitEthernet0/0/0\rip address 192.168.1.1 "
       "255.255.255.0\rend\r");
  Type("ping\r\r192.168.1.100\r2\r\r\r");
  EXPECT_EQ(Type("y\r"), "y\nIngress ping [n]: ");
  EXPECT_EQ(Type("\r"), "\nSource address or interface: ");
  EXPECT_EQ(Type("Loopback99\r"), "Loopback99\n% Invalid source\nSource address or interface: ");
  EXPECT_EQ(Type("gi0/0/0\r"), "gi0/0/0\nDSCP Value [0]: ");
  EXPECT_EQ(Type("99\r"),
            "99\n%Type 0..63 or ef, af11-13, af21-23, af31-33, af41-43, or cs1-7\n\n"
            "DSCP Value [0]: ");
  EXPECT_EQ(Type("\r"), "\nType of service [0]: ");
  EXPECT_EQ(Type("\r"), "\nSet DF bit in IP header? [no]: ");
  EXPECT_EQ(Type("maybe\r"),
            "maybe\n% Please answer 'yes' or 'no'.\nSet DF bit in IP header? [no]: ");
  EXPECT_EQ(Type("yes\r"), "yes\nValidate reply data? [no]: ");
  EXPECT_EQ(Type("\r"), "\nData pattern [0x0000ABCD]: ");
  EXPECT_EQ(Type("\r"), "\nLoose, Strict, Record, Timestamp, Verbose[none]: ");
  EXPECT_EQ(Type("v\r"), "v\nLoose, Strict, Record, Timestamp, Verbose[V]: ");
  EXPECT_EQ(Type("\r"), "\nSweep range of sizes [n]: ");
  EXPECT_EQ(Type("\r"),
            "\nType escape sequence to abort.\n"
            "Sending 2, 100-byte ICMP Echos to 192.168.1.100, timeout is 2 seconds:\n"
            "Packet sent with a source address of 192.168.1.1\n"
            "Packet sent with the DF bit set\n"
            "Reply to request 0 (1 ms)\n"
            "Reply to request 1 (1 ms)\n"
            "Success rate is 100 percent (2/2), round-trip min/avg/max = 1/1/2 ms\n"
            "R1#");
}

TEST_F(PingDialogTest, Ios15AsksTypeOfServiceWithoutDscpAndSweepsSizes) {
  session_.reset();
  Boot("ISR1941");
  Type("ping\r\r192.168.1.100\r1\r\r\ry\r\r");
  EXPECT_EQ(Type("\r"), "\nType of service [0]: ");
  Type("\r\r\r\r\r");
  EXPECT_EQ(Type("y\r"), "y\nSweep min size [36]: ");
  EXPECT_EQ(Type("100\r"), "100\nSweep max size [18024]: ");
  EXPECT_EQ(Type("104\r"), "104\nSweep interval [1]: ");
  std::string out = Type("2\r");
  EXPECT_NE(out.find("Sending 3, [100..104]-byte ICMP Echos to 192.168.1.100, timeout is 2 "
                     "seconds:\n!!!\nSuccess rate is 100 percent (3/3)"),
            std::string::npos)
      << out;

  out = Type("ping\r\r192.168.1.100\r\r\r\r\ry\r50\r40\r");
  EXPECT_NE(out.find("Sweep max size [18024]: 40\n% Bad maximum size\nR1#"), std::string::npos)
      << out;
}

}  // namespace
}  // namespace iosup
