#include "run/implementation_identity.h"

#include <glob.h>

#include <algorithm>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "exec/process.h"
#include "run/implementation_driver.h"
#include "run/notebook_side.h"
#include "util/cancel.h"
#include "util/digest.h"
#include "util/file.h"
#include "util/strings.h"
#include "util/version.h"

namespace cutover {
namespace fs = std::filesystem;

namespace {

// "xxh3-128:0123456789abcdef..." -> "01234567".
std::string ShortDigest(const std::string& digest) {
  const size_t colon = digest.find(':');
  return digest.substr(colon == std::string::npos ? 0 : colon + 1, 8);
}

IdentityPart DigestPart(std::string name, std::string digest) {
  std::string display = ShortDigest(digest);
  return {std::move(name), std::move(digest), std::move(display)};
}

// `rel` (relative to root, lexically normal) when `word` names a place inside `root`.
std::optional<fs::path> InsideRoot(std::string_view word, const fs::path& root) {
  std::string w(word);
  if (w.rfind("{root}/", 0) == 0) w = w.substr(7);
  if (w.empty() || w.find('{') != std::string::npos) return std::nullopt;
  fs::path p(w);
  fs::path rel = p.is_absolute() ? p.lexically_normal().lexically_relative(root.lexically_normal())
                                 : p.lexically_normal();
  if (rel.empty() || rel == "." || *rel.begin() == "..") return std::nullopt;
  return rel;
}

bool IsRegularFile(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);  // follows a link: a link to a script names the script
}

// Every regular file below `dir` (relative to root), sorted; links to folders are not entered.
void FilesBelow(const fs::path& dir, const fs::path& root, std::vector<std::string>& out) {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied,
                                           ec), end;
       !ec && it != end; it.increment(ec)) {
    if (IsRegularFile(it->path())) out.push_back(it->path().lexically_relative(root).string());
  }
}

std::string DigestOrReason(const fs::path& path) {
  Result<std::string> d = DigestFile(path);
  return d.ok() ? *d : "unreadable";
}

// The parts of one `watch:` pattern.
void WatchParts(const std::string& pattern, const fs::path& root,
                std::vector<IdentityPart>& parts) {
  std::vector<std::string> files;
  const fs::path full = root / pattern;
  if (pattern.find_first_of("*?[") == std::string::npos) {
    std::error_code ec;
    if (fs::is_directory(full, ec)) {
      FilesBelow(full, root, files);
    } else if (IsRegularFile(full)) {
      files.push_back(fs::path(pattern).lexically_normal().string());
    }
  } else {
    glob_t g{};
    if (::glob(full.c_str(), 0, nullptr, &g) == 0) {
      for (size_t i = 0; i < g.gl_pathc; ++i) {
        const fs::path match(g.gl_pathv[i]);
        std::error_code ec;
        if (fs::is_directory(match, ec)) {
          FilesBelow(match, root, files);
        } else if (IsRegularFile(match)) {
          files.push_back(match.lexically_relative(root).string());
        }
      }
    }
    ::globfree(&g);
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  if (files.empty()) {
    parts.push_back({"watch " + pattern, "no match", "no match"});
    return;
  }
  // One digest over the list and every file: a file added, removed or changed changes it.
  Xxh3Stream all;
  for (const std::string& f : files) {
    all.Update(f);
    all.Update(std::string_view("\0", 1));
    all.Update(DigestOrReason(root / f));
    all.Update(std::string_view("\n", 1));
  }
  const Digest128 d = all.Digest();
  std::string digest = fmt::format("xxh3-128:{:016x}{:016x}", d.high, d.low);
  IdentityPart part = DigestPart("watch " + pattern, std::move(digest));
  part.display += fmt::format(" ({} file{})", files.size(), files.size() == 1 ? "" : "s");
  parts.push_back(std::move(part));
}

// The first line of a version text, short and printable.
std::string VersionDisplay(std::string_view text) {
  text = Trim(text);
  const size_t nl = text.find('\n');
  std::string line(Trim(text.substr(0, nl)));
  if (line.size() > 80) line = line.substr(0, 77) + "...";
  return TerminalSafe(line);
}

class ShellVersionSource final : public VersionSource {
 public:
  explicit ShellVersionSource(fs::path temp_parent) : temp_parent_(std::move(temp_parent)) {}
  Result<std::string> Version(const std::string& command, const fs::path& root) override {
    CUTOVER_ASSIGN_OR_RETURN(fs::path dir, CreateTempDirFor(temp_parent_ / "version"));
    ProcessSpec spec;
    spec.argv = {"/bin/sh", "-c", command};
    spec.cwd = root;
    spec.stdout_path = dir / "stdout";
    spec.stderr_path = dir / "stderr";
    spec.timeout_ms = 60'000;
    CancelToken never;
    const ProcessResult end = MakeLocalProcessRunner()->Run(spec, never);
    Result<std::string> out = ReadFile(spec.stdout_path);
    Result<std::string> err = ReadFile(spec.stderr_path);
    std::error_code ec;
    fs::remove_all(dir, ec);
    if (!end.succeeded()) {
      std::string why = end.end == ProcessEnd::kExited ? fmt::format("exit {}", end.exit_code)
                        : end.end == ProcessEnd::kTimedOut ? std::string("timed out after 60 s")
                        : !end.error.empty() ? end.error
                                             : std::string(ToString(end.end));
      std::string tail = err.ok() ? std::string(Trim(*err)) : "";
      return Status::Failed(fmt::format("the version command '{}' failed ({}){}{}", command, why,
                                        tail.empty() ? "" : ": ", TerminalSafe(tail)));
    }
    if (out.ok() && !Trim(*out).empty()) return *out;
    if (err.ok() && !Trim(*err).empty()) return *err;
    return Status::Failed(fmt::format("the version command '{}' printed nothing", command));
  }

 private:
  const fs::path temp_parent_;
};

}  // namespace

