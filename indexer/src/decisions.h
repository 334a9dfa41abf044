// Decisions inside an agenda item: labelled blocks ("Beslut", "Ställningstagande Sociala
// samrådsgruppen, SocSam:" + bullets, "Nätverket beslutade:" + "att …" clauses,
// "Välfärdsnämndens beslut:") and decision sentences ("Nätverket beslutar att …",
// "Presidiet ställer sig bakom …", "Nätverket förordar …"). "Förslag till beslut" is a
// proposal and never a decision; a past decision told in passing ("SocSam beslutade
// 2 september att …") is not this meeting's decision either.
#ifndef PROTOKOLL_INDEXER_DECISIONS_H_
#define PROTOKOLL_INDEXER_DECISIONS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace protokoll::indexer {

enum class LabelKind {
  kNone,
  kBlock,       // "Beslut", "Ställningstagande …:", "X beslutade:", "X beslutar att:"
  kBodyBeslut,  // "Välfärdsnämndens beslut:" (one per handling; the last one is this meeting's)
};

struct DecisionLabel {
  LabelKind kind = LabelKind::kNone;
  std::string_view inline_text;  // text after the label on the same line ("Beslut: Presidiet …")
};

// Recognizes a decision label line.
DecisionLabel ClassifyDecisionLabel(std::string_view line);

// Whether the line is a proposal ("Förslag till beslut: …", "Förslag:").
bool IsProposal(std::string_view line);

// The decision text of an item, given the lines of its body (heading excluded); nullopt
// when it has none.
std::optional<std::string> ExtractDecision(const std::vector<std::string_view>& lines);

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_DECISIONS_H_
