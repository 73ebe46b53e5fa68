// The self-contained HTML report (<name>_fastqc.html): FastQC's layout (summary list with
// pass/warn/fail marks, one section per module) with charts drawn as inline SVG, so it needs no
// network, no script and no image files. Everything from the input (file names, sequences,
// contaminant names) is escaped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "qc/module.h"

namespace cutover {

struct Series {
  std::string name;
  std::vector<double> values;  // one per x category; NaN leaves a gap
};

class HtmlReport {
 public:
  // Module content. Each call appends to the current module's section.
  void Table(const std::vector<std::string>& header,
             const std::vector<std::vector<std::string>>& rows);
  void Paragraph(std::string_view text);
  void LineChart(std::string_view title, std::string_view x_title,
                 const std::vector<std::string>& x_categories, const std::vector<Series>& series,
                 double y_min, double y_max);
  // Per-position quality: boxes (quartiles), whiskers (10th-90th), median and mean line, over
  // FastQC's green / orange / red bands.
  struct Box {
    double mean, median, lower, upper, p10, p90;
  };
  void QualityBoxPlot(std::string_view title, const std::vector<std::string>& x_categories,
                      const std::vector<Box>& boxes, double y_max);
  // Per-tile deviation from the mean quality: a cold-to-hot heat map.
  void TileHeatMap(std::string_view title, const std::vector<std::string>& x_categories,
                   const std::vector<int>& tiles, const std::vector<std::vector<double>>& values);

  // Assembles the document: `file_name` in the title, the modules' verdicts in the summary.
  struct ModuleSection {
    std::string name;
    Verdict verdict;
    std::string body;
    std::vector<std::string> svgs;  // the section's charts, for Images/ in the zip
  };
  // Moves the content written since the last call into a section.
  ModuleSection TakeSection(std::string name, Verdict verdict);
  // `version` is cutover's, `fastqc_version` the FastQC release reproduced ("0.12.1").
  static std::string Document(std::string_view file_name, std::string_view date,
                              const std::vector<ModuleSection>& sections,
                              std::string_view version, std::string_view fastqc_version);

 private:
  void AddSvg(std::string svg);
  std::string body_;
  std::vector<std::string> svgs_;
};

}  // namespace cutover
