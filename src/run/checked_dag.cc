#include "run/checked_dag.h"

#include <fmt/format.h>

#include "util/digest.h"
#include "util/file.h"
#include "util/version.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

fs::path StampPath(const fs::path& state_dir) { return state_dir / "dag-checked"; }

// Each piece is fed with its length first, so that no two different sequences of pieces
// feed the same bytes.
void Feed(Xxh3Stream& hash, std::string_view piece) {
  const uint64_t size = piece.size();
  hash.Update(&size, sizeof size);
  hash.Update(piece);
}

bool Remembered(const fs::path& state_dir, const std::string& digest) {
  Result<std::string> stamp = ReadFile(StampPath(state_dir));
  return stamp.ok() && *stamp == digest + "\n";
}

void Remember(const fs::path& state_dir, const std::string& digest) {
  (void)WriteFileAtomic(StampPath(state_dir), digest + "\n");
}

}  // namespace

Result<std::string> DagCheckDigest(const Pipeline& pipeline) {
  CUTOVER_ASSIGN_OR_RETURN(std::string text, ReadFile(pipeline.file));
  Xxh3Stream hash;
  Feed(hash, kCutoverVersion);
  Feed(hash, pipeline.root.native());
  Feed(hash, text);
  for (const Sample& sample : pipeline.samples) {
    Feed(hash, sample.name);
    const uint64_t columns = sample.columns.size();
    hash.Update(&columns, sizeof columns);
    for (const auto& [column, value] : sample.columns) {
      Feed(hash, column);
      Feed(hash, value);
    }
  }
  const Digest128 d = hash.Digest();
  return fmt::format("xxh3-128:{:016x}{:016x}", d.high, d.low);
}

Result<Dag> BuildCheckedDag(const Pipeline& pipeline, const DagOptions& options,
                            const fs::path& state_dir) {
  if (options.only_samples.empty()) {
    CUTOVER_ASSIGN_OR_RETURN(Dag dag, BuildDag(pipeline, options));
    // Written only when it changes: a run does not rewrite (and fsync) the same stamp.
    if (Result<std::string> digest = DagCheckDigest(pipeline);
        digest.ok() && !Remembered(state_dir, *digest)) {
      Remember(state_dir, *digest);
    }
    return dag;
  }
  CUTOVER_ASSIGN_OR_RETURN(std::string digest, DagCheckDigest(pipeline));
  if (!Remembered(state_dir, digest)) {
    CUTOVER_RETURN_IF_ERROR(BuildDag(pipeline, DagOptions{/*require_inputs=*/false}).status());
    Remember(state_dir, digest);
  }
  return BuildDag(pipeline, options);
}

}  // namespace cutover
