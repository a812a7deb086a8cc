#include "scripted_request_ui.h"

#include "disk_privacy.h"
#include "purple_client.h"

namespace softstart::e2e {
namespace {

using FieldsCb = void (*)(void*, PurpleRequestFields*);
using InputCb = void (*)(void*, const char*);

std::vector<std::unique_ptr<Dialog>>* g_dialogs =
    new std::vector<std::unique_ptr<Dialog>>;
int g_other_requests = 0;

FieldRecord Record(PurpleRequestField* field) {
  FieldRecord r;
  r.id = purple_request_field_get_id(field) ? purple_request_field_get_id(field) : "";
  const char* label = purple_request_field_get_label(field);
  r.label = label ? label : "";
  r.type = purple_request_field_get_type(field);
  if (r.type == PURPLE_REQUEST_FIELD_STRING) {
    const char* value = purple_request_field_string_get_value(field);
    if (!value) value = purple_request_field_string_get_default_value(field);
    r.value = value ? value : "";
    r.multiline = purple_request_field_string_is_multiline(field);
    r.editable = purple_request_field_string_is_editable(field);
  } else if (r.type == PURPLE_REQUEST_FIELD_CHOICE) {
    r.choice_default = purple_request_field_choice_get_default_value(field);
    r.choice_value = purple_request_field_choice_get_value(field);
    for (GList* l = purple_request_field_choice_get_labels(field); l; l = l->next) {
      r.choice_labels.push_back(static_cast<const char*>(l->data));
    }
  }
  return r;
}

// What every recorded request has: its texts, buttons and callbacks.
std::unique_ptr<Dialog> NewDialog(const char* title, const char* primary, const char* secondary,
                                  const char* ok_text, GCallback ok_cb, const char* cancel_text,
                                  GCallback cancel_cb, const char* who, PurpleConversation* conv,
                                  void* user_data) {
  auto dialog = std::make_unique<Dialog>();
  dialog->serial = static_cast<int>(g_dialogs->size()) + 1;
  dialog->title = title ? title : "";
  dialog->primary = primary ? primary : "";
  dialog->secondary = secondary ? secondary : "";
  dialog->ok_text = ok_text ? ok_text : "";
  dialog->cancel_text = cancel_text ? cancel_text : "";
  dialog->who = who ? who : "";
  dialog->conv = conv;
  dialog->ok_cb = ok_cb;
  dialog->cancel_cb = cancel_cb;
  dialog->user_data = user_data;
  return dialog;
}

void* RequestFields(const char* title, const char* primary, const char* secondary,
                    PurpleRequestFields* fields, const char* ok_text, GCallback ok_cb,
                    const char* cancel_text, GCallback cancel_cb,
                    PurpleAccount* /*account*/, const char* who,
                    PurpleConversation* conv, void* user_data) {
  auto dialog = NewDialog(title, primary, secondary, ok_text, ok_cb, cancel_text, cancel_cb, who, conv,
                          user_data);
  dialog->request_fields = fields;
  for (GList* g = purple_request_fields_get_groups(fields); g; g = g->next) {
    auto* group = static_cast<PurpleRequestFieldGroup*>(g->data);
    for (GList* f = purple_request_field_group_get_fields(group); f; f = f->next) {
      dialog->fields.push_back(Record(static_cast<PurpleRequestField*>(f->data)));
    }
  }
  g_dialogs->push_back(std::move(dialog));
  return g_dialogs->back().get();
}

void CloseRequest(PurpleRequestType type, void* ui_handle) {
  if (type != PURPLE_REQUEST_FIELDS && type != PURPLE_REQUEST_INPUT) return;
  for (auto& d : *g_dialogs) {
    if (d.get() != ui_handle || !d->open) continue;
    d->open = false;
    if (d->input) continue;
    // The UI owns the fields once the dialog is up (Pidgin frees them here).
    purple_request_fields_destroy(d->request_fields);
    d->request_fields = nullptr;
  }
}

// Other kinds are counted and left unanswered: the contract uses fields only.
void* RequestAction(const char*, const char*, const char*, int, PurpleAccount*,
                    const char*, PurpleConversation*, void*, size_t, va_list) {
  ++g_other_requests;
  return nullptr;
}
// Input requests ("Try a message…") are recorded and stay open until the
// test answers them; they still count as another kind for the hold tests.
void* RequestInput(const char* title, const char* primary, const char* secondary,
                   const char* default_value, gboolean multiline, gboolean, gchar*,
                   const char* ok_text, GCallback ok_cb, const char* cancel_text,
                   GCallback cancel_cb, PurpleAccount*, const char* who,
                   PurpleConversation* conv, void* user_data) {
  ++g_other_requests;
  auto dialog = NewDialog(title, primary, secondary, ok_text, ok_cb, cancel_text, cancel_cb, who, conv,
                          user_data);
  dialog->input = true;
  dialog->multiline = multiline;
  dialog->input_default = default_value ? default_value : "";
  g_dialogs->push_back(std::move(dialog));
  return g_dialogs->back().get();
}

PurpleRequestUiOps g_with_fields = {};
PurpleRequestUiOps g_without_fields = {};

void Answer(Dialog* dialog, bool ok) {
  if (!dialog || !dialog->open) return;
  GCallback cb = ok ? dialog->ok_cb : dialog->cancel_cb;
  if (dialog->input) {
    if (cb) reinterpret_cast<InputCb>(cb)(dialog->user_data, dialog->input_default.c_str());
    purple_request_close(PURPLE_REQUEST_INPUT, dialog);
    return;
  }
  if (cb) reinterpret_cast<FieldsCb>(cb)(dialog->user_data, dialog->request_fields);
  // As Pidgin does after any button: close (a no-op if the callback already
  // closed it through purple_request_close_with_handle).
  purple_request_close(PURPLE_REQUEST_FIELDS, dialog);
}

}  // namespace

const FieldRecord* Dialog::Field(const std::string& id) const {
  for (const FieldRecord& f : fields) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

void ScriptedRequestUi::Install(bool with_request_fields) {
  g_with_fields.request_input = RequestInput;
  g_with_fields.request_action = RequestAction;
  g_with_fields.request_fields = RequestFields;
  g_with_fields.close_request = CloseRequest;
  g_without_fields = g_with_fields;
  g_without_fields.request_fields = nullptr;
  purple_request_set_ui_ops(with_request_fields ? &g_with_fields : &g_without_fields);
}

const std::vector<std::unique_ptr<Dialog>>& ScriptedRequestUi::dialogs() {
  return *g_dialogs;
}

std::vector<Dialog*> ScriptedRequestUi::OpenDialogs() {
  std::vector<Dialog*> open;
  for (auto& d : *g_dialogs) {
    if (d->open) open.push_back(d.get());
  }
  return open;
}

Dialog* ScriptedRequestUi::WaitForDialog(int after_serial, int timeout_ms) {
  Dialog* found = nullptr;
  PurpleClient::PumpUntil(
      [&] {
        for (auto& d : *g_dialogs) {
          if (d->serial > after_serial && d->open) found = d.get();
        }
        return found != nullptr;
      },
      timeout_ms);
  return found;
}

int ScriptedRequestUi::last_serial() { return static_cast<int>(g_dialogs->size()); }
int ScriptedRequestUi::other_request_count() { return g_other_requests; }

void ScriptedRequestUi::Choose(Dialog* dialog, int action,
                               const std::optional<std::string>& text) {
  if (!dialog || !dialog->open) return;
  PurpleRequestFields* fields = dialog->request_fields;
  if (PurpleRequestField* f = purple_request_fields_get_field(fields, "softstart.action")) {
    purple_request_field_choice_set_value(f, action);
  }
  if (text) {
    RecordMessageText(*text);
    if (PurpleRequestField* f = purple_request_fields_get_field(fields, "softstart.text")) {
      purple_request_field_string_set_value(f, text->c_str());
    }
  }
  Answer(dialog, true);
}

void ScriptedRequestUi::SetChoice(Dialog* dialog, const std::string& id, int value) {
  if (!dialog || !dialog->open || dialog->input) return;
  if (PurpleRequestField* f = purple_request_fields_get_field(dialog->request_fields, id.c_str())) {
    purple_request_field_choice_set_value(f, value);
  }
}

void ScriptedRequestUi::SetBool(Dialog* dialog, const std::string& id, bool value) {
  if (!dialog || !dialog->open || dialog->input) return;
  if (PurpleRequestField* f = purple_request_fields_get_field(dialog->request_fields, id.c_str())) {
    purple_request_field_bool_set_value(f, value ? TRUE : FALSE);
  }
}

void ScriptedRequestUi::AnswerInput(Dialog* dialog, const std::string& text) {
  if (!dialog || !dialog->open || !dialog->input) return;
  dialog->input_default = text;
  RecordMessageText(text);
  Answer(dialog, true);
}

void ScriptedRequestUi::PressOk(Dialog* dialog) { Answer(dialog, true); }
void ScriptedRequestUi::PressCancel(Dialog* dialog) { Answer(dialog, false); }

void ScriptedRequestUi::Abandon(Dialog* dialog) {
  if (dialog) dialog->open = false;
}

void ScriptedRequestUi::CloseAll() {
  for (Dialog* d : OpenDialogs()) CloseWindow(d);
}

}  // namespace softstart::e2e
