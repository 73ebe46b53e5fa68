// Axis ticks for charts (cutover qc's HTML report, cutover report's page).
#pragma once

namespace cutover {

// A "nice" step (1, 2 or 5 times a power of ten) dividing [0, span] into about `ticks` parts; 1
// when span is not positive.
double NiceStep(double span, int ticks);

}  // namespace cutover