std::string ImplementationIdentity::Description() const {
  std::string out;
  for (const IdentityPart& p : parts) {
    if (!out.empty()) out += ", ";
    out += p.name + " " + p.display;
  }
  return out;
}

std::string ImplementationIdentity::FingerprintExtra() const {
  std::string out;
  for (const IdentityPart& p : parts) {
    if (p.name == "definition" || p.name == "notebook content") continue;
    out += "identity " + p.name + "=" + p.value + "\n";
  }
  return out;
}

nlohmann::json IdentityPartsToJson(const ImplementationIdentity& identity) {
  nlohmann::json out = nlohmann::json::array();
  for (const IdentityPart& p : identity.parts) {
    out.push_back({{"name", p.name}, {"value", p.value}, {"display", p.display}});
  }
  return out;
}

ImplementationIdentity IdentityFromJson(std::string digest, const nlohmann::json& parts) {
  ImplementationIdentity id;
  id.digest = std::move(digest);
  if (!parts.is_array()) return id;
  for (const nlohmann::json& p : parts) {
    if (!p.is_object()) continue;
    auto text = [&](const char* key) {
      auto it = p.find(key);
      return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    id.parts.push_back({text("name"), text("value"), text("display")});
  }
  return id;
}

std::string DescribeIdentityChange(const ImplementationIdentity& before,
                                   const ImplementationIdentity& now) {
  std::map<std::string, const IdentityPart*> old_parts;
  for (const IdentityPart& p : before.parts) old_parts[p.name] = &p;
  std::vector<std::string> changes;
  for (const IdentityPart& p : now.parts) {
    auto it = old_parts.find(p.name);
    if (it == old_parts.end()) {
      changes.push_back(fmt::format("{} (new: {})", p.name, p.display));
      continue;
    }
    if (it->second->value != p.value) {
      changes.push_back(
          fmt::format("{} (was {}, now {})", p.name, it->second->display, p.display));
    }
    old_parts.erase(it);
  }
  for (const auto& [name, part] : old_parts) changes.push_back(name + " (gone)");
  std::string out;
  for (const std::string& c : changes) out += (out.empty() ? "" : ", ") + c;
  return out;
}

std::vector<std::string> FilesNamedByCommand(const Implementation& impl, const fs::path& root) {
  std::vector<std::string> texts;
  for (const Template& w : impl.argv) texts.push_back(w.text);
  if (!impl.script.text.empty()) texts.push_back(impl.script.text);
  std::set<std::string> files;
  for (const std::string& text : texts) {
    // Words: split at blanks, shell punctuation, quotes and the separators of option values
    // (`--script=x.py`, `file:adapters.fa`).
    std::string word;
    auto flush = [&] {
      if (auto rel = InsideRoot(word, root); rel && IsRegularFile(root / *rel)) {
        files.insert(rel->string());
      }
      word.clear();
    };
    for (char c : text) {
      if (std::string_view(" \t\n;|&<>()`'\"=:,").find(c) != std::string_view::npos) {
        flush();
      } else {
        word += c;
      }
    }
    flush();
  }
  return {files.begin(), files.end()};
}

bool IdentityIsPerSample(const Implementation& impl) {
  return impl.kind == ImplKind::kNotebook && impl.notebook.text.find('{') != std::string::npos;
}

std::unique_ptr<VersionSource> MakeShellVersionSource(fs::path temp_parent) {
  return std::make_unique<ShellVersionSource>(std::move(temp_parent));
}

IdentityCache::IdentityCache(fs::path root, fs::path self_exe,
                             std::unique_ptr<VersionSource> versions)
    : root_(std::move(root)), self_exe_(std::move(self_exe)), versions_(std::move(versions)) {}

Result<ImplementationIdentity> IdentityCache::Get(const Step& step, Side side,
                                                  const Sample* sample) {
  const Implementation& impl = side == Side::kNew ? *step.new_impl : step.legacy;
  std::string key = step.name + "\n" + std::string(ToString(side));
  if (IdentityIsPerSample(impl) && sample != nullptr) key += "\n" + sample->name;
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = identities_.find(key); it != identities_.end()) return it->second;
  CUTOVER_ASSIGN_OR_RETURN(ImplementationIdentity identity, Compute(impl, sample));
  identities_.emplace(key, identity);
  return identity;
}

