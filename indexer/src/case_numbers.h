// Case numbers (diarienummer): the numbers a municipality files a matter under, as an agenda
// item names them, so that dnr: and `protokoll-query matter` find every item of one matter.
// An item's numbers are those of its heading (the heading line and the lines right after it:
// "§ 61   Dnr BN-2024-002359", "KS 2021/123" under "§ 12", and "NKBY/302/00.01.03.01/2022"
// on the line just above "16 §" in Finnish minutes) and those its text labels ("Dnr",
// "Diarienummer", "Ärendenr" ...). Unlabelled numbers further down are not: tables of
// delegation decisions and earlier cases cited in passing would put an item into the history
// of matters it only mentions.
#ifndef PROTOKOLL_INDEXER_CASE_NUMBERS_H_
#define PROTOKOLL_INDEXER_CASE_NUMBERS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace protokoll::indexer {

// The case numbers of the item whose text (heading line first) is item_text; before is the
// text just before it (the previous item's, or the meeting header), whose last line may hold
// the item's number. As written (white space squeezed), one per schema::CaseNumberKey, in
// order: the heading's first, then the ones labelled in the text.
std::vector<std::string> FindCaseNumbers(std::string_view item_text, std::string_view before = {});

// The length of the case number at s[at], 0 if none starts there. Without a label before it a
// number needs a series prefix in capitals and a four-digit year ("KS 2021/123",
// "BN-2024-002359"), the series last ("2026.113 KS") or the Finnish form
// ("NKBY/302/00.01.03.01/2022"); after a label, a bare
// "2014/304" or "304/2014" and a two-digit year ("KS 21/123") count too. Look-alikes never
// count: reports, statutes, bills and committees ("SOU 2020:47", "SFS 2010:900",
// "Prop. 2019/20:1", "S 2019:04": unlabelled, year and serial joined by a colon are the
// state's), paragraphs ("§ 64/20"), dates, spans of years, phone numbers, sums.
std::size_t MatchCaseNumber(std::string_view s, std::size_t at, bool labelled);

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_CASE_NUMBERS_H_
