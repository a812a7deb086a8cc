// The HoldQueue's Outbox for real: sends through the conversation, writes
// unsent text back into it, and opens and closes the review dialog.
//
// Dialogs open from a zero-delay timeout, never inside `sending-im-msg`.
// Our own sends go through `sending-im-msg` again; IsOwnSend() tells the
// signal handler to let them pass unchecked.
#ifndef SOFTSTART_PLUGIN_PURPLE_OUTBOX_H_
#define SOFTSTART_PLUGIN_PURPLE_OUTBOX_H_

#include <purple.h>

#include <map>
#include <string>
#include <vector>

#include "hold_queue.h"

namespace softstart {

class PurpleOutbox : public Outbox {
 public:
  // `request_handle` owns our dialogs (purple_request_close_with_handle).
  // Only one PurpleOutbox may exist at a time: dialog callbacks find it
  // through a static pointer, as libpurple gives them only user data.
  explicit PurpleOutbox(void* request_handle);
  ~PurpleOutbox() override;
  PurpleOutbox(const PurpleOutbox&) = delete;
  PurpleOutbox& operator=(const PurpleOutbox&) = delete;

  // Must be set before any message is submitted to `queue`.
  void set_queue(HoldQueue* queue) { queue_ = queue; }

  void Send(const HeldMessage& message, const std::string& markup) override;
  bool WriteBack(const HeldMessage& message) override;
  void RequestReview(const HeldMessage& message) override;
  void CloseReview(uint32_t id) override;

  bool IsOwnSend(const ContactKey& key) const;
  // Cancels the pending timeout and closes any dialog still ours.
  void Shutdown();

  // An unlogged system line in the IM with `receiver`, if one is open.
  static bool Note(PurpleAccount* account, const char* receiver, const std::string& markup);
  // Writes a text not sent into its conversation, opening one if needed, as
  // an unlogged system line the user can copy. False when the account is
  // gone or no conversation could be opened.
  static bool CopyBack(const HeldMessage& message);

 private:
  static gboolean OnOpenTimeout(gpointer data);
  static void OnOk(void* user_data, PurpleRequestFields* fields);
  static void OnCancel(void* user_data, PurpleRequestFields* fields);
  void OpenPending();
  void Answer(uint32_t id, const Decision& decision);

  static PurpleOutbox* active_;
  void* request_handle_;
  HoldQueue* queue_ = nullptr;
  guint open_timeout_ = 0;
  std::vector<uint32_t> pending_;       // Reviews waiting for the timeout.
  std::map<uint32_t, void*> open_;      // Open dialogs by message id.
  std::map<ContactKey, int> own_sends_;  // Sends in progress, per contact.
};

}  // namespace softstart

#endif  // SOFTSTART_PLUGIN_PURPLE_OUTBOX_H_
