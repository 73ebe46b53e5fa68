#include "qc/qc_runner.h"

#include <fmt/format.h>

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>

#include "qc/html_report.h"
#include "qc/report_text.h"
#include "qc/zip_writer.h"
#include "util/file.h"

namespace cutover {
namespace fs = std::filesystem;

std::string ReportBaseName(std::string_view file_name, FastqcVersion version) {
  std::string name(file_name);
  // As FastQC: every "stdin:" goes (the prefix of its streaming input's name).
  for (size_t at; (at = name.find("stdin:")) != std::string::npos;) name.erase(at, 6);
  for (const char* suffix :
       {".gz", ".bz2", ".txt", ".fastq", ".fq", ".csfastq", ".sam", ".bam", ".ubam"}) {
    const std::string_view s(suffix);
    if (s == ".ubam" && version == FastqcVersion::k0_11_9) break;  // 0.12.1's addition
    if (name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
      name.resize(name.size() - s.size());
    }
  }
  return name;
}

std::string CasavaBaseName(std::string_view name) {
  auto digits = [](std::string_view s) {
    if (s.empty()) return false;
    size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
    if (i == s.size()) return false;
    for (; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
  };
  for (std::string_view ext : {std::string_view(".fastq.gz"), std::string_view(".fastq")}) {
    if (name.size() < ext.size() + 4 || name.substr(name.size() - ext.size()) != ext) continue;
    const size_t set = name.size() - ext.size() - 4;  // "_001"
    if (name[set] == '_' && digits(name.substr(set + 1, 3))) {
      return std::string(name.substr(0, set)) + std::string(ext);
    }
    return "";
  }
  return "";
}

std::vector<QcInput> GroupInputs(const QcOptions& options) {
  std::vector<QcInput> inputs;
  // FastQC's streaming input: a single name starting with "stdin" reads standard input;
  // "stdin:NAME" names the reports after NAME (summary.txt keeps the whole name).
  if (options.inputs.size() == 1 && options.inputs[0].rfind("stdin", 0) == 0) {
    inputs.push_back({{"-"}, options.inputs[0], "."});
    return inputs;
  }
  std::map<std::string, size_t> by_name;
  for (const std::string& path : options.inputs) {
    const fs::path p(path);
    const std::string file = path == "-" ? "stdin" : p.filename().string();
    std::string dir = path == "-" ? "." : fs::absolute(p).parent_path().string();
    std::string set = options.casava ? CasavaBaseName(file) : "";
    if (set.empty()) {
      inputs.push_back({{path}, file, dir});
      continue;
    }
    auto [it, inserted] = by_name.emplace(dir + "/" + set, inputs.size());
    if (inserted) {
      inputs.push_back({{path}, set, dir});
    } else {
      inputs[it->second].paths.push_back(path);
    }
  }
  return inputs;
}

namespace {

// Image file names inside the zip, per module (FastQC's names, as SVG).
const char* ImageName(std::string_view module) {
  static const std::map<std::string_view, const char*> kNames = {
      {"Per base sequence quality", "per_base_quality"},
      {"Per tile sequence quality", "per_tile_quality"},
      {"Per sequence quality scores", "per_sequence_quality"},
      {"Per base sequence content", "per_base_sequence_content"},
      {"Per sequence GC content", "per_sequence_gc_content"},
      {"Per base N content", "per_base_n_content"},
      {"Sequence Length Distribution", "sequence_length_distribution"},
      {"Sequence Duplication Levels", "duplication_levels"},
      {"Adapter Content", "adapter_content"},
  };
  auto it = kNames.find(module);
  return it == kNames.end() ? nullptr : it->second;
}

// Removes what a killed earlier run left beside this input's reports: temporary files and
// folders (".NAME_fastqc.zip.cutover-tmp-PID-RANDOM") of processes that no longer exist.
void RemoveStaleTemporaries(const fs::path& dir, const std::string& base) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    const std::string prefix = "." + base;
    const size_t at = name.find(".cutover-tmp-");
    if (name.rfind(prefix, 0) != 0 || at == std::string::npos) continue;
    const std::string middle = name.substr(prefix.size(), at - prefix.size());
    if (!middle.empty() && middle != ".zip" && middle != ".html") continue;
    const std::optional<int64_t> owner = TempNameOwnerPid(name);
    if (!owner || *owner > std::numeric_limits<pid_t>::max()) continue;
    if (::kill(static_cast<pid_t>(*owner), 0) == 0 || errno != ESRCH) continue;  // alive or unknowable
    (void)RemoveTreeAt(dir, name);
  }
}

// Replaces `dest` (a folder) with the complete folder `tmp`.
Status ReplaceDirectory(const fs::path& tmp, const fs::path& dest) {
  std::error_code ec;
  fs::path old;
  if (fs::exists(fs::symlink_status(dest, ec))) {
    // Moved aside onto a fresh empty folder of a random name (rename replaces an empty folder),
    // then removed without following any link inside.
    CUTOVER_ASSIGN_OR_RETURN(old, CreateTempDirFor(dest));
    fs::rename(dest, old, ec);
    if (ec) {
      (void)RemoveTreeAt(old.parent_path(), old.filename().string());
      return Status::IoError(fmt::format("cannot replace {}: {}", dest.string(), ec.message()));
    }
  }
  fs::rename(tmp, dest, ec);
  if (ec) return Status::IoError(fmt::format("cannot create {}: {}", dest.string(), ec.message()));
  if (!old.empty()) (void)RemoveTreeAt(old.parent_path(), old.filename().string());
  return FsyncDirectory(dest.parent_path());
}

Status Publish(const QcInput& input, const QcResult& result, const QcOptions& options,
               const std::string& date, std::string* html_path) {
  const std::string base = ReportBaseName(input.name, options.fastqc_version) + "_fastqc";
  const fs::path dir = options.output_dir.empty() ? fs::path(input.dir) : fs::path(options.output_dir);
  RemoveStaleTemporaries(dir, base);
  HtmlReport html;
  std::vector<HtmlReport::ModuleSection> sections;
  ZipWriter zip;
  zip.AddDirectory(base + "/");
  zip.AddDirectory(base + "/Icons/");
  zip.AddDirectory(base + "/Images/");
  const std::string summary = SummaryText(result);
  zip.AddFile(base + "/summary.txt", summary);
  for (const auto& m : result.modules) {
    if (m->ignored()) continue;
    m->WriteHtml(&html);
    HtmlReport::ModuleSection section = html.TakeSection(std::string(m->name()), m->verdict());
    const char* image = ImageName(m->name());
    if (image != nullptr && !section.svgs.empty()) {
      zip.AddFile(base + "/Images/" + image + ".svg",
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + section.svgs.front());
    }
    sections.push_back(std::move(section));
  }
  const std::string document =
      HtmlReport::Document(result.display_name, date, sections, "0.1.0",
                           ToString(result.fastqc_version));
  const std::string data = FastqcDataText(result);
  zip.AddFile(base + "/fastqc_report.html", document);
  zip.AddFile(base + "/fastqc_data.txt", data);

  const fs::path zip_path = dir / (base + ".zip");
  fs::path zip_tmp;
  {
    CUTOVER_ASSIGN_OR_RETURN(TempFile made, CreateTempFileFor(zip_path));
    zip_tmp = made.path;  // the zip library replaces this fresh file by renaming its own
  }
  Status written = zip.Write(zip_tmp);
  if (!written.ok()) {
    ::unlink(zip_tmp.c_str());
    return written;
  }
  CUTOVER_RETURN_IF_ERROR(CommitTempPath(zip_tmp, zip_path));
  const fs::path html_file = dir / (base + ".html");
  CUTOVER_RETURN_IF_ERROR(WriteFileAtomic(html_file, document));
  *html_path = html_file.string();
  if (options.extract) {
    const fs::path folder = dir / base;
    CUTOVER_ASSIGN_OR_RETURN(const fs::path tmp, CreateTempDirFor(folder));
    auto fill = [&]() -> Status {
      std::error_code made;
      fs::create_directory(tmp / "Icons", made);
      if (!made) fs::create_directory(tmp / "Images", made);
      if (made) return Status::IoError(fmt::format("cannot create {}: {}", tmp.string(), made.message()));
      CUTOVER_RETURN_IF_ERROR(WriteFileAtomic(tmp / "summary.txt", summary));
      CUTOVER_RETURN_IF_ERROR(WriteFileAtomic(tmp / "fastqc_data.txt", data));
      CUTOVER_RETURN_IF_ERROR(WriteFileAtomic(tmp / "fastqc_report.html", document));
      for (const auto& section : sections) {
        const char* image = ImageName(section.name);
        if (image != nullptr && !section.svgs.empty()) {
          CUTOVER_RETURN_IF_ERROR(WriteFileAtomic(
              tmp / "Images" / (std::string(image) + ".svg"),
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + section.svgs.front()));
        }
      }
      return ReplaceDirectory(tmp, folder);
    };
    Status filled = fill();
    if (!filled.ok()) {  // a full disk among the causes: leave nothing half-made behind
      (void)RemoveTreeAt(dir, tmp.filename().string());
      return filled;
    }
    std::error_code ec;
    if (options.delete_zip) {  // --extract --delete: FastQC removes the zip once unpacked
      fs::remove(zip_path, ec);
      if (ec) return Status::IoError(fmt::format("cannot remove {}: {}", zip_path.string(), ec.message()));
    }
  }
  return Status::Ok();
}

}  // namespace

std::vector<QcOutcome> RunQc(const QcOptions& options, const QcSetup& setup,
                             const std::string& date, std::FILE* progress) {
  std::vector<QcOutcome> outcomes;
  for (const QcInput& input : GroupInputs(options)) {
    QcOutcome outcome{input.name, Status::Ok(), ""};
    if (!options.quiet) std::fprintf(progress, "Started analysis of %s\n", input.name.c_str());
    Result<QcResult> result = AnalyseInput(input.paths, input.name, options, setup);
    if (!result.ok()) {
      outcome.status = result.status();
    } else {
      outcome.status = Publish(input, *result, options, date, &outcome.html_path);
      if (outcome.status.ok() && !options.quiet) {
        std::fprintf(progress, "Analysis complete for %s\n", input.name.c_str());
      }
    }
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

}  // namespace cutover
