#include "pipeline/pipeline.h"

#include <fmt/format.h>

namespace cutover {

std::string ToString(const SourceLocation& where) {
  std::string out = where.file;
  if (where.line > 0) out += fmt::format(":{}:{}", where.line, where.column);
  if (!where.key.empty()) out += ": " + where.key;
  return out;
}

std::string_view ToString(ImplKind kind) {
  switch (kind) {
    case ImplKind::kCommand: return "command";
    case ImplKind::kShell: return "shell";
    case ImplKind::kBuiltin: return "cutover";
    case ImplKind::kNotebook: return "notebook";
  }
  return "?";
}

std::string_view ToString(ExecutorKind kind) {
  switch (kind) {
    case ExecutorKind::kLocal: return "local";
    case ExecutorKind::kSlurm: return "slurm";
  }
  return "?";
}

std::filesystem::path Pipeline::StateDir() const {
  const std::filesystem::path& s = settings.state_dir;
  return (s.is_absolute() ? s : root / s).lexically_normal();
}

const Step* Pipeline::FindStep(std::string_view name) const {
  for (const Step& s : steps) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const Sample* Pipeline::FindSample(std::string_view name) const {
  for (const Sample& s : samples) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::vector<const Sample*> StepRenderings(const Pipeline& pipeline, const Step& step) {
  std::vector<const Sample*> out;
  if (step.scope == StepScope::kAll) {
    out.push_back(nullptr);
  } else {
    for (const Sample& s : pipeline.samples) out.push_back(&s);
  }
  return out;
}

}  // namespace cutover
