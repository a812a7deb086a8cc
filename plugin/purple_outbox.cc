#include "purple_outbox.h"

#include <ctime>
#include <exception>
#include <utility>

#include "notes.h"
#include "request_dialog.h"

namespace softstart {
namespace {

constexpr char kDebugCategory[] = "softstart";

PurpleAccount* AccountOf(const HeldMessage& message) {
  return static_cast<PurpleAccount*>(message.key.account);
}

PurpleConversation* FindIm(PurpleAccount* account, const char* receiver) {
  return purple_find_conversation_with_account(PURPLE_CONV_TYPE_IM, receiver, account);
}

}  // namespace

PurpleOutbox* PurpleOutbox::active_ = nullptr;

PurpleOutbox::PurpleOutbox(void* request_handle) : request_handle_(request_handle) {
  active_ = this;
}

PurpleOutbox::~PurpleOutbox() {
  Shutdown();
  if (active_ == this) active_ = nullptr;
}

bool PurpleOutbox::Note(PurpleAccount* account, const char* receiver, const std::string& markup) {
  PurpleConversation* conv = FindIm(account, receiver);
  if (conv == nullptr) return false;
  purple_conversation_write(conv, nullptr, markup.c_str(),
                            static_cast<PurpleMessageFlags>(PURPLE_MESSAGE_SYSTEM |
                                                            PURPLE_MESSAGE_NO_LOG),
                            time(nullptr));
  return true;
}

bool PurpleOutbox::CopyBack(const HeldMessage& message) {
  // A kept message may outlive its account (deleted meanwhile): compare
  // pointers only until it is found among the living.
  PurpleAccount* account = nullptr;
  for (GList* it = purple_accounts_get_all(); it != nullptr; it = it->next) {
    if (it->data == message.key.account) account = AccountOf(message);
  }
  if (account == nullptr) return false;
  PurpleConversation* conv = FindIm(account, message.receiver.c_str());
  if (conv == nullptr) {
    conv = purple_conversation_new(PURPLE_CONV_TYPE_IM, account, message.receiver.c_str());
  }
  if (conv == nullptr) return false;
  purple_conversation_present(conv);
  return Note(account, message.receiver.c_str(), kNoteCopyBack + message.markup);
}

void PurpleOutbox::Send(const HeldMessage& message, const std::string& markup) {
  PurpleAccount* account = AccountOf(message);
  if (!purple_account_is_connected(account)) {
    // libpurple would drop it without a word; show it instead.
    purple_debug_warning(kDebugCategory, "account offline; message %u written back\n",
                         message.id);
    WriteBack(message);
    return;
  }
  PurpleConversation* conv = FindIm(account, message.receiver.c_str());
  if (conv == nullptr) {
    // The user closed the window while deciding; sending reopens it.
    conv = purple_conversation_new(PURPLE_CONV_TYPE_IM, account, message.receiver.c_str());
  }
  if (conv == nullptr) return;

  // purple_conv_im_send emits `sending-im-msg` synchronously; while this
  // count is up the handler lets the text through unchecked.
  struct OwnSend {
    std::map<ContactKey, int>& sends;
    const ContactKey& key;
    OwnSend(std::map<ContactKey, int>& s, const ContactKey& k) : sends(s), key(k) { ++sends[key]; }
    ~OwnSend() {
      if (--sends[key] <= 0) sends.erase(key);
    }
  } own_send(own_sends_, message.key);
  purple_conv_im_send(PURPLE_CONV_IM(conv), markup.c_str());
  const uint32_t id = message.id;  // Only the id is ever logged.
  purple_debug_info(kDebugCategory, "hold: item %u sent\n", id);
}

bool PurpleOutbox::WriteBack(const HeldMessage& message) {
  return Note(AccountOf(message), message.receiver.c_str(), kNoteNotSent + message.markup);
}

void PurpleOutbox::RequestReview(const HeldMessage& message) {
  pending_.push_back(message.id);
  if (open_timeout_ == 0) open_timeout_ = purple_timeout_add(0, &PurpleOutbox::OnOpenTimeout, this);
}

void PurpleOutbox::CloseReview(uint32_t id) {
  std::erase(pending_, id);
  auto it = open_.find(id);
  if (it == open_.end()) return;
  void* ui_handle = it->second;
  // Forget it first: Finch runs the cancel callback when the window goes.
  open_.erase(it);
  if (ui_handle != nullptr) purple_request_close(PURPLE_REQUEST_FIELDS, ui_handle);
}

bool PurpleOutbox::IsOwnSend(const ContactKey& key) const { return own_sends_.count(key) > 0; }

void PurpleOutbox::Shutdown() {
  if (open_timeout_ != 0) {
    purple_timeout_remove(open_timeout_);
    open_timeout_ = 0;
  }
  pending_.clear();
  bool had_open = !open_.empty();
  open_.clear();
  if (had_open) purple_request_close_with_handle(request_handle_);
}

gboolean PurpleOutbox::OnOpenTimeout(gpointer data) {
  auto* self = static_cast<PurpleOutbox*>(data);
  self->open_timeout_ = 0;
  try {
    self->OpenPending();
  } catch (const std::exception&) {
    purple_debug_error(kDebugCategory, "could not open the review dialog\n");
  } catch (...) {
    purple_debug_error(kDebugCategory, "could not open the review dialog\n");
  }
  return FALSE;
}

void PurpleOutbox::OpenPending() {
  std::vector<uint32_t> ids = std::exchange(pending_, {});
  for (uint32_t id : ids) {
    const HeldMessage* waiting = queue_ != nullptr ? queue_->Find(id) : nullptr;
    if (waiting == nullptr) continue;
    if (!RequestUiAvailable()) {
      queue_->ReviewFailed(id);
      continue;
    }
    // A copy: the UI may answer (and the queue move on) inside the call.
    HeldMessage message = *waiting;
    open_[id] = nullptr;
    void* ui_handle = OpenReviewRequest(request_handle_, message, AccountOf(message),
                                        G_CALLBACK(&PurpleOutbox::OnOk),
                                        G_CALLBACK(&PurpleOutbox::OnCancel), GUINT_TO_POINTER(id));
    auto it = open_.find(id);
    if (it == open_.end()) continue;  // Already answered.
    if (ui_handle == nullptr) {
      open_.erase(it);
      purple_debug_warning(kDebugCategory, "the UI refused the dialog for item %u\n", id);
      queue_->ReviewFailed(id);
      continue;
    }
    it->second = ui_handle;
    if (CurrentChoiceNumbering() == ChoiceNumbering::kFinchFromOne) {
      Note(AccountOf(message), message.receiver.c_str(), kNoteHeldFinch);
    }
    purple_debug_info(kDebugCategory, "review dialog open for item %u\n", id);
  }
}

void PurpleOutbox::Answer(uint32_t id, const Decision& decision) {
  // Unknown ids are dialogs we closed ourselves (sign-off, unload): their
  // messages were already written back, and must not be sent now.
  if (open_.erase(id) == 0 || queue_ == nullptr) return;
  purple_debug_info(kDebugCategory, "item %u: action %d\n", id,
                    static_cast<int>(decision.action));
  queue_->Decide(id, decision);
}

void PurpleOutbox::OnOk(void* user_data, PurpleRequestFields* fields) {
  if (active_ == nullptr) return;
  try {
    active_->Answer(GPOINTER_TO_UINT(user_data), ReadDecision(fields));
  } catch (...) {
    purple_debug_error(kDebugCategory, "failed to act on the dialog's answer\n");
  }
}

void PurpleOutbox::OnCancel(void* user_data, PurpleRequestFields* /*fields*/) {
  if (active_ == nullptr) return;
  try {
    active_->Answer(GPOINTER_TO_UINT(user_data), Decision{Decision::Action::kDontSend, {}});
  } catch (...) {
    purple_debug_error(kDebugCategory, "failed to act on the dialog's answer\n");
  }
}

}  // namespace softstart
