#include "plugin_helpers.h"

#include "purple_client.h"

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

Dialog* RunActionForDialog(PurplePlugin* plugin, const std::string& label) {
  const int before = ScriptedRequestUi::last_serial();
  if (!RunPluginAction(plugin, label)) return nullptr;
  return ScriptedRequestUi::WaitForDialog(before, 200);
}

int HeldEntryIndex(const Dialog* list, const std::string& visible) {
  if (!list) return -1;
  for (int i = 1;; ++i) {
    const FieldRecord* f = list->Field("softstart.held.text." + std::to_string(i));
    if (!f) return -1;
    if (f->value == visible) return i - 1;
  }
}

bool HeldListContains(PurplePlugin* plugin, const std::string& visible) {
  const size_t notes = PurpleClient::notifications().size();
  Dialog* list = RunActionForDialog(plugin, "Held messages\u2026");
  if (list) {
    const bool found = HeldEntryIndex(list, visible) >= 0;
    ScriptedRequestUi::CloseWindow(list);
    return found;
  }
  const auto& all = PurpleClient::notifications();
  for (size_t i = notes; i < all.size(); ++i) {
    if (all[i].text.find(visible) != std::string::npos) return true;
  }
  return false;
}

}  // namespace softstart::e2e
