#include "run/compare_identity.h"

#include "evidence/compare_config.h"

namespace cutover {

ImplementationIdentity CompareIdentityOf(const Step& step) {
  const CompareConfig config = CompareConfigOf(step);
  ImplementationIdentity id;
  id.digest = config.digest;
  for (const CompareConfigPart& p : config.parts) {
    std::string display = p.written;
    if (display.size() > 60) display = display.substr(0, 57) + "...";
    id.parts.push_back({"output " + p.output, p.digest, std::move(display)});
  }
  return id;
}

}  // namespace cutover
