#include "trim/galore.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>

#include <fmt/format.h>

#include "fastq/fastq_reader.h"
#include "trim/trim_input.h"
#include "trim/command_line.h"
#include "trim/galore_settings.h"
#include "trim/read_trimmer.h"
#include "trim/record_writer.h"
#include "trim/report.h"
#include "util/file.h"
#include "util/strings.h"

namespace cutover::trim {
namespace {

constexpr const char* kGaloreVersion = "0.6.10";

// ---- Names. ----

std::string BaseName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string TrimmedName(const std::string& input) {
  std::string name = BaseName(input);
  for (const char* ext : {".fastq", ".fastq.gz", ".fq", ".fq.gz"}) {
    if (name.ends_with(ext)) return name.substr(0, name.size() - std::strlen(ext)) + "_trimmed.fq";
  }
  return name + "_trimmed.fq";
}

// s/trimmed\.fq(\.gz)?$/<what>.fq/
std::string Retag(const std::string& name, const std::string& what) {
  for (const char* tail : {"trimmed.fq.gz", "trimmed.fq"}) {
    if (name.ends_with(tail)) return name.substr(0, name.size() - std::strlen(tail)) + what + ".fq";
  }
  return name;
}

std::string Percent1(int64_t part, int64_t total) {
  return total ? fmt::format("{:.1f}", 100.0 * static_cast<double>(part) / static_cast<double>(total)) : "N/A";
}
std::string Percent2(int64_t part, int64_t total) {
  return total ? fmt::format("{:.2f}", 100.0 * static_cast<double>(part) / static_cast<double>(total)) : "N/A";
}

// ---- One input file's trimming, as Trim Galore's cutadapt call does it. ----

struct FileRun {
  std::string input;
  std::vector<std::string> cutadapt_args;
  ReadTrimmer trimmer;
  TrimStats stats;
  std::unique_ptr<FastqReader> reader;
  std::chrono::steady_clock::time_point start;
  int64_t count = 0;
};

Result<std::unique_ptr<FileRun>> StartFile(const GaloreOptions& o, const GaloreSettings& s,
                                           const std::string& input, const std::string& adapter) {
  std::vector<std::string> args = {"-j", std::to_string(o.cores), "-e", o.error_rate};
  if (o.nextseq) {
    args.push_back(fmt::format("--nextseq-trim={}", *o.nextseq));
  } else {
    args.push_back("-q");
    args.push_back(std::to_string(*s.cutoff));
  }
  args.push_back("-O");
  args.push_back(std::to_string(s.stringency));
  if (o.trim_n) args.push_back("--trim-n");
  args.push_back("-a");
  // The adapter is pasted into a shell command: "A -a B" becomes two adapters.
  CUTOVER_ASSIGN_OR_RETURN(std::vector<std::string> words, SplitWords(adapter));
  args.insert(args.end(), words.begin(), words.end());
  args.push_back(input);
  CUTOVER_ASSIGN_OR_RETURN(CommandLine cl, ParseCommandLine(args));
  CUTOVER_ASSIGN_OR_RETURN(ReadTrimmer trimmer, ReadTrimmer::Create(cl.options));
  auto run = std::unique_ptr<FileRun>(new FileRun{input, args, std::move(trimmer), {}, nullptr, {}, 0});
  run->stats = run->trimmer.NewStats();
  CUTOVER_ASSIGN_OR_RETURN(run->reader, OpenTrimReader(input, false));
  run->start = std::chrono::steady_clock::now();
  return run;
}

// The next record of a file, trimmed by the cutadapt step; false at the end.
Result<bool> NextTrimmed(FileRun* run, FastqRecord* rec, ReadView* v) {
  CUTOVER_ASSIGN_OR_RETURN(bool more, run->reader->Next(rec));
  if (!more) return false;
  if (!rec->plus.empty() && rec->plus != rec->name) {
    return Status::Corruption(fmt::format("{}: record {} (line {}): the '+' line must be empty or repeat the header",
                                          run->input, rec->number, rec->line + 2));
  }
  *v = ReadView{rec->name, rec->sequence, rec->quality};
  run->trimmer.Process(v, &run->stats);
  ++run->count;
  return true;
}

// cutadapt's log as Trim Galore captures it in the report.
std::string CutadaptLog(const FileRun& run, int cores) {
  std::array<std::vector<Adapter>, 2> adapters = {run.trimmer.adapters(0), run.trimmer.adapters(1)};
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - run.start).count();
  std::string log = "This is cutadapt 4.2 compatible cutover trim 0.1.0 (same reads, same report)\n";
  log += "Command line parameters: " + Join(run.cutadapt_args, " ") + "\n";
  log += fmt::format("Processing single-end reads on {} core{} ...\n", cores, cores > 1 ? "s" : "");
  log += FullReport(ReportInput{&run.stats, &adapters, seconds, 0.5}) + "\n";
  return log;
}

void Clip5(ReadView* v, int n) {
  if (n > 0 && static_cast<int>(v->sequence.size()) > n) {
    v->sequence.remove_prefix(n);
    v->quality.remove_prefix(n);
  }
}
void Clip3(ReadView* v, int n) {
  if (n > 0 && static_cast<int>(v->sequence.size()) > n) {
    v->sequence.remove_suffix(n);
    v->quality.remove_suffix(n);
  }
}
int64_t CountN(std::string_view s) { return std::count(s.begin(), s.end(), 'N'); }

class Galore {
 public:
  Galore(const GaloreOptions& o, const GaloreSettings& s, std::FILE* log) : o_(o), s_(s), log_(log) {}

