// Entry points: plugin info, load/unload, signal connections, the buddy menu
// toggle and the plugin actions. Every callback libpurple calls stops C++
// exceptions here; the work happens in Controller.
#define PURPLE_PLUGINS

#include <purple.h>

#include <exception>
#include <memory>
#include <string>

#include "actions.h"
#include "contacts.h"
#include "controller.h"
#include "notes.h"
#include "prefs.h"

namespace softstart {
namespace {

constexpr char kDebugCategory[] = "softstart";
constexpr char kPluginId[] = "core-softstart";
// Below OTR (0) so we see plain text before any encryption plugin.
constexpr int kSendingPriority = PURPLE_SIGNAL_PRIORITY_DEFAULT - 100;

std::unique_ptr<Controller> g_controller;

// Runs `body`, logging (without any message text) instead of letting an
// exception unwind into C.
template <typename Body>
void Guarded(const char* where, Body&& body) {
  try {
    body();
  } catch (const std::exception&) {
    purple_debug_error(kDebugCategory, "error in %s\n", where);
  } catch (...) {
    purple_debug_error(kDebugCategory, "unknown error in %s\n", where);
  }
}

void OnSendingIm(PurpleAccount* account, const char* receiver, char** message, gpointer) {
  Guarded("sending-im-msg", [&] {
    if (g_controller) g_controller->OnSendingIm(account, receiver, message);
  });
}

void OnSigningOff(PurpleConnection* gc, gpointer) {
  Guarded("signing-off", [&] {
    if (g_controller) g_controller->OnAccountGone(purple_connection_get_account(gc));
  });
}

void OnAccountDisabled(PurpleAccount* account, gpointer) {
  Guarded("account-disabled", [&] {
    if (g_controller) g_controller->OnAccountGone(account);
  });
}

void OnQuitting(gpointer) {
  Guarded("quitting", [&] {
    if (g_controller) g_controller->OnQuitting();
  });
}

void OnToggleFlag(PurpleBlistNode* node, gpointer) {
  Guarded("menu toggle", [&] {
    PurpleContact* contact = ContactForNode(node);
    if (contact == nullptr) return;
    bool flagged = !IsContactFlagged(contact);
    SetContactFlagged(contact, flagged);
    purple_debug_info(kDebugCategory, "contact %s\n", flagged ? "flagged" : "unflagged");
  });
}

void OnExtendedMenu(PurpleBlistNode* node, GList** menu, gpointer) {
  Guarded("blist-node-extended-menu", [&] {
    PurpleContact* contact = ContactForNode(node);
    if (contact == nullptr || menu == nullptr) return;
    std::string label = MenuLabel(contact);
    PurpleMenuAction* action =
        purple_menu_action_new(label.c_str(), PURPLE_CALLBACK(OnToggleFlag), nullptr, nullptr);
    *menu = g_list_append(*menu, action);
  });
}

PurplePluginPrefFrame* PrefFrame(PurplePlugin*) {
  PurplePluginPrefFrame* frame = nullptr;
  Guarded("preferences", [&] { frame = BuildPrefFrame(Now()); });
  return frame;
}

gboolean Load(PurplePlugin* plugin) {
  gboolean loaded = FALSE;
  Guarded("load", [&] {
    RegisterPrefs();
    // A pause that ended while the client was closed is cleared now.
    ExpirePause(Now());
    ConnectPrefCallbacks(plugin);
    g_controller = std::make_unique<Controller>(plugin);
    StartActions(plugin, g_controller.get());
    purple_signal_connect_priority(purple_conversations_get_handle(), "sending-im-msg", plugin,
                                   PURPLE_CALLBACK(OnSendingIm), nullptr, kSendingPriority);
    purple_signal_connect(purple_connections_get_handle(), "signing-off", plugin,
                          PURPLE_CALLBACK(OnSigningOff), nullptr);
    purple_signal_connect(purple_accounts_get_handle(), "account-disabled", plugin,
                          PURPLE_CALLBACK(OnAccountDisabled), nullptr);
    purple_signal_connect(purple_get_core(), "quitting", plugin, PURPLE_CALLBACK(OnQuitting),
                          nullptr);
    purple_signal_connect(purple_blist_get_handle(), "blist-node-extended-menu", plugin,
                          PURPLE_CALLBACK(OnExtendedMenu), nullptr);
    loaded = TRUE;
  });
  return loaded;
}

gboolean Unload(PurplePlugin* plugin) {
  // Disconnect first so nothing reaches a half-torn-down controller.
  purple_signals_disconnect_by_handle(plugin);
  purple_prefs_disconnect_by_handle(plugin);
  StopActions();
  Guarded("unload", [&] {
    if (g_controller) g_controller->Unload();
  });
  Guarded("unload", [&] { g_controller.reset(); });
  purple_request_close_with_handle(plugin);
  return TRUE;
}

GList* Actions(PurplePlugin* plugin, gpointer context) {
  GList* actions = nullptr;
  Guarded("actions", [&] { actions = BuildActions(plugin, context); });
  return actions;
}

PurplePluginUiInfo g_prefs_info = {PrefFrame, 0, nullptr, nullptr, nullptr, nullptr, nullptr};

// libpurple's struct wants mutable strings; it never writes to them.
char* Mutable(const char* text) { return const_cast<char*>(text); }

PurplePluginInfo g_info = {
    PURPLE_PLUGIN_MAGIC,
    PURPLE_MAJOR_VERSION,
    PURPLE_MINOR_VERSION,
    PURPLE_PLUGIN_STANDARD,
    nullptr,  // ui_requirement: a core plugin, any UI.
    0,
    nullptr,
    PURPLE_PRIORITY_DEFAULT,
    Mutable(kPluginId),
    Mutable("softstart"),
    Mutable(SOFTSTART_VERSION),
    Mutable("Pause before a hurtful message to your partner"),
    Mutable("Before a message to a contact you choose goes out, softstart checks it for blame, "
            "demands, loaded questions, pressure and dismissive phrasing. If it finds some, it "
            "holds the message, explains how it may land, and offers a gentler way to say the "
            "same thing. You decide what is sent."),
    Mutable("softstart"),
    Mutable(""),
    Load,
    Unload,
    nullptr,  // destroy
    nullptr,  // ui_info
    nullptr,  // extra_info
    &g_prefs_info,
    Actions,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

void InitPlugin(PurplePlugin*) {}

}  // namespace
}  // namespace softstart

// The only exported symbol; C linkage so libpurple finds it by name.
extern "C" {
PURPLE_INIT_PLUGIN(softstart, softstart::InitPlugin, softstart::g_info)
}
