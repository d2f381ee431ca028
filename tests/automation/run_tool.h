// Runs a real automation tool (ansible-playbook, a Netmiko script, expect) as a child of the test,
// the way a person would from a shell, with a time limit and its output kept in a file.
#ifndef IOSUP_TESTS_AUTOMATION_RUN_TOOL_H_
#define IOSUP_TESTS_AUTOMATION_RUN_TOOL_H_

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace iosup {

struct ToolOptions {
  std::optional<std::vector<std::string>> env;  // exactly this environment; the test's own if unset
  std::string cwd;                               // the test's own if empty
  std::string log;                               // stdout and stderr go here (truncated first)
  std::chrono::seconds limit{300};
};

struct ToolRun {
  int exit_code = -1;  // -1 when it was killed at the limit or died of a signal
  std::string output;  // the log's contents, after "(killed after N s)" when it was killed
};

// Runs argv[0] (an absolute path) with argv. The child and what it starts (ansible-connection)
// run in their own process group, die with the test and are killed after the limit.
ToolRun RunTool(const std::vector<std::string>& argv, const ToolOptions& options);

}  // namespace iosup

#endif  // IOSUP_TESTS_AUTOMATION_RUN_TOOL_H_
