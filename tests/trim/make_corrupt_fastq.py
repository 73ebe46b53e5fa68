#!/usr/bin/python3
"""Writes corrupted (and tricky but valid) variants of real FASTQ files into argv[2].

argv[1] is the folder of Debian trim-galore's example reads. Every variant derives from the first
records of `illumina_10K.fastq.gz` (single-end) or `clock_10K_R{1,2}.fastq.gz` (paired-end) by
one change. Deterministic: the same bytes on every machine. Nothing here says whether a variant
is valid: tests/e2e/trim_strict.sh asks the installed cutadapt 4.2 (the oracle) and requires
`cutover trim` to agree.

It also writes `manifest.tsv`, one variant a line, tab-separated:
    name  r1  r2  record  description
`r2` is `-` for single-end; `record` is the record that a rejection must name (its number in
the file, counting from 1), or `-` when the fault is not in a record (gzip framing, pairing
counts).
"""
import gzip
import os
import struct
import sys
import zlib

SOURCE, OUT = sys.argv[1], sys.argv[2]
os.makedirs(OUT, exist_ok=True)
RECORDS = 40  # records per variant
BAD = 7       # the record that gets the fault, when there is one


def read_records(name, n):
    with gzip.open(os.path.join(SOURCE, name), "rb") as f:
        lines = [f.readline().rstrip(b"\n") for _ in range(4 * n)]
    return [lines[i:i + 4] for i in range(0, len(lines), 4)]


SE = read_records("illumina_10K.fastq.gz", RECORDS)
R1 = read_records("clock_10K_R1.fastq.gz", RECORDS)
R2 = read_records("clock_10K_R2.fastq.gz", RECORDS)


def text(records, eol=b"\n", final_eol=True):
    body = eol.join(line for record in records for line in record)
    return body + (eol if final_eol and records else b"")


def with_record(records, index, record):
    """A copy of records with record `index` (1-based) replaced."""
    copy = [list(r) for r in records]
    copy[index - 1] = list(record)
    return copy


def changed(records, line, fn, index=BAD):
    """Record `index` with line `line` (0 header, 1 sequence, 2 plus, 3 quality) changed by fn."""
    record = list(records[index - 1])
    record[line] = fn(record[line])
    return with_record(records, index, record)


def gz(data, level=6):
    return gzip.compress(data, compresslevel=level, mtime=0)


def bgzf(data):
    """BGZF (bgzip's format): gzip members of at most 64 KB with a 'BC' extra field, then the
    empty end-of-file member."""
    out = b""
    pieces = [data[i:i + 60000] for i in range(0, len(data), 60000)] + [b""]
    for piece in pieces:
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        deflated = c.compress(piece) + c.flush()
        extra = b"BC" + struct.pack("<HH", 2, len(deflated) + 25)
        header = b"\x1f\x8b\x08\x04" + b"\0\0\0\0" + b"\x00\xff" + struct.pack("<H", len(extra))
        out += header + extra + deflated + struct.pack("<II", zlib.crc32(piece), len(piece))
    return out


manifest = []


def variant(name, description, r1, r2=None, record=None, suffix=".fq"):
    """Writes one variant: r1 (and r2) are bytes; the files are NAME.fq or NAME_R1/2.fq."""
    if r2 is None:
        files = [(name + suffix, r1)]
    else:
        files = [(name + "_R1" + suffix, r1), (name + "_R2" + suffix, r2)]
    for file_name, data in files:
        with open(os.path.join(OUT, file_name), "wb") as f:
            f.write(data)
    manifest.append((name, files[0][0], files[1][0] if r2 is not None else "-",
                     str(record) if record else "-", description))


se = text(SE)

# ---- Valid inputs and the quirks cutadapt accepts ----
variant("ok_plain", "the unchanged reads", se)
variant("ok_gzip", "gzip", gz(se), suffix=".fq.gz")
variant("ok_gzip_named_fq", "gzip content under a plain name", gz(se))
variant("ok_no_final_newline", "no newline after the last quality line", se[:-1])
variant("ok_crlf", "CRLF line ends", text(SE, b"\r\n"))
variant("ok_crlf_no_final_newline", "CRLF line ends, the last one without its LF",
        text(SE, b"\r\n")[:-1])
variant("ok_plus_repeats_name", "the '+' line repeats the header",
        text(changed(SE, 2, lambda _: b"+" + SE[BAD - 1][0][1:])))
