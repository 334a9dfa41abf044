# Script mode: writes OUT, a C++ file holding IN's bytes (plus a NUL) as a char array.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR size "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE "${OUT}" "#include <cstddef>\nstatic const unsigned char ${SYMBOL}_bytes[] = {${bytes}0};\nextern const char* const ${SYMBOL};\nextern const std::size_t ${SYMBOL}_size;\nconst char* const ${SYMBOL} = reinterpret_cast<const char*>(${SYMBOL}_bytes);\nconst std::size_t ${SYMBOL}_size = ${size};\n")
