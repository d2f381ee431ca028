#include "catalog/install_packages.h"

#include <array>

namespace iosup {

namespace {

// Catalyst 9000 17.x: the eleven packages of a 17.3 bundle as `install add` lists them; rpbase
// holds most of the bytes.
constexpr std::array kCat9k = {
    PackageRow{"rpboot", 40, "boot  rp 0 0   rp_boot"},
    PackageRow{"rpbase", 560, "iso   rp 0 0   rp_base"},
    PackageRow{"guestshell", 60, "iso   rp 0 0   guestshell"},
    PackageRow{"espbase", 260, "iso   fp 0 0   fp"},
    PackageRow{"sipbase", 120, "iso   cc 0 0   cc"},
    PackageRow{"sipspa", 40, "iso   cc 0 0   cc_spa"},
    PackageRow{"srdriver", 20, "iso   cc 0 0   cc_srdriver"},
    PackageRow{"cc_srdriver", 20, "iso   cc 0 0   cc_srdriver_ex"},
    PackageRow{"lni", 20, "iso   rp 0 0   lni"},
    PackageRow{"webui", 30, "iso   rp 0 0   rp_webui"},
    PackageRow{"wlc", 30, "iso   rp 0 0   rp_wlc"},
};

// ISR 4300 16.x/17.x: IOSd and the data plane in one mono package, the boot package and firmware.
constexpr std::array kIsr4300 = {
    PackageRow{"rpboot", 90, "boot  rp 0 0   rp_boot"},
    PackageRow{"mono-universalk9", 1020, "iso   rp 0 0   rp_super"},
    PackageRow{"firmware_dsp_sp2700", 30, "iso   rp 0 0   firmware_dsp"},
    PackageRow{"firmware_nim_ge", 30, "iso   rp 0 0   firmware_nim"},
    PackageRow{"firmware_prince", 30, "iso   rp 0 0   firmware_prince"},
};

// ASR 1001 3.x/16.x: the classic seven sub-packages.
constexpr std::array kAsr1001 = {
    PackageRow{"rpboot", 60, "boot  rp 0 0   rp_boot"},
    PackageRow{"rpbase", 240, "iso   rp 0 0   rp_base"},
    PackageRow{"rpcontrol", 40, "iso   rp 0 0   rp_daemons"},
    PackageRow{"rpios-universalk9", 420, "iso   rp 0 0   rp_iosd"},
    PackageRow{"rpaccess", 40, "iso   rp 0 0   rp_security"},
    PackageRow{"espbase", 280, "iso   fp 0 0   fp"},
    PackageRow{"sipbase", 100, "iso   cc 0 0   cc"},
    PackageRow{"sipspa", 20, "iso   cc 0 0   cc_spa"},
};

constexpr std::array kFamilies = {
    PackageFamily{"cat9k", "cat9k", kCat9k},
    PackageFamily{"isr4300", "isr4300", kIsr4300},
    PackageFamily{"asr1001", "asr1001", kAsr1001},
};

}  // namespace

const PackageFamily* FindPackageFamily(std::string_view family) {
  for (const PackageFamily& f : kFamilies) {
    if (f.family == family) return &f;
  }
  return nullptr;
}

std::string PackageFileName(const PackageFamily& f, const PackageRow& row,
                            std::string_view long_version) {
  return std::string(f.prefix) + "-" + std::string(row.name) + "." + std::string(long_version) +
         ".SPA.pkg";
}

}  // namespace iosup
