// SSH public keys: key data to key-hash, and which logins a key opens.
#include "device/ssh_pubkey.h"

#include <gtest/gtest.h>

#include "testing/ssh_test_key.h"

namespace iosup {
namespace {

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

}  // namespace
}  // namespace iosup
