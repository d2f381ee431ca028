// An RSA public key made for tests, in the forms people paste it into `key-string`, its hash as
// IOS shows it, and a key IOS refuses (ed25519).
#ifndef IOSUP_TESTING_SSH_TEST_KEY_H_
#define IOSUP_TESTING_SSH_TEST_KEY_H_

namespace iosup {

// A 2048-bit RSA key made for these tests with `ssh-keygen -t rsa -C lab@iosup`; `ssh-keygen -l
// -E md5` prints its fingerprint as 4a:76:fa:d0:45:ba:a5:f3:61:9f:f8:b8:87:4d:df:44.
inline constexpr const char* kRsaBase64 =
    "AAAAB3NzaC1yc2EAAAADAQABAAABAQC80C0+ge9QI3UygHHCfP3e4WpnP5+Oe1xkPWoij2htqbEPOfW/gMjCyhCTkhNK"
    "uB5ek9xiVEVp8EsBbQldhN3KRuvq8pa45JV971AihYyPi4NSFpT3bZi0LiQILpeRANELrO2pbA3JWMvwhZmTD08J2tO"
    "nhURxLeUy022i2avM453y7JzZ6AyMpkj4+THGalcDMt7n5u2mXrg4uOKNk3rRCYLXKIja2Af5GjrrFkWw5lClP85fc7O"
    "v7rKup/cpdOrkp0iDSGbBhFZZbGQDjAp/JRDxYCrKseBypZG5xT/PBESXOXXB1bfZ7FHGTuftzKwIeMMT0t+n2H8RsQ+"
    "iEYt9";
inline constexpr const char* kRsaMd5 = "4A76FAD045BAA5F3619FF8B8874DDF44";
// `fold -b -w 72` of the .pub file, as people paste it: the comment is split mid-word.
inline constexpr const char* kFoldedPub =
    "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC80C0+ge9QI3UygHHCfP3e4WpnP5+Oe1xk\r"
    "PWoij2htqbEPOfW/gMjCyhCTkhNKuB5ek9xiVEVp8EsBbQldhN3KRuvq8pa45JV971AihYyP\r"
    "i4NSFpT3bZi0LiQILpeRANELrO2pbA3JWMvwhZmTD08J2tOnhURxLeUy022i2avM453y7JzZ\r"
    "6AyMpkj4+THGalcDMt7n5u2mXrg4uOKNk3rRCYLXKIja2Af5GjrrFkWw5lClP85fc7Ov7rKu\r"
    "p/cpdOrkp0iDSGbBhFZZbGQDjAp/JRDxYCrKseBypZG5xT/PBESXOXXB1bfZ7FHGTuftzKwI\r"
    "eMMT0t+n2H8RsQ+iEYt9 lab@io\r"
    "sup\r";
inline constexpr const char* kEd25519Pub =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK/0WvIYj9laOAOt99LwFGfZICr8MmSMJJRy5nhdvD/h ed@iosup";

}  // namespace iosup

#endif  // IOSUP_TESTING_SSH_TEST_KEY_H_
