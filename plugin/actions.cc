#include "actions.h"

#include <exception>
#include <string>
#include <vector>

#include "contacts.h"
#include "controller.h"
#include "held_list.h"
#include "markup.h"
#include "notes.h"
#include "prefs.h"
#include "purple_outbox.h"
#include "request_dialog.h"
#include "try_message.h"

namespace softstart {
namespace {

constexpr char kDebugCategory[] = "softstart";
constexpr char kTitle[] = "softstart";
constexpr char kFlaggedPrimary[] = "Contacts softstart checks";
constexpr char kFlaggedSecondary[] =
    "softstart checks your messages to these contacts before they go out. Untick one to stop "
    "checking your messages to them.";
constexpr char kFlaggedNone[] =
    "softstart checks no one yet. To have your messages to someone checked, open their menu in "
    "the buddy list and choose \u201cCheck my messages to \u2026 (softstart)\u201d.";

struct State {
  PurplePlugin* plugin = nullptr;
  Controller* controller = nullptr;
  // Each window's answer carries the serial it was opened with; a stale one
  // (replaced window, plugin reloaded) is ignored.
  unsigned serial = 0;
  void* held_dialog = nullptr;
  unsigned held_serial = 0;
  std::vector<uint32_t> held_ids;
  size_t held_waiting = 0;
  void* flagged_dialog = nullptr;
  unsigned flagged_serial = 0;
  std::vector<PurpleContact*> flagged;
  void* try_dialog = nullptr;
  unsigned try_serial = 0;
};
State g_state;

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

void Notify(const char* primary, const std::string& html) {
  purple_notify_formatted(g_state.plugin, kTitle, primary, nullptr, html.c_str(), nullptr,
                          nullptr);
}

void Close(PurpleRequestType type, void** handle) {
  void* old = *handle;
  *handle = nullptr;
  if (old != nullptr) purple_request_close(type, old);
}

// ---- Held messages…

void OnHeldOk(void* user_data, PurpleRequestFields* fields) {
  Guarded("Held messages", [&] {
    if (g_state.controller == nullptr || GPOINTER_TO_UINT(user_data) != g_state.held_serial) {
      return;
    }
    g_state.held_dialog = nullptr;  // The UI closes it after this call.
    HeldAnswer answer = ReadHeldAnswer(fields);
    if (answer.index < 0 || static_cast<size_t>(answer.index) >= g_state.held_ids.size()) return;
    uint32_t id = g_state.held_ids[answer.index];
    HoldQueue& queue = g_state.controller->queue();
    const HeldMessage* kept = queue.FindKept(id);
    const HeldMessage* waiting = kept != nullptr ? nullptr : queue.Find(id);
    if (kept == nullptr && waiting == nullptr) return;  // Sent or discarded meanwhile.
    if (answer.action == HeldAction::kDiscard) {
      if (kept != nullptr) {
        queue.Discard(id);
        purple_debug_info(kDebugCategory, "held list: item %u discarded\n", id);
      } else {
        Notify("This message is still waiting for your choice",
               "Its own softstart window is still open: choose \u201cDon\u2019t send\u201d there, "
               "then discard it here.");
      }
      return;
    }
    const HeldMessage& message = kept != nullptr ? *kept : *waiting;
    if (PurpleOutbox::CopyBack(message)) {
      purple_debug_info(kDebugCategory, "held list: item %u copied back\n", id);
    } else {
      // No conversation to write into (the account is gone): show it here.
      Notify("softstart could not open the conversation",
             "<b>To " + MarkupFromPlainText(message.receiver) + "</b><br>" + message.markup);
    }
  });
}

void OnHeldCancel(void* user_data, PurpleRequestFields*) {
  if (GPOINTER_TO_UINT(user_data) == g_state.held_serial) g_state.held_dialog = nullptr;
}

void ShowHeld(PurplePluginAction*) {
  Guarded("Held messages", [&] {
    if (g_state.controller == nullptr) return;
    HoldQueue& queue = g_state.controller->queue();
    std::vector<const HeldMessage*> waiting = queue.Waiting();
    std::vector<const HeldMessage*> entries = HeldEntries(waiting, queue.kept());
    g_state.held_serial = ++g_state.serial;
    Close(PURPLE_REQUEST_FIELDS, &g_state.held_dialog);
    if (!entries.empty() && RequestUiAvailable()) {
      g_state.held_ids.clear();
      for (const HeldMessage* message : entries) g_state.held_ids.push_back(message->id);
      g_state.held_waiting = waiting.size();
      g_state.held_dialog = purple_request_fields(
          g_state.plugin, kTitle, kHeldPrimary, kHeldSecondary,
          BuildHeldFields(entries, waiting.size()), kHeldOkText, G_CALLBACK(OnHeldOk),
          kHeldCancelText, G_CALLBACK(OnHeldCancel), nullptr, nullptr, nullptr,
          GUINT_TO_POINTER(g_state.held_serial));
      if (g_state.held_dialog != nullptr) return;
    }
    // No list to act on, or no dialog in this UI: a notice to read and copy.
    purple_notify_formatted(g_state.plugin, kTitle, kHeldTitle,
                            "Messages softstart kept back. They live in memory only and are "
                            "gone when you quit.",
                            g_state.controller->HeldMessagesHtml().c_str(), nullptr, nullptr);
  });
}

void ForgetHeld(PurplePluginAction*) {
  Guarded("Forget held messages", [&] {
    if (g_state.controller != nullptr) g_state.controller->ForgetKept();
  });
}

// ---- Try a message…

void OnTryOk(void* user_data, const char* value) {
  Guarded("Try a message", [&] {
    if (g_state.controller == nullptr || GPOINTER_TO_UINT(user_data) != g_state.try_serial) {
      return;
    }
    g_state.try_dialog = nullptr;
    std::string text = value != nullptr ? value : "";
    const Rewriter* rewriter = g_state.controller->rewriter();
    if (rewriter == nullptr) {
      Notify("softstart could not load its rules", "It cannot check any message right now.");
      return;
    }
    CheckSettings settings = ReadCheckSettings(Now());
    Analysis analysis = rewriter->Analyze(text, settings.options);
    TryReport report = BuildTryReport(text, analysis, settings);
    purple_debug_info(kDebugCategory, "try action: %zu findings\n", analysis.findings.size());
    purple_notify_formatted(g_state.plugin, kTryTitle, report.primary.c_str(),
                            report.secondary.c_str(), report.html.c_str(), nullptr, nullptr);
  });
}

void OnTryCancel(void* user_data, const char*) {
  if (GPOINTER_TO_UINT(user_data) == g_state.try_serial) g_state.try_dialog = nullptr;
}

void TryMessage(PurplePluginAction*) {
  Guarded("Try a message", [&] {
    if (g_state.controller == nullptr) return;
    g_state.try_serial = ++g_state.serial;
    Close(PURPLE_REQUEST_INPUT, &g_state.try_dialog);
    g_state.try_dialog = purple_request_input(
        g_state.plugin, kTitle, kTryPrimary, kTrySecondary, "", TRUE, FALSE, nullptr, kTryOkText,
        G_CALLBACK(OnTryOk), kTryCancelText, G_CALLBACK(OnTryCancel), nullptr, nullptr, nullptr,
        GUINT_TO_POINTER(g_state.try_serial));
    if (g_state.try_dialog == nullptr) {
      Notify("softstart cannot ask for a text here",
             "This program shows no input window for plugins.");
    }
  });
}

// ---- Flagged contacts…

std::string FlaggedFieldId(size_t number) {
  return "softstart.flagged." + std::to_string(number);
}

void OnFlaggedOk(void* user_data, PurpleRequestFields* fields) {
  Guarded("Flagged contacts", [&] {
    if (g_state.controller == nullptr || GPOINTER_TO_UINT(user_data) != g_state.flagged_serial) {
      return;
    }
    g_state.flagged_dialog = nullptr;
    size_t unflagged = 0;
    for (size_t i = 0; i < g_state.flagged.size(); ++i) {
      PurpleContact* contact = g_state.flagged[i];
      if (purple_request_fields_get_bool(fields, FlaggedFieldId(i + 1).c_str())) continue;
      // The contact may have been removed while the window was open.
      if (!ContactInList(contact)) continue;
      SetContactFlagged(contact, false);
      ++unflagged;
    }
    g_state.flagged.clear();
    purple_debug_info(kDebugCategory, "unflagged %zu contact(s)\n", unflagged);
  });
}

void OnFlaggedCancel(void* user_data, PurpleRequestFields*) {
  if (GPOINTER_TO_UINT(user_data) == g_state.flagged_serial) g_state.flagged_dialog = nullptr;
}

void ShowFlagged(PurplePluginAction*) {
  Guarded("Flagged contacts", [&] {
    if (g_state.controller == nullptr) return;
    g_state.flagged_serial = ++g_state.serial;
    Close(PURPLE_REQUEST_FIELDS, &g_state.flagged_dialog);
    g_state.flagged = FlaggedContacts();
    if (g_state.flagged.empty()) {
      Notify(kFlaggedPrimary, kFlaggedNone);
      return;
    }
    if (RequestUiAvailable()) {
      PurpleRequestFields* fields = purple_request_fields_new();
      PurpleRequestFieldGroup* group = purple_request_field_group_new(nullptr);
      purple_request_fields_add_group(fields, group);
      for (size_t i = 0; i < g_state.flagged.size(); ++i) {
        // Check boxes show their label as plain text in Pidgin and Finch.
        purple_request_field_group_add_field(
            group, purple_request_field_bool_new(FlaggedFieldId(i + 1).c_str(),
                                                 ContactDisplayName(g_state.flagged[i]).c_str(),
                                                 TRUE));
      }
      g_state.flagged_dialog = purple_request_fields(
          g_state.plugin, kTitle, kFlaggedPrimary, kFlaggedSecondary, fields, "Save",
          G_CALLBACK(OnFlaggedOk), "Close", G_CALLBACK(OnFlaggedCancel), nullptr, nullptr,
          nullptr, GUINT_TO_POINTER(g_state.flagged_serial));
      if (g_state.flagged_dialog != nullptr) return;
    }
    std::string html;
    for (PurpleContact* contact : g_state.flagged) {
      html += MarkupFromPlainText(ContactDisplayName(contact)) + "<br>";
    }
    Notify(kFlaggedPrimary, html);
  });
}

}  // namespace

void StartActions(PurplePlugin* plugin, Controller* controller) {
  unsigned serial = g_state.serial;
  g_state = State{};
  g_state.serial = serial;
  g_state.plugin = plugin;
  g_state.controller = controller;
}

void StopActions() {
  unsigned serial = g_state.serial;
  g_state = State{};
  // Keep counting: a late answer from a window of this load stays stale.
  g_state.serial = serial + 1;
}

GList* BuildActions(PurplePlugin*, gpointer) {
  GList* actions = nullptr;
  actions = g_list_append(actions, purple_plugin_action_new(kHeldActionLabel, ShowHeld));
  actions = g_list_append(actions, purple_plugin_action_new(kTryActionLabel, TryMessage));
  actions = g_list_append(actions, purple_plugin_action_new(kFlaggedActionLabel, ShowFlagged));
  actions = g_list_append(actions, purple_plugin_action_new(kForgetActionLabel, ForgetHeld));
  return actions;
}

}  // namespace softstart