  Status Run() {
    if (!o_.output_dir.empty()) CUTOVER_RETURN_IF_ERROR(MakeDirectories(o_.output_dir));
    if (o_.paired) {
      for (size_t i = 0; i < o_.inputs.size(); i += 2) {
        CUTOVER_RETURN_IF_ERROR(Paired(o_.inputs[i], o_.inputs[i + 1]));
      }
    } else {
      for (const std::string& f : o_.inputs) CUTOVER_RETURN_IF_ERROR(Single(f));
    }
    return Status::Ok();
  }

 private:
  std::string Dir() const {
    if (o_.output_dir.empty()) return "";
    return o_.output_dir.back() == '/' ? o_.output_dir : o_.output_dir + "/";
  }
  bool GzipOut() const { return gzip_ && !o_.dont_gzip; }

  // The report's parameter summary (Trim Galore sets its gzip flag for good on a .gz input).
  std::string Header(const std::string& input) {
    std::string h = "\nSUMMARISING RUN PARAMETERS\n==========================\nInput filename: " + input + "\n";
    h += o_.paired ? "Trimming mode: paired-end\n" : "Trimming mode: single-end\n";
    h += fmt::format("Trim Galore version: {}\n", kGaloreVersion);
    h += "Cutadapt version: 4.2 (cutover trim 0.1.0)\n";
    if (o_.cores > 1) h += "Python version: none (cutover trim 0.1.0)\n";
    h += fmt::format("Number of cores used for trimming: {}\n", o_.cores);
    if (s_.phred_score_cutoff) h += fmt::format("Quality Phred score cutoff: {}\n", *s_.phred_score_cutoff);
    h += fmt::format("Quality encoding type selected: ASCII+{}\n", s_.phred);
    h += s_.report_message;
    h += fmt::format("Adapter sequence: '{}' ({})\n", s_.adapter, s_.adapter_name);
    if (o_.nextseq) h += fmt::format("2-colour high quality G-trimming enabled, with quality cutoff: --nextseq-trim={}\n", *o_.nextseq);
    h += "Maximum trimming error rate: " + o_.error_rate + (s_.error_rate == 0.1 ? " (default)\n" : "\n");
    if (!s_.a2.empty()) h += fmt::format("Optional adapter 2 sequence (only used for read 2 of paired-end files): '{}'\n", s_.a2);
    h += fmt::format("Minimum required adapter overlap (stringency): {} bp\n", s_.stringency);
    if (o_.consider_already_trimmed) {
      h += fmt::format("During adapter auto-detection, files are considered already adapter-trimmed if the highest found adapter was found equal to or lower than: {}\n", *o_.consider_already_trimmed);
    }
    if (o_.paired) {
      h += fmt::format("Minimum required sequence length for both reads before a sequence pair gets removed: {} bp\n", s_.length_cutoff);
    } else {
      h += fmt::format("Minimum required sequence length before a sequence gets removed: {} bp\n", s_.length_cutoff);
    }
    if (o_.max_length) h += fmt::format("Maxiumum tolerated read length after trimming (for smallRNA trimming): {} bp\n", o_.max_length);
    if (o_.trim_n) h += "Removing Ns from the start and end of reads\n";
    if (o_.paired && o_.retain_unpaired) {
      h += fmt::format("Length cut-off for read 1: {} bp{}\n", s_.length_r1, s_.length_r1 == 35 ? " (default)" : "");
      h += fmt::format("Length cut-off for read 2: {} bp{}\n", s_.length_r2, s_.length_r2 == 35 ? " (default)" : "");
    }
    if (o_.clip_r1) h += fmt::format("All Read 1 sequences will be trimmed by {} bp from their 5' end to avoid poor qualities or biases\n", o_.clip_r1);
    if (o_.clip_r2) h += fmt::format("All Read 2 sequences will be trimmed by {} bp from their 5' end to avoid poor qualities or biases (e.g. M-bias for BS-Seq applications)\n", o_.clip_r2);
    if (o_.three_prime_clip_r1) h += fmt::format("All Read 1 sequences will be trimmed by {} bp from their 3' end to avoid poor qualities or biases\n", o_.three_prime_clip_r1);
    if (o_.three_prime_clip_r2) h += fmt::format("All Read 2 sequences will be trimmed by {} bp from their 3' end to avoid poor qualities or biases\n", o_.three_prime_clip_r2);
    if (o_.gzip || input.ends_with(".gz")) {
      gzip_ = true;
      if (!o_.dont_gzip) h += "Output file will be GZIP compressed\n";
    }
    return h + "\n";
  }

