#include "ledger/ledger_presence.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <string>
#include <string_view>

#include "util/file.h"

namespace cutover {
namespace fs = std::filesystem;

namespace {

// The ledger as written in the list: absolute, `.`/`..` removed (links are not resolved: the
// state folder and the ledger file are refused as links elsewhere).
std::string ListedName(const fs::path& ledger) {
  std::error_code ec;
  fs::path abs = fs::absolute(ledger, ec);
  if (ec) abs = ledger;
  return abs.lexically_normal().string();
}

bool Listed(const fs::path& list, const std::string& name) {
  auto content = ReadFile(list);
  if (!content.ok()) return false;
  std::string_view rest = *content;
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    if (rest.substr(0, end) == name) return true;
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return false;
}

}  // namespace

fs::path LedgersSeenFile(const fs::path& state_dir) { return state_dir / "ledgers-seen"; }

Status RefuseLostLedger(const fs::path& ledger, const fs::path& state_dir) {
  if (state_dir.empty()) return Status::Ok();
  struct stat st {};
  const bool missing = ::stat(ledger.c_str(), &st) != 0 && errno == ENOENT;
  const bool empty = !missing && S_ISREG(st.st_mode) && st.st_size == 0;
  if (!missing && !empty) return Status::Ok();
  const fs::path list = LedgersSeenFile(state_dir);
  if (!Listed(list, ListedName(ledger))) return Status::Ok();
  return Status::Corruption(fmt::format(
      "the ledger {} is {}, but this project has used it before ({} lists it): the ledger was "
      "{}, and a new one would put every step back on legacy without its evidence. Restore it "
      "from a backup (`cutover ledger backup PATH` makes one), or salvage a damaged copy with "
      "`cutover ledger copy`. To start over with a new, empty ledger on purpose, remove its line "
      "from {}",
      ledger.string(), missing ? "missing" : "empty (0 bytes)", list.string(),
      missing ? "deleted" : "truncated", list.string()));
}

Status RememberLedger(const fs::path& ledger, const fs::path& state_dir) {
  if (state_dir.empty()) return Status::Ok();
  const fs::path list = LedgersSeenFile(state_dir);
  const std::string name = ListedName(ledger);
  if (Listed(list, name)) return Status::Ok();
  std::string content;
  if (auto old = ReadFile(list); old.ok()) content = *old;
  if (!content.empty() && content.back() != '\n') content += '\n';
  content += name + '\n';
  return WriteFileAtomic(list, content);
}

}  // namespace cutover
