#include "lab/lab_file_servers.h"

#include "transfer/dir_file_source.h"

namespace iosup {

namespace {

Result<std::unique_ptr<tftp::FileSource>> OpenRoot(const std::string& root) {
  Result<std::unique_ptr<tftp::DirFileSource>> dir =
      tftp::DirFileSource::Open(root, {.allow_create = true});
  if (!dir.ok()) return dir.status();
  return std::unique_ptr<tftp::FileSource>(std::move(*dir));
}

}  // namespace

Result<LabFileServers> ServeLabFiles(ServerLoop& loop, const std::string& root,
                                     const std::string& lab_address,
                                     const LabCredentials& credentials,
                                     const std::string& host_key_file, AddressMap& map) {
  LabFileServers s;
  Result<std::unique_ptr<tftp::FileSource>> ftp_root = OpenRoot(root);
  if (!ftp_root.ok()) return ftp_root.status();
  Result<std::unique_ptr<FtpFileServer>> ftp =
      FtpFileServer::Start(loop.io(), std::move(*ftp_root),
                           {.username = credentials.username, .password = credentials.password});
  if (!ftp.ok()) return ftp.status();
  s.ftp = std::move(*ftp);
  IOSUP_RETURN_IF_ERROR(map.Add(lab_address, "ftp", {"127.0.0.1", s.ftp->port()}));

  Result<std::unique_ptr<tftp::FileSource>> http_root = OpenRoot(root);
  if (!http_root.ok()) return http_root.status();
  Result<std::unique_ptr<HttpFileServer>> http =
      HttpFileServer::Start(loop.io(), std::move(*http_root), "127.0.0.1", 0);
  if (!http.ok()) return http.status();
  s.http = std::move(*http);
  IOSUP_RETURN_IF_ERROR(map.Add(lab_address, "http", {"127.0.0.1", s.http->port()}));

  Result<std::unique_ptr<LabScpServer>> scp =
      LabScpServer::Start(loop, root, host_key_file, credentials, lab_address, map);
  if (!scp.ok()) return scp.status();
  s.scp = std::move(*scp);
  return s;
}

}  // namespace iosup
