// Skipping SQLite's quick check of a ledger that nobody but cutover has changed since it was
// checked. The quick check reads the whole file (about 2 s at 1,000,000 executions), which a
// workflow engine calling `cutover step` once per task would pay per task. So after a command
// that opened a verified ledger (checked, or found as a verified command left it) closes it,
// the state folder keeps the ledger file's identity and state (`<state>/ledger-checked`:
// device, inode, size, modification and change times of the file and of its write-ahead log);
// the next writing command finds the same state and skips the check, or finds the file
// changed behind cutover's back (a restored copy, a `dd`, `sqlite3` writing to it, a truncation)
// and checks it again. See docs/ledger.md, "When the ledger is damaged", for what this leaves:
// a change landing between a command's last write and its close, or damage that changes no
// time stamp (a failing disk), is found by SQLite when it reads a damaged page, or by
// `cutover ledger check`.
#pragma once

#include <filesystem>
#include <string>

namespace cutover {

// The ledger file's identity and state as the stamp records them ("" when the file cannot be
// examined, which matches no stamp).
std::string SqliteLedgerFileState(const std::filesystem::path& ledger);

// True when `state_dir`'s stamp names `ledger` in its present state. False without a state
// folder or stamp.
bool LedgerUnchangedSinceChecked(const std::filesystem::path& state_dir,
                                 const std::filesystem::path& ledger);

// Records `ledger`'s present state as verified, replacing the stamp at once (written beside it
// and renamed; not fsynced: a stamp lost in a crash only costs one check). Best effort: a
// read-only state folder only means the next command checks again.
void RememberLedgerChecked(const std::filesystem::path& state_dir,
                           const std::filesystem::path& ledger);

}  // namespace cutover
