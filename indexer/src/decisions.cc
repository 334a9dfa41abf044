#include "decisions.h"

#include <algorithm>
#include <array>

#include "protokoll/corpus/gazetteer.h"
#include "text_util.h"

namespace protokoll::indexer {
namespace {

using text::EndsWith;
using text::Lower;
using text::StartsWith;
using text::Trim;

// Longest label we accept: "Ställningstagande Politiska samverkansberedningen, PSB:".
constexpr std::size_t kMaxLabel = 90;

bool IsRule(std::string_view line) {
  std::string_view t = Trim(line);
  if (t.size() < 3) return false;
  for (char c : t) {
    if (c != '_' && c != '-') return false;
  }
  return true;
}

// Whether a label's word is `word` as a broken font writes it ("beslui", "beglut",
// "besftt" for beslut; "lörslag", "förglag" for förslag): one letter off, or two when the
// first three letters are right.
bool Garbled(std::string_view written, const std::u32string& word) {
  std::u32string w = corpus::DecodeUtf8(Lower(written));
  if (w.size() + 1 < word.size() || w.size() > word.size() + 1) return false;
  int allowed = w.compare(0, 3, word, 0, 3) == 0 ? 2 : 1;
  return text::EditDistance(w, word, allowed) <= allowed;
}

bool LooksLikeBeslut(std::string_view word) { return Garbled(word, U"beslut"); }

// The last word of a label before its colon ("Stadsdirektörens förslag:" -> "förslag").
std::string_view LastLabelWord(std::string_view line) {
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon > kMaxLabel) return {};
  std::vector<text::Word> words = text::Words(line.substr(0, colon));
  if (words.empty() || words.size() > 8) return {};
  const text::Word& last = words.back();
  std::size_t after = last.begin + last.text.size();
  if (!Trim(line.substr(after, colon - after)).empty()) return {};
  return last.text;
}

// Whether a line laid out on a page is no running text: set far in from the margin (a name
// on a map, a centred cover line), or a title in capitals. A label with nothing under it
// (an agenda's "Stadsstyrelsens beslut:") is followed by such lines of the next page.
bool NotRunningText(std::string_view line) {
  // Spaces only: a page laid out as text indents with spaces, a tab-aligned text file's
  // decision may well start after tabs.
  std::size_t column = 0;
  while (column < line.size() && line[column] == ' ') ++column;
  if (column >= 30) return true;
  std::string_view t = Trim(line);
  int upper = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    unsigned char c = t[i];
    if (c >= 'a' && c <= 'z') return false;
    if (c == 0xC3 && i + 1 < t.size()) {  // å ä ö é … lowercase, Å Ä Ö É … uppercase
      unsigned char d = t[i + 1];
      if (d >= 0xA0) return false;
      ++upper;
      ++i;
      continue;
    }
    upper += c >= 'A' && c <= 'Z';
  }
  return upper >= 8;
}

// Whether a lowercased line opens with the word "förslag" ("Förslag:", "Förslag till
// beslut"); "Förslaget godkändes" is a decision.
bool OpensWithForslag(std::string_view lower) {
  constexpr std::string_view kWord = "förslag";
  return StartsWith(lower, kWord) &&
         (lower.size() == kWord.size() || !text::IsLetterByte(lower[kWord.size()]));
}

bool IsBullet(std::string_view t) {
  return StartsWith(t, "- ") || StartsWith(t, "\xE2\x80\xA2") || StartsWith(t, "\xE2\x80\x93 ") ||
         StartsWith(t, "att ") || StartsWith(t, "Att ");
}

// Whether the words before a decision verb name a deciding body: a collective noun
// ("Nätverket", "Socialchefsnätverket", "Sociala samrådsgruppen", "Välfärdsnämnden") or an
// abbreviation ("SCHNV", "SocSam", "PSB"). "Smittskydd Dalarna rekommenderar …" or
// "Regeringen beslutar …" report others' positions and are not this meeting's decision.
bool DecidingSubject(std::string_view subject) {
  static constexpr std::array<std::string_view, 14> kCollective = {
      "nätverket",   "nätverk",   "gruppen",      "nämnden",      "styrelsen",
      "beredningen", "rådet",     "mötet",        "sammanträdet", "utskottet",
      "direktionen", "presidiet", "församlingen", "kommittén"};
  std::vector<text::Word> words = text::Words(subject);
  if (words.empty() || words.size() > 4) return false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i != 0 && i + 1 != words.size()) continue;
    std::string w = Lower(words[i].text);
    for (auto c : kCollective) {
      if (EndsWith(w, c)) return true;
    }
    std::string_view raw = words[i].text;
    int upper = 0;
    for (char ch : raw) upper += ch >= 'A' && ch <= 'Z';
    if (raw.size() <= 10 && upper >= 2) return true;
  }
  return false;
}

