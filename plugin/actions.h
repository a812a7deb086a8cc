// The plugin actions (Pidgin: Tools → softstart; Finch: Actions): "Held
// messages…", "Try a message…", "Flagged contacts…" and "Forget held
// messages". Each opens at most one window of its kind; opening it again
// replaces the old one. Answers that arrive after the plugin went away, or
// for a window that was replaced, are ignored.
#ifndef SOFTSTART_PLUGIN_ACTIONS_H_
#define SOFTSTART_PLUGIN_ACTIONS_H_

#include <purple.h>

namespace softstart {

class Controller;

// Must be called on load, before BuildActions() is used; `controller`
// must stay alive until StopActions().
void StartActions(PurplePlugin* plugin, Controller* controller);
// On unload: forget the controller and every window (the caller closes them
// with purple_request_close_with_handle).
void StopActions();

// For PurplePluginInfo::actions.
GList* BuildActions(PurplePlugin* plugin, gpointer context);

}  // namespace softstart

#endif  // SOFTSTART_PLUGIN_ACTIONS_H_
