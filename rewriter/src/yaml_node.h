// A YAML document parsed by libyaml, and read-only views of its nodes with the
// lines that rule errors name. Only what rule data uses: mappings, lists and
// strings. Nothing here throws.
#ifndef SOFTSTART_YAML_NODE_H_
#define SOFTSTART_YAML_NODE_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml.h>

namespace softstart {

enum class YamlKind { kUndefined, kNull, kScalar, kList, kMap };

// A node of a YamlDocument, valid while the document lives. The default node
// is "undefined": what a missing key or a list index past the end gives.
class YamlNode {
 public:
  YamlNode() = default;
  YamlNode(yaml_document_t* document, yaml_node_t* node) : document_(document), node_(node) {}

  YamlKind kind() const;
  bool IsDefined() const { return node_ != nullptr; }
  bool IsNull() const { return kind() == YamlKind::kNull; }
  bool IsScalar() const { return kind() == YamlKind::kScalar; }
  bool IsList() const { return kind() == YamlKind::kList; }
  bool IsMap() const { return kind() == YamlKind::kMap; }
  explicit operator bool() const { return IsDefined(); }

  // The text of a scalar ("" for anything else).
  std::string Scalar() const;
  // Items of a list, entries of a mapping, else 0.
  size_t size() const;
  // The items of a list (empty for anything else).
  std::vector<YamlNode> Items() const;
  // The key/value pairs of a mapping, in file order (empty for anything else).
  std::vector<std::pair<YamlNode, YamlNode>> Entries() const;
  // A list's item; undefined past the end or on anything else.
  YamlNode operator[](size_t index) const;
  // A mapping's value for a key (the first, if repeated); undefined when
  // absent or on anything else.
  YamlNode operator[](std::string_view key) const;
  YamlNode operator[](const char* key) const { return (*this)[std::string_view(key)]; }
  // 1-based line where the node starts; 0 for an undefined node.
  int line() const;

 private:
  YamlNode At(yaml_node_item_t id) const;

  yaml_document_t* document_ = nullptr;
  yaml_node_t* node_ = nullptr;
};

// One parsed document: the first of a file.
class YamlDocument {
 public:
  YamlDocument() = default;
  ~YamlDocument();
  YamlDocument(const YamlDocument&) = delete;
  YamlDocument& operator=(const YamlDocument&) = delete;

  // Parses text. On a syntax error returns false with *error ("did not find
  // expected key") and *line (1-based).
  bool Parse(std::string_view text, std::string* error, int* line);
  // Undefined when the document is empty.
  YamlNode root();

 private:
  bool loaded_ = false;
  yaml_document_t document_{};
};

}  // namespace softstart

#endif  // SOFTSTART_YAML_NODE_H_
