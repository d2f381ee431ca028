// `show license` and `show license summary` as each platform's software prints them: the
// right-to-use list (Cisco Software Licensing) of ISR G2 and ISR 4000 images, the License Usage
// table of IOS-XE. Licences are facts of the platform and image; nothing is installed or changed.
#include <cstdio>
#include <string>
#include <vector>

#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"

namespace iosup {

namespace {

using cli::CommandContext;

struct CslFeature {
  const char* name;
  bool permanent;  // installed for life and in use; else an evaluation licence not activated
};

std::vector<CslFeature> CslFeatures(const PlatformSpec& p) {
  if (p.version_style == VersionStyle::kIsrG2) {
    return {{"ipbasek9", true}, {"securityk9", false}, {"uck9", false}, {"datak9", false}};
  }
  return {{"appxk9", false},           {"uck9", false},         {"securityk9", false},
          {"ipbasek9", true},          {"FoundationSuiteK9", false}, {"AdvUCSuiteK9", false},
          {"cme-srst", false},         {"hseck9", false},       {"throughput", false}};
}

// "Index 1 Feature: ipbasek9 ..." blocks; the ISR 4000 pads the name to 31 columns.
std::string CslList(const PlatformSpec& p) {
  std::string out;
  int index = 1;
  for (const CslFeature& f : CslFeatures(p)) {
    char head[96];
    std::snprintf(head, sizeof head,
                  p.version_style == VersionStyle::kIsrG2 ? "Index %d Feature: %s\n"
                                                          : "Index %d Feature: %-31s\n",
                  index++, f.name);
    out += head;
    if (f.permanent) {
      out += "        Period left: Life time\n"
             "        License Type: Permanent\n"
             "        License State: Active, In Use\n";
    } else {
      out += "        Period left: Not Activated\n"
             "        Period Used: 0  minute  0  second\n"
             "        License Type: EvalRightToUse\n"
             "        License State: Active, Not in Use, EULA not accepted\n";
    }
    out += std::string("        License Count: ") +
           (std::string(f.name) == "cme-srst" ? "0/0  (In-use/Violation)" : "Non-Counted") +
           "\n        License Priority: " + (f.permanent ? "Medium" : "None") + "\n";
  }
  return out;
}

// IOS-XE's License Usage table: the licences in use with their entitlement tags.
std::string UsageTable(const Device& d) {
  const PlatformSpec& p = d.platform();
  std::vector<std::pair<std::string, std::string>> rows;
  if (p.version_style == VersionStyle::kCatalyst9k) {
    rows = {{"network-advantage", "(C9300-48 Network Advan...)"},
            {"dna-advantage", "(C9300-48 DNA Advantage)"}};
  } else {
    std::string model = p.id.substr(3);  // "4321"
    rows = {{"ipbasek9", "(ISR_" + model + "_IPBase)"}};
  }
  std::string out;
  const SoftwareVersion& v = d.image().version;
  if (v.major > 17 || (v.major == 17 && v.minor >= 3)) {
    out += "Account Information:\n  Smart Account: <none>\n  Virtual Account: <none>\n\n";
  }
  out += "License Usage:\n"
         "  License                 Entitlement Tag               Count Status\n"
         "  -----------------------------------------------------------------------------\n";
  for (const auto& [name, tag] : rows) {
    char line[128];
    std::snprintf(line, sizeof line, "  %-23s %-29s %5d %s\n", name.c_str(), tag.c_str(), 1,
                  "IN USE");
    out += line;
  }
  return out;
}

}  // namespace

void RegisterLicenseCommands(cli::CommandSet& set, const PlatformSpec& platform) {
  const std::vector<std::string> exec = {"exec"};
  const std::string help = "Show license information";
  const VersionStyle style = platform.version_style;
  if (style == VersionStyle::kIsrG2 || style == VersionStyle::kIosXeRouter) {
    Declare(set, exec, {.syntax = "show license", .help = {"Show running system information", help}, .pipeable = true},
            [](CommandContext& c) { c.Print(CslList(Dev(c).platform())); });
  }
  if (style == VersionStyle::kIosXeRouter || style == VersionStyle::kCatalyst9k) {
    Declare(set, exec, {.syntax = "show license summary", .help = {"", help, "Show license summary"}, .pipeable = true},
            [](CommandContext& c) { c.Print(UsageTable(Dev(c))); });
  }
}

}  // namespace iosup
