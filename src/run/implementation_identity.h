// The identity of the implementation that runs a side: a digest of everything that decides what
// it does, with a readable part-by-part description, recorded with every execution and part of
// the resume fingerprint, so that editing a script re-runs what it produced and evidence can be
// tied to the implementation it proves.
//
// Its parts, in this order:
//   definition        the implementation as written in cutover.yaml (templates, parameters, env)
//   notebook content  notebook: the .ipynb's bytes
//   file PATH         every file under the pipeline folder that the command names (a word of the
//                     command or script that is such a file, `{root}/new/stats.py` included)
//   watch PATTERN     every file the implementation's `watch:` patterns match (a folder: every
//                     file below it); "no match" is a value too
//   version           the output of its `version:` command (run once per cutover process)
//   cutover           for `cutover:` implementations: cutover's version and its binary's digest
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/pipeline.h"
#include "route/route.h"
#include "util/status.h"

namespace cutover {

struct IdentityPart {
  std::string name;     // "definition", "file new/stats.py", "version", ...
  std::string value;    // a digest ("xxh3-128:..."), or a short text ("no match")
  std::string display;  // what a person reads: a short digest, or the version's first line
};

struct ImplementationIdentity {
  std::string digest;  // "xxh3-128:..." over every part
  std::vector<IdentityPart> parts;
  // "definition 3f2a1b2c, file new/stats.py 9b1c2d3e, version FastQC v0.11.9"
  std::string Description() const;
  // The parts beyond the definition and notebook content, as text for the resume fingerprint
  // ("" when there are none: fingerprints of such implementations are what they always were).
  std::string FingerprintExtra() const;
};

// The parts as JSON ([{name, value, display}]) and back (entries that are not such objects are
// skipped), for the ledger's implementation changes.
nlohmann::json IdentityPartsToJson(const ImplementationIdentity& identity);
ImplementationIdentity IdentityFromJson(std::string digest, const nlohmann::json& parts);

// What differs between two identities of one implementation, part by part, for a person:
// "file new/stats.py (was 3f2a1b2c, now 9b1c2d3e)", "watch lib/*.py (new)".
std::string DescribeIdentityChange(const ImplementationIdentity& before,
                                   const ImplementationIdentity& now);

// The files under `root` that the implementation's command names, relative to `root`, sorted.
std::vector<std::string> FilesNamedByCommand(const Implementation& impl,
                                             const std::filesystem::path& root);

// Whether the identity depends on the sample (a notebook whose path has a placeholder): such
// identities are recorded with executions but are not one "current" identity of the side.
bool IdentityIsPerSample(const Implementation& impl);

// Where the version of an implementation comes from: a shell command run in the pipeline folder.
class VersionSource {
 public:
  virtual ~VersionSource() = default;
  // The command's output (standard output, else standard error), or an error naming it.
  virtual Result<std::string> Version(const std::string& command,
                                      const std::filesystem::path& root) = 0;
};
// Runs version commands with /bin/sh (a 60 s limit), their output in a temporary folder under
// `temp_parent`.
std::unique_ptr<VersionSource> MakeShellVersionSource(std::filesystem::path temp_parent);

// The identities of one run's implementations, each computed once (files, version commands and
// cutover's binary are read the first time a step's side asks). Thread-safe.
class IdentityCache {
 public:
  IdentityCache(std::filesystem::path root, std::filesystem::path self_exe,
                std::unique_ptr<VersionSource> versions);
  // The identity of `side` of `step` (for a notebook whose path depends on the sample, of that
  // sample's notebook). An error when a `version:` command fails.
  Result<ImplementationIdentity> Get(const Step& step, Side side, const Sample* sample);

 private:
  Result<ImplementationIdentity> Compute(const Implementation& impl, const Sample* sample);
  const std::filesystem::path root_;
  const std::filesystem::path self_exe_;
  std::mutex mu_;  // guards everything below
  std::unique_ptr<VersionSource> versions_;
  std::map<std::string, Result<std::string>> version_of_;  // command -> output
  std::string cutover_identity_;                           // "" until first needed
  std::map<std::string, ImplementationIdentity> identities_;
};

}  // namespace cutover
