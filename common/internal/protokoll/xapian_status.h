// The one adapter from Xapian's exceptions to Status, for the modules that call Xapian (common,
// indexer, query): each catches Xapian::Error where it calls Xapian and returns one of these.
// Internal: only .cc files include it (through the protokoll_xapian_status target, linked
// PRIVATE), so Xapian stays out of the public headers of modules that link it privately.
#ifndef PROTOKOLL_XAPIAN_STATUS_H_
#define PROTOKOLL_XAPIAN_STATUS_H_

#include <xapian.h>

#include <string>
#include <string_view>

#include "protokoll/status.h"

namespace protokoll {

// What Xapian said of e: its message, and the system's reason (errno's text) when that adds one.
std::string XapianMessage(const Xapian::Error& e);

// e as a Status of code, with the message "context: what Xapian said", for a caller that knows
// what it was doing ("cannot write database arkiv").
Status FromXapian(const Xapian::Error& e, Status::Code code, std::string_view context);

// e as a Status whose code follows the error's type: a database missing or not openable is
// NotFound, damaged or unreadable Corruption, locked Locked, a bad query InvalidArgument, the
// rest IOError (with the type named), each with a message saying which.
Status FromXapian(const Xapian::Error& e);

}  // namespace protokoll

#endif  // PROTOKOLL_XAPIAN_STATUS_H_
