#include "util/strings.h"

#include <cmath>

#include <cctype>
#include <charconv>

#include <fmt/format.h>

namespace cutover {

std::string ShellQuote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  out += '\'';
  return out;
}

Result<std::vector<std::string>> SplitWords(std::string_view command) {
  std::vector<std::string> words;
  std::string cur;
  bool in_word = false;
  for (size_t i = 0; i < command.size(); ++i) {
    char c = command[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) words.push_back(std::move(cur));
      cur.clear();
      in_word = false;
    } else if (c == '\'') {
      size_t end = command.find('\'', i + 1);
      if (end == std::string_view::npos) {
        return Status::InvalidArgument(fmt::format("unterminated ' quote at character {}", i + 1));
      }
      cur.append(command.substr(i + 1, end - i - 1));
      i = end;
      in_word = true;
    } else if (c == '"') {
      size_t j = i + 1;
      for (; j < command.size() && command[j] != '"'; ++j) {
        if (command[j] == '\\' && j + 1 < command.size() &&
            (command[j + 1] == '"' || command[j + 1] == '\\')) {
          ++j;
        }
        cur += command[j];
      }
      if (j >= command.size()) {
        return Status::InvalidArgument(fmt::format("unterminated \" quote at character {}", i + 1));
      }
      i = j;
      in_word = true;
    } else if (c == '\\' && i + 1 < command.size()) {
      cur += command[++i];
      in_word = true;
    } else {
      cur += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(cur));
  return words;
}

std::string TerminalSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else if (c == 0xc2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[i + 1]));
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string OneLineForTerminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  return TerminalSafe(out);
}

std::optional<int64_t> ParseInt64(std::string_view text) {
  std::string_view t = Trim(text);
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  if (t.empty() || t.front() == '+') return std::nullopt;
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || ptr != t.data() + t.size()) return std::nullopt;
  return v;
}

Result<int64_t> ParseDurationMs(std::string_view text) {
  std::string_view t = Trim(text);
  double value = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  // from_chars reads "nan" and "inf" too: not durations.
  if (ec != std::errc() || !std::isfinite(value) || value < 0 ||
      (t.size() > 0 && !std::isdigit(static_cast<unsigned char>(t.front())) && t.front() != '.')) {
    return Status::InvalidArgument(fmt::format("'{}' is not a duration (e.g. 30s, 10m, 2h)", text));
  }
  std::string_view unit(ptr, static_cast<size_t>(t.data() + t.size() - ptr));
  double scale;
  if (unit.empty() || unit == "s") {
    scale = 1000;
  } else if (unit == "ms") {
    scale = 1;
  } else if (unit == "m") {
    scale = 60e3;
  } else if (unit == "h") {
    scale = 3600e3;
  } else if (unit == "d") {
    scale = 86400e3;
  } else {
    return Status::InvalidArgument(
        fmt::format("'{}' has an unknown unit '{}' (use ms, s, m, h or d)", text, unit));
  }
  constexpr double kLongest = 3650.0 * 86400e3;  // ten years: beyond that, a typo
  if (value * scale > kLongest) {
    return Status::InvalidArgument(fmt::format("'{}' is longer than ten years", text));
  }
  return static_cast<int64_t>(value * scale);
}

std::string FormatDurationMs(int64_t ms) {
  if (ms < 1000) return fmt::format("{}ms", ms);
  if (ms < 60000) return fmt::format("{:.1f}s", static_cast<double>(ms) / 1000.0);
  int64_t s = ms / 1000;
  if (s < 3600) return fmt::format("{}m{}s", s / 60, s % 60);
  return fmt::format("{}h{}m", s / 3600, (s % 3600) / 60);
}

std::string FormatMs(double ms) {
  if (ms < 1000) return fmt::format("{:.0f} ms", ms);
  if (ms < 60'000) return fmt::format("{:.3g} s", ms / 1000);
  if (ms < 3'600'000) return fmt::format("{:.3g} min", ms / 60'000);
  return fmt::format("{:.3g} h", ms / 3'600'000);
}

std::string FormatKb(double kb) {
  if (kb < 1000) return fmt::format("{:.0f} kB", kb);
  if (kb < 1'000'000) return fmt::format("{:.3g} MB", kb / 1000);
  return fmt::format("{:.3g} GB", kb / 1'000'000);
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::string ReplaceAll(std::string_view s, std::string_view from, std::string_view to) {
  std::string out;
  size_t pos = 0;
  for (size_t hit = s.find(from); !from.empty() && hit != std::string_view::npos;
       hit = s.find(from, pos)) {
    out.append(s.substr(pos, hit - pos));
    out.append(to);
    pos = hit + from.size();
  }
  out.append(s.substr(pos));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string TailBytes(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  std::string_view tail = s.substr(s.size() - max_bytes);
  size_t nl = tail.find('\n');
  if (nl != std::string_view::npos && nl + 1 < tail.size()) tail.remove_prefix(nl + 1);
  return std::string(tail);
}

std::string LastLine(std::string_view s) {
  s = Trim(s);
  size_t nl = s.rfind('\n');
  return std::string(Trim(nl == std::string_view::npos ? s : s.substr(nl + 1)));
}

}  // namespace cutover
