// Status: the outcome of an operation that can fail, passed across module boundaries instead
// of exceptions. A code for callers to branch on, a message for people to read.
#ifndef PROTOKOLL_STATUS_H_
#define PROTOKOLL_STATUS_H_

#include <string>
#include <utility>

namespace protokoll {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // bad usage or a bad query: exit 1
    kNotFound,         // a file or database that is not there
    kCorruption,       // a file or database that cannot be parsed
    kIOError,          // reading or writing failed
    kLocked,           // the database is held by another writer
    kUnsupported,      // a format the readers do not handle
    kLimitExceeded,    // a file over a safety limit (size, ratio, time)
  };

  Status() = default;
  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return {Code::kInvalidArgument, std::move(msg)};
  }
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status Corruption(std::string msg) { return {Code::kCorruption, std::move(msg)}; }
  static Status IOError(std::string msg) { return {Code::kIOError, std::move(msg)}; }
  static Status Locked(std::string msg) { return {Code::kLocked, std::move(msg)}; }
  static Status Unsupported(std::string msg) { return {Code::kUnsupported, std::move(msg)}; }
  static Status LimitExceeded(std::string msg) { return {Code::kLimitExceeded, std::move(msg)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace protokoll

#endif  // PROTOKOLL_STATUS_H_
