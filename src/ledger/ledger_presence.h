// Telling a lost SQLite ledger from a new project. SQLite takes a missing or empty file for a
// new database: every step back on legacy and the evidence gone, without a word. So the state
// folder remembers which SQLite ledgers this project has used (`<state>/ledgers-seen`, one
// absolute path per line); such a ledger found missing or empty afterwards is an error, and a
// new ledger in its place is created only on purpose (docs/ledger.md, "A lost ledger").
#pragma once

#include <filesystem>

#include "util/status.h"

namespace cutover {

// The list's file in a state folder.
std::filesystem::path LedgersSeenFile(const std::filesystem::path& state_dir);

// kCorruption naming `ledger` and what to do when it is missing or empty (0 bytes) although
// `state_dir` lists it as used; Ok otherwise (also when state_dir is empty).
Status RefuseLostLedger(const std::filesystem::path& ledger,
                        const std::filesystem::path& state_dir);

// Adds `ledger` to the list (a no-op when it is there). Best effort by design: a read-only
// state folder must not stop reading commands, so the caller may ignore the status.
Status RememberLedger(const std::filesystem::path& ledger, const std::filesystem::path& state_dir);

}  // namespace cutover