// A label's subject part ends with one of these verbs (the colon is optional).
bool EndsWithDecisionVerb(std::string_view label, std::string_view lower) {
  static constexpr std::array<std::string_view, 6> kVerbs = {
      " beslutade", " beslutar", " beslöt", " beslutade att", " beslutar att", " beslöt att"};
  for (auto v : kVerbs) {
    if (EndsWith(lower, v) && lower.size() > v.size()) {
      return DecidingSubject(label.substr(0, label.size() - v.size()));
    }
  }
  return false;
}

// Verb phrases that make a sentence a decision when they follow a short subject
// ("Nätverket beslutar att", "Presidiet ställer sig bakom").
constexpr std::array<std::string_view, 17> kActiveCues = {
    "beslutar att",   "beslutar:",         "beslutar i enlighet",   "beslutade att",
    "beslöt att",     "ställer sig bakom", "rekommenderar",         "tillstyrker",
    "avstyrker",      "förordar",          "noterar informationen", "uppdrar",
    "fastställer",    "godkänner",         "lägger informationen",  "lägger anteckningarna",
    "beslutar om att"};

// A sentence that opens with the decision in the passive, the way minutes record it
// ("Beslöts att godkänna planen.", "Beslutades att …"); "Det beslutades att …" may retell
// an earlier meeting and is left alone.
constexpr std::array<std::string_view, 4> kOpeningCues = {"beslöts att", "beslutades att",
                                                          "beslöts:", "beslutades:"};

// Impersonal decision phrases ("Beslut fattas i respektive kommun", "Ställningstagande görs
// i varje kommun", "Frågan tas vidare till respektive kommun").
constexpr std::array<std::string_view, 3> kPassiveCues = {"tas vidare till", "beslut fattas",
                                                          "ställningstagande görs"};

// The first words of a sentence, lowercased: decision verbs follow a short subject, so only
// this prefix is searched (the whole text of every item passes through here).
std::string Opening(std::string_view sentence, int words) {
  std::size_t end = 0;
  for (int w = 0; w <= words && end < sentence.size(); ++w) {
    std::size_t sp = sentence.find(' ', end);
    end = sp == std::string_view::npos ? sentence.size() : sp + 1;
  }
  return Lower(sentence.substr(0, std::min<std::size_t>(end + 40, sentence.size())));
}

// Where `cue` starts at a word boundary within the first max_words words of `lower`.
std::size_t CueAt(std::string_view lower, std::string_view cue, int max_words) {
  for (std::size_t at = lower.find(cue); at != std::string_view::npos;
       at = lower.find(cue, at + 1)) {
    if (at > 0 && lower[at - 1] != ' ') continue;
    std::size_t end = at + cue.size();
    if (end < lower.size() && text::IsLetterByte(lower[end]) && cue.back() != ' ') continue;
    int words = 0;
    for (std::size_t i = 0; i < at; ++i) words += lower[i] == ' ';
    if (words <= max_words) return at;
    return std::string_view::npos;
  }
  return std::string_view::npos;
}

bool IsDecisionSentence(std::string_view sentence) {
  if (sentence.empty()) return false;
  std::string lower = Opening(sentence, 6);
  if (OpensWithForslag(lower)) return false;
  for (auto cue : kPassiveCues) {
    if (CueAt(lower, cue, 5) != std::string_view::npos) return true;
  }
  for (auto cue : kOpeningCues) {
    if (StartsWith(lower, cue)) return true;
  }
  if (!text::StartsUpper(sentence)) return false;
  for (auto cue : kActiveCues) {
    // The cue needs a subject (1-5 words) before it that names a deciding body.
    std::size_t at = CueAt(lower, cue, 5);
    if (at == std::string_view::npos || at == 0) continue;
    if (DecidingSubject(sentence.substr(0, at - 1))) return true;
  }
  return false;
}

