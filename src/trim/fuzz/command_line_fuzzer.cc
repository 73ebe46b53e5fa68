// libFuzzer target: cutadapt command lines (arguments separated by 0 bytes) and the adapters
// they specify must parse to a value or an error, never crash.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "trim/command_line.h"
#include "trim/read_trimmer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cutover::trim;
  std::vector<std::string> args;
  std::string cur;
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == 0) {
      args.push_back(cur);
      cur.clear();
    } else {
      cur += static_cast<char>(data[i]);
    }
  }
  args.push_back(cur);
  for (const std::string& a : args) {
    if (a.find("file:") != std::string::npos) return 0;  // no reading of arbitrary files
  }
  auto cl = ParseCommandLine(args);
  if (!cl.ok()) return 0;
  auto trimmer = ReadTrimmer::Create(cl->options);
  if (!trimmer.ok()) return 0;
  // One read through the whole pipeline.
  std::string seq = "ACGTACGTAGATCGGAAGAGCNNACGT", qual(seq.size(), 'I');
  ReadView v{"r", seq, qual};
  TrimStats s = trimmer->NewStats();
  if (cl->options.paired) {
    ReadView w = v;
    trimmer->ProcessPair(&v, &w, &s);
  } else {
    trimmer->Process(&v, &s);
  }
  return 0;
}
