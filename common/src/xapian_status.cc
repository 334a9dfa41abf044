#include "protokoll/xapian_status.h"

namespace protokoll {
namespace {

Status WithCode(Status::Code code, std::string msg) {
  switch (code) {
    case Status::Code::kOk:
      return Status::OK();
    case Status::Code::kInvalidArgument:
      return Status::InvalidArgument(std::move(msg));
    case Status::Code::kNotFound:
      return Status::NotFound(std::move(msg));
    case Status::Code::kCorruption:
      return Status::Corruption(std::move(msg));
    case Status::Code::kIOError:
      return Status::IOError(std::move(msg));
    case Status::Code::kLocked:
      return Status::Locked(std::move(msg));
    case Status::Code::kUnsupported:
      return Status::Unsupported(std::move(msg));
    case Status::Code::kLimitExceeded:
      return Status::LimitExceeded(std::move(msg));
  }
  return Status::IOError(std::move(msg));
}

}  // namespace

std::string XapianMessage(const Xapian::Error& e) {
  std::string msg = e.get_msg();
  const char* detail = e.get_error_string();
  if (detail && *detail && msg.find(detail) == std::string::npos) {
    msg += " (" + std::string(detail) + ")";
  }
  return msg;
}

Status FromXapian(const Xapian::Error& e, Status::Code code, std::string_view context) {
  return WithCode(code, std::string(context) + ": " + XapianMessage(e));
}

Status FromXapian(const Xapian::Error& e) {
  const std::string type = e.get_type();
  if (type == "DatabaseNotFoundError" || type == "DatabaseOpeningError") {
    return FromXapian(e, Status::Code::kNotFound, "cannot open the database");
  }
  if (type == "DatabaseCorruptError" || type == "DocNotFoundError" ||
      type == "DatabaseVersionError" || type == "DatabaseError") {
    return FromXapian(e, Status::Code::kCorruption, "the database is damaged or unreadable");
  }
  if (type == "DatabaseLockError") {
    return FromXapian(e, Status::Code::kLocked, "the database is locked");
  }
  if (type == "InvalidArgumentError" || type == "QueryParserError" || type == "WildcardError") {
    return FromXapian(e, Status::Code::kInvalidArgument, "bad query");
  }
  return FromXapian(e, Status::Code::kIOError, "database error: " + type);
}

}  // namespace protokoll
