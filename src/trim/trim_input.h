// Opening `cutover trim`'s inputs with cutadapt 4.2's rules, so that cutover rejects the files
// cutadapt rejects: xopen's choice of decompressor by the ".gz" name, Python's gzip module's
// end of stream (zero padding only after the last member), dnaio's records (ASCII only, no
// blank lines at the end). docs/trim.md lists them with the messages.
#pragma once

#include <memory>
#include <string>

#include "fastq/fastq_reader.h"
#include "fastq/input_stream.h"
#include "util/status.h"

namespace cutover::trim {

// The stream options (buffering left at the defaults).
InputStreamOptions CutadaptStreamOptions();

// "-" is standard input. Errors as InputStream::Open's, and kCorruption for a ".gz" name
// without gzip data.
Result<std::unique_ptr<InputStream>> OpenTrimInput(const std::string& path);

// A reader with kCutadaptRules; read_ahead reads and decompresses on a background thread.
Result<std::unique_ptr<FastqReader>> OpenTrimReader(const std::string& path, bool read_ahead);

}  // namespace cutover::trim
