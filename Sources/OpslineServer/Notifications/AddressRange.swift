import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An IP address range in CIDR form (`10.0.0.0/8`, `127.0.0.1`, `fd00::/8`), for deciding which
/// destinations notifications may reach.
struct AddressRange: Sendable, Hashable, CustomStringConvertible {
    /// The network's address bytes: 4 for IPv4, 16 for IPv6.
    let bytes: [UInt8]
    /// How many leading bits must match.
    let prefixLength: Int

    /// Parses `address` or `address/prefix`; `nil` when it is neither.
    init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let bytes = Self.addressBytes(first) else { return nil }
        let length = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
        guard let length, (0...(bytes.count * 8)).contains(length) else { return nil }
        self.bytes = bytes
        self.prefixLength = length
    }

    /// Whether `address` (4 or 16 bytes) is in the range.
    func contains(_ address: [UInt8]) -> Bool {
        guard address.count == bytes.count else { return false }
        var bits = prefixLength
        for (have, want) in zip(address, bytes) where bits > 0 {
            let mask: UInt8 = bits >= 8 ? 0xFF : ~(0xFF >> UInt8(bits))
            if have & mask != want & mask { return false }
            bits -= 8
        }
        return true
    }

    var description: String {
        let text = bytes.count == 4 ? bytes.map(String.init).joined(separator: ".") : Self.ipv6Text(bytes)
        return prefixLength == bytes.count * 8 ? text : "\(text)/\(prefixLength)"
    }

    /// The bytes of an IPv4 or IPv6 address written as text (IPv6 with or without brackets).
    static func addressBytes(_ text: String) -> [UInt8]? {
        let bare = text.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        var v4 = in_addr()
        if inet_pton(AF_INET, bare, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, bare, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    private static func ipv6Text(_ bytes: [UInt8]) -> String {
        var address = in6_addr()
        withUnsafeMutableBytes(of: &address) { $0.copyBytes(from: bytes) }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count)) != nil else { return "?" }
        let text = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: text, as: UTF8.self)
    }

    /// Addresses a notification must not reach unless the operator allows them: this host, the
    /// private networks, link-local (cloud metadata services), and addresses no host has.
    static let internalRanges: [AddressRange] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8",
    ].compactMap(AddressRange.init)
}

extension [UInt8] {
    /// An IPv4 address mapped into IPv6 (`::ffff:a.b.c.d`) as its 4 bytes; others as they are.
    var unmappedAddress: [UInt8] {
        guard count == 16, self[0..<10].allSatisfy({ $0 == 0 }), self[10] == 0xFF, self[11] == 0xFF else { return self }
        return Array(self[12...])
    }
}
