// What the orchestrator reads from a device, parsed from the text IOS and IOS-XE print (real
// devices and the emulator alike). Parsers are tolerant of the differences between platforms
// and strict about what they promise: a field that cannot be found is an error, not a guess.
#ifndef IOSUP_UPGRADE_FACTS_H_
#define IOSUP_UPGRADE_FACTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace iosup::upgrade {

// `show version`.
struct VersionFacts {
  std::string hostname;          // from "<host> uptime is ..."
  std::string version;           // "16.9.6" / "16.09.06" as printed after "Version "
  std::string system_image;      // "bootflash:isr4300-universalk9.16.09.06.SPA.bin" (no quotes)
  std::string model;             // "ISR4321/K9", "WS-C2960-24TT-L" (first "cisco X (...)" line)
  std::string config_register;   // "0x2102", "0xF" as printed; when a change is pending ("(will
                                 // be 0x2142 at next reload)") this is the current value
  std::string next_config_register;  // the pending value, or empty
  std::string uptime;            // "1 hour, 3 minutes", as printed: informative, any wording
  std::string restarted_at;      // "System restarted at ..." text, empty when not printed
  // "INSTALL" / "BUNDLE": IOS-XE's "Installation mode is X" line, else the Mode column of a
  // Catalyst 9000's switch table; empty when the device prints neither (classic IOS).
  std::string installation_mode;
};
Result<VersionFacts> ParseShowVersion(std::string_view text);

// `dir` / `dir flash:` / `show flash:`, either listing style. An answer without the free-space
// line ("bytes total" / "bytes available") is an error: it is not a listing (e.g. "%Error
// opening flash:/x (No such file or directory)").
struct FlashFile {
  std::string name;  // as listed, directories without the trailing '/'; ISR4k full paths
                     // ("/bootflash/x.bin") relative to the file system ("x.bin")
  uint64_t size = 0;
  bool directory = false;
};
struct FlashListing {
  std::string file_system;  // "bootflash:" / "flash:" from "Directory of X/", empty if absent
  std::vector<FlashFile> files;
  uint64_t free_bytes = 0;  // "(N bytes free)" / "N bytes available"
  const FlashFile* Find(std::string_view name) const;
};
Result<FlashListing> ParseDir(std::string_view text);

// `boot system` statements in order, from `show running-config | include boot system` or
// `show startup-config | include boot system` (other lines ignored): "flash:x.bin",
// "tftp:x 192.168.1.100". Old forms come out in the modern one: "boot system flash x.bin" ->
// "flash:x.bin", "boot system tftp x.bin 10.1.1.1" -> "tftp:x.bin 10.1.1.1", "boot system switch
// all flash:x" -> "flash:x".
std::vector<std::string> ParseBootStatements(std::string_view text);

// `verify /md5 flash:x` -> the lowercase hex digest after "= ", for /md5 and /sha512: the
// digest the device computed, also from "Verified (...) = " and, when a submitted hash did not
// match, from "Computed signature = ". A missing file is kNotFound.
Result<std::string> ParseVerifyDigest(std::string_view text);

// `ping A.B.C.D`: "Success rate is 80 percent (4/5)" -> 80.
Result<int> ParsePingSuccessPercent(std::string_view text);

// `show ip interface brief`.
struct InterfaceState {
  std::string name, address, status, protocol;  // status "up" / "down" / "administratively down"
};
Result<std::vector<InterfaceState>> ParseIpInterfaceBrief(std::string_view text);

// `show cdp neighbors` device ids and `show ip ospf neighbor` neighbour ids with their state;
// both empty (not an error) when the feature is off ("% CDP is not enabled", no output).
// `show lldp neighbors` prints the same "Device ID ... Total entries" table: the same parser.
std::vector<std::string> ParseCdpNeighbors(std::string_view text);
inline std::vector<std::string> ParseLldpNeighbors(std::string_view text) { return ParseCdpNeighbors(text); }
// `show ip route`: how many routes it lists (connected, local, static, OSPF, ... each prefix
// once; "Gateway of last resort" and the "is subnetted" headers are not routes).
int CountRoutes(std::string_view text);
struct OspfNeighbor {
  std::string neighbor_id, state, interface;  // state "FULL/DR", ...
};
std::vector<OspfNeighbor> ParseOspfNeighbors(std::string_view text);

// Why a `copy` failed, from its answer: the first "%Error ..." (from "%Error" on, even after
// the transfer's '!'/'.' marks on the same line); else, when no success line ("N bytes copied
// in S secs", "[OK]") came, the first "%Warning" other than the overwrite question, or "copy did
// not report success: <last line>". Empty when the copy succeeded.
std::string CopyFailure(std::string_view copy_output);

// The state compared before and after a reload.
struct Snapshot {
  std::vector<InterfaceState> interfaces;
  std::vector<std::string> cdp_neighbors;
  std::vector<OspfNeighbor> ospf_neighbors;
  std::vector<std::string> lldp_neighbors;
  int routes = -1;  // -1: not counted
};
struct SnapshotChange {
  std::string what;    // "interface GigabitEthernet0/0/1", "CDP neighbour SW1", "OSPF neighbour 2.2.2.2"
  std::string before;  // "up/up", "present", "FULL/DR"
  std::string after;   // "down/down", "missing"
  bool loss = false;   // something that worked before does not now
  // Learnt from what neighbours send (CDP, OSPF, LLDP, and the routes OSPF brings): after a
  // boot it returns only as their messages arrive, so a loss of it may still be temporary.
  bool heard = false;
};
// Every difference, losses first (each group in the order interfaces, CDP, OSPF, LLDP, routes);
// fewer routes than before is a loss. An interface
// that was down before and up after is a change, not a loss. Losses: an up/up interface that is
// not up/up or missing, an address replaced or removed, fewer CDP entries for a device id, an
// OSPF adjacency (FULL or 2WAY) that is missing or no longer one.
std::vector<SnapshotChange> DiffSnapshots(const Snapshot& before, const Snapshot& after);

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_FACTS_H_
