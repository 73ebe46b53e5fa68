#include "trim/adapter_spec.h"

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "fastq/input_stream.h"
#include "util/strings.h"

namespace cutover::trim {
namespace {

// A parameter's value: a bare key ("noindels") is a flag; otherwise an int or a float.
struct ParamValue {
  bool flag = false;
  bool integer = false;
  double number = 0;
  bool truthy() const { return flag || number != 0; }
};
using Params = std::map<std::string, ParamValue>;

Result<ParamValue> ParseNumber(std::string_view key, std::string_view text) {
  std::string s(text);
  ParamValue v;
  char* end = nullptr;
  errno = 0;
  long long i = std::strtoll(s.c_str(), &end, 10);
  if (end != s.c_str() && *end == '\0' && errno == 0) {
    v.integer = true;
    v.number = static_cast<double>(i);
    return v;
  }
  errno = 0;
  double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() && *end == '\0' && errno == 0) {
    v.number = d;
    return v;
  }
  return Status::InvalidArgument(fmt::format("value '{}' of '{}' is not a number", text, key));
}

// "key=value;key;..." as cutadapt's parse_search_parameters, abbreviations expanded.
Result<Params> ParseParameters(std::string_view spec) {
  static const std::map<std::string, std::string> kAliases = {
      {"e", "max_errors"},       {"error_rate", "max_errors"}, {"max_error_rate", "max_errors"},
      {"o", "min_overlap"},      {"max_errors", ""},           {"min_overlap", ""},
      {"anywhere", ""},          {"required", ""},             {"optional", ""},
      {"indels", ""},            {"noindels", ""},             {"rightmost", ""},
  };
  Params result;
  for (std::string_view field : [&] {
         std::vector<std::string_view> parts;
         size_t start = 0;
         while (true) {
           size_t semi = spec.find(';', start);
           parts.push_back(spec.substr(start, semi == std::string_view::npos ? semi : semi - start));
           if (semi == std::string_view::npos) break;
           start = semi + 1;
         }
         return parts;
       }()) {
    field = Trim(field);
    if (field.empty()) continue;
    size_t eq = field.find('=');
    std::string key(Trim(field.substr(0, eq)));
    std::string_view value = eq == std::string_view::npos ? "" : Trim(field.substr(eq + 1));
    auto alias = kAliases.find(key);
    if (alias == kAliases.end()) {
      return Status::InvalidArgument(fmt::format("unknown adapter parameter '{}'", key));
    }
    if (eq != std::string_view::npos && value.empty()) {
      return Status::InvalidArgument(fmt::format("no value given for key '{}'", key));
    }
    if (!alias->second.empty()) key = alias->second;
    ParamValue v;
    if (value.empty()) {
      v.flag = true;
      v.integer = true;
      v.number = 1;  // cutadapt stores True, which counts as 1
    } else {
      CUTOVER_ASSIGN_OR_RETURN(v, ParseNumber(key, value));
    }
    if (result.count(key)) {
      return Status::InvalidArgument(fmt::format("key '{}' specified twice", key));
    }
    result[key] = v;
  }
  if (result.count("optional") && result.count("required")) {
    return Status::InvalidArgument("'optional' and 'required' cannot be specified at the same time");
  }
  if (result.count("indels") && result.count("noindels")) {
    return Status::InvalidArgument("'indels' and 'noindels' cannot be specified at the same time");
  }
  if (result.count("optional")) {
    result.erase("optional");
    ParamValue no;
    no.integer = true;
    result["required"] = no;
  }
  if (result.count("noindels")) {
    result.erase("noindels");
    ParamValue no;
    no.integer = true;
    result["indels"] = no;
  }
  return result;
}

Result<SearchParameters> ApplyParameters(SearchParameters p, const Params& params) {
  for (const auto& [key, v] : params) {
    if (key == "max_errors") {
      p.max_errors = v.number;
    } else if (key == "min_overlap") {
      if (!v.integer) {
        return Status::InvalidArgument("min_overlap must be an integer");
      }
      p.min_overlap = static_cast<int>(v.number);
    } else if (key == "indels") {
      p.indels = v.truthy();
    }
  }
  return p;
}

// One non-linked adapter specification, parsed (cutadapt's AdapterSpecification).
struct ParsedSpec {
  std::optional<std::string> name;
  enum Restriction { kNone, kAnchored, kNonInternal } restriction = kNone;
  std::string sequence;
  Params parameters;
  AdapterOption option = AdapterOption::kBack;
  bool rightmost = false;
};

Result<ParsedSpec> ParseSpec(std::string_view text, AdapterOption option) {
  ParsedSpec s;
  s.option = option;
  size_t semi = text.find(';');
  std::string_view spec = text.substr(0, semi);
  std::string_view params = semi == std::string_view::npos ? "" : text.substr(semi + 1);
  size_t eq = spec.find('=');
  if (eq != std::string_view::npos) {
    s.name = std::string(Trim(spec.substr(0, eq)));
    spec = spec.substr(eq + 1);
  }
  spec = Trim(spec);
  CUTOVER_ASSIGN_OR_RETURN(s.parameters, ParseParameters(params));
  CUTOVER_ASSIGN_OR_RETURN(std::string seq, ExpandBraces(spec));
  if (s.parameters.count("rightmost")) {
    s.rightmost = s.parameters["rightmost"].truthy();
    s.parameters.erase("rightmost");
  }
  // Only X characters: kept as they are, parameters dropped (cutadapt's backwards
  // compatibility).
  if (seq.find_first_not_of('X') == std::string::npos) {
    s.sequence = seq;
    s.parameters.clear();
    s.rightmost = false;
    return s;
  }
  auto upper = [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; };
  ParsedSpec::Restriction front = ParsedSpec::kNone, back = ParsedSpec::kNone;
  const Status multiple = Status::InvalidArgument(
      "You cannot use multiple placement restrictions for an adapter at the same time. Choose "
      "one of ^ADAPTER, ADAPTER$, XADAPTER or ADAPTERX");
  if (!seq.empty() && seq.front() == '^') {
    front = ParsedSpec::kAnchored;
    seq.erase(0, 1);
  }
  if (!seq.empty() && upper(seq.front()) == 'X') {
    if (front != ParsedSpec::kNone) return multiple;
    front = ParsedSpec::kNonInternal;
    seq.erase(0, seq.find_first_not_of("xX") == std::string::npos ? seq.size()
                                                                   : seq.find_first_not_of("xX"));
  }
  if (!seq.empty() && seq.back() == '$') {
    back = ParsedSpec::kAnchored;
    seq.pop_back();
  }
  if (!seq.empty() && upper(seq.back()) == 'X') {
    if (back != ParsedSpec::kNone) return multiple;
    back = ParsedSpec::kNonInternal;
    while (!seq.empty() && upper(seq.back()) == 'X') seq.pop_back();
  }
  if (front != ParsedSpec::kNone && back != ParsedSpec::kNone) return multiple;
  if (option == AdapterOption::kFront && back != ParsedSpec::kNone) {
    return Status::InvalidArgument(
        "Allowed placement restrictions for a 5' adapter are XADAPTER and ^ADAPTER");
  }
  if (option == AdapterOption::kBack && front != ParsedSpec::kNone) {
    return Status::InvalidArgument(
        "Allowed placement restrictions for a 3' adapter are ADAPTERX and ADAPTER$");
  }
  s.restriction = front != ParsedSpec::kNone ? front : back;
  if (option == AdapterOption::kAnywhere && s.restriction != ParsedSpec::kNone) {
    return Status::InvalidArgument(
        "Placement restrictions (with X, ^, $) not supported for 'anywhere' (-b) adapters");
  }
  if (s.parameters.count("min_overlap") && s.restriction == ParsedSpec::kAnchored) {
    return Status::InvalidArgument(
        "Setting 'min_overlap=' (or 'o=') for anchored adapters is not possible because "
        "anchored adapters always need to match in full.");
  }
  if (s.parameters.count("min_overlap") &&
      s.parameters["min_overlap"].number > static_cast<double>(seq.size())) {
    return Status::InvalidArgument(fmt::format("min_overlap={} exceeds length of adapter {}",
                                               s.parameters["min_overlap"].number, seq));
  }
  if (s.rightmost && (option != AdapterOption::kFront || s.restriction != ParsedSpec::kNone)) {
    return Status::InvalidArgument("'rightmost' only allowed with regular 5' adapters");
  }
  s.sequence = seq;
  return s;
}

AdapterKind KindOf(const ParsedSpec& s) {
  switch (s.option) {
    case AdapterOption::kFront:
      if (s.rightmost) return AdapterKind::kRightmostFront;
      if (s.restriction == ParsedSpec::kAnchored) return AdapterKind::kPrefix;
      if (s.restriction == ParsedSpec::kNonInternal) return AdapterKind::kNonInternalFront;
      return AdapterKind::kFront;
    case AdapterOption::kBack:
      if (s.restriction == ParsedSpec::kAnchored) return AdapterKind::kSuffix;
      if (s.restriction == ParsedSpec::kNonInternal) return AdapterKind::kNonInternalBack;
      return AdapterKind::kBack;
    case AdapterOption::kAnywhere: return AdapterKind::kAnywhere;
  }
  return AdapterKind::kBack;
}

Result<Adapter> MakeLinked(std::string_view spec1, std::string_view spec2,
                           std::optional<std::string> name, AdapterOption option,
                           const SearchParameters& defaults, AdapterNamer* namer) {
  if (option == AdapterOption::kAnywhere) {
    return Status::InvalidArgument("'anywhere' (-b) adapters may not be linked");
  }
  CUTOVER_ASSIGN_OR_RETURN(ParsedSpec front, ParseSpec(spec1, AdapterOption::kFront));
  CUTOVER_ASSIGN_OR_RETURN(ParsedSpec back, ParseSpec(spec2, AdapterOption::kBack));
  if (!name) name = front.name;
  bool front_required = option == AdapterOption::kFront || front.restriction != ParsedSpec::kNone;
  bool back_required = option == AdapterOption::kFront || back.restriction != ParsedSpec::kNone;
  for (ParsedSpec* part : {&front, &back}) {
    if (part->parameters.count("anywhere")) {
      return Status::InvalidArgument("'anywhere' cannot be used within linked adapters");
    }
    if (part->parameters.count("required")) {
      (part == &front ? front_required : back_required) = part->parameters["required"].truthy();
      part->parameters.erase("required");
    }
  }
  CUTOVER_ASSIGN_OR_RETURN(SearchParameters fp, ApplyParameters(defaults, front.parameters));
  CUTOVER_ASSIGN_OR_RETURN(SearchParameters bp, ApplyParameters(defaults, back.parameters));
  CUTOVER_ASSIGN_OR_RETURN(SingleAdapter f,
                           SingleAdapter::Create(KindOf(front), front.sequence, "linked_front", fp));
  CUTOVER_ASSIGN_OR_RETURN(SingleAdapter b,
                           SingleAdapter::Create(KindOf(back), back.sequence, "linked_back", bp));
  std::string adapter_name = name ? *name : namer->Next();
  f.set_name(adapter_name);  // as cutadapt: the 5' part carries the linked adapter's name
  return Adapter(adapter_name, std::move(f), std::move(b), front_required, back_required);
}

// cutadapt's make_adapter.
Result<Adapter> MakeAdapter(std::string_view spec, AdapterOption option,
                            const SearchParameters& defaults, std::optional<std::string> name,
                            AdapterNamer* namer) {
  size_t dots = spec.find("...");
  if (dots != std::string_view::npos) {
    std::string_view spec1 = spec.substr(0, dots), spec2 = spec.substr(dots + 3);
    if (!spec1.empty() && !spec2.empty()) {
      return MakeLinked(spec1, spec2, name, option, defaults, namer);
    }
    if (option == AdapterOption::kAnywhere) {
      return Status::InvalidArgument("No ellipsis (\"...\") allowed in \"anywhere\" adapters");
    }
    if (spec1.empty()) {
      if (option != AdapterOption::kBack) {
        return Status::InvalidArgument("Invalid adapter specification");
      }
      spec = spec2;  // -a ...ADAPTER
    } else if (spec2.empty()) {
      spec = spec1;  // -a ADAPTER... is a 5' adapter; so is -g ADAPTER...
      option = AdapterOption::kFront;
    } else {
      return Status::InvalidArgument("Expected either spec1 or spec2");
    }
  }
  CUTOVER_ASSIGN_OR_RETURN(ParsedSpec parsed, ParseSpec(spec, option));
  bool force_anywhere = false;
  if (parsed.parameters.count("anywhere")) {
    AdapterKind k = KindOf(parsed);
    force_anywhere = parsed.parameters["anywhere"].truthy() &&
                     (k == AdapterKind::kFront || k == AdapterKind::kBack ||
                      k == AdapterKind::kRightmostFront);
    parsed.parameters.erase("anywhere");
  }
  if (parsed.parameters.count("required")) {
    return Status::InvalidArgument(
        "'required' and 'optional' can only be used within linked adapters");
  }
  CUTOVER_ASSIGN_OR_RETURN(SearchParameters params, ApplyParameters(defaults, parsed.parameters));
  std::string adapter_name = name ? *name : parsed.name ? *parsed.name : namer->Next();
  CUTOVER_ASSIGN_OR_RETURN(
      SingleAdapter a,
      SingleAdapter::Create(KindOf(parsed), parsed.sequence, adapter_name, params, force_anywhere));
  return Adapter(std::move(a));
}

struct FastaRecord {
  std::optional<std::string> name;
  std::string sequence;
};

// dnaio's FASTA reading: stripped lines, blank and '#' lines skipped; the name is the header's
// first word.
Result<std::vector<FastaRecord>> ReadFasta(const std::string& path) {
  CUTOVER_ASSIGN_OR_RETURN(auto stream, InputStream::Open(path));
  std::string content;
  std::vector<char> buf(1 << 16);
  while (true) {
    CUTOVER_ASSIGN_OR_RETURN(size_t got, stream->Read(buf.data(), buf.size()));
    if (got == 0) break;
    content.append(buf.data(), got);
  }
  std::vector<FastaRecord> records;
  bool have = false;
  size_t pos = 0;
  int line_number = 0;
  while (pos < content.size()) {
    size_t nl = content.find('\n', pos);
    std::string_view line = Trim(std::string_view(content).substr(
        pos, nl == std::string::npos ? std::string::npos : nl - pos));
    pos = nl == std::string::npos ? content.size() : nl + 1;
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '>') {
      FastaRecord r;
      std::string_view header = Trim(line.substr(1));
      if (!header.empty()) r.name = std::string(header.substr(0, header.find_first_of(" \t")));
      records.push_back(r);
      have = true;
    } else if (have) {
      records.back().sequence += line;
    } else {
      return Status::InvalidArgument(fmt::format(
          "{}: line {}: expected '>' at beginning of record, but got '{}'", path, line_number,
          line.substr(0, 40)));
    }
  }
  return records;
}

}  // namespace

