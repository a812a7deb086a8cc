// One-line notes the plugin writes into a conversation (as unlogged system
// messages). They are purple markup, so they must not contain `<` or `&`.
#ifndef SOFTSTART_PLUGIN_NOTES_H_
#define SOFTSTART_PLUGIN_NOTES_H_

namespace softstart {

// Before the user's own text, which follows as typed.
inline constexpr char kNoteNotSent[] =
    "softstart did not send this message; here it is, so it isn't lost: ";
inline constexpr char kNoteCheckFailed[] =
    "softstart could not check this message, so it went out as you wrote it.";
// Finch raises a window opened from an idle callback behind the
// conversation; without this line the message would seem to vanish.
inline constexpr char kNoteHeldFinch[] =
    "softstart is holding this message: choose what to send in its window (Alt+N, or the softstart tab below).";
inline constexpr char kNoteNoDialog[] =
    "softstart cannot show its window in this program, so this message went out as you wrote it.";
// Before a text copied back from "Held messages…", which follows as typed.
inline constexpr char kNoteCopyBack[] = "softstart kept this message for you; copy it from here: ";
inline constexpr char kHeldActionLabel[] = "Held messages\u2026";
inline constexpr char kTryActionLabel[] = "Try a message\u2026";
inline constexpr char kFlaggedActionLabel[] = "Flagged contacts\u2026";
inline constexpr char kForgetActionLabel[] = "Forget held messages";

}  // namespace softstart

#endif  // SOFTSTART_PLUGIN_NOTES_H_
