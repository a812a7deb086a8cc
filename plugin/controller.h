// The plugin's state for one load: the rewriter, the hold queue and its
// libpurple outbox, and what each signal does with them. The entry points in
// softstart_plugin.cc only translate libpurple calls into these methods and
// stop exceptions at the boundary.
#ifndef SOFTSTART_PLUGIN_CONTROLLER_H_
#define SOFTSTART_PLUGIN_CONTROLLER_H_

#include <purple.h>

#include <string>

#include "hold_queue.h"
#include "purple_outbox.h"
#include "rules_loader.h"

namespace softstart {

class Controller {
 public:
  // Loads the rules now (once per plugin load). `plugin` is the request
  // handle for our dialogs.
  explicit Controller(PurplePlugin* plugin);
  ~Controller();
  Controller(const Controller&) = delete;
  Controller& operator=(const Controller&) = delete;

  // `sending-im-msg`: may cancel the send (g_free, *message = NULL) and hold.
  void OnSendingIm(PurpleAccount* account, const char* receiver, char** message);
  // `signing-off` and `account-disabled`.
  void OnAccountGone(PurpleAccount* account);
  // `quitting`: unsent texts are dropped, never sent.
  void OnQuitting();
  // Unload: close dialogs, write texts back.
  void Unload();

  // HTML for the "Held messages…" notification.
  std::string HeldMessagesHtml() const;
  void ForgetKept() { queue_.ForgetKept(); }

  // For the plugin actions.
  HoldQueue& queue() { return queue_; }
  // Null when no rules could be loaded.
  const Rewriter* rewriter() const { return loaded_.rewriter.get(); }

 private:
  // Cancels the send in progress: the queue owns the text now.
  static void CancelSend(char** message);
  void ShowRulesNoticeOnce(PurpleAccount* account, const char* receiver);

  LoadedRewriter loaded_;
  std::string rules_notice_;  // Shown once, then cleared.
  PurpleOutbox outbox_;
  HoldQueue queue_;
  bool quitting_ = false;
};

}  // namespace softstart

#endif  // SOFTSTART_PLUGIN_CONTROLLER_H_
