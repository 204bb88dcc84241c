import Foundation
import OpslineStore

#if canImport(Glibc)
    import Glibc
#endif

/// Where notifications may go (`opsline serve --allow-insecure-webhooks --webhook-allow …`).
///
/// A URL must be `https`, unless insecure webhooks are allowed, and every address its host
/// resolves to must be outside this host, the private networks and link-local space (cloud
/// metadata), unless a range given with `--webhook-allow` holds it: a subscription must not turn
/// the server into a way into the operator's network. The check runs when a subscription is
/// created and again before every send (the name may resolve elsewhere by then). Redirects are
/// never followed.
public struct DestinationPolicy: Sendable {
    /// Whether `http` URLs are allowed.
    public var allowsInsecure: Bool
    /// Internal ranges that are allowed anyway.
    var allowed: [AddressRange]

    /// A policy.
    /// - Parameters:
    ///   - allowsInsecure: Whether `http` URLs are allowed.
    ///   - allowed: Addresses or CIDR ranges (`127.0.0.1`, `10.0.0.0/8`) that may be reached.
    /// - Throws: ``NotificationError/invalid(field:problem:)`` for a range that does not read.
    public init(allowsInsecure: Bool = false, allowed: [String] = []) throws(NotificationError) {
        self.allowsInsecure = allowsInsecure
        self.allowed = []
        for text in allowed {
            guard let range = AddressRange(text.trimmingCharacters(in: .whitespaces)) else {
                throw .invalid(
                    field: "--webhook-allow", problem: "has '\(text)', which is not an address or CIDR range")
            }
            self.allowed.append(range)
        }
    }

    /// `https` only, no internal addresses: the default.
    public static let secure = DestinationPolicy(allowsInsecure: false, ranges: [])

    private init(allowsInsecure: Bool, ranges: [AddressRange]) {
        self.allowsInsecure = allowsInsecure
        self.allowed = ranges
    }

    /// Throws unless `url` may be reached; `field` names it in the refusal.
    func check(_ url: String, field: String = "channel.url") async throws(NotificationError) {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            let host = parsed.host(percentEncoded: false)
        else { throw .invalid(field: field, problem: "must be an http(s) URL") }
        guard scheme == "https" || (scheme == "http" && allowsInsecure) else {
            throw .invalid(
                field: field, problem: "must be https (the server allows http only with --allow-insecure-webhooks)")
        }
        let addresses = await Self.resolve(host)
        guard !addresses.isEmpty else {
            throw .invalid(field: field, problem: "names host \(host), which does not resolve")
        }
        for address in addresses.map(\.unmappedAddress) where Self.isInternal(address) && !isAllowed(address) {
            throw .invalid(
                field: field,
                problem: "resolves to an internal address of this host or network; the server reaches those only "
                    + "when --webhook-allow lists them")
        }
    }

    private func isAllowed(_ address: [UInt8]) -> Bool {
        allowed.contains { $0.contains(address) }
    }

    private static func isInternal(_ address: [UInt8]) -> Bool {
        AddressRange.internalRanges.contains { $0.contains(address) }
    }

    /// Every address `host` resolves to (a literal address is itself), on NIO's blocking pool.
    static func resolve(_ host: String) async -> [[UInt8]] {
        if let literal = AddressRange.addressBytes(host) { return [literal] }
        return await BlockingWork.run(within: .seconds(10)) { lookUp(host) } ?? []
    }

    private static func lookUp(_ host: String) -> [[UInt8]] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [[UInt8]] = []
        for entry in sequence(first: first, next: { $0.pointee.ai_next }) {
            guard let socketAddress = entry.pointee.ai_addr else { continue }
            switch Int32(socketAddress.pointee.sa_family) {
            case AF_INET:
                socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    var address = $0.pointee.sin_addr
                    addresses.append(withUnsafeBytes(of: &address) { Array($0) })
                }
            case AF_INET6:
                socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    var address = $0.pointee.sin6_addr
                    addresses.append(withUnsafeBytes(of: &address) { Array($0) })
                }
            default: continue
            }
        }
        return addresses
    }
}