variant("ok_plus_repeats_name_crlf", "the '+' line repeats the header, CRLF line ends",
        text([[r[0], r[1], b"+" + r[0][1:], r[3]] for r in SE], b"\r\n"))
variant("ok_empty", "an empty file (no bytes)", b"")
variant("ok_empty_gzip", "an empty gzip file (one empty member)", gz(b""), suffix=".fq.gz")
variant("ok_empty_named_gz", "no bytes at all under a .gz name", b"", suffix=".fq.gz")
variant("ok_lowercase", "lower-case bases", text([[r[0], r[1].lower(), r[2], r[3]] for r in SE]))
variant("ok_iupac", "IUPAC codes and N in the sequence",
        text(changed(SE, 1, lambda s: b"RYKMSWBDHVN" + s[11:])))
variant("ok_odd_bases", "digits, dots, dashes and '*' in the sequence",
        text(changed(SE, 1, lambda s: b"0123456789.-*" + s[13:])))
variant("ok_empty_read", "a record with an empty sequence and quality",
        text(with_record(SE, BAD, [SE[BAD - 1][0], b"", b"+", b""])))
variant("ok_empty_name", "a header that is only '@'", text(changed(SE, 0, lambda _: b"@")))
variant("ok_control_in_name", "control characters (tab, 0x01, 0x7f) in the header",
        text(changed(SE, 0, lambda h: h + b"\tx\x01y\x7f")))
variant("ok_control_in_sequence", "control characters (0x01, tab, 0x7f) in the sequence",
        text(changed(SE, 1, lambda s: b"\x01\t\x7f" + s[3:])))
variant("ok_nul_in_sequence", "a NUL byte in the sequence",
        text(changed(SE, 1, lambda s: s[:5] + b"\0" + s[6:])))
variant("ok_cr_inside_line", "a CR inside a sequence line (not before the LF)",
        text(changed(SE, 1, lambda s: s[:5] + b"\r" + s[6:])))
variant("ok_quality_below_range", "qualities below '!' (space, 0x01)",
        text(changed(SE, 3, lambda q: b" \x01" + q[2:])))
variant("ok_quality_above_range", "the quality character 0x7f (DEL)",
        text(changed(SE, 3, lambda q: q[:-1] + b"\x7f")))
variant("ok_gzip_two_members", "two concatenated gzip members (valid gzip)",
        gz(text(SE[:20])) + gz(text(SE[20:])), suffix=".fq.gz")
variant("ok_gzip_member_splits_record", "two gzip members split inside a record",
        gz(se[:1001]) + gz(se[1001:]), suffix=".fq.gz")
variant("ok_gzip_empty_members", "empty gzip members before, between and after",
        gz(b"") + gz(text(SE[:20])) + gz(b"") + gz(text(SE[20:])) + gz(b""), suffix=".fq.gz")
variant("ok_bgzf", "BGZF (bgzip) blocks with the end-of-file block", bgzf(se), suffix=".fq.gz")
variant("ok_gzip_zero_padding", "zero bytes after the last gzip member (tape padding)",
        gz(se) + b"\0" * 512, suffix=".fq.gz")
variant("ok_gzip_zeros_between_members", "zero bytes between two gzip members",
        gz(text(SE[:20])) + b"\0" * 100 + gz(text(SE[20:])), suffix=".fq.gz")
variant("ok_gzip_level1", "gzip at level 1", gz(se, 1), suffix=".fq.gz")

# ---- Non-ASCII bytes ----
for where, line, fn in [
        ("sequence", 1, lambda s: s[:10] + b"\x80" + s[11:]),
        ("quality", 3, lambda q: q[:10] + b"\xff" + q[11:]),
        ("name", 0, lambda h: h + b" caf\xc3\xa9"),
        ("plus", 2, lambda _: b"+\xe9")]:
    variant(f"bad_nonascii_{where}", f"a byte >= 0x80 in the {where} line of record {BAD}",
            text(changed(SE, line, fn)), record=BAD)
variant("bad_nonascii_first_record", "a byte 0xc0 in the first record's sequence",
        text(changed(SE, 1, lambda s: b"\xc0" + s[1:], index=1)), record=1)
variant("bad_nonascii_last_record", "a byte 0x9f in the last record's quality",
        text(changed(SE, 3, lambda q: q[:-1] + b"\x9f", index=RECORDS)), record=RECORDS)
variant("bad_nonascii_gzip", "a byte 0x80 in the sequence, gzip",
        gz(text(changed(SE, 1, lambda s: s[:10] + b"\x80" + s[11:]))), record=BAD,
        suffix=".fq.gz")
