// The command-line front end: parses argv, dispatches to a subcommand, chooses the exit code.
#pragma once

namespace cutover {

// Exit codes: 0 success; 1 the work ran and failed (a serving execution failed, outputs differ
// for `compare`); 2 usage or configuration error; 3 busy (a lock is held); 130 interrupted.
int RunCli(int argc, char** argv);

}  // namespace cutover