// Offsets where sentences start in a line: 0 and after ". " / "! " / "? " + uppercase.
std::vector<std::size_t> SentenceStarts(std::string_view line) {
  std::vector<std::size_t> starts = {0};
  for (std::size_t i = 0; i + 2 < line.size(); ++i) {
    char c = line[i];
    if ((c == '.' || c == '!' || c == '?') && line[i + 1] == ' ' &&
        text::StartsUpper(line.substr(i + 2))) {
      starts.push_back(i + 2);
    }
  }
  return starts;
}

struct Block {
  LabelKind kind;
  std::string text;
};

void Append(std::string* out, std::string_view s) {
  if (s.empty()) return;
  if (!out->empty()) out->push_back('\n');
  out->append(s);
}

// Collects the text a label governs, starting after line `i`: its first paragraph, then
// further paragraphs only while they continue it ("att …" clauses, bullets, or a sentence
// broken by a page break, which goes on in lowercase).
std::string CollectBlock(const std::vector<std::string_view>& lines, std::size_t i,
                         std::string_view inline_text, std::size_t* end = nullptr) {
  std::string out(Trim(inline_text));
  if (end) *end = i + 1;
  bool need_first = out.empty();
  // A decision in numbered points ("Beslut" / "1. Rutinen godkänns." / "2. …"): a list that
  // opens with 1 right under the label, its points in order, is the decision, not items.
  int next_point = 0;
  // Under a board's "Beslut", the decision may be what it proposes to the council, under a
  // heading of its own ("Förslag till beslut i kommunfullmäktige" / "Motionen avslås.").
  auto proposal_heading = [&](std::string_view t) {
    return need_first && out.empty() && IsProposal(t) && t.find(':') == std::string_view::npos &&
           t.back() != '.' && text::Words(t).size() <= 8;
  };
  auto stops = [&](std::string_view t) {
    if (proposal_heading(t)) return false;
    const text::Heading h = text::ClassifyHeading(t);
    const bool point = h.kind == text::HeadingKind::kDot || h.kind == text::HeadingKind::kParen;
    if (point && ((need_first && out.empty() && h.number == 1) || h.number == next_point)) {
      next_point = h.number + 1;
      return false;
    }
    return IsRule(t) || ClassifyDecisionLabel(t).kind != LabelKind::kNone || IsProposal(t) ||
           h.kind != text::HeadingKind::kNone || text::LooksLikeReference(t);
  };
  std::size_t j = i + 1;
  while (j < lines.size()) {
    std::size_t k = j;
    while (k < lines.size() && Trim(lines[k]).empty()) ++k;
    if (k >= lines.size()) break;
    std::string_view t = Trim(lines[k]);
    if (stops(t) || NotRunningText(lines[k])) break;
    if (!need_first && !IsBullet(t) && text::StartsUpper(t)) break;
    bool heading_only = false;
    while (k < lines.size() && !Trim(lines[k]).empty()) {
      std::string_view u = Trim(lines[k]);
      if (stops(u)) return out;
      heading_only = proposal_heading(u);
      Append(&out, u);
      ++k;
      if (end) *end = k;
    }
    need_first = heading_only;
    j = k;
  }
  return out;
}

// "Välfärdsnämndens beslut", "Sociala nämndens beslut": a body's decision label, its
// "beslut" perhaps garbled by the text layer ("Peesonalsektionens besluö").
bool BodyBeslutLabel(std::string_view label, std::size_t max_words) {
  std::vector<text::Word> words = text::Words(label);
  if (words.size() < 2 || words.size() > max_words) return false;
  std::string_view owner = words[words.size() - 2].text;
  std::string_view last = words.back().text;
  if (words.back().begin + last.size() != label.size()) return false;
  if (Lower(last) != "beslut" && !LooksLikeBeslut(last)) return false;
  // A genitive owner; a two-word label alone on its line may have lost its "s" to the font
  // too ("Stadggtyrelgeng beglut:").
  bool genitive = owner.size() >= 3 && (owner.back() == 's' || owner.back() == 'S');
  return genitive || (words.size() == 2 && max_words > 3 && owner.size() >= 6);
}