// Guarded by mu_ (called from Get).
Result<ImplementationIdentity> IdentityCache::Compute(const Implementation& impl,
                                                      const Sample* sample) {
  ImplementationIdentity id;
  id.parts.push_back(DigestPart(
      "definition", DigestBytes(ImplementationDriver::DescribeDefinition(impl))));
  if (impl.kind == ImplKind::kNotebook) {
    Result<fs::path> nb = ResolveNotebookPath(impl, sample, root_);
    id.parts.push_back(nb.ok() ? DigestPart("notebook content", DigestOrReason(*nb))
                               : IdentityPart{"notebook content", "unresolved", "unresolved"});
  }
  for (const std::string& f : FilesNamedByCommand(impl, root_)) {
    id.parts.push_back(DigestPart("file " + f, DigestOrReason(root_ / f)));
  }
  for (const std::string& pattern : impl.watch) WatchParts(pattern, root_, id.parts);
  if (!impl.version_command.empty()) {
    auto it = version_of_.find(impl.version_command);
    if (it == version_of_.end()) {
      it = version_of_.emplace(impl.version_command,
                               versions_->Version(impl.version_command, root_)).first;
    }
    if (!it->second.ok()) {
      return Status::Failed(fmt::format("{}: {}", ToString(impl.version_where),
                                        it->second.status().message()));
    }
    id.parts.push_back({"version", DigestBytes(*it->second), VersionDisplay(*it->second)});
  }
  if (impl.kind == ImplKind::kBuiltin) {
    if (cutover_identity_.empty()) {
      cutover_identity_ = std::string(kCutoverVersion) + " " + DigestOrReason(self_exe_);
    }
    const size_t space = cutover_identity_.find(' ');
    id.parts.push_back({"cutover", cutover_identity_,
                        fmt::format("{} (binary {})", cutover_identity_.substr(0, space),
                                    ShortDigest(cutover_identity_.substr(space + 1)))});
  }
  std::string all;
  for (const IdentityPart& p : id.parts) all += p.name + "=" + p.value + "\n";
  id.digest = DigestBytes(all);
  return id;
}

}  // namespace cutover
