#include "yaml_node.h"

namespace softstart {
namespace {

std::string_view ScalarText(const yaml_node_t* node) {
  return {reinterpret_cast<const char*>(node->data.scalar.value), node->data.scalar.length};
}

// YAML's plain nulls: an empty value, "~" or "null".
bool IsPlainNull(const yaml_node_t* node) {
  if (node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return false;
  const std::string_view text = ScalarText(node);
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

}  // namespace

YamlKind YamlNode::kind() const {
  if (!node_) return YamlKind::kUndefined;
  switch (node_->type) {
    case YAML_SCALAR_NODE:
      return IsPlainNull(node_) ? YamlKind::kNull : YamlKind::kScalar;
    case YAML_SEQUENCE_NODE:
      return YamlKind::kList;
    case YAML_MAPPING_NODE:
      return YamlKind::kMap;
    default:
      return YamlKind::kUndefined;
  }
}

std::string YamlNode::Scalar() const {
  return IsScalar() ? std::string(ScalarText(node_)) : std::string();
}

size_t YamlNode::size() const {
  if (IsList()) return node_->data.sequence.items.top - node_->data.sequence.items.start;
  if (IsMap()) return node_->data.mapping.pairs.top - node_->data.mapping.pairs.start;
  return 0;
}

YamlNode YamlNode::At(yaml_node_item_t id) const {
  yaml_node_t* node = yaml_document_get_node(document_, id);
  return node ? YamlNode(document_, node) : YamlNode();
}

std::vector<YamlNode> YamlNode::Items() const {
  std::vector<YamlNode> items;
  if (!IsList()) return items;
  for (yaml_node_item_t* item = node_->data.sequence.items.start; item < node_->data.sequence.items.top; ++item) {
    items.push_back(At(*item));
  }
  return items;
}

std::vector<std::pair<YamlNode, YamlNode>> YamlNode::Entries() const {
  std::vector<std::pair<YamlNode, YamlNode>> entries;
  if (!IsMap()) return entries;
  for (yaml_node_pair_t* pair = node_->data.mapping.pairs.start; pair < node_->data.mapping.pairs.top; ++pair) {
    entries.emplace_back(At(pair->key), At(pair->value));
  }
  return entries;
}

YamlNode YamlNode::operator[](size_t index) const {
  if (index >= size() || !IsList()) return {};
  return At(node_->data.sequence.items.start[index]);
}

YamlNode YamlNode::operator[](std::string_view key) const {
  if (!IsMap()) return {};
  for (yaml_node_pair_t* pair = node_->data.mapping.pairs.start; pair < node_->data.mapping.pairs.top; ++pair) {
    const yaml_node_t* key_node = yaml_document_get_node(document_, pair->key);
    if (key_node && key_node->type == YAML_SCALAR_NODE && ScalarText(key_node) == key) return At(pair->value);
  }
  return {};
}

int YamlNode::line() const { return node_ ? static_cast<int>(node_->start_mark.line) + 1 : 0; }

YamlDocument::~YamlDocument() {
  if (loaded_) yaml_document_delete(&document_);
}

bool YamlDocument::Parse(std::string_view text, std::string* error, int* line) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    *error = "out of memory";
    *line = 0;
    return false;
  }
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  loaded_ = yaml_parser_load(&parser, &document_) != 0;
  if (!loaded_) {
    *error = parser.problem ? parser.problem : "unreadable YAML";
    if (parser.context) *error += std::string(" (") + parser.context + ")";
    *line = static_cast<int>(parser.problem_mark.line) + 1;
  }
  yaml_parser_delete(&parser);
  return loaded_;
}

YamlNode YamlDocument::root() {
  if (!loaded_) return {};
  yaml_node_t* node = yaml_document_get_root_node(&document_);
  return node ? YamlNode(&document_, node) : YamlNode();
}

}  // namespace softstart
