#include "scenario.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>

#include "disk_privacy.h"

namespace softstart::e2e {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return s;
}

// The plugin's own lines: whatever category it logs under carries its name.
bool IsPluginLine(const DebugLine& line) {
  return Lower(line.category).find("softstart") != std::string::npos ||
         Lower(line.text).find("softstart") != std::string::npos;
}

// The forms a text can take in a log: as typed, visible, or escaped.
std::vector<std::string> Forms(const std::string& text) {
  std::vector<std::string> forms = {text, VisibleText(text), EscapeMarkup(text)};
  forms.erase(std::remove_if(forms.begin(), forms.end(),
                             [](const std::string& f) { return f.size() < 6; }),
              forms.end());
  return forms;
}

}  // namespace

std::string VisibleText(const std::string& markup) {
  char* text = purple_markup_strip_html(markup.c_str());
  std::string visible = text ? text : "";
  g_free(text);
  return visible;
}

std::string EscapeMarkup(const std::string& text) {
  char* escaped = purple_markup_escape_text(text.c_str(), -1);
  std::string out = escaped ? escaped : "";
  g_free(escaped);
  std::string with_br;
  for (char c : out) {
    if (c == '\n') {
      with_br += "<br>";
    } else {
      with_br += c;
    }
  }
  return with_br;
}

Scenario::Scenario(bool flagged) {
  E2eEnvironment& env = E2eEnvironment::Get();
  BOOST_REQUIRE_MESSAGE(env.ok(), "end-to-end environment: " << env.error());
  ScriptedRequestUi::Install(true);
  BOOST_REQUIRE_MESSAGE(PurpleClient::WaitConnected(20000),
                        "the libpurple account is not connected");
  BOOST_REQUIRE_MESSAGE(env.receiver().running(), "receiver.py has exited");
  user_ = env.NextPartner();
  BOOST_REQUIRE_MESSAGE(!user_.empty(), "out of partner accounts: raise kPartnerCount");
  jid_ = E2eEnvironment::Jid(user_);
  buddy_ = PurpleClient::AddBuddy(jid_);
  PurpleClient::SetFlagged(buddy_, flagged);
  conv_ = PurpleClient::OpenIm(jid_);
  received_mark_ = env.receiver().Bodies(user_).size();
  conv_mark_ = PurpleClient::conv_writes().size();
  debug_mark_ = PurpleClient::debug_lines().size();
  dialog_mark_ = ScriptedRequestUi::last_serial();
}

Scenario::~Scenario() {
  if (PurpleClient::has_quit()) {
    // Nobody is left to call back into.
    for (Dialog* d : ScriptedRequestUi::OpenDialogs()) ScriptedRequestUi::Abandon(d);
  } else {
    // A case that fails half-way must not leave a held message for the next.
    ScriptedRequestUi::CloseAll();
    PurpleClient::PumpFor(50);
    ScriptedRequestUi::Install(true);
  }
  std::string violations = PrivacyViolations();
  BOOST_CHECK_MESSAGE(violations.empty(), "privacy: " << violations);
}

void Scenario::Send(const std::string& markup) {
  RememberUsed(markup);
  RecordMessageText(markup);
  PurpleClient::Send(conv_, markup);
}

Dialog* Scenario::SendExpectingHold(const std::string& markup) {
  Send(markup);
  Dialog* dialog = WaitForDialog();
  BOOST_REQUIRE_MESSAGE(dialog != nullptr,
                        "no softstart dialog opened for a message to a flagged contact");
  return dialog;
}

Dialog* Scenario::WaitForDialog(int timeout_ms) {
  Dialog* dialog = ScriptedRequestUi::WaitForDialog(dialog_mark_, timeout_ms);
  if (dialog) {
    dialog_mark_ = dialog->serial;
    for (const FieldRecord& f : dialog->fields) {
      if (f.type == PURPLE_REQUEST_FIELD_STRING) RememberUsed(f.value);
    }
  }
  return dialog;
}

std::vector<std::string> Scenario::Received() const {
  std::vector<std::string> all = E2eEnvironment::Get().receiver().Bodies(user_);
  return {all.begin() + static_cast<long>(std::min(received_mark_, all.size())), all.end()};
}

std::vector<std::string> Scenario::WaitReceived(size_t n, int timeout_ms) {
  PurpleClient::PumpUntil([&] { return Received().size() >= n; }, timeout_ms);
  return Received();
}

std::vector<std::string> Scenario::WaitQuiet(int ms) {
  PurpleClient::PumpFor(ms);
  return Received();
}

std::vector<ConvWrite> Scenario::Writes() const {
  std::vector<ConvWrite> writes;
  const auto& all = PurpleClient::conv_writes();
  for (size_t i = conv_mark_; i < all.size(); ++i) {
    if (all[i].conv == jid_) writes.push_back(all[i]);
  }
  return writes;
}

std::vector<ConvWrite> Scenario::SystemWrites() const {
  std::vector<ConvWrite> system;
  for (const ConvWrite& w : Writes()) {
    if (w.flags & PURPLE_MESSAGE_SYSTEM) system.push_back(w);
  }
  return system;
}

bool Scenario::SystemWriteContains(const std::string& text) const {
  for (const ConvWrite& w : SystemWrites()) {
    if (w.text.find(text) != std::string::npos) return true;
  }
  return false;
}

void Scenario::RememberUsed(const std::string& text) { used_.push_back(text); }
void Scenario::RememberUnsent(const std::string& text) { unsent_.push_back(text); }

std::string Scenario::PrivacyViolations() const {
  std::string out;
  auto scan = [&out](const DebugLine& line, const std::vector<std::string>& texts,
                     const char* what) {
    for (const std::string& text : texts) {
      for (const std::string& form : Forms(text)) {
        if (line.text.find(form) == std::string::npos) continue;
        out += std::string(what) + ": [" + line.category + "] " +
               line.text.substr(0, 200) + "\n";
        return;
      }
    }
  };
  const auto& lines = PurpleClient::debug_lines();
  for (size_t i = debug_mark_; i < lines.size(); ++i) {
    if (IsPluginLine(lines[i])) scan(lines[i], used_, "plugin debug line carries message text");
    scan(lines[i], unsent_, "unsent text in debug output");
  }
  return out;
}

}  // namespace softstart::e2e
