// ip ssh pubkey-chain: key data to key-hash, the running-config IOS prints for it, the round trip
// through the startup-config, and which logins a key opens.
#include "device/commands/ssh_pubkey.h"

#include <gtest/gtest.h>

#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"
#include "device/secrets.h"
#include "testing/capture_terminal.h"
#include "testing/device_fixture.h"

namespace iosup {
namespace {

// A 2048-bit RSA key made for these tests with `ssh-keygen -t rsa -C lab@iosup`; `ssh-keygen -l
// -E md5` prints its fingerprint as 4a:76:fa:d0:45:ba:a5:f3:61:9f:f8:b8:87:4d:df:44.
constexpr const char* kRsaBase64 =
    "AAAAB3NzaC1yc2EAAAADAQABAAABAQC80C0+ge9QI3UygHHCfP3e4WpnP5+Oe1xkPWoij2htqbEPOfW/gMjCyhCTkhNK"
    "uB5ek9xiVEVp8EsBbQldhN3KRuvq8pa45JV971AihYyPi4NSFpT3bZi0LiQILpeRANELrO2pbA3JWMvwhZmTD08J2tO"
    "nhURxLeUy022i2avM453y7JzZ6AyMpkj4+THGalcDMt7n5u2mXrg4uOKNk3rRCYLXKIja2Af5GjrrFkWw5lClP85fc7O"
    "v7rKup/cpdOrkp0iDSGbBhFZZbGQDjAp/JRDxYCrKseBypZG5xT/PBESXOXXB1bfZ7FHGTuftzKwIeMMT0t+n2H8RsQ+"
    "iEYt9";
constexpr const char* kRsaMd5 = "4A76FAD045BAA5F3619FF8B8874DDF44";
// `fold -b -w 72` of the .pub file, as people paste it: the comment is split mid-word.
constexpr const char* kFoldedPub =
    "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC80C0+ge9QI3UygHHCfP3e4WpnP5+Oe1xk\r"
    "PWoij2htqbEPOfW/gMjCyhCTkhNKuB5ek9xiVEVp8EsBbQldhN3KRuvq8pa45JV971AihYyP\r"
    "i4NSFpT3bZi0LiQILpeRANELrO2pbA3JWMvwhZmTD08J2tOnhURxLeUy022i2avM453y7JzZ\r"
    "6AyMpkj4+THGalcDMt7n5u2mXrg4uOKNk3rRCYLXKIja2Af5GjrrFkWw5lClP85fc7Ov7rKu\r"
    "p/cpdOrkp0iDSGbBhFZZbGQDjAp/JRDxYCrKseBypZG5xT/PBESXOXXB1bfZ7FHGTuftzKwI\r"
    "eMMT0t+n2H8RsQ+iEYt9 lab@io\r"
    "sup\r";
constexpr const char* kEd25519Pub =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK/0WvIYj9laOAOt99LwFGfZICr8MmSMJJRy5nhdvD/h ed@iosup";

std::string Blob() { return ParseSshPublicKey(kRsaBase64)->blob; }

TEST(SshPubkey, KeyDataBecomesTheMd5IosShows) {
  Result<SshPublicKey> bare = ParseSshPublicKey(kRsaBase64);
  ASSERT_TRUE(bare.ok()) << bare.status().ToString();
  EXPECT_EQ(bare->type, "ssh-rsa");
  EXPECT_EQ(SshKeyHash(bare->blob), kRsaMd5);
  EXPECT_EQ(KeyHashLine(*bare), std::string("key-hash ssh-rsa ") + kRsaMd5);
  Result<SshPublicKey> full = ParseSshPublicKey(std::string("ssh-rsa ") + kRsaBase64 + " a@b c");
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->blob, bare->blob);
  EXPECT_EQ(KeyHashLine(*full), std::string("key-hash ssh-rsa ") + kRsaMd5 + " a@b c");
}

TEST(SshPubkey, AnythingButOneRsaKeyFailsToDecode) {
  const std::string b64 = kRsaBase64;
  for (const std::string& bad :
       {std::string(""), std::string("ssh-rsa"), std::string(kEd25519Pub),
        b64.substr(0, b64.size() - 10), "ssh-rsa " + b64.substr(0, 100) + "!" + b64.substr(101),
        std::string("AAAAB3NzaC1yc2E=")}) {
    Result<SshPublicKey> k = ParseSshPublicKey(bad);
    ASSERT_FALSE(k.ok()) << bad;
    EXPECT_EQ(k.status().message(), kKeyDecodeError);
  }
}

TEST(SshPubkey, LoginNeedsTheKeyUnderThatUser) {
  Config c =
      Config::Parse(std::string("username admin privilege 15\nusername ops password 0 x\n"
                                "ip ssh pubkey-chain\n  username admin\n   key-hash ssh-rsa ") +
                    kRsaMd5 + " lab@iosup\n  username ops\n   key-hash ssh-rsa " + kRsaMd5 +
                    "\n  username ghost\n   key-hash ssh-rsa " + kRsaMd5 + "\n");
  EXPECT_EQ(*PubkeyLogin(c, "admin", Blob()), 15);
  EXPECT_EQ(*PubkeyLogin(c, "ops", Blob()), 1);
  EXPECT_EQ(*PubkeyLogin(c, "ghost", Blob()), 1);  // no local user: privilege 1
  EXPECT_EQ(PubkeyLogin(c, "nobody", Blob()).status().code(), ErrorCode::kPermissionDenied);
  std::string other = Blob();
  other.back() ^= 1;  // another modulus: another key
  EXPECT_EQ(PubkeyLogin(c, "admin", other).status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(PubkeyLogin(c, "admin", "").status().code(), ErrorCode::kPermissionDenied);
}

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
