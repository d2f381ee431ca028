#include "upgrade/report.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "platform/posix_file.h"
#include "testing/temp_dir.h"

namespace iosup::upgrade {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const WallTime kStart = WallTime(milliseconds(1795256100000));  // 2026-11-21 10:15:00 UTC

DeviceRecord Device(std::string name, std::string platform, DeviceOutcome outcome) {
  DeviceRecord d;
  d.name = std::move(name);
  d.address = "192.168.1.1";
  d.platform = std::move(platform);
  d.wave = 1;
  d.outcome = outcome;
  d.from_version = "16.09.06";
  d.to_version = "16.12.04";
  return d;
}

// Six devices, one per outcome that matters, with text that needs escaping everywhere.
RunRecord SampleRun() {
  RunRecord run;
  run.id = "20261121-101500";
  run.started = kStart;
  run.finished = kStart + seconds(600);
  run.inventory_path = "/lab/inventory.yaml";
  run.policy_path = "/lab/policy.yaml";

  DeviceRecord r1 = Device("R1", "ISR4321", DeviceOutcome::kUpgraded);
  r1.steps = {
      {"connect", StepOutcome::kDone, kStart, kStart + milliseconds(1500), "ssh ok"},
      {"stage", StepOutcome::kDone, kStart + seconds(2), kStart + seconds(245), "copied 520 MB"}};
  r1.commands = {{"stage", "show version | include <Version>",
                  "Cisco IOS XE Software, Version 16.09.06\r\nR1 uptime is 1 hour & 3 minutes\r\n"
                  "\"quoted\" 'single'\r\n",
                  kStart + seconds(1), 0.25}};
  r1.facts_before = {{"version", "16.09.06"}, {"config-register", "0x2102"}};
  r1.facts_after = {{"version", "16.12.04"}, {"config-register", "0x2102"}};
  r1.changes = {{"version", "16.09.06", "16.12.04", false},
                {"interface Gi0/0/1", "up", "down", true}};

  DeviceRecord sw1 = Device("SW1", "WS-C2960-24TT-L", DeviceOutcome::kRolledBack);
  sw1.from_version = "15.2(7)E6";
  sw1.to_version = "15.2(7)E9";
  sw1.failure = "post-check: <vlan 10> & \"trunk\" lost";
  sw1.steps = {{"post-check", StepOutcome::kFailed, kStart + seconds(10), kStart + seconds(15),
                "vlan 10 missing"}};

  DeviceRecord r3 = Device("R3", "ISR4331", DeviceOutcome::kLost);
  r3.failure = "no answer 20 minutes after reload\x1b[2J";
  DeviceRecord r4 = Device("R4", "ISR4321", DeviceOutcome::kFailed);
  r4.failure = "not enough space on bootflash:";
  DeviceRecord r5 = Device("R5", "ISR4321", DeviceOutcome::kPending);
  DeviceRecord r6 = Device("R6", "ISR4321", DeviceOutcome::kCurrent);
  r6.to_version = r6.from_version;
  run.devices = {r1, sw1, r3, r4, r5, r6};
  return run;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// A strict-enough well-formedness check for what the report writes: tags nest and close,
// attribute quotes balance, every '&' starts a known entity, no raw '>' or control character
// in text. Returns the first problem, or "".
std::string MarkupProblem(std::string_view doc) {
  static const std::vector<std::string_view> kEntities = {"&amp;", "&lt;",  "&gt;", "&quot;",
                                                          "&#39;", "&#10;", "&#9;", "&middot;"};
  static const std::vector<std::string_view> kVoid = {"meta", "br"};
  std::vector<std::string> open;
  for (size_t i = 0; i < doc.size(); ++i) {
    char c = doc[i];
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
      return "control character at " + std::to_string(i);
    }
    if (c == '>') return "raw '>' at " + std::to_string(i);
    if (c == '&') {
      bool known = std::any_of(kEntities.begin(), kEntities.end(),
                               [&](std::string_view e) { return doc.substr(i).starts_with(e); });
      if (!known) return "bare '&' at " + std::to_string(i);
      continue;
    }
    if (c != '<') continue;
    size_t end = doc.find('>', i);
    if (end == std::string_view::npos) return "unterminated tag at " + std::to_string(i);
    std::string_view tag = doc.substr(i + 1, end - i - 1);
    i = end;
    if (tag.starts_with('?') || tag.starts_with('!')) continue;
    if (std::count(tag.begin(), tag.end(), '"') % 2 != 0 || tag.find('<') != tag.npos) {
      return "broken tag <" + std::string(tag) + ">";
    }
    bool closing = tag.starts_with('/'), self_closing = tag.ends_with('/');
    std::string name(tag.substr(closing, tag.find_first_of(" /", closing) - closing));
    if (closing) {
      if (open.empty() || open.back() != name) return "unexpected </" + name + ">";
      open.pop_back();
    } else if (!self_closing && std::find(kVoid.begin(), kVoid.end(), name) == kVoid.end()) {
      open.push_back(name);
    }
  }
  return open.empty() ? "" : "unclosed <" + open.back() + ">";
}

TEST(MarkupProblemTest, CatchesWhatItLooksFor) {
  EXPECT_EQ(MarkupProblem("<a><b x=\"1\"/>t &amp; u</a>"), "");
  EXPECT_NE(MarkupProblem("<a><b></a>"), "");
  EXPECT_NE(MarkupProblem("<a>x & y</a>"), "");
  EXPECT_NE(MarkupProblem("<a>x > y</a>"), "");
  EXPECT_NE(MarkupProblem("<a b=\"<\">"), "");
  EXPECT_NE(MarkupProblem("<a>\x1b</a>"), "");
}

TEST(SummaryTableTest, AlignedColumnsAndTotals) {
  std::string table = SummaryTable(SampleRun());
  auto lines = Lines(table);
  ASSERT_EQ(lines.size(), 8u) << table;  // header, six devices, totals
  const std::string& header = lines[0];
  size_t outcome_column = header.find("OUTCOME"), time_column = header.find("TIME");
  ASSERT_NE(outcome_column, std::string::npos);
  EXPECT_EQ(header.find("DEVICE"), 0u);
  const std::vector<std::string> outcomes = {"upgraded", "rolled back", "lost",
                                             "failed",   "pending",     "current"};
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const std::string& row = lines[i + 1];
    EXPECT_EQ(row.substr(outcome_column, outcomes[i].size()), outcomes[i]) << row;
    EXPECT_EQ(row[outcome_column - 1], ' ') << row;
    EXPECT_NE(row[time_column], ' ') << row;
  }
  EXPECT_EQ(lines[1].substr(0, 3), "R1 ");
  EXPECT_NE(lines[1].find("16.09.06 -> 16.12.04"), std::string::npos);
  EXPECT_EQ(lines[1].substr(time_column), "4m05s");  // first step start to last step end
  EXPECT_NE(lines[2].find("15.2(7)E6 -> 15.2(7)E9"), std::string::npos);
  EXPECT_TRUE(lines[2].ends_with("post-check: <vlan 10> & \"trunk\" lost")) << lines[2];
  EXPECT_EQ(lines[3].substr(time_column, 2), "- ");  // no step times
  EXPECT_NE(lines[6].find(" 16.09.06 "), std::string::npos) << "current: one version, no arrow";
  EXPECT_EQ(lines[7], "1 upgraded, 1 failed, 1 rolled back, 1 lost, 1 pending, 1 current");
  // A device's escape sequence must not reach the terminal.
  EXPECT_EQ(table.find('\x1b'), std::string::npos);
  for (const auto& line : lines) EXPECT_FALSE(line.ends_with(" ")) << line;
}

