// UTF-8 checks shared by the readers (which sniff encodings) and the writers (which must
// not pass malformed bytes on).
#ifndef PROTOKOLL_UTF8_H_
#define PROTOKOLL_UTF8_H_

#include <string_view>

namespace protokoll {

// True if s is well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or code points
// past U+10FFFF).
bool IsValidUtf8(std::string_view s);

}  // namespace protokoll

#endif  // PROTOKOLL_UTF8_H_
