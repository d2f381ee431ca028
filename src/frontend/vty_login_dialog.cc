#include "frontend/vty_login_dialog.h"

#include <utility>

namespace iosup {

namespace {
constexpr char kBanner[] = "\r\n\r\nUser Access Verification\r\n\r\n";
}  // namespace

VtyLoginDialog::VtyLoginDialog(const LineService& device)
    : device_(device), policy_(device.vty_policy()) {}

std::string VtyLoginDialog::FirstPrompt() const {
  return policy_.login == VtyPolicy::Login::kLocal ? "Username: " : "Password: ";
}

VtyLoginDialog::Step VtyLoginDialog::Start() {
  switch (policy_.login) {
    case VtyPolicy::Login::kNone:
      field_ = Field::kDone;
      return {"", Event::kGranted};
    case VtyPolicy::Login::kLinePassword:
      if (policy_.line_password.empty()) {
        field_ = Field::kDone;
        return {"\r\nPassword required, but none set\r\n", Event::kRefused};
      }
      field_ = Field::kPassword;
      break;
    case VtyPolicy::Login::kLocal:
      field_ = Field::kUser;
      break;
  }
  return {std::string(kBanner) + FirstPrompt(), Event::kNone};
}

std::string VtyLoginDialog::NextPrompt() {
  if (field_ != Field::kWaiting) return "";
  field_ = policy_.login == VtyPolicy::Login::kLocal ? Field::kUser : Field::kPassword;
  return policy_.login == VtyPolicy::Login::kLocal ? "\r\nUsername: " : "Password: ";
}

std::string VtyLoginDialog::CurrentField() const {
  return field_ == Field::kUser ? "Username" : "Password";
}

VtyLoginDialog::Step VtyLoginDialog::Feed(char c) {
  if (field_ == Field::kWaiting || field_ == Field::kDone) return {};
  const bool swallow = after_cr_ && (c == '\n' || c == '\0');
  after_cr_ = c == '\r';
  if (swallow) return {};
  if (c == '\r' || c == '\n') return Submit();
  const bool echo = field_ == Field::kUser;
  if (c == '\b' || c == 0x7f) {
    if (typed_.empty()) return {};
    typed_.pop_back();
    return {echo ? "\b \b" : "", Event::kNone};
  }
  if (static_cast<unsigned char>(c) < 0x20) return {};  // other controls: nothing
  typed_ += c;
  return {echo ? std::string(1, c) : "", Event::kNone};
}

VtyLoginDialog::Step VtyLoginDialog::Submit() {
  std::string line = std::exchange(typed_, {});
  if (field_ == Field::kUser) {
    user_ = std::move(line);
    field_ = Field::kPassword;
    return {"\r\nPassword: ", Event::kNone};
  }
  typed_ = std::move(line);
  return CheckPassword();
}

// IOS: `login local` answers each failure with "% Login invalid"; a line password re-prompts
// silently and says "% Bad passwords" after the last attempt. Both close after three.
VtyLoginDialog::Step VtyLoginDialog::CheckPassword() {
  const std::string password = std::exchange(typed_, {});
  Result<int> r = device_.PasswordLogin(user_, password);
  if (r.ok()) {
    field_ = Field::kDone;
    privilege_ = *r;
    return {"\r\n", Event::kGranted};
  }
  if (r.status().code() == ErrorCode::kUnsupported) {
    field_ = Field::kDone;
    return {"\r\n" + r.status().message() + "\r\n", Event::kRefused};
  }
  const bool local = policy_.login == VtyPolicy::Login::kLocal;
  if (++attempts_ >= kMaxAttempts) {
    field_ = Field::kDone;
    return {"\r\n" + r.status().message() + "\r\n", Event::kRefused, true};
  }
  field_ = Field::kWaiting;
  if (!local) user_.clear();
  return {local ? "\r\n\r\n% Login invalid\r\n" : "\r\n", Event::kRetry, true};
}

}  // namespace iosup
