#include "device/transfer_port.h"

#include <regex>

namespace iosup {

std::string RemoteFile::Url() const {
  std::string creds = credentials_typed && (!user.empty() || !password.empty()) ? "*:*@" : "";
  return scheme + "://" + creds + host + "/" + path;
}

Result<RemoteFile> ParseRemoteUrl(const std::string& url) {
  static const std::regex kUrl(R"(^(tftp|ftp|http|https|scp|sftp)://(?:([^:@/]*)(?::([^@/]*))?@)?([^/]+)/(.*)$)");
  std::smatch m;
  if (!std::regex_match(url, m, kUrl)) return InvalidArgument("not a remote file URL: " + url);
  RemoteFile f;
  f.scheme = m[1];
  f.user = m[2];
  f.password = m[3];
  f.host = m[4];
  f.path = m[5];
  return f;
}

}  // namespace iosup
