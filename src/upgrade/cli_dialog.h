// How a CLI channel reads a device's output: prompts, questions, and which row of a prompt table
// answers a question. Shared by the SSH channel and the scripted one, so both answer (and refuse
// to answer) exactly the same dialogs.
#ifndef IOSUP_UPGRADE_CLI_DIALOG_H_
#define IOSUP_UPGRADE_CLI_DIALOG_H_

#include <span>
#include <string_view>

#include "upgrade/cli_channel.h"

namespace iosup::upgrade {

std::string_view TrimRight(std::string_view s);  // without trailing spaces and tabs
std::string_view LastLine(std::string_view s);   // after the last '\n' (all of `s` without one)

// "R1#", "R1>", "R1(config-if)#": `hostname` (any name when empty), an optional mode, > or #.
bool IsPrompt(std::string_view line, std::string_view hostname);

// The last line, when it reads as a question waiting for an answer (it ends in '?',
// "[confirm]", "[yes/no]:", "]?" or ':' and is no prompt, nor a copy's "Loading ...:" or
// "Accessing ..." progress line); "" otherwise.
std::string_view QuestionAtEnd(std::string_view pending);

// The row that answers `pending`: the pending output (trailing spaces ignored) ends with its
// prompt, or, for prompts whose end varies with a default ("Destination filename ["), the
// question on the last line contains it. nullptr when no row does.
const DialogAnswer* MatchAnswer(std::span<const DialogAnswer> answers, std::string_view pending);

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_CLI_DIALOG_H_