  std::string RunStatistics(const FileRun& run) {
    std::string r = "\nRUN STATISTICS FOR INPUT FILE: " + run.input + "\n" + std::string(45, '=') + "\n";
    r += fmt::format("{} sequences processed in total\n", run.count);
    return r;
  }

  Status WriteReport(const std::string& input, const std::string& text) {
    if (o_.no_report_file) return Status::Ok();
    reports_.emplace_back(Dir() + BaseName(input) + "_trimming_report.txt", text);
    return Status::Ok();
  }
  Status CommitReports() {
    for (const auto& [path, text] : reports_) CUTOVER_RETURN_IF_ERROR(WriteFileAtomic(path, text));
    reports_.clear();
    return Status::Ok();
  }

  Status Single(const std::string& input) {
    std::string report = Header(input);
    std::string out = TrimmedName(input) + (GzipOut() ? ".gz" : "");
    if (o_.basename) {
      size_t at = out.find("_trimmed");
      out = *o_.basename + out.substr(at);
    }
    std::fprintf(log_, "Trimming %s -> %s%s\n", input.c_str(), Dir().c_str(), out.c_str());
    CUTOVER_ASSIGN_OR_RETURN(auto run, StartFile(o_, s_, input, s_.adapter));
    CUTOVER_ASSIGN_OR_RETURN(auto writer, RecordWriter::Open(Dir() + out, GzipOut()));
    int64_t too_short = 0, too_long = 0, too_many_n = 0;
    FastqRecord rec;
    ReadView v;
    while (true) {
      CUTOVER_ASSIGN_OR_RETURN(bool more, NextTrimmed(run.get(), &rec, &v));
      if (!more) break;
      Clip5(&v, o_.clip_r1);
      Clip3(&v, o_.three_prime_clip_r1);
      const int64_t len = static_cast<int64_t>(v.sequence.size());
      if (s_.maxn) {
        const int64_t n = CountN(v.sequence);
        if (s_.maxn_fraction) {
          if (len == 0) continue;  // dropped without being counted, as Trim Galore does
          if (static_cast<double>(n) / static_cast<double>(len) > *s_.maxn_fraction) {
            ++too_many_n;
            continue;
          }
        }
        // Trim Galore's single-end path also applies the value as a count (for a fraction
        // too: any N then removes the read).
        if (static_cast<double>(n) > *s_.maxn) {
          ++too_many_n;
          continue;
        }
      }
      if (len < s_.length_cutoff) {
        ++too_short;
      } else if (o_.max_length && len > o_.max_length) {
        ++too_long;
      } else {
        CUTOVER_RETURN_IF_ERROR(writer->Append(v));
      }
    }
    report += "\n" + CutadaptLog(*run, o_.cores) + RunStatistics(*run);
    report += fmt::format("Sequences removed because they became shorter than the length cutoff of {} bp:\t{} ({}%)\n",
                          s_.length_cutoff, too_short, Percent1(too_short, run->count));
    if (s_.maxn) {
      report += fmt::format("Sequences removed because they contained more Ns than the cutoff of {}:\t{} ({}%)\n",
                            s_.maxn_text, too_many_n, Percent1(too_many_n, run->count));
    }
    if (o_.max_length) {
      report += fmt::format("Sequences removed because after trimming they were longer than the maximum length cutoff of {} bp:\t{} ({}%)\n",
                            o_.max_length, too_long, Percent1(too_long, run->count));
    }
    report += "\n";
    CUTOVER_RETURN_IF_ERROR(writer->Commit());
    CUTOVER_RETURN_IF_ERROR(WriteReport(input, report));
    return CommitReports();
  }

