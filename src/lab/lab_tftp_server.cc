#include "lab/lab_tftp_server.h"

namespace iosup {

Result<LabTftpServer> ServeLabDirectory(ServerLoop& loop, const std::string& root,
                                        const std::string& lab_address, AddressMap& map) {
  LabTftpServer s;
  Result<std::unique_ptr<tftp::DirFileSource>> source =
      tftp::DirFileSource::Open(root, {.allow_create = true});
  if (!source.ok()) return source.status();
  s.source = std::move(*source);
  tftp::ServerOptions options;
  options.listen = {asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  options.max_sessions_per_client = 0;  // every device of the lab comes from 127.0.0.1
  Result<std::unique_ptr<tftp::TftpServer>> server =
      tftp::TftpServer::Start(loop.io(), *s.source, options);
  if (!server.ok()) return server.status();
  s.server = std::move(*server);
  s.port = s.server->local_endpoints()[0].port();
  IOSUP_RETURN_IF_ERROR(map.Add(lab_address, "tftp", {"127.0.0.1", s.port}));
  return s;
}

}  // namespace iosup
