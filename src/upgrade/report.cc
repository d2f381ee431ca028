#include "upgrade/report.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <set>

#include "platform/posix_file.h"

namespace iosup::upgrade {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// --- Text helpers ---------------------------------------------------------------------------

bool IsSet(WallTime t) { return t != WallTime{}; }

double SecondsBetween(WallTime from, WallTime to) {
  return std::chrono::duration<double>(to - from).count();
}

// "2026-11-21T10:15:00.123Z" (`zone` false: without the "Z" and the milliseconds, as the JUnit
// schema wants its timestamp); "" when unset.
std::string IsoTime(WallTime t, bool zone = true) {
  if (!IsSet(t)) return "";
  auto ms = std::chrono::floor<std::chrono::milliseconds>(t).time_since_epoch().count() % 1000;
  std::time_t secs =
      std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(t));
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  char text[40];
  size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
  if (zone) std::snprintf(text + n, sizeof text - n, ".%03lldZ", static_cast<long long>(ms));
  return text;
}

// "1.2s", "42s", "4m05s", "1h02m"; "-" when unknown.
std::string FormatDuration(std::optional<double> seconds) {
  if (!seconds || *seconds < 0) return "-";
  char text[32];
  auto whole = static_cast<long long>(*seconds);
  if (*seconds < 10) {
    std::snprintf(text, sizeof text, "%.1fs", *seconds);
  } else if (whole < 60) {
    std::snprintf(text, sizeof text, "%llds", whole);
  } else if (whole < 3600) {
    std::snprintf(text, sizeof text, "%lldm%02llds", whole / 60, whole % 60);
  } else {
    std::snprintf(text, sizeof text, "%lldh%02lldm", whole / 3600, whole % 3600 / 60);
  }
  return text;
}

// From the first step's start to the last step's end, when the steps carry times.
std::optional<double> DeviceSeconds(const DeviceRecord& device) {
  WallTime first{}, last{};
  for (const StepRecord& step : device.steps) {
    if (IsSet(step.started) && (!IsSet(first) || step.started < first)) first = step.started;
    if (IsSet(step.finished) && step.finished > last) last = step.finished;
  }
  if (!IsSet(first) || !IsSet(last)) return std::nullopt;
  return SecondsBetween(first, last);
}

std::optional<double> StepSeconds(const StepRecord& step) {
  if (!IsSet(step.started) || !IsSet(step.finished)) return std::nullopt;
  return SecondsBetween(step.started, step.finished);
}

std::string Versions(const DeviceRecord& device) {
  if (device.to_version.empty() || device.to_version == device.from_version) {
    return device.from_version;
  }
  return device.from_version + " -> " + device.to_version;
}

// Copies valid UTF-8 through; each byte of an invalid sequence (and U+FFFE/U+FFFF, which XML
// forbids) becomes U+FFFD.
std::string ValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
    unsigned char lead = byte(0);
    size_t length = lead < 0x80         ? 1
                    : lead >> 5 == 0x6  ? 2
                    : lead >> 4 == 0xE  ? 3
                    : lead >> 3 == 0x1E ? 4
                                        : 0;
    bool ok = length > 0 && i + length <= text.size();
    uint32_t cp = length == 1 ? lead : lead & (0x7F >> length);
    for (size_t k = 1; ok && k < length; ++k) {
      ok = (byte(k) & 0xC0) == 0x80;
      cp = cp << 6 | (byte(k) & 0x3F);
    }
    static constexpr uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    ok = ok && cp >= kMinimum[length] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF) &&
         cp != 0xFFFE && cp != 0xFFFF;
    if (ok) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out.append(kReplacement);
      ++i;
    }
  }
  return out;
}

// Escapes for XML and HTML alike. Line ends become "\n" (device output says "\r\n"); inside an
// attribute, newlines and tabs become character references so parsers keep them. Control
// characters, which XML 1.0 forbids, become U+FFFD.
std::string Escape(std::string_view raw, bool attribute = false) {
  std::string text = ValidUtf8(raw), out;
  out.reserve(text.size() + text.size() / 8);
  for (size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (ch == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;
      ch = '\n';
    }
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20) {
          out.append(kReplacement);
        } else {
          out += ch;
        }
    }
  }
  return out;
}

