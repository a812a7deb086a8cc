// The review dialog as libpurple fields (see plugin-contract.md, "The
// request"): the original, the editable suggestion and the choice of action,
// with buttons "Send" and "Don't send". Building and reading the fields are
// separate from opening them, so tests can check the contract without a UI.
#ifndef SOFTSTART_PLUGIN_REQUEST_DIALOG_H_
#define SOFTSTART_PLUGIN_REQUEST_DIALOG_H_

#include <purple.h>

#include <string>

#include "hold_queue.h"

namespace softstart {

inline constexpr char kFieldOriginal[] = "softstart.original";
inline constexpr char kFieldText[] = "softstart.text";
inline constexpr char kFieldAction[] = "softstart.action";
inline constexpr char kOkText[] = "Send";
inline constexpr char kCancelText[] = "Don't send";
inline constexpr char kFinchUi[] = "gnt-purple";  // purple_core_get_ui() in Finch.

// True when the UI can show a fields request at all; without it libpurple
// returns NULL and never calls back, so nothing may be held.
bool RequestUiAvailable();

// New fields for `message` (caller owns them until passed to libpurple).
PurpleRequestFields* BuildReviewFields(const HeldMessage& message);

// How the UI reports the choice field. Pidgin reports the index of the
// chosen item. Finch 2.x numbers its items from 1 and reports 0 when the user
// left the list untouched (it shows no item selected), so there "Send
// suggestion" picked on purpose reads 1, which would otherwise send the
// original.
enum class ChoiceNumbering { kFromZero, kFinchFromOne };
ChoiceNumbering CurrentChoiceNumbering();  // From purple_core_get_ui().

// The user's answer as the OK button reports it. An unknown action reads as
// "Don't send": when in doubt, send nothing.
Decision ReadDecision(PurpleRequestFields* fields, ChoiceNumbering numbering);
Decision ReadDecision(PurpleRequestFields* fields);

// Opens the dialog for `message`; `ok` and `cancel` are PurpleRequestFieldsCb
// callbacks receiving `user_data`. Returns the UI handle, or NULL when the UI
// refused. The UI may call back before this returns.
void* OpenReviewRequest(void* handle, const HeldMessage& message, PurpleAccount* account,
                        GCallback ok, GCallback cancel, void* user_data);

}  // namespace softstart

#endif  // SOFTSTART_PLUGIN_REQUEST_DIALOG_H_
