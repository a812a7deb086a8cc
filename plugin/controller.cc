#include "controller.h"

#include <exception>
#include <utility>

#include "contacts.h"
#include "held_list.h"
#include "markup.h"
#include "notes.h"
#include "prefs.h"
#include "request_dialog.h"

namespace softstart {
namespace {

constexpr char kDebugCategory[] = "softstart";

}  // namespace

Controller::Controller(PurplePlugin* plugin)
    : loaded_(LoadRewriter(RulesDirPref())), outbox_(plugin), queue_(&outbox_) {
  outbox_.set_queue(&queue_);
  rules_notice_ = loaded_.notice;
  // Rule paths and file:line errors are fine to log; message text never is.
  if (loaded_.rewriter) {
    purple_debug_info(kDebugCategory, "loaded %zu rules from %s\n", loaded_.rewriter->rule_count(),
                      loaded_.rules_dir.c_str());
  }
  if (!loaded_.notice.empty()) purple_debug_warning(kDebugCategory, "%s\n", loaded_.notice.c_str());
}

Controller::~Controller() { Unload(); }

void Controller::CancelSend(char** message) {
  g_free(*message);
  *message = nullptr;
}

void Controller::ShowRulesNoticeOnce(PurpleAccount* account, const char* receiver) {
  if (rules_notice_.empty()) return;
  if (PurpleOutbox::Note(account, receiver, MarkupFromPlainText(rules_notice_))) {
    rules_notice_.clear();
  }
}

void Controller::OnSendingIm(PurpleAccount* account, const char* receiver, char** message) {
  // A NULL text means an earlier handler cancelled this send already.
  if (quitting_ || account == nullptr || receiver == nullptr || message == nullptr ||
      *message == nullptr) {
    return;
  }
  const char* normalized = purple_normalize(account, receiver);
  ContactKey key{account, normalized != nullptr ? normalized : receiver};
  if (outbox_.IsOwnSend(key)) return;

  bool flagged = IsReceiverFlagged(account, receiver);
  bool behind = queue_.HasQueue(key);
  // Unflagged contacts are never inspected; they only keep their order
  // behind a message held before the flag was cleared.
  if (!flagged && !behind) return;

  // Read per message, so a change in the preferences applies at once, and
  // a pause ends when its time has passed, with no user action.
  time_t now = Now();
  bool paused = ExpirePause(now);
  CheckSettings settings = ReadCheckSettings(now);
  if (paused) {
    // Paused: nothing is held or inspected; only the order behind an
    // earlier held message is kept.
    flagged = false;
    if (!behind) return;
  }

  HeldMessage held;
  held.key = std::move(key);
  held.receiver = receiver;
  held.markup = *message;
  if (flagged) {
    ShowRulesNoticeOnce(account, receiver);
    bool checked = false;
    if (loaded_.rewriter) {
      try {
        held.visible = VisibleText(held.markup);
        held.analysis = loaded_.rewriter->Analyze(held.visible, settings.options);
        checked = true;
      } catch (...) {
        held.analysis = Analysis{};
      }
    }
    if (!checked) {
      // Fail open: before the hold a broken check must not eat the message.
      purple_debug_warning(kDebugCategory, "check failed; message goes out unchecked\n");
      PurpleOutbox::Note(account, receiver, kNoteCheckFailed);
    } else if (held.analysis.flagged() && !behind && !RequestUiAvailable()) {
      purple_debug_warning(kDebugCategory, "no request UI; message goes out unchecked\n");
      PurpleOutbox::Note(account, receiver, kNoteNoDialog);
      return;
    }
  }

  size_t findings = held.analysis.findings.size();
  switch (queue_.Submit(std::move(held))) {
    case HoldQueue::Outcome::kSendNow:
      return;
    case HoldQueue::Outcome::kHeld:
      purple_debug_info(kDebugCategory, "hold: item held for review, %zu findings\n", findings);
      break;
    case HoldQueue::Outcome::kQueued:
      purple_debug_info(kDebugCategory, "hold: item queued behind a held one\n");
      break;
  }
  CancelSend(message);
}

void Controller::OnAccountGone(PurpleAccount* account) {
  if (quitting_ || account == nullptr) return;
  queue_.ReleaseAccount(account);
}

void Controller::OnQuitting() {
  quitting_ = true;
  queue_.DiscardAll();
  outbox_.Shutdown();
}

void Controller::Unload() {
  if (!quitting_) queue_.ReleaseAll();
  outbox_.Shutdown();
}

std::string Controller::HeldMessagesHtml() const {
  return FormatHeldList(queue_.Waiting(), queue_.kept());
}

}  // namespace softstart
