#include "evidence/compare_config.h"

#include "util/digest.h"

namespace cutover {

CompareConfig CompareConfigOf(const Step& step) {
  CompareConfig c;
  std::string all;
  for (const OutputSpec& o : step.outputs) {
    // nlohmann::json keeps object keys sorted: the same options give the same text.
    std::string written = o.compare.kind;
    if (!o.compare.options.empty()) written += " " + o.compare.options.dump();
    CompareConfigPart part{o.name, written, DigestBytes(written)};
    all += "output " + part.output + "=" + part.digest + "\n";
    c.parts.push_back(std::move(part));
  }
  c.digest = DigestBytes(all);
  return c;
}

}  // namespace cutover
