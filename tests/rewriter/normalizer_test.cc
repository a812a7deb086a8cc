// Chat typing is normalised for matching while spans still point at the
// bytes the user typed.
#define BOOST_TEST_MODULE normalizer_test
#include <boost/test/unit_test.hpp>

#include <hunspell/hunspell.hxx>

#include "normalizer.h"
#include "test_rewriter.h"
#include "typo_corrector.h"

using softstart::NormalizedText;
using softstart::Normalizer;
using softstart::TypoCorrector;
using softstart::testing::BundledRewriter;
using softstart::testing::Marked;

namespace {

const softstart::ChatspeakMap kChat = {{"u", "you"}, {"dont", "don't"}, {"ur", "your"}};

Hunspell& Dictionary() {
  static Hunspell hunspell("/usr/share/hunspell/en_US.aff", "/usr/share/hunspell/en_US.dic");
  return hunspell;
}

std::string Normalize(const std::string& text, const TypoCorrector* corrector = nullptr) {
  Normalizer normalizer(&kChat, corrector);
  NormalizedText out;
  normalizer.Normalize(text, &out);
  return std::string(out.view(text));
}

}  // namespace

BOOST_AUTO_TEST_CASE(chat_speak_and_apostrophes) {
  BOOST_TEST(Normalize("u dont") == "you don't");
  BOOST_TEST(Normalize("U DONT") == "You DON'T");
  BOOST_TEST(Normalize("UR DONT") == "YOUR DON'T");
  BOOST_TEST(Normalize("U never") == "You never");
  BOOST_TEST(Normalize("don\u2019t") == "don't");
  BOOST_TEST(Normalize("umbrella u") == "umbrella you");  // Whole words only.
  BOOST_TEST(Normalize("'u'") == "'you'");
  BOOST_TEST(Normalize("") == "");
}

BOOST_AUTO_TEST_CASE(stretched_words_shrink) {
  BOOST_TEST(Normalize("neverrrr") == "neverr");
  BOOST_TEST(Normalize("cuddle") == "cuddle");
}

BOOST_AUTO_TEST_CASE(unchanged_text_is_not_copied) {
  Normalizer normalizer(&kChat, nullptr);
  NormalizedText out;
  const std::string typed = "see you at six";
  normalizer.Normalize(typed, &out);
  BOOST_TEST(out.edits.empty());
  BOOST_TEST(out.view(typed).data() == typed.data());
}

BOOST_AUTO_TEST_CASE(spans_map_back_to_the_typed_bytes) {
  Normalizer normalizer(&kChat, nullptr);
  NormalizedText out;
  const std::string typed = "ok so u dont care";
  normalizer.Normalize(typed, &out);
  BOOST_REQUIRE(out.text == "ok so you don't care");
  const size_t you = out.text.find("you");
  auto [start, end] = out.ToOriginal(you, out.text.size());
  BOOST_TEST(typed.substr(start, end - start) == "u dont care");
  std::tie(start, end) = out.ToOriginal(you + 1, you + 2);  // Inside a replaced word: the whole word.
  BOOST_TEST(typed.substr(start, end - start) == "u");
  std::tie(start, end) = out.ToOriginal(0, 2);
  BOOST_TEST(typed.substr(start, end - start) == "ok");
}

// The word a typo is corrected to, or "-".
std::string Corrected(const TypoCorrector& corrector, const char* word) {
  const std::string* fix = corrector.Correct(word);
  return fix ? *fix : std::string("-");
}

BOOST_AUTO_TEST_CASE(hunspell_corrects_typos_of_trigger_words_only) {
  TypoCorrector corrector({"never", "always", "want", "attractive"}, [] { return &Dictionary(); });
  // None of these misspellings is listed in any data file: Hunspell says
  // they are not words, and the distance picks the trigger word.
  BOOST_TEST(Corrected(corrector, "nver") == "never");
  BOOST_TEST(Corrected(corrector, "alwyas") == "always");
  BOOST_TEST(Corrected(corrector, "alwasy") == "always");
  BOOST_TEST(Corrected(corrector, "attractve") == "attractive");
  // Real words near a trigger word stay: Hunspell knows them.
  BOOST_TEST(Corrected(corrector, "ever") == "-");
  BOOST_TEST(Corrected(corrector, "wand") == "-");
  BOOST_TEST(Corrected(corrector, "never") == "-");
  BOOST_TEST(Corrected(corrector, "pizza") == "-");
  // Without a dictionary nothing is corrected.
  TypoCorrector blind({"never"}, nullptr);
  BOOST_TEST(blind.Correct("nver") == nullptr);
}

// The screen finds a target from the deletes both words share; every kind of
// slip within a target's budget (one edit, two from seven letters on) must
// still reach it, the first letter kept, and nothing further.
BOOST_AUTO_TEST_CASE(every_slip_within_the_budget_reaches_its_target) {
  TypoCorrector corrector({"attractive", "never"}, [] { return &Dictionary(); });
  BOOST_TEST(Corrected(corrector, "atractive") == "attractive");    // a letter missing
  BOOST_TEST(Corrected(corrector, "attracctive") == "attractive");  // one too many
  BOOST_TEST(Corrected(corrector, "attrsctive") == "attractive");   // one wrong
  BOOST_TEST(Corrected(corrector, "attractvie") == "attractive");   // two swapped
  BOOST_TEST(Corrected(corrector, "atractve") == "attractive");     // two missing
  BOOST_TEST(Corrected(corrector, "attracctivve") == "attractive"); // two too many
  BOOST_TEST(Corrected(corrector, "atrsctive") == "attractive");    // missing and wrong
  BOOST_TEST(Corrected(corrector, "atrsctve") == "-");              // three edits
  BOOST_TEST(Corrected(corrector, "nevr") == "never");
  BOOST_TEST(Corrected(corrector, "nevvr") == "never");             // five letters: one edit
  BOOST_TEST(Corrected(corrector, "nvvr") == "-");                  // two edits
}

