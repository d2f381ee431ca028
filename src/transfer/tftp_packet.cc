#include "transfer/tftp_packet.h"

#include <cctype>

namespace iosup::tftp {

namespace {

uint16_t Load16(std::span<const uint8_t> p, size_t at) {
  return static_cast<uint16_t>((p[at] << 8) | p[at + 1]);
}

void Append16(uint16_t v, std::vector<uint8_t>& out) {
  out.push_back(static_cast<uint8_t>(v >> 8));
  out.push_back(static_cast<uint8_t>(v & 0xff));
}

void AppendString(std::string_view s, std::vector<uint8_t>& out) {
  out.insert(out.end(), s.begin(), s.end());
  out.push_back(0);
}

// Reads NUL-terminated strings from a byte range. Invariant: pos_ <= bytes_.size().
class StringReader {
 public:
  explicit StringReader(std::span<const uint8_t> bytes) : bytes_(bytes) {}
  bool at_end() const { return pos_ == bytes_.size(); }
  // True when everything left is NUL padding.
  bool only_padding_left() const {
    for (size_t i = pos_; i < bytes_.size(); ++i) {
      if (bytes_[i] != 0) return false;
    }
    return true;
  }
  std::optional<std::string_view> Next() {
    for (size_t i = pos_; i < bytes_.size(); ++i) {
      if (bytes_[i] == 0) {
        std::string_view s(reinterpret_cast<const char*>(bytes_.data()) + pos_, i - pos_);
        pos_ = i + 1;
        return s;
      }
    }
    return std::nullopt;  // no terminator
  }

