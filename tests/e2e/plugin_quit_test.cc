// Quitting the client with a message held: the text is discarded, never sent,
// and nothing crashes. This ends the client, so it must run last: its file
// is listed last in CMakeLists.txt (Boost.Test runs cases in registration
// order), and any case that still ran after it would fail with a clear reason.
#include <boost/test/unit_test.hpp>

#include "plugin_helpers.h"
#include "scenario.h"

namespace softstart::e2e {
namespace {

BOOST_AUTO_TEST_CASE(QuitWithAMessageHeldSendsNothing) {
  std::string user;
  {
    Scenario s;
    user = s.user();
    Dialog* d = s.SendExpectingHold("You never clean up after the party");
    s.RememberUnsent("You never clean up after the party");
    PurpleClient::Quit();  // The user quits with the dialog still open.
    BOOST_TEST(!d->open, "the request outlived the client");
  }
  XmppReceiver& receiver = E2eEnvironment::Get().receiver();
  const size_t before = receiver.Bodies(user).size();
  // The client is gone; only the independent receiver is left to ask.
  PurpleClient::PumpFor(1500);
  BOOST_TEST(receiver.Bodies(user).size() == before);
  BOOST_TEST(before == 0u);
  E2eEnvironment::Get().Fail("the client quit in QuitWithAMessageHeldSendsNothing");
}

}  // namespace
}  // namespace softstart::e2e
