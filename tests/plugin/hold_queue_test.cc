#define BOOST_TEST_MODULE plugin_hold_queue
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "held_list.h"
#include "hold_queue.h"

namespace softstart {
namespace {

// Records what the queue asks of the world, as readable lines.
class FakeOutbox : public Outbox {
 public:
  void Send(const HeldMessage& message, const std::string& markup) override {
    events.push_back("send " + message.receiver + ": " + markup);
    if (on_send) on_send(message);
  }
  bool WriteBack(const HeldMessage& message) override {
    events.push_back("write back " + message.receiver + ": " + message.markup);
    return conversation_open;
  }
  void RequestReview(const HeldMessage& message) override {
    events.push_back("review " + message.markup);
    reviews.push_back(message.id);
  }
  void CloseReview(uint32_t id) override { events.push_back("close " + std::to_string(id)); }

  std::vector<std::string> Take() { return std::exchange(events, {}); }

  std::vector<std::string> events;
  std::vector<uint32_t> reviews;  // Ids, in the order reviews were asked.
  bool conversation_open = true;
  std::function<void(const HeldMessage&)> on_send;
};

int kAccountA;  // Addresses stand in for PurpleAccount pointers.
int kAccountB;

HeldMessage Message(void* account, const std::string& who, const std::string& markup,
                    bool findings) {
  HeldMessage message;
  message.key = {account, who};
  message.receiver = who;
  message.markup = markup;
  message.visible = markup;
  if (findings) {
    Finding finding;
    finding.category = Category::kBlame;
    finding.rule_id = "blame.test";
    finding.end = markup.size();
    message.analysis.findings.push_back(finding);
    message.analysis.suggestions.push_back({Suggestion::Style::kShort, "gentler"});
  }
  return message;
}

HeldMessage Flagged(const std::string& who, const std::string& markup) {
  return Message(&kAccountA, who, markup, true);
}
HeldMessage Clean(const std::string& who, const std::string& markup) {
  return Message(&kAccountA, who, markup, false);
}

using Lines = std::vector<std::string>;
using Outcome = HoldQueue::Outcome;

struct Fixture {
  FakeOutbox outbox;
  HoldQueue queue{&outbox};
};

BOOST_FIXTURE_TEST_CASE(CleanMessageWithNothingHeldGoesOutAtOnce, Fixture) {
  BOOST_TEST((queue.Submit(Clean("sam", "see you at 8")) == Outcome::kSendNow));
  BOOST_TEST(outbox.Take().empty());  // The caller lets the original through.
  BOOST_TEST(!queue.HasQueue({&kAccountA, "sam"}));
}

BOOST_FIXTURE_TEST_CASE(MessageWithFindingsIsHeldAndReviewed, Fixture) {
  BOOST_TEST((queue.Submit(Flagged("sam", "you never listen")) == Outcome::kHeld));
  BOOST_TEST(outbox.Take() == Lines{"review you never listen"});
  BOOST_TEST(queue.HasQueue({&kAccountA, "sam"}));
  BOOST_TEST(queue.Waiting().size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(LaterMessagesQueueBehindTheHeldOne, Fixture) {
  queue.Submit(Flagged("sam", "you never listen"));
  outbox.Take();
  BOOST_TEST((queue.Submit(Clean("sam", "anyway")) == Outcome::kQueued));
  BOOST_TEST((queue.Submit(Flagged("sam", "you always do this")) == Outcome::kQueued));
  BOOST_TEST((queue.Submit(Clean("sam", "bye")) == Outcome::kQueued));
  // Another contact is not held up.
  BOOST_TEST((queue.Submit(Clean("alex", "hi")) == Outcome::kSendNow));
  BOOST_TEST(outbox.Take().empty());  // Only one dialog at a time per contact.
  BOOST_TEST(queue.Waiting().size() == 4u);
}

BOOST_FIXTURE_TEST_CASE(EachDecisionSendsTheQueueInOrderUpToTheNextReview, Fixture) {
  queue.Submit(Flagged("sam", "you never listen"));
  queue.Submit(Clean("sam", "anyway"));
  queue.Submit(Flagged("sam", "you always do this"));
  queue.Submit(Clean("sam", "bye"));
  outbox.Take();

  BOOST_TEST(queue.Decide(outbox.reviews.at(0),
                          {Decision::Action::kSendSuggestion, "I miss you & us\nlet's talk"}));
  BOOST_TEST(outbox.Take() == (Lines{"send sam: I miss you &amp; us<br>let's talk",
                                     "send sam: anyway", "review you always do this"}));

  BOOST_TEST(queue.Decide(outbox.reviews.at(1), {Decision::Action::kSendOriginal, "ignored"}));
  BOOST_TEST(outbox.Take() == (Lines{"send sam: you always do this", "send sam: bye"}));
  BOOST_TEST(!queue.HasQueue({&kAccountA, "sam"}));
  BOOST_TEST(queue.Waiting().empty());

  // With the queue gone, the next clean message is not delayed.
  BOOST_TEST((queue.Submit(Clean("sam", "night")) == Outcome::kSendNow));
}

BOOST_FIXTURE_TEST_CASE(SendOriginalKeepsTheMarkupAsTyped, Fixture) {
  queue.Submit(Flagged("sam", "you <b>never</b> listen &amp; I&apos;m done"));
  outbox.Take();
  queue.Decide(outbox.reviews.at(0), {Decision::Action::kSendOriginal, "gentler"});
  BOOST_TEST(outbox.Take() == Lines{"send sam: you <b>never</b> listen &amp; I&apos;m done"});
}

BOOST_FIXTURE_TEST_CASE(DontSendWritesTheTextBackAndSendsWhatWaited, Fixture) {
  queue.Submit(Flagged("sam", "you never listen"));
  queue.Submit(Clean("sam", "anyway"));
  outbox.Take();
  BOOST_TEST(queue.Decide(outbox.reviews.at(0), {Decision::Action::kDontSend, "gentler"}));
  BOOST_TEST(outbox.Take() ==
             (Lines{"write back sam: you never listen", "send sam: anyway"}));
  // In the conversation, and listed under "Held messages…" until discarded.
  BOOST_TEST_REQUIRE(queue.kept().size() == 1u);
  const uint32_t id = queue.kept()[0].id;
  BOOST_TEST(queue.FindKept(id) != nullptr);
  BOOST_TEST(queue.Discard(id));
  BOOST_TEST(queue.kept().empty());
  BOOST_TEST(!queue.Discard(id));
  BOOST_TEST(queue.FindKept(id) == nullptr);
}

BOOST_FIXTURE_TEST_CASE(DontSendWithNoConversationKeepsTheText, Fixture) {
  queue.Submit(Flagged("sam", "you never listen"));
  outbox.Take();
  outbox.conversation_open = false;
  queue.Decide(outbox.reviews.at(0), {Decision::Action::kDontSend, ""});
  BOOST_TEST(outbox.Take() == Lines{"write back sam: you never listen"});
  BOOST_TEST_REQUIRE(queue.kept().size() == 1u);
  BOOST_TEST(queue.kept()[0].markup == "you never listen");
}

BOOST_FIXTURE_TEST_CASE(BlankSuggestionSendsNothing, Fixture) {
  queue.Submit(Flagged("sam", "you never listen"));
  outbox.Take();
  queue.Decide(outbox.reviews.at(0), {Decision::Action::kSendSuggestion, " \n\t"});
  BOOST_TEST(outbox.Take() == Lines{"write back sam: you never listen"});
}

BOOST_FIXTURE_TEST_CASE(OnlyTheMessageUnderReviewCanBeDecided, Fixture) {
  queue.Submit(Flagged("sam", "you never listen"));
  queue.Submit(Flagged("sam", "you always do this"));
  outbox.Take();
  uint32_t first = outbox.reviews.at(0);
  const HeldMessage* waiting = queue.Waiting().at(1);
  BOOST_TEST(!queue.Decide(waiting->id, {Decision::Action::kSendOriginal, ""}));
  BOOST_TEST(!queue.Decide(9999, {Decision::Action::kSendOriginal, ""}));
  BOOST_TEST(outbox.Take().empty());
  BOOST_TEST(queue.Decide(first, {Decision::Action::kSendOriginal, ""}));
  // A second answer for the same dialog (a UI calling back twice) is ignored.
  outbox.Take();
  BOOST_TEST(!queue.Decide(first, {Decision::Action::kSendOriginal, ""}));
  BOOST_TEST(outbox.Take().empty());
}

BOOST_FIXTURE_TEST_CASE(AMessageTypedDuringOurSendWaitsItsTurn, Fixture) {
  queue.Submit(Flagged("sam", "you never listen"));
  queue.Submit(Clean("sam", "anyway"));
  outbox.Take();
  // libpurple emits signals while we send; a message arriving then must not
  // overtake the ones still queued.
  bool submitted = false;
  outbox.on_send = [&](const HeldMessage&) {
    if (submitted) return;
    submitted = true;
    BOOST_TEST((queue.Submit(Clean("sam", "typed meanwhile")) == Outcome::kQueued));
  };
  queue.Decide(outbox.reviews.at(0), {Decision::Action::kSendOriginal, ""});
  BOOST_TEST(outbox.Take() == (Lines{"send sam: you never listen", "send sam: anyway",
                                     "send sam: typed meanwhile"}));
  BOOST_TEST(!queue.HasQueue({&kAccountA, "sam"}));
}

BOOST_FIXTURE_TEST_CASE(SignOffReleasesOnlyThatAccountAndNeverSendsLater, Fixture) {
  queue.Submit(Flagged("sam", "you never listen"));
  queue.Submit(Clean("sam", "anyway"));
  queue.Submit(Message(&kAccountB, "sam", "you always do this", true));
  outbox.Take();
  uint32_t on_a = outbox.reviews.at(0);
  uint32_t on_b = outbox.reviews.at(1);

  queue.ReleaseAccount(&kAccountA);
  BOOST_TEST(outbox.Take() == (Lines{"close " + std::to_string(on_a),
                                     "write back sam: you never listen",
                                     "write back sam: anyway"}));
  BOOST_TEST(queue.kept().size() == 2u);  // Listed under "Held messages…".
  // A late answer from the closed dialog sends nothing.
  BOOST_TEST(!queue.Decide(on_a, {Decision::Action::kSendOriginal, ""}));
  BOOST_TEST(outbox.Take().empty());
  // After reconnecting, the contact's messages flow normally again.
  BOOST_TEST((queue.Submit(Clean("sam", "back")) == Outcome::kSendNow));
  // The other account's hold is untouched.
  BOOST_TEST(queue.Decide(on_b, {Decision::Action::kSendOriginal, ""}));
  BOOST_TEST(outbox.Take() == Lines{"send sam: you always do this"});
}

BOOST_FIXTURE_TEST_CASE(FailedDialogKeepsTheTextAndMovesOn, Fixture) {
  queue.Submit(Flagged("sam", "you never listen"));
  queue.Submit(Clean("sam", "anyway"));
  outbox.Take();
  queue.ReviewFailed(outbox.reviews.at(0));
  BOOST_TEST(outbox.Take() ==
             (Lines{"write back sam: you never listen", "send sam: anyway"}));
  BOOST_TEST(queue.kept().size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(UnloadWritesEverythingBack, Fixture) {
  queue.Submit(Flagged("sam", "you never listen"));
  queue.Submit(Message(&kAccountB, "alex", "you always do this", true));
  outbox.Take();
  queue.ReleaseAll();
  Lines events = outbox.Take();
  BOOST_TEST(events.size() == 4u);
  BOOST_TEST(std::count(events.begin(), events.end(), "write back sam: you never listen") == 1);
  BOOST_TEST(std::count(events.begin(), events.end(), "write back alex: you always do this") == 1);
  BOOST_TEST(queue.Waiting().empty());
}

BOOST_FIXTURE_TEST_CASE(QuittingDropsEverythingWithoutSendingOrWriting, Fixture) {
  queue.Submit(Flagged("sam", "you never listen"));
  queue.Submit(Clean("sam", "anyway"));
  outbox.Take();
  queue.ReleaseAccount(&kAccountB);  // Nothing of B's: no effect.
  BOOST_TEST(outbox.Take().empty());
  outbox.conversation_open = false;
  queue.Submit(Flagged("alex", "you always do this"));
  queue.Decide(outbox.reviews.at(1), {Decision::Action::kDontSend, ""});
  BOOST_TEST(queue.kept().size() == 1u);
  outbox.Take();

  queue.DiscardAll();
  BOOST_TEST(outbox.Take() == Lines{"close " + std::to_string(outbox.reviews.at(0))});
  BOOST_TEST(queue.Waiting().empty());
  BOOST_TEST(queue.kept().empty());
}

BOOST_FIXTURE_TEST_CASE(HeldListShowsWaitingAndKeptMessages, Fixture) {
  BOOST_TEST(FormatHeldList(queue.Waiting(), queue.kept()) == kHeldListEmpty);
  queue.Submit(Flagged("sam&co", "you <i>never</i> listen"));
  queue.Submit(Clean("sam&co", "anyway"));
  std::string html = FormatHeldList(queue.Waiting(), queue.kept());
  BOOST_TEST(html.find("To sam&amp;co") != std::string::npos);
  BOOST_TEST(html.find("you <i>never</i> listen") < html.find("anyway"));
  BOOST_TEST(html.find("waiting for your choice") != std::string::npos);

  queue.ReleaseAccount(&kAccountA);
  html = FormatHeldList(queue.Waiting(), queue.kept());
  BOOST_TEST(html.find("not sent") != std::string::npos);
  BOOST_TEST(html.find("anyway") != std::string::npos);
  queue.ForgetKept();
  BOOST_TEST(FormatHeldList(queue.Waiting(), queue.kept()) == kHeldListEmpty);
}

}  // namespace
}  // namespace softstart
