// False alarms on real text nobody here wrote (../shared/data, read in place).
// At most 0.5% of each corpus may be flagged. The few real complaints among
// them are listed in tests/data/corpus_reviewed.tsv by corpus, line and a
// short hash (never the text: some licences forbid copies). In a corpus of
// under 1,000 lines one real complaint is already more than 0.5%; there the
// limit applies to the lines not reviewed as real.
#define BOOST_TEST_MODULE corpus_test
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>
#include <set>
#include <sstream>

#include "test_rewriter.h"

using softstart::testing::BundledRewriter;

namespace {

const char* kCorpora[] = {
    "sms_spam_collection/sms_spam_collection.txt",
    "tatoeba_eng/tatoeba_eng.txt",
    "dailydialog/dailydialog.txt",
    "dailydialog/dailydialog_directive.txt",
    "topical_chat/topical_chat.txt",
    "nps_chat/nps_chat.txt",
    "goemotions/goemotions.txt",
    "goemotions/goemotions_affectionate.txt",
    "stanford_politeness/stanford_politeness.txt",
    "positive_frames/positive_frames.txt",
    "positive_frames/positive_frames_reframed.txt",
    "paradetox/paradetox_neutral.txt",
    "counsel_chat/counsel_chat.txt",
    "fortunes_relationships/fortunes_relationships.txt",
    "personality_chat/personality_chat.txt",
};

// FNV-1a, 32 bits, as 8 hex digits: enough to notice a changed line.
std::string ShortHash(const std::string& text) {
  uint32_t hash = 2166136261u;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 16777619u;
  }
  char out[9];
  std::snprintf(out, sizeof out, "%08x", hash);
  return out;
}

std::set<std::string> Reviewed() {
  std::set<std::string> reviewed;
  std::ifstream in(SOFTSTART_TEST_DATA_DIR "/corpus_reviewed.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string corpus, number, hash;
    std::getline(fields, corpus, '\t');
    std::getline(fields, number, '\t');
    std::getline(fields, hash, '\t');
    reviewed.insert(corpus + ":" + number + ":" + hash);
  }
  return reviewed;
}

}  // namespace

BOOST_AUTO_TEST_CASE(public_corpora_are_rarely_flagged) {
  BOOST_REQUIRE(BundledRewriter().ok());
  const auto reviewed = Reviewed();
  for (const char* corpus : kCorpora) {
    BOOST_TEST_CONTEXT(corpus) {
      std::ifstream in(std::string(SOFTSTART_SHARED_DATA_DIR) + "/" + corpus);
      // Missing data is a failure, never a skip.
      BOOST_REQUIRE_MESSAGE(in, "cannot read " << SOFTSTART_SHARED_DATA_DIR << "/" << corpus
                                               << " (set SOFTSTART_SHARED_DATA_DIR)");
      int lines = 0, flagged = 0, known = 0;
      std::string line;
      for (int number = 1; std::getline(in, line); ++number) {
        ++lines;
        if (!BundledRewriter().Analyze(line).flagged()) continue;
        ++flagged;
        const std::string key = std::string(corpus) + ":" + std::to_string(number) + ":" + ShortHash(line);
        if (reviewed.count(key)) {
          ++known;
        } else {
          BOOST_TEST_MESSAGE("unreviewed flag\t" << corpus << "\t" << number << "\t" << ShortHash(line));
        }
      }
      const double rate = 100.0 * flagged / lines;
      BOOST_TEST_MESSAGE(corpus << ": " << flagged << "/" << lines << " flagged (" << rate << "%), " << known
                                << " reviewed as real complaints");
      BOOST_TEST(lines > 100);
      BOOST_TEST(100.0 * (flagged - known) / lines <= 0.5);
      if (lines >= 1000) BOOST_TEST(rate <= 0.5);
    }
  }
}

namespace {

struct LabelledLine {
  std::string corpus, text, split;
  bool problem = false;
};

// Rows of a corpus label file (corpus, line, hash, label, category[, split])
// with their text read from ../shared/data; a line whose hash no longer
// matches fails the test, since its label may not fit it any more.
std::vector<LabelledLine> ReadCorpusLabels(const std::string& name) {
  std::ifstream in(std::string(SOFTSTART_TEST_DATA_DIR) + "/" + name);
  BOOST_REQUIRE_MESSAGE(in, "cannot read " << name);
  std::map<std::string, std::vector<std::string>> corpora;
  std::vector<LabelledLine> rows;
  std::string row;
  std::getline(in, row);  // Header.
  while (std::getline(in, row)) {
    std::istringstream fields(row);
    std::string number, hash, label, category;
    LabelledLine line;
    std::getline(fields, line.corpus, '\t');
    std::getline(fields, number, '\t');
    std::getline(fields, hash, '\t');
    std::getline(fields, label, '\t');
    std::getline(fields, category, '\t');
    std::getline(fields, line.split, '\t');
    auto& lines = corpora[line.corpus];
    if (lines.empty()) {
      std::ifstream corpus(std::string(SOFTSTART_SHARED_DATA_DIR) + "/" + line.corpus);
      BOOST_REQUIRE_MESSAGE(corpus, "cannot read " << SOFTSTART_SHARED_DATA_DIR << "/" << line.corpus);
      for (std::string text; std::getline(corpus, text);) lines.push_back(text);
    }
    const size_t index = std::stoul(number) - 1;
    BOOST_REQUIRE(index < lines.size());
    line.text = lines[index];
    BOOST_TEST(ShortHash(line.text) == hash, name << ": " << line.corpus << ":" << number << " changed");
    line.problem = label == "problem";
    rows.push_back(std::move(line));
  }
  return rows;
}

}  // namespace

// Real corpus lines labelled by helpers who never saw the rules. The
// acceptance target is >= 90% of problem lines flagged and <= 10% of ordinary
// ones. False alarms meet it; recall does not yet (see tests/data/README.md),
// so it is held at a floor under today's figures and can only go up.
BOOST_AUTO_TEST_CASE(independently_labelled_corpus_lines) {
  struct Case {
    const char* file;
    const char* split;  // "" for every row.
    double recall_floor;
  };
  // corpus_fresh_labelled.tsv is held out (session 5: nobody tuning reads it).
  for (const Case& c : {Case{"corpus_labelled.tsv", "", 48.0}, Case{"corpus_phrases_labelled.tsv", "tune", 60.0},
                        Case{"corpus_phrases_labelled.tsv", "holdout", 30.0}, Case{"corpus_fresh_labelled.tsv", "", 6.0}}) {
    BOOST_TEST_CONTEXT(c.file << " " << c.split) {
      int problems = 0, caught = 0, ordinary = 0, alarms = 0;
      for (const auto& line : ReadCorpusLabels(c.file)) {
        if (*c.split && line.split != c.split) continue;
        const bool flagged = BundledRewriter().Analyze(line.text).flagged();
        (line.problem ? problems : ordinary)++;
        (line.problem ? caught : alarms) += flagged;
      }
      const double recall = 100.0 * caught / problems, false_alarms = 100.0 * alarms / ordinary;
      BOOST_TEST_MESSAGE(c.file << " " << c.split << ": recall " << recall << "% (" << caught << "/" << problems
                                << "), false alarms " << false_alarms << "% (" << alarms << "/" << ordinary << ")");
      BOOST_TEST(problems > 50);
      BOOST_TEST(false_alarms <= 10.0);
      BOOST_TEST(recall >= c.recall_floor);
    }
  }
}
