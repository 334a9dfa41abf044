// The key of a case number (diarienummer), shared by the indexer (which writes it as a term,
// schema::kCaseNumberPrefix) and the query tools (which look a dnr: value up by it). Minutes
// write one case many ways ("BN-2024-002359", "BN 2024/2359", "bn.2024:2359"): the key is what
// stays the same.
#ifndef PROTOKOLL_CASE_NUMBER_H_
#define PROTOKOLL_CASE_NUMBER_H_

#include <string>
#include <string_view>

namespace protokoll::schema {

// The number's parts (runs of letters, runs of digits) lowercased, digits without leading
// zeros, joined by '-': "BN-2024-002359", "BN 2024/2359" and "bn2024:2359" are all
// "bn-2024-2359". Any other character separates parts; a series written last leads the key
// ("2026.113 KS" is "ks-2026-113", as "KS 2026.113" is). Part of the index format.
std::string CaseNumberKey(std::string_view number);

// Whether number has a digit: a dnr: value without one is no case number.
bool HasDigit(std::string_view number);

// Whether text, as a whole, is written the way case numbers are: a series (one or two words of
// up to six letters) and two groups of digits or more, apart by - / . : ("SBN 2025:74", "bun
// 2016:136", "KS/KF 2025:29", "BN-2024-002359"), or the series last ("2026.113 KS"). Dates
// and plain numbers are not.
bool WrittenAsCaseNumber(std::string_view text);

}  // namespace protokoll::schema

#endif  // PROTOKOLL_CASE_NUMBER_H_