// One line safe for a terminal: control characters (escape sequences from a device included)
// and line breaks become spaces.
std::string TerminalText(std::string_view raw) {
  std::string text = ValidUtf8(raw);
  for (size_t i = 0; i < text.size(); ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7F) text[i] = ' ';
    // C1 controls (U+0080..U+009F) are encoded C2 80..C2 9F.
    if (byte == 0xC2 && i + 1 < text.size() && (text[i + 1] & 0xE0) == 0x80) {
      text.replace(i, 2, "  ");
    }
  }
  return text;
}

size_t DisplayWidth(std::string_view text) {
  return std::count_if(text.begin(), text.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

std::string Pad(const std::string& text, size_t width) {
  size_t shown = DisplayWidth(text);
  return shown >= width ? text : text + std::string(width - shown, ' ');
}

// --- Totals ---------------------------------------------------------------------------------

struct Totals {
  std::map<DeviceOutcome, int> count;
  int Of(DeviceOutcome o) const { return count.contains(o) ? count.at(o) : 0; }
  int Failures() const {
    return Of(DeviceOutcome::kFailed) + Of(DeviceOutcome::kRolledBack) + Of(DeviceOutcome::kLost);
  }
  int Skipped() const { return Of(DeviceOutcome::kPending); }
};

Totals Count(const RunRecord& run) {
  Totals totals;
  for (const DeviceRecord& device : run.devices) ++totals.count[device.outcome];
  return totals;
}

// "2 upgraded, 0 failed, 0 rolled back, 0 lost, 0 pending", then current when any.
std::string TotalsLine(const RunRecord& run) {
  Totals totals = Count(run);
  std::string line;
  for (DeviceOutcome o : {DeviceOutcome::kUpgraded, DeviceOutcome::kFailed,
                          DeviceOutcome::kRolledBack, DeviceOutcome::kLost, DeviceOutcome::kPending,
                          DeviceOutcome::kCurrent}) {
    bool always = o != DeviceOutcome::kCurrent;
    if (!always && totals.Of(o) == 0) continue;
    if (!line.empty()) line += ", ";
    line += std::to_string(totals.Of(o)) + " " + std::string(DeviceOutcomeName(o));
  }
  return line;
}

std::optional<double> RunSeconds(const RunRecord& run) {
  if (IsSet(run.started) && IsSet(run.finished)) return SecondsBetween(run.started, run.finished);
  return std::nullopt;
}

std::string Fixed3(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", std::max(seconds, 0.0));
  return text;
}

// --- JUnit ----------------------------------------------------------------------------------

// The device's story for <system-out>: its facts line, then one line per step.
std::string StepsText(const DeviceRecord& device) {
  std::string text = device.name + " (" + device.address + ", " + device.platform + ", wave " +
                     std::to_string(device.wave) + "): " + Versions(device) + ", " +
                     std::string(DeviceOutcomeName(device.outcome)) + "\n";
  for (const StepRecord& step : device.steps) {
    text += "  " + Pad(step.step, 11) + " " + Pad(std::string(StepOutcomeName(step.outcome)), 8) +
            " " + Pad(IsoTime(step.started), 24) + " " + Pad(FormatDuration(StepSeconds(step)), 7) +
            " " + step.detail + "\n";
  }
  return text;
}

// Why the device failed: its failure, then each failed step with its detail.
std::string FailureText(const DeviceRecord& device) {
  std::string text = std::string(DeviceOutcomeName(device.outcome)) + ": " + device.failure + "\n";
  for (const StepRecord& step : device.steps) {
    if (step.outcome == StepOutcome::kFailed) {
      text += "step " + step.step + " failed: " + step.detail + "\n";
    }
  }
  return text;
}

std::string JunitTestcase(const DeviceRecord& device) {
  std::string xml = "    <testcase classname=\"iosup.upgrade\" name=\"" +
                    Escape(device.name, true) + "\" time=\"" +
                    Fixed3(DeviceSeconds(device).value_or(0)) + "\">\n";
  std::string outcome(DeviceOutcomeName(device.outcome));
  switch (device.outcome) {
    case DeviceOutcome::kFailed:
    case DeviceOutcome::kRolledBack:
    case DeviceOutcome::kLost:
      xml += "      <failure message=\"" +
             Escape(device.failure.empty() ? outcome : device.failure, true) + "\" type=\"" +
             Escape(outcome, true) + "\">" + Escape(FailureText(device)) + "</failure>\n";
      break;
    case DeviceOutcome::kPending:
      xml += "      <skipped message=\"" + Escape(outcome, true) + "\"/>\n";
      break;
    default:
      break;
  }
  return xml + "      <system-out>" + Escape(StepsText(device)) + "</system-out>\n" +
         "    </testcase>\n";
}

// --- HTML -----------------------------------------------------------------------------------

constexpr char kCss[] = R"css(
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:80em;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
h3{font-size:1em;margin:1.2em 0 .4em}
table{border-collapse:collapse;margin:.3em 0}th,td{padding:.25em .7em;text-align:left;
vertical-align:top;border-bottom:1px solid #e4e4e4}th{background:#f3f3f3}
.meta{color:#555}.totals{font-weight:bold}
.o{padding:.1em .5em;border-radius:.3em;color:#fff;white-space:nowrap}
.o-upgraded,.o-done{background:#2e7d32}.o-current{background:#1565c0}
.o-failed{background:#c62828}.o-rolled-back,.o-running{background:#ef6c00}
.o-lost{background:#6a1b9a}.o-pending,.o-skipped,.o-planned{background:#757575}
tr.loss td{background:#fde0e0}tr.differs td{background:#fff6d6}
details{margin:.2em 0}summary{cursor:pointer}summary code{font-weight:bold}
pre{background:#f7f7f7;border:1px solid #e0e0e0;padding:.6em;overflow-x:auto;margin:.3em 0}
)css";

std::string OutcomeBadge(std::string_view name) {
  std::string css(name);
  std::replace(css.begin(), css.end(), ' ', '-');
  return "<span class=\"o o-" + css + "\">" + Escape(name) + "</span>";
}

std::string Row(std::initializer_list<std::string> cells, const std::string& css = "") {
  std::string html = css.empty() ? "<tr>" : "<tr class=\"" + css + "\">";
  for (const std::string& cell : cells) html += "<td>" + cell + "</td>";
  return html + "</tr>\n";
}

std::string HtmlSummary(const RunRecord& run) {
  std::string html =
      "<table><tr><th>Device</th><th>Platform</th><th>Version</th><th>Outcome</th>"
      "<th>Time</th><th>Failure</th></tr>\n";
  for (size_t i = 0; i < run.devices.size(); ++i) {
    const DeviceRecord& d = run.devices[i];
    html +=
        Row({"<a href=\"#device-" + std::to_string(i) + "\">" + Escape(d.name) + "</a>",
             Escape(d.platform), Escape(Versions(d)), OutcomeBadge(DeviceOutcomeName(d.outcome)),
             FormatDuration(DeviceSeconds(d)), Escape(d.failure)});
  }
  return html + "</table>\n<p class=\"totals\">" + Escape(TotalsLine(run)) + "</p>\n";
}

std::string HtmlSteps(const DeviceRecord& device) {
  if (device.steps.empty()) return "";
  std::string html =
      "<h3>Steps</h3><table><tr><th>Step</th><th>Outcome</th><th>Started</th><th>Finished</th>"
      "<th>Duration</th><th>Detail</th></tr>\n";
  for (const StepRecord& s : device.steps) {
    html += Row({Escape(s.step), OutcomeBadge(StepOutcomeName(s.outcome)), IsoTime(s.started),
                 IsoTime(s.finished), FormatDuration(StepSeconds(s)), Escape(s.detail)});
  }
  return html + "</table>\n";
}

std::string HtmlChanges(const DeviceRecord& device) {
  if (device.changes.empty()) return "";
  std::string html =
      "<h3>Before / after</h3><table><tr><th>What</th><th>Before</th><th>After</th><th></th>"
      "</tr>\n";
  for (const ChangeRecord& c : device.changes) {
    html += Row({Escape(c.what), Escape(c.before), Escape(c.after), c.loss ? "<b>loss</b>" : ""},
                c.loss ? "loss" : "");
  }
  return html + "</table>\n";
}

std::string HtmlFacts(const DeviceRecord& device) {
  std::set<std::string> keys;
  for (const auto& [key, value] : device.facts_before) keys.insert(key);
  for (const auto& [key, value] : device.facts_after) keys.insert(key);
  if (keys.empty()) return "";
  std::string html = "<h3>Facts</h3><table><tr><th>Fact</th><th>Before</th><th>After</th></tr>\n";
  for (const std::string& key : keys) {
    auto before = device.facts_before.find(key), after = device.facts_after.find(key);
    std::string b = before == device.facts_before.end() ? "" : before->second;
    std::string a = after == device.facts_after.end() ? "" : after->second;
    html += Row({Escape(key), Escape(b), Escape(a)}, a == b ? "" : "differs");
  }
  return html + "</table>\n";
}

std::string HtmlCommands(const DeviceRecord& device) {
  if (device.commands.empty()) return "";
  std::string html = "<h3>Commands</h3>\n";
  for (const CommandRecord& c : device.commands) {
    html += "<details><summary><code>" + Escape(c.command) + "</code> <span class=\"meta\">" +
            Escape(c.step) + " &middot; " + IsoTime(c.at) + " &middot; " +
            FormatDuration(c.seconds) + "</span></summary><pre>" + Escape(c.output) +
            "</pre></details>\n";
  }
  return html;
}

std::string HtmlDevice(const DeviceRecord& d, size_t index) {
  std::string html = "<section id=\"device-" + std::to_string(index) + "\"><h2>" + Escape(d.name) +
                     " " + OutcomeBadge(DeviceOutcomeName(d.outcome)) +
                     "</h2>\n<p class=\"meta\">" + Escape(d.address) + " &middot; " +
                     Escape(d.platform) + " &middot; wave " + std::to_string(d.wave) +
                     " &middot; " + Escape(Versions(d)) + "</p>\n";
  if (!d.failure.empty()) html += "<p><b>Failure:</b> " + Escape(d.failure) + "</p>\n";
  return html + HtmlSteps(d) + HtmlChanges(d) + HtmlFacts(d) + HtmlCommands(d) + "</section>\n";
}

// --- JSON -----------------------------------------------------------------------------------

using Json = nlohmann::ordered_json;

Json JsonTime(WallTime t) { return IsSet(t) ? Json(IsoTime(t)) : Json(nullptr); }
Json JsonSeconds(std::optional<double> s) { return s ? Json(*s) : Json(nullptr); }

Json JsonDevice(const DeviceRecord& d) {
  Json device = {{"name", d.name},
                 {"address", d.address},
                 {"platform", d.platform},
                 {"wave", d.wave},
                 {"outcome", std::string(DeviceOutcomeName(d.outcome))},
                 {"from_version", d.from_version},
                 {"to_version", d.to_version},
                 {"failure", d.failure},
                 {"seconds", JsonSeconds(DeviceSeconds(d))}};
  device["steps"] = Json::array();
  for (const StepRecord& s : d.steps) {
    device["steps"].push_back({{"step", s.step},
                               {"outcome", std::string(StepOutcomeName(s.outcome))},
                               {"started", JsonTime(s.started)},
                               {"finished", JsonTime(s.finished)},
                               {"seconds", JsonSeconds(StepSeconds(s))},
                               {"detail", s.detail}});
  }
  device["facts_before"] = Json(d.facts_before);
  device["facts_after"] = Json(d.facts_after);
  device["changes"] = Json::array();
  for (const ChangeRecord& c : d.changes) {
    device["changes"].push_back(
        {{"what", c.what}, {"before", c.before}, {"after", c.after}, {"loss", c.loss}});
  }
  device["commands"] = Json::array();
  for (const CommandRecord& c : d.commands) {
    device["commands"].push_back({{"step", c.step},
                                  {"command", c.command},
                                  {"at", JsonTime(c.at)},
                                  {"seconds", c.seconds},
                                  {"output", c.output}});
  }
  return device;
}

}  // namespace

std::string SummaryTable(const RunRecord& run) {
  std::vector<std::vector<std::string>> rows = {
      {"DEVICE", "PLATFORM", "FROM -> TO", "OUTCOME", "TIME", "FAILURE"}};
  for (const DeviceRecord& d : run.devices) {
    rows.push_back({TerminalText(d.name), TerminalText(d.platform), TerminalText(Versions(d)),
                    std::string(DeviceOutcomeName(d.outcome)), FormatDuration(DeviceSeconds(d)),
                    TerminalText(d.failure)});
  }
  std::vector<size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  }
  std::string table;
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      line += c + 1 < row.size() ? Pad(row[c], widths[c] + 2) : row[c];
    }
    line.erase(line.find_last_not_of(' ') + 1);
    table += line + "\n";
  }
  table += TotalsLine(run) + "\n";
  if (run.halted) table += "halted: " + TerminalText(run.halt_reason) + "\n";
  return table;
}

std::string RenderJson(const RunRecord& run) {
  Json totals = Json::object();
  Totals counted = Count(run);
  for (int o = 0; DeviceOutcomeName(static_cast<DeviceOutcome>(o)) != "unknown"; ++o) {
    totals[std::string(DeviceOutcomeName(static_cast<DeviceOutcome>(o)))] =
        counted.Of(static_cast<DeviceOutcome>(o));
  }
  Json json = {{"id", run.id},
               {"started", JsonTime(run.started)},
               {"finished", JsonTime(run.finished)},
               {"seconds", JsonSeconds(RunSeconds(run))},
               {"inventory", run.inventory_path},
               {"policy", run.policy_path},
               {"halted", run.halted},
               {"halt_reason", run.halt_reason},
               {"totals", totals}};
  json["devices"] = Json::array();
  for (const DeviceRecord& d : run.devices) json["devices"].push_back(JsonDevice(d));
  // Device output is not always valid UTF-8: invalid bytes become U+FFFD rather than an error.
  return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string RenderJunit(const RunRecord& run) {
  Totals totals = Count(run);
  double seconds = RunSeconds(run).value_or(0);
  if (!RunSeconds(run)) {
    for (const DeviceRecord& d : run.devices) seconds += DeviceSeconds(d).value_or(0);
  }
  std::string counts = "tests=\"" + std::to_string(run.devices.size()) + "\" failures=\"" +
                       std::to_string(totals.Failures()) + "\" errors=\"0\" skipped=\"" +
                       std::to_string(totals.Skipped()) + "\" time=\"" + Fixed3(seconds) + "\"";
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"iosup upgrade\" " + counts +
      ">\n  <testsuite name=\"" + Escape("iosup upgrade " + run.id, true) + "\" " + counts;
  if (IsSet(run.started)) xml += " timestamp=\"" + IsoTime(run.started, false) + "\"";
  xml += ">\n    <properties>\n";
  for (const auto& [name, value] :
       {std::pair<std::string, std::string>{"inventory", run.inventory_path},
        {"policy", run.policy_path},
        {"halted", run.halted ? run.halt_reason : ""}}) {
    if (!value.empty()) {
      xml += "      <property name=\"" + name + "\" value=\"" + Escape(value, true) + "\"/>\n";
    }
  }
  xml += "    </properties>\n";
  for (const DeviceRecord& d : run.devices) xml += JunitTestcase(d);
  return xml + "  </testsuite>\n</testsuites>\n";
}

std::string RenderHtml(const RunRecord& run) {
  std::string title = "iosup upgrade " + run.id;
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" +
                     Escape(title) + "</title>\n<style>" + kCss + "</style></head>\n<body>\n<h1>" +
                     Escape(title) + "</h1>\n<p class=\"meta\">started " + IsoTime(run.started) +
                     (IsSet(run.finished) ? " &middot; finished " + IsoTime(run.finished) : "") +
                     " &middot; " + FormatDuration(RunSeconds(run)) + " &middot; inventory " +
                     Escape(run.inventory_path) + " &middot; policy " + Escape(run.policy_path) +
                     "</p>\n";
  if (run.halted) html += "<p><b>Halted:</b> " + Escape(run.halt_reason) + "</p>\n";
  html += HtmlSummary(run);
  for (size_t i = 0; i < run.devices.size(); ++i) html += HtmlDevice(run.devices[i], i);
  return html + "</body></html>\n";
}

Status WriteReports(const RunRecord& run, const std::string& dir) {
  if (dir.empty()) return InvalidArgument("report directory not given");
  IOSUP_RETURN_IF_ERROR(MakeDirs(dir));
  const std::pair<const char*, std::string> files[] = {{"report.json", RenderJson(run)},
                                                       {"junit.xml", RenderJunit(run)},
                                                       {"report.html", RenderHtml(run)}};
  for (const auto& [name, contents] : files) {
    IOSUP_RETURN_IF_ERROR(WriteFileAtomically(dir + "/" + name, contents));
  }
  return Status::Ok();
}

}  // namespace iosup::upgrade
