#include "pipeline/yaml_json.h"

#include <yaml-cpp/yaml.h>

#include "pipeline/yaml_document.h"
#include "util/strings.h"

#include <cstdlib>
#include <string>

namespace cutover {

nlohmann::json YamlToJson(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      nlohmann::json j = nlohmann::json::object();
      for (const auto& kv : n) j[kv.first.as<std::string>()] = YamlToJson(kv.second);
      return j;
    }
    case YAML::NodeType::Sequence: {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& item : n) j.push_back(YamlToJson(item));
      return j;
    }
    case YAML::NodeType::Scalar: {
      std::string s = n.as<std::string>();
      if (n.Tag() == "!") return s;  // quoted: always a string
      if (s == "true" || s == "True") return true;
      if (s == "false" || s == "False") return false;
      if (s == "null" || s == "~") return nullptr;
      char* end = nullptr;
      long long i = std::strtoll(s.c_str(), &end, 10);
      if (!s.empty() && *end == '\0') return i;
      double d = std::strtod(s.c_str(), &end);
      if (!s.empty() && *end == '\0') return d;
      return s;
    }
    default:
      return nullptr;
  }
}

Result<nlohmann::json> ParseYamlValue(std::string_view text) {
  if (Trim(text).empty()) return nlohmann::json(nullptr);
  auto doc = LoadYamlDocument(text, "value");
  if (!doc.ok()) {
    return Status::InvalidArgument("not a valid YAML value '" + std::string(text) +
                                   "': " + doc.status().message());
  }
  try {
    return YamlToJson(*doc);
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument("not a valid YAML value '" + std::string(text) + "': " + e.msg);
  }
}

}  // namespace cutover