  // Both mates are trimmed as two single-end cutadapt runs, then validated as pairs (Trim
  // Galore writes the two trimmed files, validates them into _val_ files and deletes them;
  // here the reads go straight to the validated files).
  Status Paired(const std::string& in1, const std::string& in2) {
    std::string report1 = Header(in1);
    std::string file1 = TrimmedName(in1) + (GzipOut() ? ".gz" : "");
    std::string report2 = Header(in2);
    std::string file2 = TrimmedName(in2) + (GzipOut() ? ".gz" : "");
    if (o_.basename) {
      file1 = *o_.basename + "_R1" + file1.substr(file1.find("_trimmed"));
      file2 = *o_.basename + "_R2" + file2.substr(file2.find("_trimmed"));
    }
    std::string val1 = Retag(file1, "val_1"), val2 = Retag(file2, "val_2");
    if (o_.basename) {
      if (val1.ends_with("_R1_val_1.fq")) val1 = val1.substr(0, val1.size() - 12) + "_val_1.fq";
      if (val2.ends_with("_R2_val_2.fq")) val2 = val2.substr(0, val2.size() - 12) + "_val_2.fq";
    }
    const bool gz = GzipOut();
    if (gz) {
      val1 += ".gz";
      val2 += ".gz";
    }
    std::fprintf(log_, "Trimming %s and %s -> %s%s, %s%s\n", in1.c_str(), in2.c_str(), Dir().c_str(),
                 val1.c_str(), Dir().c_str(), val2.c_str());
    CUTOVER_ASSIGN_OR_RETURN(auto run1, StartFile(o_, s_, in1, s_.adapter));
    CUTOVER_ASSIGN_OR_RETURN(auto run2, StartFile(o_, s_, in2, s_.a2.empty() ? s_.adapter : s_.a2));
    CUTOVER_ASSIGN_OR_RETURN(auto w1, RecordWriter::Open(Dir() + val1, gz));
    CUTOVER_ASSIGN_OR_RETURN(auto w2, RecordWriter::Open(Dir() + val2, gz));
    std::unique_ptr<RecordWriter> u1, u2;
    if (o_.retain_unpaired) {
      std::string un1 = Retag(file1, "unpaired_1") + (gz ? ".gz" : "");
      std::string un2 = Retag(file2, "unpaired_2") + (gz ? ".gz" : "");
      CUTOVER_ASSIGN_OR_RETURN(u1, RecordWriter::Open(Dir() + un1, gz));
      CUTOVER_ASSIGN_OR_RETURN(u2, RecordWriter::Open(Dir() + un2, gz));
    }
    int64_t count = 0, removed = 0, too_many_n = 0, too_long = 0;
    FastqRecord a, b;
    ReadView v1, v2;
    while (true) {
      CUTOVER_ASSIGN_OR_RETURN(bool more1, NextTrimmed(run1.get(), &a, &v1));
      CUTOVER_ASSIGN_OR_RETURN(bool more2, NextTrimmed(run2.get(), &b, &v2));
      if (more1 != more2) {
        return Status::Corruption(fmt::format("Read {} output is truncated at sequence count: {} ({} has more reads than {})",
                                              more1 ? 2 : 1, count, more1 ? in1 : in2, more1 ? in2 : in1));
      }
      if (!more1) break;
      ++count;
      Clip5(&v1, o_.clip_r1);
      Clip5(&v2, o_.clip_r2);
      Clip3(&v1, o_.three_prime_clip_r1);
      Clip3(&v2, o_.three_prime_clip_r2);
      if (s_.maxn) {
        bool drop = false, silent = false;
        for (const ReadView* v : {&v1, &v2}) {
          const int64_t n = CountN(v->sequence), len = static_cast<int64_t>(v->sequence.size());
          if (s_.maxn_fraction) {
            if (len == 0) {
              silent = true;  // dropped without being counted, as Trim Galore does
              break;
            }
            drop = static_cast<double>(n) / static_cast<double>(len) > *s_.maxn_fraction;
          } else {
            drop = static_cast<double>(n) > *s_.maxn;
          }
          if (drop) break;
        }
        if (silent) continue;
        if (drop) {
          ++too_many_n;
          ++removed;
          continue;
        }
      }
      const int64_t len1 = static_cast<int64_t>(v1.sequence.size()), len2 = static_cast<int64_t>(v2.sequence.size());
      if (len1 < s_.length_cutoff || len2 < s_.length_cutoff) {
        ++removed;
        if (o_.retain_unpaired) {
          if (len1 >= s_.length_r1) CUTOVER_RETURN_IF_ERROR(u1->Append(v1));
          if (len2 >= s_.length_r2) CUTOVER_RETURN_IF_ERROR(u2->Append(v2));
        }
      } else if (o_.max_length && (len1 > o_.max_length || len2 > o_.max_length)) {
        ++too_long;
      } else {
        CUTOVER_RETURN_IF_ERROR(w1->Append(v1));
        CUTOVER_RETURN_IF_ERROR(w2->Append(v2));
      }
    }
    report1 += "\n" + CutadaptLog(*run1, o_.cores) + RunStatistics(*run1) + "\n";
    report2 += "\n" + CutadaptLog(*run2, o_.cores) + RunStatistics(*run2) + "\n";
    if (s_.maxn) {
      report2 += fmt::format("Number of sequence pairs removed because at least one read contained more N(s) than the specified limit of {}: {} ({}%)\n",
                             s_.maxn_text, too_many_n, Percent2(too_many_n, count));
    }
    if (o_.max_length) {
      report2 += fmt::format("Sequence pairs removed as after trimming at least one read was longer than the maximum length cutoff of {} bp:\t{} ({}%)\n",
                             o_.max_length, too_long, Percent2(too_long, count));
    }
    report2 += fmt::format("Total number of sequences analysed for the sequence pair length validation: {}\n\n", count);
    report2 += fmt::format("Number of sequence pairs removed because at least one read was shorter than the length cutoff ({} bp): {} ({}%)\n",
                           s_.length_cutoff, removed, Percent2(removed, count));
    for (RecordWriter* w : {w1.get(), w2.get(), u1.get(), u2.get()}) {
      if (w != nullptr) CUTOVER_RETURN_IF_ERROR(w->Commit());
    }
    CUTOVER_RETURN_IF_ERROR(WriteReport(in1, report1));
    CUTOVER_RETURN_IF_ERROR(WriteReport(in2, report2));
    return CommitReports();
  }

  const GaloreOptions& o_;
  const GaloreSettings& s_;
  std::FILE* log_;
  bool gzip_ = false;
  std::vector<std::pair<std::string, std::string>> reports_;
};

}  // namespace

Status RunGalore(const GaloreOptions& o, std::FILE* log) {
  CUTOVER_ASSIGN_OR_RETURN(GaloreSettings s, ResolveGaloreSettings(o, log));
  Galore g(o, s, log);
  return g.Run();
}

}  // namespace cutover::trim
