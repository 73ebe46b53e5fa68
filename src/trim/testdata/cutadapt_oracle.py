# Test oracle: runs the installed cutadapt's aligner and quality trimmers on cases read from
# stdin (one per line, tab-separated) and prints one result line per case. Used by the unit
# tests of src/trim/ at test time (run with Debian's /usr/bin/python3, which has cutadapt).
#   align REF QUERY FLAGS RATE WILDCARD_REF WILDCARD_QUERY INDEL_COST MIN_OVERLAP
#   prefix|suffix REF QUERY RATE WILDCARD_REF WILDCARD_QUERY MIN_OVERLAP
#   qual QUALITIES CUTOFF_FRONT CUTOFF_BACK BASE
#   nextseq SEQUENCE QUALITIES CUTOFF BASE
#   adapter OPTION SPEC READ RATE OVERLAP READ_WILDCARDS ADAPTER_WILDCARDS INDELS
#     (OPTION: back/front/anywhere for -a/-g/-b; prints the trimmed read, score, errors)
import sys

from cutadapt._align import Aligner, PrefixComparer, SuffixComparer
from cutadapt.qualtrim import quality_trim_index, nextseq_trim_index
from cutadapt.parser import make_adapter
from dnaio import SequenceRecord


def show(result):
    return "None" if result is None else " ".join(str(x) for x in result)


for line in sys.stdin:
    f = line.rstrip("\n").split("\t")
    kind = f[0]
    if kind == "align":
        a = Aligner(f[1], float(f[4]), flags=int(f[3]), wildcard_ref=f[5] == "1",
                    wildcard_query=f[6] == "1", indel_cost=int(f[7]), min_overlap=int(f[8]))
        print(show(a.locate(f[2])))
    elif kind in ("prefix", "suffix"):
        cls = PrefixComparer if kind == "prefix" else SuffixComparer
        c = cls(f[1], float(f[3]), wildcard_ref=f[4] == "1", wildcard_query=f[5] == "1",
                min_overlap=int(f[6]))
        print(show(c.locate(f[2])))
    elif kind == "qual":
        print(show(quality_trim_index(f[1], int(f[2]), int(f[3]), int(f[4]))))
    elif kind == "nextseq":
        r = SequenceRecord("r", f[1], f[2])
        print(nextseq_trim_index(r, int(f[3]), int(f[4])))
    elif kind == "adapter":
        params = dict(max_errors=float(f[4]), min_overlap=int(f[5]), read_wildcards=f[6] == "1",
                      adapter_wildcards=f[7] == "1", indels=f[8] == "1")
        try:
            a = make_adapter(f[2], f[1], params)
        except Exception as e:  # an invalid specification
            print("error")
            continue
        m = a.match_to(f[3])
        if m is None:
            print("None")
        else:
            trimmed = m.trimmed(SequenceRecord("r", f[3], "I" * len(f[3]))).sequence
            print(show((trimmed, m.score, m.errors)))
    else:
        print("error: unknown case kind " + kind)
    sys.stdout.flush()
