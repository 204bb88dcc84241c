import Crypto
import Foundation

/// A bearer-token secret and the hash under which it is stored.
///
/// Secrets carry 160 random bits, so a plain SHA-256 is enough to store them safely (as GitHub
/// does for its tokens); a slow password hash would only cost time on every request.
public struct TokenSecret: Sendable, Hashable {
    /// The secret as the client sends it.
    public let value: String

    /// Wraps a secret received from a client or from configuration.
    public init(_ value: String) { self.value = value }

    /// A new random secret, `opl_` followed by 40 hex digits.
    static func generate() -> TokenSecret {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<20).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return TokenSecret("opl_" + bytes.hexString)
    }

    /// SHA-256 of the secret: what the database keeps.
    var hash: [UInt8] { Array(SHA256.hash(data: Data(value.utf8))) }
}
