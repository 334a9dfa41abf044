// The database folder the tools use when --db is not given.
#ifndef PROTOKOLL_DEFAULT_DB_H_
#define PROTOKOLL_DEFAULT_DB_H_

#include <cstdlib>
#include <string>

namespace protokoll {

// What --help says of the default.
inline constexpr const char* kDefaultDbHelp =
    "database folder (default $PROTOKOLL_DB, else ./protokoll-db)";

// $PROTOKOLL_DB when set and not empty, else ./protokoll-db.
inline std::string DefaultDb() {
  const char* env = std::getenv("PROTOKOLL_DB");
  return env && *env ? env : "./protokoll-db";
}

}  // namespace protokoll

#endif  // PROTOKOLL_DEFAULT_DB_H_
