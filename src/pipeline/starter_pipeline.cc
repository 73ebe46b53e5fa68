#include "pipeline/starter_pipeline.h"

namespace cutover {

std::string StarterPipelineYaml() {
  return R"(# cutover.yaml: the pipeline that cutover routes, step by step.
# Reference: docs/pipeline-file.md. Check it with `cutover validate`.
version: 1

# Where the samples come from. {sample} is the wildcard that names each sample.
samples:
  glob: "reads/{sample}.fastq.gz"
  # sheet: samples.tsv     # or a TSV/CSV with a `sample` column; other columns become {column}
  # list: [s1, s2]         # or explicit names

steps:
  qc:
    inputs:
      reads: "reads/{sample}.fastq.gz"
    outputs:
      html: "results/qc/{sample}_fastqc.html"
      # An output can say how the two sides' versions are compared (default: bytes):
      zip:
        path: "results/qc/{sample}_fastqc.zip"
        compare: bytes
    # What runs today. Each {placeholder} becomes one whole argument: no shell is involved.
    # Outputs are written into a scratch folder and published only when the step succeeds.
    legacy:
      command: "fastqc --quiet --outdir {output.html:dir} {input.reads}"
    # The rewrite, once there is one; route it with `cutover route qc shadow --reason ...`.
    # new:
    #   command: "{root}/new/qc.sh {input.reads} {output.html:dir}"
    timeout: 30m
    # policy: {}            # the evidence needed before promotion (gates)

  # A step that needs pipes uses `shell:`; every substituted value is quoted.
  # count:
  #   inputs: {reads: "reads/{sample}.fastq.gz"}
  #   outputs: {n: "results/counts/{sample}.txt"}
  #   legacy:
  #     shell: "zcat {input.reads} | wc -l > {output.n}"
)";
}

}  // namespace cutover