variant("bad_nonascii_crlf", "a byte 0xa0 in the sequence, CRLF line ends",
        text(changed(SE, 1, lambda s: s[:10] + b"\xa0" + s[11:]), b"\r\n"), record=BAD)
variant("bad_nonascii_utf8_bom", "a UTF-8 byte order mark before the first record",
        b"\xef\xbb\xbf" + se, record=1)
variant("bad_binary", "binary bytes after a valid header", b"@x\n" + bytes(range(256)) * 4)

# ---- Record structure ----
variant("bad_quality_longer", "a quality line one character longer than the sequence",
        text(changed(SE, 3, lambda q: q + b"I")), record=BAD)
variant("bad_quality_shorter", "a quality line one character shorter than the sequence",
        text(changed(SE, 3, lambda q: q[:-1])), record=BAD)
variant("bad_quality_empty", "an empty quality line", text(changed(SE, 3, lambda _: b"")),
        record=BAD)
variant("bad_missing_plus", "the '+' line of a record missing",
        text(with_record(SE, BAD, [SE[BAD - 1][0], SE[BAD - 1][1], SE[BAD - 1][3]])), record=BAD)
variant("bad_plus_other_name", "a '+' line naming another read",
        text(changed(SE, 2, lambda _: b"+other")), record=BAD)
variant("bad_missing_at", "a header without its '@'",
        text(changed(SE, 0, lambda h: h[1:])), record=BAD)
variant("bad_missing_at_first", "the first header without its '@'",
        text(changed(SE, 0, lambda h: h[1:], index=1)), record=1)
variant("bad_fasta_header_inside", "a FASTA header ('>') in place of a FASTQ header",
        text(changed(SE, 0, lambda h: b">" + h[1:])), record=BAD)
variant("bad_truncated_no_quality", "the last record without its quality line",
        text(SE[:-1]) + text([SE[-1][:3]]), record=RECORDS)
variant("bad_truncated_no_quality_no_newline", "the file ends after the last '+' (no newline)",
        text(SE[:-1]) + text([SE[-1][:3]])[:-1], record=RECORDS)
variant("bad_truncated_header_only", "a last record of only a header line",
        text(SE) + SE[0][0] + b"\n", record=RECORDS + 1)
variant("bad_truncated_mid_sequence", "the file ends inside a sequence line",
        text(SE[:-1]) + SE[-1][0] + b"\n" + SE[-1][1][:30], record=RECORDS)
variant("bad_only_newline", "a file of one newline", b"\n", record=1)
variant("bad_only_crlf", "a file of one CRLF", b"\r\n", record=1)
variant("bad_only_newlines", "a file of three newlines", b"\n\n\n", record=1)
variant("bad_blank_line_between", "a blank line between two records",
        text(SE[:BAD - 1]) + b"\n" + text(SE[BAD - 1:]), record=BAD)
variant("bad_blank_line_inside", "a blank line between the header and the sequence",
        text(SE[:BAD - 1]) + SE[BAD - 1][0] + b"\n\n" + text([SE[BAD - 1][1:]]) +
        text(SE[BAD:]), record=BAD)
variant("bad_trailing_blank_line", "one blank line after the last record", se + b"\n",
        record=RECORDS + 1)
variant("bad_trailing_blank_lines", "five blank lines after the last record", se + b"\n" * 5,
        record=RECORDS + 1)
variant("bad_trailing_crlf_blank_line", "a CRLF blank line after CRLF records",
        text(SE, b"\r\n") + b"\r\n", record=RECORDS + 1)
variant("bad_trailing_space_line", "a line holding one space after the last record",
        se + b" \n", record=RECORDS + 1)
variant("bad_leading_blank_line", "a blank line before the first record", b"\n" + se, record=1)

# ---- gzip framing ----
gse = gz(se)
variant("bad_gzip_trailing_garbage", "text after the last gzip member",
        gse + b"this is not gzip\n", suffix=".fq.gz")
variant("bad_gzip_trailing_byte", "one byte after the last gzip member", gse + b"X",
        suffix=".fq.gz")
variant("bad_gzip_trailing_newline", "a newline after the last gzip member", gse + b"\n",
        suffix=".fq.gz")
variant("bad_gzip_trailing_plain_fastq", "plain FASTQ appended to a gzip file",
        gse + text(SE[:2]), suffix=".fq.gz")