// "BARN- OCH UTBILDNINGSNÄMNDENS BEHANDLING 2019-11-19 Barn- och utbildningsnämndens beslut":
// a heading in capitals (perhaps dated) that a converter ran into the heading after it. The
// offset where the next heading starts, or 0 when the line does not open so.
std::size_t AfterCapitalsHeading(std::string_view t) {
  const std::vector<text::Word> words = text::Words(t);
  std::size_t capitals = 0;
  for (const text::Word& w : words) {
    if (text::AllCaps(w.text)) {
      if (w.text.size() >= 2) ++capitals;
    } else if (std::any_of(w.text.begin(), w.text.end(),
                           [](char c) { return text::IsLetterByte(c); })) {
      return capitals >= 2 && text::StartsUpper(w.text) ? w.begin : 0;
    }
  }
  return 0;
}

}  // namespace

// Whether lines[i] heads a section: a short line after a blank one, no sentence ("Beslut",
// "Sammanfattning av ärendet", "Beslutsunderlag"), or a label or item heading.
bool SectionHeading(const std::vector<std::string_view>& lines, std::size_t i) {
  std::string_view t = Trim(lines[i]);
  if (t.empty()) return false;
  if (ClassifyDecisionLabel(t).kind != LabelKind::kNone ||
      text::ClassifyHeading(t).kind != text::HeadingKind::kNone) {
    return true;
  }
  if (i > 0 && !Trim(lines[i - 1]).empty()) return false;
  char last = t.back();
  return t.size() <= 60 && text::Words(t).size() <= 6 && text::StartsUpper(t) && last != '.' &&
         last != ',' && last != ';' && last != ':';
}

bool IsProposal(std::string_view line) {
  std::string lower = Lower(Trim(line));
  if (OpensWithForslag(lower)) return true;
  std::size_t colon = lower.find(':');
  // "Arbetsutskottets förslag till beslut" as a heading of its own.
  if (colon == std::string::npos && lower.size() <= kMaxLabel &&
      EndsWith(lower, "förslag till beslut") && text::Words(lower).size() <= 6) {
    return true;
  }
  if (colon != std::string::npos && colon <= kMaxLabel) {
    std::string_view head = std::string_view(lower).substr(0, colon);
    if (EndsWith(head, "förslag") || EndsWith(head, "förslag till beslut")) return true;
    // "Stadgdirektör Martn Norrgårdg förglag:" with the rest of the line empty or residue.
    std::string_view last = LastLabelWord(Trim(line));
    if (!last.empty() && Trim(lower).size() <= colon + 3 && Garbled(last, U"förslag") &&
        !LooksLikeBeslut(last)) {
      return true;
    }
  }
  return false;
}

DecisionLabel ClassifyDecisionLabel(std::string_view line) {
  DecisionLabel out;
  std::string_view t = Trim(line);
  if (t.empty() || t.size() > 2000) return out;
  if (const std::size_t after = AfterCapitalsHeading(t)) {
    DecisionLabel label = ClassifyDecisionLabel(t.substr(after));
    if (label.kind != LabelKind::kNone) return label;
  }
  std::string lower = Lower(t.substr(0, std::min<std::size_t>(t.size(), kMaxLabel + 2)));
  if (OpensWithForslag(lower)) return out;
  std::size_t colon = t.find(':');
  std::string_view label = colon == std::string_view::npos ? t : Trim(t.substr(0, colon));
  std::string_view rest =
      colon == std::string_view::npos ? std::string_view() : Trim(t.substr(colon + 1));
  if (label.size() > kMaxLabel) return out;
  std::string llabel = Lower(label);
  if (llabel == "beslut" || llabel == "beslut i korthet" || llabel == "ställningstagande") {
    if (colon == std::string_view::npos && t.size() != label.size()) return out;
    out.kind = LabelKind::kBlock;
    out.inline_text = rest;
    return out;
  }
  if (colon == std::string_view::npos && label.find('.') != std::string_view::npos) return out;
  // "Beslut – Förslag till kommunfullmäktige" (the board's decision to propose), "Beslut i
  // nämnden för Förskola & Grundskola": the label with what or whose it is, as a heading.
  if (colon == std::string_view::npos &&
      (StartsWith(llabel, "beslut i ") || StartsWith(llabel, "beslut – ") ||
       StartsWith(llabel, "beslut - ")) &&
      text::Words(llabel).size() <= 8) {
    out.kind = LabelKind::kBlock;
    return out;
  }
  if (StartsWith(llabel, "ställningstagande ") && colon != std::string_view::npos) {
    out.kind = LabelKind::kBlock;
    out.inline_text = rest;
    return out;
  }
  // "Välfärdsnämndens beslut:", alone or with the decision after it; a letter or two after
  // the colon is what a broken font leaves ("beslut:i"). Swedish protocols write the label
  // as a heading of its own: "Arbetsutskottets beslut".
  if (rest.size() <= 2) rest = {};
  bool own_line =
      colon == std::string_view::npos && text::StartsUpper(label) && text::Words(label).size() <= 4;
  if ((colon != std::string_view::npos || own_line) &&
      BodyBeslutLabel(label, rest.empty() ? 6 : 3)) {
    out.kind = LabelKind::kBodyBeslut;
    out.inline_text = rest;
    return out;
  }
  if (EndsWithDecisionVerb(label, llabel) && label.find('.') == std::string_view::npos &&
      text::StartsUpper(label)) {
    // "Nätverket beslutade" alone on its line, or with a colon; not a sentence that merely
    // ends in the verb ("… som regionen beslutade.").
    if (colon == std::string_view::npos && !EndsWith(t, label)) return out;
    out.kind = LabelKind::kBlock;
    out.inline_text = rest;
    return out;
  }
  return out;
}