Result<std::string> ExpandBraces(std::string_view sequence) {
  std::string result;
  // States: start (nothing pending), after a character, after '{', after the number.
  enum { kStart, kChar, kOpen, kNumber } state = kStart;
  long count = 0;
  size_t i = 0;
  while (i < sequence.size()) {
    char c = sequence[i];
    if (c == '{' || c == '}') {
      if (state == kStart) {
        return Status::InvalidArgument(c == '{' ? "\"{\" must be used after a character"
                                                : "\"}\" cannot be used here");
      }
      if (state == kChar) {
        if (c != '{') return Status::InvalidArgument("Expected \"{\"");
        state = kOpen;
      } else if (state == kOpen) {
        return Status::InvalidArgument(fmt::format("invalid repeat in '{}'", sequence));
      } else {  // kNumber
        if (c != '}') return Status::InvalidArgument("\"}\" expected");
        char last = result.back();
        result.pop_back();
        result.append(static_cast<size_t>(count), last);
        state = kStart;
      }
      ++i;
      continue;
    }
    size_t end = sequence.find_first_of("{}", i);
    std::string_view token = sequence.substr(i, end == std::string_view::npos ? end : end - i);
    if (state == kOpen) {
      std::string t(Trim(token));
      char* stop = nullptr;
      count = std::strtol(t.c_str(), &stop, 10);
      if (t.empty() || *stop != '\0') {
        return Status::InvalidArgument(fmt::format("invalid repeat count '{}'", token));
      }
      if (count < 0 || count > 10000) {
        return Status::InvalidArgument(fmt::format("Value {} invalid", count));
      }
      state = kNumber;
    } else if (state == kNumber) {
      return Status::InvalidArgument("\"}\" expected");
    } else {
      result += token;
      state = kChar;
    }
    i += token.size();
  }
  if (state == kOpen || state == kNumber) return Status::InvalidArgument("Unterminated expression");
  return result;
}

