// ip ssh pubkey-chain at the CLI: the running-config IOS prints for pasted key data, the round
// trip through the startup-config, and which logins the configured keys open.
#include <gtest/gtest.h>

#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"
#include "device/secrets.h"
#include "device/ssh_pubkey.h"
#include "testing/capture_terminal.h"
#include "testing/device_fixture.h"
#include "testing/ssh_test_key.h"

namespace iosup {
namespace {

std::string Blob() { return ParseSshPublicKey(kRsaBase64)->blob; }

using Screen = CaptureTerminal;

class PubkeyChainCli : public DeviceFixture {
 protected:
  void SetUp() override {
    device_ = MakeDevice("ISR4321", {.name = "R1"});
    ASSERT_TRUE(device_
                    ->ProvisionFactoryDefaults(
                        [](FlashStore& s, const std::string& p, const ImageRecipe& r) {
                          ImageRecipe small = r;
                          small.size = kImageBytes;
                          return Device::WriteGeneratedImage(s, p, small);
                        })
                    .ok());
    device_->PowerOn();
    device_->Tick();
    ASSERT_EQ(device_->state(), DeviceState::kRunning);
    device_->running_config().SetLine("hostname R1");
    cli::Session::Options options;
    options.privilege = 15;
    options.terminal_length = 0;
    session_ = std::make_unique<DeviceSession>(*device_, IosCommandSet(device_->platform()),
                                               screen_, options, SessionLine{});
    session_->Start();
  }
  std::string Type(const std::string& input) {
    screen_.out.clear();
    session_->Input(input);
    return screen_.out;
  }
  // The section as IOS prints it, after the echo of the command.
  std::string Section() {
    const std::string command = "show running-config | section pubkey-chain";
    std::string out = Type(command + "\r");
    return out.starts_with(command + "\n") ? out.substr(command.size() + 1) : out;
  }

  std::unique_ptr<Device> device_;
  Screen screen_;
  std::unique_ptr<DeviceSession> session_;
};

TEST_F(PubkeyChainCli, PastedKeyIsStoredAsKeyHashLikeIos) {
  std::string out = Type("configure terminal\rip ssh pubkey-chain\rusername admin\rkey-string\r");
  EXPECT_NE(out.find("R1(conf-ssh-pubkey)#"), std::string::npos) << out;
  EXPECT_NE(out.find("R1(conf-ssh-pubkey-user)#"), std::string::npos) << out;
  EXPECT_TRUE(out.ends_with("R1(conf-ssh-pubkey-data)#")) << out;
  out = Type(kFoldedPub);
  EXPECT_TRUE(out.ends_with("R1(conf-ssh-pubkey-data)#")) << out;
  EXPECT_EQ(out.find('%'), std::string::npos) << out;
  out = Type("exit\r");
  EXPECT_TRUE(out.ends_with("R1(conf-ssh-pubkey-user)#")) << out;
  Type("exit\rexit\rusername admin privilege 15\rend\r");
  EXPECT_EQ(Section(), std::string("ip ssh pubkey-chain\n  username admin\n   key-hash ssh-rsa ") +
                           kRsaMd5 + " lab@iosup\nR1#");
  EXPECT_EQ(*PubkeyLogin(device_->running_config(), "admin", Blob()), 15);

  // Saved and read back the same; after a reload the key still opens the door.
  ASSERT_TRUE(device_->SaveRunningConfig().ok());
  EXPECT_FALSE(device_->RunningDiffersFromStartup());
  EXPECT_NE(device_->ReadStartupText()->find("ip ssh pubkey-chain\n  username admin\n   key-hash"),
            std::string::npos);
  session_.reset();
  device_->Reload("test", "console");
  device_->Tick();
  ASSERT_EQ(device_->state(), DeviceState::kRunning);
  EXPECT_EQ(*PubkeyLogin(device_->running_config(), "admin", Blob()), 15);
}

TEST_F(PubkeyChainCli, UndecodableKeyIsRefusedAtExit) {
  Type("configure terminal\rip ssh pubkey-chain\rusername admin\rkey-string\r");
  Type(std::string(kEd25519Pub) + "\r");
  std::string out = Type("exit\r");
  EXPECT_NE(out.find("%SSH: Failed to decode the Key Value\n"), std::string::npos) << out;
  EXPECT_TRUE(out.ends_with("R1(conf-ssh-pubkey-user)#")) << out;
  // A fresh key-string starts from nothing: the refused data is gone.
  Type(std::string("key-string\r") + kRsaBase64 + "\rexit\rend\r");
  EXPECT_EQ(Section(), std::string("ip ssh pubkey-chain\n  username admin\n   key-hash ssh-rsa ") +
                           kRsaMd5 + "\nR1#");
}

TEST_F(PubkeyChainCli, KeyHashNoFormsAndUsernamePrivilege) {
  Type("configure terminal\rusername ops privilege 15 secret cisco\rusername ops privilege 5\r");
  Type("ip ssh pubkey-chain\rusername ops\r");
  std::string out = Type("key-hash ssh-rsa 12345\r");
  EXPECT_NE(out.find("% Invalid input detected at '^' marker."), std::string::npos) << out;
  Type("key-hash ssh-rsa 4a76fad045baa5f3619ff8b8874ddf44 my key\r");
  // A `username` here moves to that user; one of global configuration leaves the chain.
  Type("username admin\rkey-hash ssh-rsa 00112233445566778899AABBCCDDEEFF\rend\r");
  EXPECT_EQ(Section(), std::string("ip ssh pubkey-chain\n  username ops\n   key-hash ssh-rsa ") +
                           kRsaMd5 +
                           " my key\n  username admin\n   key-hash ssh-rsa "
                           "00112233445566778899AABBCCDDEEFF\nR1#");
  EXPECT_EQ(*PubkeyLogin(device_->running_config(), "ops", Blob()), 5);
  bool ops_keeps_secret = false;
  for (const UserConfig& u : device_->running_config().users()) {
    if (u.name == "ops") ops_keeps_secret = u.privilege == 5 && SecretMatches(u.secret, "cisco");
  }
  EXPECT_TRUE(ops_keeps_secret);

  Type("configure terminal\rip ssh pubkey-chain\rusername ops\rno key-hash ssh-rsa " +
       std::string(kRsaMd5) + "\rexit\rno username admin\rend\r");
  EXPECT_EQ(Section(), "ip ssh pubkey-chain\n  username ops\nR1#");
  EXPECT_FALSE(PubkeyLogin(device_->running_config(), "ops", Blob()).ok());
  Type("configure terminal\rno ip ssh pubkey-chain\rend\r");
  EXPECT_EQ(Section(), "R1#");
}

}  // namespace
}  // namespace iosup
