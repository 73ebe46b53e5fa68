// The identity of how a step's outputs are judged (evidence/compare_config.h) in the form of a
// side's implementation identity, one part per output, so that it is recorded, compared and
// described like one (subject "compare", run/implementation_drift.h): a changed `compare:` is a
// drift of the step's judgement. Every comparison records the digest it was made with (its
// summary's "compare_digest").
#pragma once

#include "pipeline/pipeline.h"
#include "run/implementation_identity.h"

namespace cutover {

// Parts "output NAME", value the digest of its kind and options, display them as written
// (shortened past 60 characters): "text {\"ignore\":[\"^#\"]}". The digest is
// CompareConfigOf(step).digest.
ImplementationIdentity CompareIdentityOf(const Step& step);

}  // namespace cutover