TEST(SummaryTableTest, HaltedRunSaysWhy) {
  RunRecord run;
  run.devices = {Device("R1", "ISR4321", DeviceOutcome::kUpgraded),
                 Device("R2", "ISR4321", DeviceOutcome::kUpgraded),
                 Device("R3", "ISR4321", DeviceOutcome::kPending)};
  run.halted = true;
  run.halt_reason = "wave 1: 1 failure > max 0";
  auto lines = Lines(SummaryTable(run));
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[4], "2 upgraded, 0 failed, 0 rolled back, 0 lost, 1 pending");
  EXPECT_EQ(lines[5], "halted: wave 1: 1 failure > max 0");
}

TEST(RenderJsonTest, ParsesBackWithEveryField) {
  RunRecord run = SampleRun();
  run.devices[0].commands[0].output += "bad bytes \xff\xfe end";
  auto json = nlohmann::json::parse(RenderJson(run));
  EXPECT_EQ(json["id"], "20261121-101500");
  EXPECT_EQ(json["started"], "2026-11-21T10:15:00.000Z");
  EXPECT_EQ(json["finished"], "2026-11-21T10:25:00.000Z");
  EXPECT_DOUBLE_EQ(json["seconds"].get<double>(), 600);
  EXPECT_EQ(json["inventory"], "/lab/inventory.yaml");
  EXPECT_EQ(json["halted"], false);
  EXPECT_EQ(json["totals"]["upgraded"], 1);
  EXPECT_EQ(json["totals"]["rolled back"], 1);
  // One count per outcome, each device counted once.
  EXPECT_EQ(json["totals"], nlohmann::json::parse(R"({"pending": 1, "upgraded": 1, "current": 1,
      "failed": 1, "rolled back": 1, "lost": 1})"));
  ASSERT_EQ(json["devices"].size(), 6u);

  const auto& r1 = json["devices"][0];
  EXPECT_EQ(r1["name"], "R1");
  EXPECT_EQ(r1["outcome"], "upgraded");
  EXPECT_DOUBLE_EQ(r1["seconds"].get<double>(), 245);
  ASSERT_EQ(r1["steps"].size(), 2u);
  EXPECT_EQ(r1["steps"][0]["step"], "connect");
  EXPECT_EQ(r1["steps"][0]["finished"], "2026-11-21T10:15:01.500Z");
  EXPECT_DOUBLE_EQ(r1["steps"][0]["seconds"].get<double>(), 1.5);
  EXPECT_EQ(r1["commands"][0]["command"], "show version | include <Version>");
  std::string output = r1["commands"][0]["output"];
  EXPECT_TRUE(output.starts_with("Cisco IOS XE Software, Version 16.09.06\r\nR1 uptime"));
  EXPECT_TRUE(output.ends_with("bad bytes \xEF\xBF\xBD\xEF\xBF\xBD end")) << output;
  EXPECT_EQ(r1["facts_before"]["version"], "16.09.06");
  EXPECT_EQ(r1["facts_after"]["version"], "16.12.04");
  EXPECT_EQ(r1["changes"][1]["what"], "interface Gi0/0/1");
  EXPECT_EQ(r1["changes"][1]["loss"], true);

  const auto& sw1 = json["devices"][1];
  EXPECT_EQ(sw1["outcome"], "rolled back");
  EXPECT_EQ(sw1["failure"], "post-check: <vlan 10> & \"trunk\" lost");
  EXPECT_EQ(sw1["steps"][0]["outcome"], "failed");
  EXPECT_TRUE(json["devices"][4]["seconds"].is_null());  // pending: no times
  EXPECT_TRUE(json["devices"][4]["steps"].empty());
}

