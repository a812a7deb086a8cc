// What a UI does with the plugin besides sending: its buddy-menu entries and
// its plugin actions, invoked the way Pidgin and Finch invoke them.
#ifndef SOFTSTART_TESTS_E2E_PLUGIN_HELPERS_H_
#define SOFTSTART_TESTS_E2E_PLUGIN_HELPERS_H_

#include <purple.h>

#include <string>
#include <vector>

#include "scripted_request_ui.h"

namespace softstart::e2e {

// Texts the scenarios send. The rewriter must hold kBlame* and pass kClean*.
inline constexpr char kBlame[] = "You never want to have sex with me";
inline constexpr char kBlameMarkup[] = "You never listen to me &amp; it hurts &lt;3";
inline constexpr char kBlameMarkupVisible[] = "You never listen to me & it hurts <3";
inline constexpr char kClean[] = "Want to get dinner tonight?";
inline constexpr char kCleanToo[] = "I had a long day, can we talk later?";

// The labels of the buddy-menu entries offered for node (recursing into
// submenus), and invokes the one whose label matches, as the UI would:
// callback(callback_node, data). Returns false when no entry matched.
std::vector<std::string> MenuLabels(PurpleBlistNode* node);
bool InvokeMenuEntry(PurpleBlistNode* node, const std::string& label,
                     PurpleBlistNode* callback_node);
// The one entry softstart adds (the only plugin loaded), or "".
std::string SoftstartMenuLabel(PurpleBlistNode* node);

// The labels of plugin's actions, and runs the one with this label.
std::vector<std::string> PluginActionLabels(PurplePlugin* plugin);
bool RunPluginAction(PurplePlugin* plugin, const std::string& label);
// Runs the action and returns the request it opened (still open), or nullptr
// when it opened none (a notice instead).
Dialog* RunActionForDialog(PurplePlugin* plugin, const std::string& label);

// "Held messages…": the number (from 0, the index of the which-choice) of the
// entry showing `visible`, or -1.
int HeldEntryIndex(const Dialog* list, const std::string& visible);
// Whether "Held messages…" shows `visible`, in its dialog (then closed) or
// in its notice.
bool HeldListContains(PurplePlugin* plugin, const std::string& visible);

}  // namespace softstart::e2e

#endif  // SOFTSTART_TESTS_E2E_PLUGIN_HELPERS_H_
