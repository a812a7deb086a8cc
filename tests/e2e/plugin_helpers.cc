#include "plugin_helpers.h"

namespace softstart::e2e {
namespace {

using MenuCallback = void (*)(gpointer node, gpointer data);

GList* EmitMenu(PurpleBlistNode* node) {
  GList* menu = nullptr;
  purple_signal_emit(purple_blist_get_handle(), "blist-node-extended-menu", node, &menu);
  return menu;
}

void FreeMenu(GList* menu) {
  // NULL entries are separators; children are left to leak (test only).
  g_list_free_full(menu, [](gpointer a) {
    if (a) purple_menu_action_free(static_cast<PurpleMenuAction*>(a));
  });
}

PurpleMenuAction* Find(GList* menu, const std::string& label) {
  for (GList* l = menu; l; l = l->next) {
    auto* action = static_cast<PurpleMenuAction*>(l->data);
    if (!action) continue;  // NULL entries are separators.
    if (action->label && label == action->label) return action;
    if (PurpleMenuAction* child = Find(action->children, label)) return child;
  }
  return nullptr;
}

void CollectLabels(GList* menu, std::vector<std::string>* labels) {
  for (GList* l = menu; l; l = l->next) {
    auto* action = static_cast<PurpleMenuAction*>(l->data);
    if (!action) continue;
    if (action->label) labels->push_back(action->label);
    CollectLabels(action->children, labels);
  }
}

}  // namespace

std::vector<std::string> MenuLabels(PurpleBlistNode* node) {
  GList* menu = EmitMenu(node);
  std::vector<std::string> labels;
  CollectLabels(menu, &labels);
  FreeMenu(menu);
  return labels;
}

std::string SoftstartMenuLabel(PurpleBlistNode* node) {
  std::vector<std::string> labels = MenuLabels(node);
  return labels.size() == 1 ? labels[0] : "";
}

bool InvokeMenuEntry(PurpleBlistNode* node, const std::string& label,
                     PurpleBlistNode* callback_node) {
  GList* menu = EmitMenu(node);
  PurpleMenuAction* action = Find(menu, label);
  const bool found = action != nullptr && action->callback != nullptr;
  if (found) reinterpret_cast<MenuCallback>(action->callback)(callback_node, action->data);
  FreeMenu(menu);
  return found;
}

std::vector<std::string> PluginActionLabels(PurplePlugin* plugin) {
  std::vector<std::string> labels;
  if (!plugin || !PURPLE_PLUGIN_HAS_ACTIONS(plugin)) return labels;
  GList* actions = PURPLE_PLUGIN_ACTIONS(plugin, nullptr);
  for (GList* l = actions; l; l = l->next) {
    auto* action = static_cast<PurplePluginAction*>(l->data);
    if (action && action->label) labels.push_back(action->label);
  }
  g_list_free_full(actions, [](gpointer a) {
    if (a) purple_plugin_action_free(static_cast<PurplePluginAction*>(a));
  });
  return labels;
}

bool RunPluginAction(PurplePlugin* plugin, const std::string& label) {
  if (!plugin || !PURPLE_PLUGIN_HAS_ACTIONS(plugin)) return false;
  bool ran = false;
  GList* actions = PURPLE_PLUGIN_ACTIONS(plugin, nullptr);
  for (GList* l = actions; l; l = l->next) {
    auto* action = static_cast<PurplePluginAction*>(l->data);
    if (ran || !action || !action->label || label != action->label) continue;
    // As Pidgin does before calling an action.
    action->plugin = plugin;
    action->context = nullptr;
    action->callback(action);
    ran = true;
  }
  g_list_free_full(actions, [](gpointer a) {
    if (a) purple_plugin_action_free(static_cast<PurplePluginAction*>(a));
  });
  return ran;
}

}  // namespace softstart::e2e
