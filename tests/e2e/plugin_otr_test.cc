// The plugin's place among other sending-im-msg handlers: it must see plain
// text before an encryption plugin (OTR connects at priority 0), and what it
// sends itself must still pass through that plugin. A stand-in "encryption"
// handler turns each outgoing text into "?OTR:" + base64.
#include <boost/test/unit_test.hpp>

#include "plugin_helpers.h"
#include "scenario.h"

namespace softstart::e2e {
namespace {

constexpr char kPrefix[] = "?OTR:";
int g_fake_otr_handle;

void FakeEncrypt(PurpleAccount*, const char*, char** message, gpointer) {
  if (message == nullptr || *message == nullptr) return;  // Cancelled earlier.
  gchar* encoded = g_base64_encode(reinterpret_cast<const guchar*>(*message), strlen(*message));
  gchar* wrapped = g_strconcat(kPrefix, encoded, nullptr);
  g_free(encoded);
  g_free(*message);
  *message = wrapped;
}

std::string Decrypt(const std::string& body) {
  if (body.rfind(kPrefix, 0) != 0) return "(not encrypted) " + body;
  gsize len = 0;
  guchar* raw = g_base64_decode(body.c_str() + strlen(kPrefix), &len);
  std::string markup(reinterpret_cast<char*>(raw), len);
  g_free(raw);
  return markup;
}

// Connected after the plugin, at OTR's priority: if the plugin were at the
// same priority this one would run first (the most recent runs first).
struct FakeOtrScenario : Scenario {
  FakeOtrScenario() {
    purple_signal_connect_priority(purple_conversations_get_handle(), "sending-im-msg",
                                   &g_fake_otr_handle, PURPLE_CALLBACK(FakeEncrypt), nullptr,
                                   PURPLE_SIGNAL_PRIORITY_DEFAULT);
  }
  ~FakeOtrScenario() { purple_signals_disconnect_by_handle(&g_fake_otr_handle); }
};

BOOST_FIXTURE_TEST_CASE(SeesPlainTextBeforeEncryption, FakeOtrScenario) {
  Dialog* d = SendExpectingHold(kBlame);
  BOOST_TEST(d->Field("softstart.original")->value == kBlame);
  BOOST_TEST(WaitQuiet(400).empty());
  const std::string suggestion = d->Field("softstart.text")->value;
  ScriptedRequestUi::Choose(d, 0);
  std::vector<std::string> got = WaitReceived(1);
  BOOST_REQUIRE_EQUAL(got.size(), 1u);
  // The chosen text went through the encryption handler too.
  BOOST_TEST(VisibleText(Decrypt(got[0])) == suggestion);
  Send(kClean);
  got = WaitReceived(2);
  BOOST_REQUIRE_EQUAL(got.size(), 2u);
  BOOST_TEST(Decrypt(got[1]) == kClean);
}

}  // namespace
}  // namespace softstart::e2e