Result<std::vector<Adapter>> MakeAdapters(const std::vector<AdapterSpecText>& specs,
                                          const SearchParameters& defaults, AdapterNamer* namer) {
  std::vector<Adapter> adapters;
  for (const AdapterSpecText& s : specs) {
    std::string_view spec = s.text;
    bool anchored_file = spec.starts_with("^file:");
    if (spec.starts_with("file:") || anchored_file) {
      std::string_view rest = spec.substr(anchored_file ? 6 : 5);
      size_t semi = rest.find(';');
      std::string path(rest.substr(0, semi));
      Params file_params;
      if (semi != std::string_view::npos) {
        auto parsed = ParseParameters(rest.substr(semi + 1));
        if (!parsed.ok()) return parsed.status().WithContext(fmt::format("adapter '{}'", spec));
        file_params = *parsed;
      }
      // Per-file parameters become defaults for the file's adapters; the flags among them
      // ("anywhere", "required", ...) are not defaults and cutadapt rejects them there too.
      for (const auto& [key, v] : file_params) {
        if (key != "max_errors" && key != "min_overlap" && key != "indels") {
          return Status::InvalidArgument(
              fmt::format("adapter '{}': parameter '{}' cannot be used with file:", spec, key));
        }
      }
      CUTOVER_ASSIGN_OR_RETURN(SearchParameters params, ApplyParameters(defaults, file_params));
      auto records = ReadFasta(path);
      if (!records.ok()) {
        return records.status().WithContext(fmt::format("reading adapters from '{}'", path));
      }
      for (const FastaRecord& r : *records) {
        std::string text = (anchored_file ? "^" : "") + r.sequence;
        auto a = MakeAdapter(text, s.option, params, r.name, namer);
        if (!a.ok()) {
          return a.status().WithContext(fmt::format("{}: adapter '{}'", path, r.name.value_or("")));
        }
        adapters.push_back(std::move(*a));
      }
      continue;
    }
    auto a = MakeAdapter(spec, s.option, defaults, std::nullopt, namer);
    if (!a.ok()) {
      std::string hint;
      if (std::error_code ec; std::filesystem::exists(std::string(spec), ec)) {
        hint = fmt::format(
            ". A file exists named '{}'. To use the sequences in that file as adapter sequences, "
            "write 'file:' before the path, as in 'file:{}'.",
            spec, spec);
      }
      return Status::InvalidArgument(
          fmt::format("adapter '{}': {}{}", spec, a.status().message(), hint));
    }
    adapters.push_back(std::move(*a));
  }
  return adapters;
}

}  // namespace cutover::trim