TEST(RenderJunitTest, FailuresSkipsAndEscaping) {
  std::string xml = RenderJunit(SampleRun());
  EXPECT_EQ(MarkupProblem(xml), "") << xml;
  EXPECT_TRUE(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
  EXPECT_NE(xml.find("<testsuite name=\"iosup upgrade 20261121-101500\" tests=\"6\" "
                     "failures=\"3\" errors=\"0\" skipped=\"1\" time=\"600.000\" "
                     "timestamp=\"2026-11-21T10:15:00\">"),
            std::string::npos)
      << xml;
  EXPECT_EQ(Count(xml, "<testcase classname=\"iosup.upgrade\" name=\""), 6u);
  EXPECT_EQ(Count(xml, "<failure "), 3u);
  EXPECT_EQ(Count(xml, "<skipped "), 1u);
  EXPECT_NE(xml.find("<failure message=\"post-check: &lt;vlan 10&gt; &amp; &quot;trunk&quot; "
                     "lost\" type=\"rolled back\">"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("step post-check failed: vlan 10 missing"), std::string::npos);
  EXPECT_NE(xml.find("type=\"lost\""), std::string::npos);
  EXPECT_NE(xml.find("type=\"failed\""), std::string::npos);
  EXPECT_NE(xml.find("<skipped message=\"pending\"/>"), std::string::npos);
  // R1 passes: its testcase holds only its steps, with the time they took.
  size_t r1 = xml.find("name=\"R1\" time=\"245.000\">");
  ASSERT_NE(r1, std::string::npos);
  std::string r1_case = xml.substr(r1, xml.find("</testcase>", r1) - r1);
  EXPECT_EQ(r1_case.find("<failure"), std::string::npos);
  EXPECT_NE(r1_case.find("<system-out>R1 (192.168.1.1, ISR4321, wave 1)"), std::string::npos);
  EXPECT_NE(r1_case.find("  stage       done     2026-11-21T10:15:02.000Z 4m03s   copied 520 MB"),
            std::string::npos)
      << r1_case;
  EXPECT_NE(xml.find("<property name=\"inventory\" value=\"/lab/inventory.yaml\"/>"),
            std::string::npos);
}

TEST(RenderJunitTest, ControlCharactersAndBadBytesNeverReachTheXml) {
  RunRecord run;
  DeviceRecord d = Device("R<1>", "ISR4321", DeviceOutcome::kFailed);
  d.failure = "line one\nline two\x1b[0m\x08 \xc3\x28";
  run.devices = {d};
  std::string xml = RenderJunit(run);
  EXPECT_EQ(MarkupProblem(xml), "") << xml;
  EXPECT_NE(xml.find("name=\"R&lt;1&gt;\""), std::string::npos);
  EXPECT_NE(xml.find("message=\"line one&#10;line two\xEF\xBF\xBD[0m\xEF\xBF\xBD \xEF\xBF\xBD(\""),
            std::string::npos)
      << xml;
  EXPECT_EQ(xml.find("timestamp"), std::string::npos);  // no start time, no timestamp
}

TEST(RenderHtmlTest, SelfContainedPageWithEverything) {
  std::string html = RenderHtml(SampleRun());
  EXPECT_EQ(MarkupProblem(html), "") << html;
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
  for (const char* outside : {"<script", "<link", "src=", "http:", "https:", "@import", "url("}) {
    EXPECT_EQ(html.find(outside), std::string::npos) << outside;
  }
  EXPECT_NE(html.find("<style>"), std::string::npos);
  // Summary: each device links to its section, with a coloured outcome.
  EXPECT_NE(html.find("<a href=\"#device-1\">SW1</a>"), std::string::npos);
  EXPECT_NE(html.find("<section id=\"device-1\">"), std::string::npos);
  EXPECT_EQ(Count(html, "<span class=\"o o-rolled-back\">rolled back</span>"), 2u);
  EXPECT_NE(html.find(".o-rolled-back"), std::string::npos) << "the class has a colour";
  EXPECT_NE(html.find("1 upgraded, 1 failed, 1 rolled back, 1 lost, 1 pending, 1 current"),
            std::string::npos);
  // Steps with times and durations.
  EXPECT_NE(html.find("<td>stage</td><td><span class=\"o o-done\">done</span></td>"
                      "<td>2026-11-21T10:15:02.000Z</td><td>2026-11-21T10:19:05.000Z</td>"
                      "<td>4m03s</td><td>copied 520 MB</td>"),
            std::string::npos);
  // The diff, the loss highlighted; facts side by side, differences marked.
  EXPECT_NE(html.find("<tr class=\"loss\"><td>interface Gi0/0/1</td><td>up</td><td>down</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<tr class=\"differs\"><td>version</td><td>16.09.06</td><td>16.12.04</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<tr><td>config-register</td><td>0x2102</td><td>0x2102</td>"),
            std::string::npos);
  // Every command with its answer, escaped, line ends normalised.
  EXPECT_NE(html.find("<details><summary><code>show version | include &lt;Version&gt;</code>"),
            std::string::npos);
  EXPECT_NE(html.find("<pre>Cisco IOS XE Software, Version 16.09.06\nR1 uptime is 1 hour &amp; "
                      "3 minutes\n&quot;quoted&quot; &#39;single&#39;\n</pre></details>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("post-check: &lt;vlan 10&gt; &amp; &quot;trunk&quot; lost"),
            std::string::npos);
  EXPECT_EQ(html.find('\x1b'), std::string::npos);
}

TEST(WriteReportsTest, WritesTheThreeFilesIntoANewDirectory) {
  TempDir tmp;
  RunRecord run = SampleRun();
  std::string dir = tmp.path() + "/reports/nightly";
  ASSERT_TRUE(WriteReports(run, dir).ok());
  EXPECT_EQ(*ReadWholeFile(dir + "/report.json"), RenderJson(run));
  EXPECT_EQ(*ReadWholeFile(dir + "/junit.xml"), RenderJunit(run));
  EXPECT_EQ(*ReadWholeFile(dir + "/report.html"), RenderHtml(run));

  run.devices.pop_back();  // a second write replaces
  ASSERT_TRUE(WriteReports(run, dir).ok());
  EXPECT_EQ(nlohmann::json::parse(*ReadWholeFile(dir + "/report.json"))["devices"].size(), 5u);
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    (void)entry;
    ++files;
  }
  EXPECT_EQ(files, 3u) << "no temporaries left behind";

  std::ofstream(tmp.path() + "/plain-file") << "x";
  Status blocked = WriteReports(run, tmp.path() + "/plain-file");
  EXPECT_FALSE(blocked.ok());
  EXPECT_NE(blocked.message().find("plain-file"), std::string::npos) << blocked.ToString();
  EXPECT_EQ(WriteReports(run, "").code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace iosup::upgrade
