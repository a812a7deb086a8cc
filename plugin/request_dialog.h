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

// True when the UI can show a fields request at all; without it libpurple
// returns NULL and never calls back, so nothing may be held.
bool RequestUiAvailable();

// New fields for `message` (caller owns them until passed to libpurple).
PurpleRequestFields* BuildReviewFields(const HeldMessage& message);

// The user's answer as the OK button reports it. An unknown action reads as
// "Don't send": when in doubt, send nothing.
Decision ReadDecision(PurpleRequestFields* fields);

// Opens the dialog for `message`; `ok` and `cancel` are PurpleRequestFieldsCb
// callbacks receiving `user_data`. Returns the UI handle, or NULL when the UI
// refused. The UI may call back before this returns.
void* OpenReviewRequest(void* handle, const HeldMessage& message, PurpleAccount* account,
                        GCallback ok, GCallback cancel, void* user_data);

}  // namespace softstart

#endif  // SOFTSTART_PLUGIN_REQUEST_DIALOG_H_
