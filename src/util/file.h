// Small file-system helpers with errors as values.
//
// Every file cutover creates beside a published output or in its state folder is created so
// that a link planted in advance is never written through: temporary names end in random
// characters and are created with O_EXCL; publishing copies (or clones) the content into such
// a file and renames it over the destination, never hard-links a file a late writer could still
// change. docs/routing.md ("What cutover protects against") states the guarantees.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"
#include "util/unique_fd.h"

namespace cutover {

Result<std::string> ReadFile(const std::filesystem::path& path);

// Writes `content` to `path` so that readers only ever see the old or the complete new file:
// write to a fresh temporary file in the same directory (CreateTempFileFor), fsync it, rename
// over `path`, fsync the directory. Creates missing parent directories. On any failure (a full
// disk among them) the temporary file is removed at once.
Status WriteFileAtomic(const std::filesystem::path& path, std::string_view content);

// Places a copy of the regular file `source` at `dest` atomically (same guarantees as
// WriteFileAtomic): clones or copies its content into a fresh temporary file beside `dest`,
// fsyncs, renames. `source` is opened without following a link (resolve allowed links first,
// ResolveWithin) and is untouched; the copy keeps its permission bits (set-id bits dropped).
Status PublishFileAtomic(const std::filesystem::path& source, const std::filesystem::path& dest);

// A copy staged beside its destination under a temporary name: complete, durable, not yet in
// place. Staging every output of a task before renaming any of them makes a failure while
// copying (a full disk) leave the published outputs as they were, all old.
struct StagedFile {
  std::filesystem::path tmp;
  std::filesystem::path dest;
};

// Copies `source` (as PublishFileAtomic) into a new temporary file beside `dest`, fsynced and
// closed. On failure nothing is left behind.
Result<StagedFile> StageCopy(const std::filesystem::path& source,
                             const std::filesystem::path& dest);

// Renames staged copies into place, in order, then fsyncs their folders. If a rename fails the
// copies not yet in place are removed (the ones before it are in place: renames are atomic one
// by one, not together).
Status CommitStaged(const std::vector<StagedFile>& staged);

// Removes staged copies that will not be committed.
void DiscardStaged(const std::vector<StagedFile>& staged);

// A temporary file being written: its descriptor and where it is.
struct TempFile {
  UniqueFd fd;
  std::filesystem::path path;
};

// A new, empty, hidden file beside `dest` (".NAME.cutover-tmp-PID-RANDOM"): the random part
// makes the name unpredictable and O_EXCL makes creating it fail rather than follow anything
// already there (another name is then tried). Mode 0644 less the umask.
Result<TempFile> CreateTempFileFor(const std::filesystem::path& dest);

// The same for a folder (mode 0755 less the umask); returns its path.
Result<std::filesystem::path> CreateTempDirFor(const std::filesystem::path& dest);

// The process id in a temporary name made by CreateTempFileFor/CreateTempDirFor
// (".NAME.cutover-tmp-PID-RANDOM"); nullopt for any other name.
std::optional<int64_t> TempNameOwnerPid(std::string_view file_name);

// Completes an atomic write made into `tmp` (from CreateTempFileFor): fsync, close, rename over
// `dest`, fsync the directory. On failure the temporary file is removed.
Status CommitTempFile(TempFile tmp, const std::filesystem::path& dest);

// The same for a temporary file that something else wrote by its path (a zip library).
Status CommitTempPath(const std::filesystem::path& tmp, const std::filesystem::path& dest);

// Writes all of `bytes` to `fd`, retrying short writes; `name` is for the error message.
Status WriteAll(int fd, std::string_view bytes, const std::filesystem::path& name);

// fsync() on a directory so that a rename inside it is durable.
Status FsyncDirectory(const std::filesystem::path& dir);

// create_directories with a Status.
Status MakeDirectories(const std::filesystem::path& dir);

// Creates `dir` and its missing parents below `top` (an existing folder that is not itself a
// symbolic link), walking one component at a time with a folder handle and never following a
// link: a component that is a symbolic link or not a folder is an error naming it. `dir` must
// be `top` or inside it.
Status MakeDirectoriesWithin(const std::filesystem::path& top, const std::filesystem::path& dir);

// An error when `dir` exists and is a symbolic link (or not a folder); Ok when it is a real
// folder or absent. `what` names it in the message ("the state folder").
Status RefuseLinkedFolder(const std::filesystem::path& dir, std::string_view what);

// Removes `name` inside the folder `parent` and everything under it without ever following a
// symbolic link: `parent` is opened without following its last component, then every entry is
// removed relative to an open folder handle (unlinkat), so a link planted anywhere removes only
// the link. Absent is Ok.
Status RemoveTreeAt(const std::filesystem::path& parent, const std::string& name);

// `path` itself when it is not a symbolic link; when it is, the file it finally points to,
// provided that lies inside `dir` (both canonical); otherwise an error saying where it points.
Result<std::filesystem::path> ResolveWithin(const std::filesystem::path& path,
                                            const std::filesystem::path& dir);

}  // namespace cutover
