#include "hold_queue.h"

#include <algorithm>
#include <utility>

#include "markup.h"

namespace softstart {
namespace {

bool IsBlank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  });
}

}  // namespace

HoldQueue::Outcome HoldQueue::Submit(HeldMessage message) {
  message.id = next_id_++;
  if (next_id_ == 0) next_id_ = 1;  // 0 never names a message.
  auto it = queues_.find(message.key);
  if (it != queues_.end()) {
    // Something for this contact is still undecided (or being sent right
    // now): keep the conversation in the order it was typed.
    it->second.push_back(std::move(message));
    return Outcome::kQueued;
  }
  if (!message.needs_review()) return Outcome::kSendNow;
  ContactKey key = message.key;
  auto& queue = queues_[key];
  queue.push_back(std::move(message));
  outbox_->RequestReview(queue.front());
  return Outcome::kHeld;
}

const HeldMessage* HoldQueue::Find(uint32_t id) const {
  for (const auto& [key, queue] : queues_) {
    for (const HeldMessage& message : queue) {
      if (message.id == id) return &message;
    }
  }
  return nullptr;
}

const HeldMessage* HoldQueue::FindKept(uint32_t id) const {
  for (const HeldMessage& message : kept_) {
    if (message.id == id) return &message;
  }
  return nullptr;
}

bool HoldQueue::Discard(uint32_t id) {
  auto it = std::find_if(kept_.begin(), kept_.end(),
                         [id](const HeldMessage& message) { return message.id == id; });
  if (it == kept_.end()) return false;
  kept_.erase(it);
  return true;
}

std::map<ContactKey, std::deque<HeldMessage>>::iterator HoldQueue::FindHead(uint32_t id) {
  return std::find_if(queues_.begin(), queues_.end(), [id](const auto& entry) {
    return !entry.second.empty() && entry.second.front().id == id;
  });
}

bool HoldQueue::Decide(uint32_t id, const Decision& decision) {
  auto it = FindHead(id);
  if (it == queues_.end()) return false;
  // Take the message out first: sending re-enters the plugin through
  // libpurple's signals, and the queue must already reflect the decision.
  // The (maybe empty) queue stays, so anything submitted meanwhile waits.
  HeldMessage message = std::move(it->second.front());
  it->second.pop_front();
  ContactKey key = message.key;

  Decision::Action action = decision.action;
  if (action == Decision::Action::kSendSuggestion && IsBlank(decision.text)) {
    action = Decision::Action::kDontSend;
  }
  switch (action) {
    case Decision::Action::kSendSuggestion:
      outbox_->Send(message, MarkupFromPlainText(decision.text));
      break;
    case Decision::Action::kSendOriginal:
      outbox_->Send(message, message.markup);
      break;
    case Decision::Action::kDontSend:
      // Written back where it was typed, and listed under "Held messages…"
      // too: a conversation line is gone once its window closes.
      outbox_->WriteBack(message);
      kept_.push_back(std::move(message));
      break;
  }
  Drain(key);
  return true;
}

void HoldQueue::ReviewFailed(uint32_t id) {
  auto it = FindHead(id);
  if (it == queues_.end()) return;
  HeldMessage message = std::move(it->second.front());
  it->second.pop_front();
  ContactKey key = message.key;
  outbox_->WriteBack(message);
  kept_.push_back(std::move(message));
  Drain(key);
}

void HoldQueue::Drain(const ContactKey& key) {
  for (;;) {
    auto it = queues_.find(key);
    if (it == queues_.end()) return;
    if (it->second.empty()) {
      queues_.erase(it);
      return;
    }
    if (it->second.front().needs_review()) {
      outbox_->RequestReview(it->second.front());
      return;
    }
    HeldMessage message = std::move(it->second.front());
    it->second.pop_front();
    outbox_->Send(message, message.markup);
  }
}

void HoldQueue::Release(std::deque<HeldMessage> messages) {
  bool first = true;
  for (HeldMessage& message : messages) {
    // Only the first message of a queue has a dialog.
    if (first && message.needs_review()) outbox_->CloseReview(message.id);
    first = false;
    outbox_->WriteBack(message);
    kept_.push_back(std::move(message));
  }
}

void HoldQueue::ReleaseAccount(void* account) {
  // Detach before calling out: closing a dialog can run its cancel callback.
  std::vector<std::deque<HeldMessage>> released;
  for (auto it = queues_.begin(); it != queues_.end();) {
    if (it->first.account == account) {
      released.push_back(std::move(it->second));
      it = queues_.erase(it);
    } else {
      ++it;
    }
  }
  for (auto& messages : released) Release(std::move(messages));
}

void HoldQueue::ReleaseAll() {
  auto queues = std::exchange(queues_, {});
  for (auto& [key, messages] : queues) Release(std::move(messages));
}

void HoldQueue::DiscardAll() {
  auto queues = std::exchange(queues_, {});
  kept_.clear();
  for (auto& [key, messages] : queues) {
    if (!messages.empty() && messages.front().needs_review()) {
      outbox_->CloseReview(messages.front().id);
    }
  }
}

std::vector<const HeldMessage*> HoldQueue::Waiting() const {
  std::vector<const HeldMessage*> waiting;
  for (const auto& [key, queue] : queues_) {
    for (const HeldMessage& message : queue) waiting.push_back(&message);
  }
  // Ids grow with time: list in the order the messages were typed.
  std::sort(waiting.begin(), waiting.end(),
            [](const HeldMessage* a, const HeldMessage* b) { return a->id < b->id; });
  return waiting;
}

}  // namespace softstart