BOOST_AUTO_TEST_CASE(short_words_are_corrected_from_swapped_letters) {
  TypoCorrector corrector({"never"}, [] { return &Dictionary(); }, {}, {"have", "like", "you"});
  BOOST_TEST(Corrected(corrector, "hvae") == "have");
  BOOST_TEST(Corrected(corrector, "liek") == "like");
  BOOST_TEST(Corrected(corrector, "yuo") == "you");
  // Another letter, or one more that is not a double, is too often a
  // different word here.
  BOOST_TEST(Corrected(corrector, "lile") == "-");
  BOOST_TEST(Corrected(corrector, "liik") == "-");
}

// A letter typed twice ("haard") or a four-letter word typed with three
// ("ths") are the other slips a short word takes; a letter replaced is too
// often another word ("liao" is not "liar"). A real word stays.
BOOST_AUTO_TEST_CASE(short_words_are_corrected_from_a_doubled_or_dropped_letter) {
  TypoCorrector corrector({"never"}, [] { return &Dictionary(); }, {}, {"hard", "much", "have", "you", "this", "liar", "same"});
  BOOST_TEST(Corrected(corrector, "haard") == "hard");
  BOOST_TEST(Corrected(corrector, "mucch") == "much");
  BOOST_TEST(Corrected(corrector, "havve") == "have");
  BOOST_TEST(Corrected(corrector, "yoou") == "you");
  BOOST_TEST(Corrected(corrector, "hrd") == "hard");
  BOOST_TEST(Corrected(corrector, "ths") == "this");
  BOOST_TEST(Corrected(corrector, "hve") == "have");
  BOOST_TEST(Corrected(corrector, "liao") == "-");  // Replaced: left alone.
  BOOST_TEST(Corrected(corrector, "sam") == "-");   // A name in lower case, not "same".
  BOOST_TEST(Corrected(corrector, "hat") == "-");   // A word Hunspell knows.
  BOOST_TEST(Corrected(corrector, "yoo") == "-");   // Not a double of a target's letter.
  BOOST_TEST(Corrected(corrector, "hood") == "-");  // Words Hunspell knows.
  BOOST_TEST(Corrected(corrector, "had") == "-");
}

BOOST_AUTO_TEST_CASE(words_the_rules_know_are_never_corrected) {
  // "gtfo" is no word to Hunspell and one letter from "gtfoh", but a rule
  // names it: slang the rules know is read as typed.
  TypoCorrector corrector({"gtfoh", "never"}, [] { return &Dictionary(); }, {"gtfo", "gtfoh"});
  BOOST_TEST(corrector.Correct("gtfo") == nullptr);
  BOOST_TEST(corrector.Correct("gtfho") != nullptr);
  // Asked again, the remembered answer is the same.
  for (int pass = 0; pass < 2; ++pass) {
    BOOST_TEST(corrector.Correct("gtfo") == nullptr);
    BOOST_REQUIRE(corrector.Correct("nevr") != nullptr);
    BOOST_TEST(*corrector.Correct("nevr") == "never");
    BOOST_TEST(corrector.Correct("pizza") == nullptr);
  }
}

BOOST_AUTO_TEST_CASE(distance_counts_transpositions_as_one) {
  BOOST_TEST(TypoCorrector::Distance("alwyas", "always", 2) == 1);
  BOOST_TEST(TypoCorrector::Distance("nver", "never", 2) == 1);
  BOOST_TEST(TypoCorrector::Distance("abc", "xyz", 1) == 2);
}

BOOST_AUTO_TEST_CASE(typed_like_a_chat_still_flagged_with_original_span) {
  BOOST_REQUIRE(BundledRewriter().ok());
  struct Case {
    const char* text;
    const char* marked;
  };
  const Case cases[] = {
      {"u nver want to cuddle", "u nver want to cuddle"},
      {"ur alwyas on ur phone", "ur alwyas on ur phone"},
      {"YOU NEVERRR LISTEN!!!", "YOU NEVERRR LISTEN"},
      {"you don\u2019t even care about me", "you don\u2019t even care about me"},
      {"omg you never text me back \xF0\x9F\x98\xA1", "you never text me back"},
      // Typos of words a rule needs, not only of the trigger words in
      // vocabulary.txt: every gate word of five letters or more is a target.
      {"wtf is worng with u", "wtf is worng with u"},
      {"thans for ruining my birthday", "thans for ruining my birthday"},
      {"sorry but you're just emotionalyl unavailable", "you're just emotionalyl unavailable"},
      {"yuo nevr listen to me", "yuo nevr listen to me"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      const auto analysis = BundledRewriter().Analyze(c.text);
      BOOST_REQUIRE(analysis.flagged());
      BOOST_TEST(Marked(c.text, analysis.findings[0]) == c.marked);
    }
  }
}