std::optional<std::string> ExtractDecision(const std::vector<std::string_view>& lines) {
  std::vector<Block> blocks;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    DecisionLabel label = ClassifyDecisionLabel(lines[i]);
    if (label.kind == LabelKind::kNone) continue;
    std::string body = CollectBlock(lines, i, label.inline_text);
    // An empty "<Organ>s beslut:" is kept: in an agenda it stands for the decision still
    // to be made, and earlier handlings' decisions are not this meeting's.
    if (!body.empty() || label.kind == LabelKind::kBodyBeslut) {
      blocks.push_back({label.kind, std::move(body)});
    }
  }
  if (!blocks.empty()) {
    // Finnish-Swedish protocols repeat "<Organ>s beslut:" for each earlier handling of
    // the matter; the last one is this meeting's.
    std::size_t last_body = blocks.size();
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      if (blocks[i].kind == LabelKind::kBodyBeslut) last_body = i;
    }
    std::string out;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      if (blocks[i].kind == LabelKind::kBodyBeslut && i != last_body) continue;
      Append(&out, blocks[i].text);
    }
    if (!out.empty()) return out;
    if (last_body < blocks.size()) return std::nullopt;
  }
  std::string out;
  bool proposes = false;  // the item has a proposal under a heading of its own
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view t = Trim(lines[i]);
    if (t.empty()) continue;
    if (IsProposal(t)) {
      // "Ordförandens förslag:" and the text it governs propose, they do not decide.
      // A label is "…förslag:" or a heading of its own ("Förslag till beslut").
      std::size_t colon = t.find(':');
      bool heading =
          colon == std::string_view::npos && text::Words(t).size() <= 6 && t.back() != '.';
      if (heading) {
        // A proposal under a heading of its own runs to the next heading ("Sammanfattning
        // av ärendet", "Beslutsunderlag"), however many paragraphs it has.
        proposes = true;
        std::size_t end = i + 1;
        while (end < lines.size() && !SectionHeading(lines, end)) ++end;
        i = end - 1;
      } else if (colon != std::string_view::npos) {
        std::size_t end = i + 1;
        CollectBlock(lines, i, t.substr(colon + 1), &end);
        i = end - 1;
      }
      continue;
    }
    if (StartsWith(t, "- ")) t = Trim(t.substr(2));
    for (std::size_t start : SentenceStarts(t)) {
      std::string_view sentence = t.substr(start);
      if (IsDecisionSentence(sentence)) {
        Append(&out, sentence);
        break;
      }
    }
  }
  // An item that proposes under a heading and has no "Beslut" sends its proposal on; the
  // chair's "finner att utskottet ställer sig bakom förslaget" decides nothing of its own.
  if (out.empty() || proposes) return std::nullopt;
  return out;
}

}  // namespace protokoll::indexer
