// The per-contact hold queue: which outgoing message goes out now, which waits
// for the user's decision, and what happens after each decision or fault.
// Pure logic; everything it does to the outside world goes through an Outbox,
// so tests drive it with a fake and the plugin with libpurple.
//
//   HoldQueue queue(&outbox);
//   switch (queue.Submit(std::move(message))) {
//     case HoldQueue::Outcome::kSendNow: break;           // let it through
//     case HoldQueue::Outcome::kHeld:                      // dialog requested
//     case HoldQueue::Outcome::kQueued: CancelSend(); break;
//   }
//   ... later, from the dialog: queue.Decide(id, decision);
//
// Invariant: the first message of every non-empty queue has findings and is
// under review (its dialog requested or open); clean messages never wait
// unless something is ahead of them.
#ifndef SOFTSTART_PLUGIN_HOLD_QUEUE_H_
#define SOFTSTART_PLUGIN_HOLD_QUEUE_H_

#include <compare>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "softstart/rewriter.h"

namespace softstart {

// Whom a message goes to. `account` is an opaque handle (a PurpleAccount* in
// the plugin); `who` is the receiver's normalized name.
struct ContactKey {
  void* account = nullptr;
  std::string who;
  auto operator<=>(const ContactKey&) const = default;
};

struct HeldMessage {
  uint32_t id = 0;          // Assigned by HoldQueue::Submit().
  ContactKey key;
  std::string receiver;     // The name as the conversation uses it.
  std::string markup;       // As typed; what "Send original" sends.
  std::string visible;      // Plain text shown in the dialog.
  Analysis analysis;        // No findings: the message only waits its turn.
  bool needs_review() const { return analysis.flagged(); }
};

struct Decision {
  // Values match the order of the dialog's `softstart.action` choices.
  enum class Action { kSendSuggestion = 0, kSendOriginal = 1, kDontSend = 2 };
  Action action = Action::kDontSend;
  std::string text;  // The (possibly edited) suggestion, plain text.
};

// What the queue asks of the world. Calls may re-enter the queue (a send emits
// signals); the queue is consistent before each call.
class Outbox {
 public:
  virtual ~Outbox() = default;
  // Sends `markup` to the message's contact now, as the user's own message,
  // without checking it again.
  virtual void Send(const HeldMessage& message, const std::string& markup) = 0;
  // Shows the unsent text in the contact's conversation, not logged.
  // Returns false when no conversation is open to show it in.
  virtual bool WriteBack(const HeldMessage& message) = 0;
  // Asks the user about `message`, later (never inside the caller's stack).
  virtual void RequestReview(const HeldMessage& message) = 0;
  // The review of `id` ends without an answer: close its dialog, if any,
  // and ignore any callback the closing triggers.
  virtual void CloseReview(uint32_t id) = 0;
};

class HoldQueue {
 public:
  enum class Outcome {
    kSendNow,  // Nothing held for this contact and no findings: send as is.
    kHeld,     // Held; a review was requested.
    kQueued,   // Waits behind an earlier held message.
  };

  // `outbox` must outlive the queue.
  explicit HoldQueue(Outbox* outbox) : outbox_(outbox) {}
  HoldQueue(const HoldQueue&) = delete;
  HoldQueue& operator=(const HoldQueue&) = delete;

  // Takes an outgoing message. On kHeld and kQueued the caller must cancel the
  // original send: the queue now owns the message.
  Outcome Submit(HeldMessage message);

  bool HasQueue(const ContactKey& key) const { return queues_.count(key) > 0; }
  // The waiting message with this id, or nullptr.
  const HeldMessage* Find(uint32_t id) const;

  // The user's answer for the message under review `id`; then the messages
  // behind it go out in order until the next one that needs review. Returns
  // false (and does nothing) when `id` is not under review. An empty or
  // blank suggestion counts as "Don't send": there is nothing to send.
  bool Decide(uint32_t id, const Decision& decision);
  // The dialog for `id` could not be shown: not sent, written back, kept.
  void ReviewFailed(uint32_t id);

  // The account went offline or was disabled: close its reviews, send
  // nothing later, write every waiting text back and keep it.
  void ReleaseAccount(void* account);
  // The plugin is unloading: as ReleaseAccount for every account.
  void ReleaseAll();
  // The client is quitting: drop everything unsent, write nothing.
  void DiscardAll();

  // Messages still waiting, per contact in order.
  std::vector<const HeldMessage*> Waiting() const;
  // Messages the user did not send ("Don't send", a closed window) or that
  // were released by a fault, oldest first, until discarded. Memory only.
  const std::vector<HeldMessage>& kept() const { return kept_; }
  // The kept message with this id, or nullptr.
  const HeldMessage* FindKept(uint32_t id) const;
  // Forgets one kept message; false when `id` is not kept.
  bool Discard(uint32_t id);
  void ForgetKept() { kept_.clear(); }

 private:
  // Sends clean messages at the front of `key`'s queue until one needs review
  // (then requests it) or the queue is empty (then drops it).
  void Drain(const ContactKey& key);
  void Release(std::deque<HeldMessage> messages);
  // The queue whose first message is `id`, or queues_.end().
  std::map<ContactKey, std::deque<HeldMessage>>::iterator FindHead(uint32_t id);

  Outbox* outbox_;
  std::map<ContactKey, std::deque<HeldMessage>> queues_;
  std::vector<HeldMessage> kept_;
  uint32_t next_id_ = 1;
};

}  // namespace softstart

#endif  // SOFTSTART_PLUGIN_HOLD_QUEUE_H_
