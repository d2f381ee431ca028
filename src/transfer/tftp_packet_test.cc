// Codec: RFC 1350 packets, RFC 2347 options, netascii, negotiation.
#include "transfer/tftp_packet.h"

#include <gtest/gtest.h>

#include "transfer/netascii.h"
#include "transfer/tftp_options.h"

namespace iosup::tftp {
namespace {

std::vector<uint8_t> Bytes(std::string_view s) { return {s.begin(), s.end()}; }

TEST(TftpPacket, ParsesRrqWithOptionsCaseInsensitively) {
  auto b = Bytes(std::string("\0\1dir/f.bin\0OcTeT\0BLKSIZE\0001468\0windowsize\00064\0", 45));
  Result<Packet> p = ParsePacket(b);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  const Request& r = std::get<Request>(*p);
  EXPECT_FALSE(r.is_write);
  EXPECT_EQ(r.filename, "dir/f.bin");
  EXPECT_EQ(r.mode, Mode::kOctet);
  ASSERT_EQ(r.options.size(), 2u);
  EXPECT_EQ(r.options[0].value, "1468");
  EXPECT_EQ(r.options[1].name, "windowsize");
}

TEST(TftpPacket, RoundTripsEveryKind) {
  std::vector<uint8_t> out;
  OptionList opts = {{"blksize", "8"}, {"tsize", "0"}};
  AppendRequest(true, "a.txt", Mode::kNetascii, opts, out);
  Result<Packet> p = ParsePacket(out);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(std::get<Request>(*p).is_write);
  EXPECT_EQ(std::get<Request>(*p).mode, Mode::kNetascii);
  out.clear();
  AppendOack(opts, out);
  ASSERT_TRUE(ParsePacket(out).ok());
  EXPECT_EQ(std::get<Oack>(*ParsePacket(out)).options.size(), 2u);
  out.clear();
  AppendAck(65535, out);
  EXPECT_EQ(std::get<Ack>(*ParsePacket(out)).block, 65535);
  out.clear();
  AppendError(ErrorNumber::kDiskFull, "full", out);
  EXPECT_EQ(std::get<Error>(*ParsePacket(out)).code, ErrorNumber::kDiskFull);
  EXPECT_EQ(std::get<Error>(*ParsePacket(out)).message, "full");
  auto h = DataHeader(258);
  std::vector<uint8_t> data(h.begin(), h.end());
  data.push_back('x');
  Data d = std::get<Data>(*ParsePacket(data));
  EXPECT_EQ(d.block, 258);
  EXPECT_EQ(d.payload.size(), 1u);
}

TEST(TftpPacket, RejectsMalformed) {
  const std::vector<std::string> bad = {
      std::string("\0", 1),                          // short
      std::string("\0\1f\0", 4),                     // no mode
      std::string("\0\1\0octet\0", 9),               // empty name
      std::string("\0\1f\0mail\0", 9),               // mail mode
      std::string("\0\1f\0octet", 9),                // mode without NUL
      std::string("\0\1f\0octet\0blksize\0", 18),    // option without value
      std::string("\0\1f\0octet\0a\0001\0A\0002\0", 18),  // duplicate option
      std::string("\0\1f\0octet\0\0x\0", 12),        // empty option name then junk
      std::string("\0\4\0\1\0", 5),                  // ACK of 5 bytes
      std::string("\0\5\0\1oops", 8),                // ERROR without NUL
      std::string("\0\5\0\1a\0b", 8),                // bytes after ERROR message
      std::string("\0\6", 2),                        // empty OACK
      std::string("\0\6\0\0", 4),                    // OACK with empty name
      std::string("\0\7\0\0", 4),                    // unknown opcode
      std::string("\0\0\0\0", 4),
  };
  for (const std::string& s : bad) {
    EXPECT_FALSE(ParsePacket(Bytes(s)).ok()) << testing::PrintToString(s);
  }
  std::string longname = std::string("\0\1", 2) + std::string(kMaxFilenameBytes + 1, 'a') +
                         std::string("\0octet\0", 7);
  EXPECT_FALSE(ParsePacket(Bytes(longname)).ok());
  std::vector<uint8_t> huge(kMaxPacketBytes + 1, 0);
  huge[1] = 3;
  EXPECT_FALSE(ParsePacket(huge).ok());
}

TEST(TftpPacket, AcceptsNulPaddingAfterRequest) {
  auto b = Bytes(std::string("\0\1f\0octet\0\0\0\0", 13));
  ASSERT_TRUE(ParsePacket(b).ok());
}

TEST(TftpPacket, ParseDecimalIsStrict) {
  EXPECT_EQ(ParseDecimal("65464"), 65464u);
  EXPECT_EQ(ParseDecimal("18446744073709551615"), UINT64_MAX);
  EXPECT_FALSE(ParseDecimal("18446744073709551616"));
  EXPECT_FALSE(ParseDecimal("+1"));
  EXPECT_FALSE(ParseDecimal("-1"));
  EXPECT_FALSE(ParseDecimal(""));
  EXPECT_FALSE(ParseDecimal("12a"));
}

Request MakeRequest(bool write, std::vector<Option> options) {
  Request r;
  r.is_write = write;
  r.filename = "f";
  r.options = std::move(options);
  return r;
}

TEST(TftpOptions, ServerClampsIgnoresAndAnswersTsize) {
  ServerLimits limits{.max_blksize = 65464, .max_windowsize = 64, .peer_receive_buffer = 0};
  ServerNegotiation n = NegotiateAsServer(
      MakeRequest(false, {{"blksize", "99999"}, {"windowsize", "512"}, {"timeout", "0"},
                          {"tsize", "0"}, {"multicast", ""}}),
      limits);
  EXPECT_EQ(n.options.blksize, 65464u);
  EXPECT_EQ(n.options.windowsize, 64u);
  EXPECT_FALSE(n.options.timeout_s);  // 0 is out of range: not acknowledged
  EXPECT_TRUE(n.tsize_requested);
  ASSERT_EQ(n.oack.size(), 2u);
  n = NegotiateAsServer(MakeRequest(false, {{"blksize", "7"}}), limits);
  EXPECT_TRUE(n.oack.empty());
  EXPECT_EQ(n.options.blksize, 512u);
  n = NegotiateAsServer(MakeRequest(true, {{"tsize", "1234"}, {"timeout", "3"}}), limits);
  EXPECT_EQ(n.options.tsize, 1234u);
  EXPECT_EQ(n.options.timeout_s, 3u);
  EXPECT_EQ(n.oack.size(), 2u);
}

TEST(TftpOptions, ClientChecksOack) {
  ClientWants w{.blksize = 1468, .windowsize = 16, .timeout_s = std::nullopt, .tsize = true};
  Oack ok{{{"blksize", "1024"}, {"windowsize", "8"}, {"tsize", "99"}}};
  Result<TransferOptions> t = AcceptOack(ok, w);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->blksize, 1024u);
  EXPECT_EQ(t->windowsize, 8u);
  EXPECT_EQ(t->tsize, 99u);
  EXPECT_FALSE(AcceptOack(Oack{{{"blksize", "2000"}}}, w).ok());
  EXPECT_FALSE(AcceptOack(Oack{{{"timeout", "5"}}}, w).ok());
  EXPECT_FALSE(AcceptOack(Oack{{{"windowsize", "0"}}}, w).ok());
}

TEST(Netascii, EncodesAndDecodesAcrossBlockBoundaries) {
  const std::string local = "line1\nbare\rcr\r\n\n\r";
  std::vector<uint8_t> wire;
  NetasciiEncode(Bytes(local), wire);
  EXPECT_EQ(std::string(wire.begin(), wire.end()),
            std::string("line1\r\nbare\r\0cr\r\0\r\n\r\n\r\0", 23));
  for (size_t cut = 0; cut <= wire.size(); ++cut) {
    NetasciiDecoder d;
    std::vector<uint8_t> out;
    d.Decode(std::span(wire).first(cut), out);
    d.Decode(std::span(wire).subspan(cut), out);
    d.Finish(out);
    EXPECT_EQ(std::string(out.begin(), out.end()), local) << "cut at " << cut;
  }
}

TEST(TftpOptions, ReadersGetTheWindowADefaultReceiveBufferHolds) {
  ServerLimits limits;  // the Linux default buffer
  auto window = [&](bool write, const std::string& blksize, const std::string& windowsize) {
    ServerNegotiation n = NegotiateAsServer(
        MakeRequest(write, {{"windowsize", windowsize}, {"blksize", blksize}}), limits);
    for (const auto& [name, value] : n.oack) {
      if (name == "windowsize") EXPECT_EQ(value, std::to_string(n.options.windowsize));
    }
    return n.options.windowsize;
  };
  EXPECT_EQ(window(false, "1468", "64"), 64u);  // 64 blocks of 1468 fit
  EXPECT_EQ(window(false, "8192", "64"), DatagramsInReceiveBuffer(8192, 212992));
  EXPECT_EQ(window(false, "8192", "16"), DatagramsInReceiveBuffer(8192, 212992));
  EXPECT_EQ(window(false, "65464", "64"), 2u);
  EXPECT_EQ(window(true, "65464", "64"), 64u);  // an upload: the server receives, into 4 MiB
  limits.peer_receive_buffer = 0;
  EXPECT_EQ(window(false, "65464", "64"), 64u);
}

TEST(TftpOptions, AnnouncedReceiveBufferSetsTheWindowCapAndIsNotAcknowledged) {
  ServerLimits limits;
  auto negotiate = [&](const std::string& rcvbuf) {
    return NegotiateAsServer(MakeRequest(false, {{"blksize", "65464"}, {"windowsize", "64"},
                                                 {"rcvbuf", rcvbuf}}),
                             limits);
  };
  ServerNegotiation n = negotiate("8388608");
  EXPECT_EQ(n.options.windowsize, 64u);  // 8 MiB holds 64 blocks of 65464
  EXPECT_EQ(n.peer_receive_buffer, 8388608u);
  for (const auto& [name, value] : n.oack) EXPECT_NE(name, "rcvbuf");
  EXPECT_EQ(negotiate("1048576").options.windowsize, DatagramsInReceiveBuffer(65464, 1048576));
  // Nonsense is ignored: the default buffer is assumed.
  for (const char* bad : {"12", "abc", "99999999999"}) {
    ServerNegotiation b = negotiate(bad);
    EXPECT_EQ(b.options.windowsize, 2u) << bad;
    EXPECT_EQ(b.peer_receive_buffer, kLinuxDefaultReceiveBuffer) << bad;
  }
  // The client side: the hint goes out on request, and an echo of it is no error.
  ClientWants w{.windowsize = 64, .receive_buffer = 8388608};
  OptionList asked = ClientRequestOptions(w);
  EXPECT_EQ(asked.back(), (std::pair<std::string, std::string>{"rcvbuf", "8388608"}));
  Result<TransferOptions> t = AcceptOack(Oack{{{"windowsize", "64"}, {"rcvbuf", "8388608"}}}, w);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->windowsize, 64u);
}

}  // namespace
}  // namespace iosup::tftp
