#include "tests/automation/run_tool.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <thread>

extern char** environ;

namespace iosup {

ToolRun RunTool(const std::vector<std::string>& argv, const ToolOptions& options) {
  std::vector<char*> args, envp;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  if (options.env) {
    for (const std::string& e : *options.env) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
  }
  char** child_env = options.env ? envp.data() : environ;
  const pid_t pid = ::fork();
  if (pid == 0) {  // only async-signal-safe calls until exec
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::setpgid(0, 0);
    const int out = ::open(options.log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int null = ::open("/dev/null", O_RDONLY);
    if (out < 0 || null < 0 || (!options.cwd.empty() && ::chdir(options.cwd.c_str()) != 0)) ::_exit(126);
    ::dup2(null, 0);
    ::dup2(out, 1);
    ::dup2(out, 2);
    ::execve(args[0], args.data(), child_env);
    ::_exit(127);
  }
  ToolRun run;
  const auto deadline = std::chrono::steady_clock::now() + options.limit;
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-pid, SIGKILL);
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      run.output = "(killed after " + std::to_string(options.limit.count()) + " s)\n";
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (run.output.empty() && WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  std::ifstream in(options.log, std::ios::binary);
  run.output += std::string((std::istreambuf_iterator<char>(in)), {});
  return run;
}

}  // namespace iosup
