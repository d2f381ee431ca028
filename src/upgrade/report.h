// The end of a run, for people and for CI: a summary table for the terminal, and report files.
#ifndef IOSUP_UPGRADE_REPORT_H_
#define IOSUP_UPGRADE_REPORT_H_

#include <string>

#include "base/status.h"
#include "upgrade/run_record.h"

namespace iosup::upgrade {

// One row per device: name, platform, from -> to, outcome, time taken, the failure if any;
// then a totals line ("2 upgraded, 0 failed, 0 rolled back, 0 lost, 0 pending", with "N current"
// and "N planned" added when not zero), and a "halted: ..." line when the run halted.
std::string SummaryTable(const RunRecord& run);

// The three files, each written atomically (a reader sees the old file or the new one):
//  - DIR/report.json: the whole record (ISO-8601 UTC times, seconds as numbers);
//  - DIR/junit.xml: one <testsuite> per run, one <testcase> per device (classname "iosup.upgrade",
//    name the device), <failure message="..."> for failed, rolled back and lost devices,
//    <skipped/> for pending and planned ones, the device's steps in <system-out>;
//  - DIR/report.html: one self-contained page (inline CSS, no scripts or links out), the summary
//    table, and per device its steps with times, the before/after diff, and every command with
//    its answer (escaped).
// DIR is created when missing.
Status WriteReports(const RunRecord& run, const std::string& dir);

std::string RenderJson(const RunRecord& run);
std::string RenderJunit(const RunRecord& run);
std::string RenderHtml(const RunRecord& run);

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_REPORT_H_