 private:
  std::span<const uint8_t> bytes_;
  size_t pos_ = 0;
};

Status Malformed(std::string what) { return InvalidArgument("malformed TFTP packet: " + what); }

// Options until the end of `r`; `allow_padding` accepts trailing NULs (requests only).
Result<std::vector<Option>> ParseOptions(StringReader& r, bool allow_padding) {
  std::vector<Option> options;
  while (!r.at_end()) {
    if (allow_padding && r.only_padding_left()) break;
    std::optional<std::string_view> name = r.Next();
    if (!name) return Malformed("option name without NUL");
    if (name->empty()) return Malformed("empty option name");
    std::optional<std::string_view> value = r.Next();
    if (!value) return Malformed("option " + std::string(*name) + " without value");
    for (const Option& o : options) {
      if (EqualsIgnoreCase(o.name, *name)) return Malformed("duplicate option " + std::string(*name));
    }
    if (options.size() == kMaxOptions) return Malformed("too many options");
    options.push_back({*name, *value});
  }
  return options;
}

Result<Packet> ParseRequest(std::span<const uint8_t> body, bool is_write) {
  StringReader r(body);
  std::optional<std::string_view> filename = r.Next();
  if (!filename) return Malformed("file name without NUL");
  if (filename->empty()) return Malformed("empty file name");
  if (filename->size() > kMaxFilenameBytes) return Malformed("file name too long");
  std::optional<std::string_view> mode_name = r.Next();
  if (!mode_name) return Malformed("mode without NUL");
  Request req;
  req.is_write = is_write;
  req.filename = *filename;
  if (EqualsIgnoreCase(*mode_name, "octet")) {
    req.mode = Mode::kOctet;
  } else if (EqualsIgnoreCase(*mode_name, "netascii")) {
    req.mode = Mode::kNetascii;
  } else {
    return Malformed("unsupported mode " + std::string(mode_name->substr(0, 32)));
  }
  Result<std::vector<Option>> options = ParseOptions(r, /*allow_padding=*/true);
  if (!options.ok()) return options.status();
  req.options = std::move(*options);
  return Packet(std::move(req));
}

Result<Packet> ParseError(std::span<const uint8_t> datagram) {
  if (datagram.size() < 5) return Malformed("short ERROR");
  Error e;
  uint16_t code = Load16(datagram, 2);
  e.code = code <= 8 ? static_cast<ErrorNumber>(code) : ErrorNumber::kNotDefined;
  StringReader r(datagram.subspan(4));
  std::optional<std::string_view> msg = r.Next();
  if (!msg) return Malformed("ERROR message without NUL");
  if (!r.at_end()) return Malformed("bytes after ERROR message");
  e.message = *msg;
  return Packet(e);
}

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::optional<uint64_t> ParseDecimal(std::string_view text) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

Result<Packet> ParsePacket(std::span<const uint8_t> datagram) {
  if (datagram.size() < 4) return Malformed("shorter than 4 bytes");
  uint16_t op = Load16(datagram, 0);
  switch (op) {
    case static_cast<uint16_t>(Opcode::kRrq):
    case static_cast<uint16_t>(Opcode::kWrq):
      return ParseRequest(datagram.subspan(2), op == static_cast<uint16_t>(Opcode::kWrq));
    case static_cast<uint16_t>(Opcode::kData):
      if (datagram.size() > kMaxPacketBytes) return Malformed("DATA larger than 65464 bytes");
      return Packet(Data{Load16(datagram, 2), datagram.subspan(4)});
    case static_cast<uint16_t>(Opcode::kAck):
      if (datagram.size() != 4) return Malformed("ACK is not 4 bytes");
      return Packet(Ack{Load16(datagram, 2)});
    case static_cast<uint16_t>(Opcode::kError):
      return ParseError(datagram);
    case static_cast<uint16_t>(Opcode::kOack): {
      StringReader r(datagram.subspan(2));
      Result<std::vector<Option>> options = ParseOptions(r, /*allow_padding=*/false);
      if (!options.ok()) return options.status();
      if (options->empty()) return Malformed("OACK without options");
      return Packet(Oack{std::move(*options)});
    }
    default:
      return Malformed("unknown opcode " + std::to_string(op));
  }
}

void AppendRequest(bool is_write, std::string_view filename, Mode mode,
                   std::span<const std::pair<std::string, std::string>> options,
                   std::vector<uint8_t>& out) {
  Append16(static_cast<uint16_t>(is_write ? Opcode::kWrq : Opcode::kRrq), out);
  AppendString(filename, out);
  AppendString(ModeName(mode), out);
  for (const auto& [name, value] : options) {
    AppendString(name, out);
    AppendString(value, out);
  }
}

void AppendOack(std::span<const std::pair<std::string, std::string>> options,
                std::vector<uint8_t>& out) {
  Append16(static_cast<uint16_t>(Opcode::kOack), out);
  for (const auto& [name, value] : options) {
    AppendString(name, out);
    AppendString(value, out);
  }
}

void AppendError(ErrorNumber code, std::string_view message, std::vector<uint8_t>& out) {
  Append16(static_cast<uint16_t>(Opcode::kError), out);
  Append16(static_cast<uint16_t>(code), out);
  AppendString(message.substr(0, 256), out);
}

void AppendAck(uint16_t block, std::vector<uint8_t>& out) {
  Append16(static_cast<uint16_t>(Opcode::kAck), out);
  Append16(block, out);
}

std::array<uint8_t, 4> DataHeader(uint16_t block) {
  return {0, static_cast<uint8_t>(Opcode::kData), static_cast<uint8_t>(block >> 8),
          static_cast<uint8_t>(block & 0xff)};
}

std::string_view ModeName(Mode mode) { return mode == Mode::kOctet ? "octet" : "netascii"; }

std::string_view OpcodeName(Opcode op) {
  switch (op) {
    case Opcode::kRrq: return "RRQ";
    case Opcode::kWrq: return "WRQ";
    case Opcode::kData: return "DATA";
    case Opcode::kAck: return "ACK";
    case Opcode::kError: return "ERROR";
    case Opcode::kOack: return "OACK";
  }
  return "?";
}

}  // namespace iosup::tftp