variant("bad_gzip_garbage_after_zeros", "zero bytes, then garbage, after the last member",
        gse + b"\0" * 8 + b"junk", suffix=".fq.gz")
variant("bad_gzip_trailing_magic_only", "a lone gzip magic (1f 8b) after the last member",
        gse + b"\x1f\x8b", suffix=".fq.gz")
variant("bad_gzip_truncated", "a gzip file cut in the middle", gse[:len(gse) // 2],
        suffix=".fq.gz")
variant("bad_gzip_truncated_trailer", "a gzip file missing the last 4 bytes (size)",
        gse[:-4], suffix=".fq.gz")
variant("bad_gzip_truncated_header", "a gzip file of only 5 header bytes", gse[:5],
        suffix=".fq.gz")
variant("bad_gzip_crc", "a gzip member with a wrong CRC", gse[:-8] + bytes([gse[-8] ^ 1]) +
        gse[-7:], suffix=".fq.gz")
variant("bad_gzip_size", "a gzip member with a wrong length in its trailer",
        gse[:-4] + bytes([gse[-4] ^ 1]) + gse[-3:], suffix=".fq.gz")
variant("bad_gzip_corrupt_deflate", "a flipped byte inside the deflate data",
        gse[:200] + bytes([gse[200] ^ 0x55]) + gse[201:], suffix=".fq.gz")
variant("bad_plain_named_gz", "plain FASTQ under a .gz name", se, suffix=".fq.gz")
variant("bad_bgzf_truncated", "BGZF without its last data block", bgzf(se)[:-3000],
        suffix=".fq.gz")

# ---- Paired-end ----
p1, p2 = text(R1), text(R2)
variant("ok_pair", "paired reads", p1, p2)
variant("ok_pair_gzip", "paired reads, gzip", gz(p1), gz(p2), suffix=".fq.gz")
variant("ok_pair_slash_suffix", "IDs ending /1 and /2",
        text([[r[0].split(b" ")[0] + b"/1"] + r[1:] for r in R1]),
        text([[r[0].split(b" ")[0] + b"/2"] + r[1:] for r in R2]))
variant("ok_pair_comment_differs", "the same IDs with different comments",
        text([[r[0] + b" first"] + r[1:] for r in R1]),
        text([[r[0] + b" second"] + r[1:] for r in R2]))
variant("ok_pair_empty", "two empty files", b"", b"")
variant("bad_pair_r2_fewer", "R2 has one record fewer", p1, text(R2[:-1]))
variant("bad_pair_r1_fewer", "R1 has one record fewer", text(R1[:-1]), p2)
variant("bad_pair_r2_empty", "R2 is empty", p1, b"")
variant("bad_pair_r1_empty", "R1 is empty", b"", p2)
variant("bad_pair_name_mismatch", f"record {BAD} of R2 names another read", p1,
        text(changed(R2, 0, lambda _: b"@other 3:N:0: CGATGTTT")), record=BAD)
variant("bad_pair_id_longer", f"record {BAD} of R2 has a longer ID", p1,
        text(changed(R2, 0, lambda h: h.replace(b" ", b"X ", 1))), record=BAD)
variant("bad_pair_suffix_4", "IDs ending /1 and /4",
        text([[r[0].split(b" ")[0] + b"/1"] + r[1:] for r in R1]),
        text([[r[0].split(b" ")[0] + b"/4"] + r[1:] for r in R2]), record=1)
variant("bad_pair_nonascii_r2", f"a byte 0x80 in record {BAD} of R2", p1,
        text(changed(R2, 1, lambda s: s[:3] + b"\x80" + s[4:])), record=BAD)
variant("bad_pair_quality_r2", f"a short quality line in record {BAD} of R2", p1,
        text(changed(R2, 3, lambda q: q[:-1])), record=BAD)
variant("bad_pair_trailing_blank_r2", "a blank line after the last record of R2", p1,
        p2 + b"\n", record=RECORDS + 1)
variant("bad_pair_gzip_garbage_r2", "garbage after the gzip data of R2", gz(p1),
        gz(p2) + b"garbage", suffix=".fq.gz")
variant("bad_pair_gzip_truncated_r1", "R1's gzip file cut short", gz(p1)[:-20], gz(p2),
        suffix=".fq.gz")

with open(os.path.join(OUT, "manifest.tsv"), "w") as f:
    for row in manifest:
        f.write("\t".join(row) + "\n")
print(f"{len(manifest)} variants in {OUT}")
