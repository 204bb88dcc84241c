import Crypto
import Foundation

/// The secret of a dashboard session (the `opsline_session` cookie), and the hash under which it
/// is stored.
///
/// 256 random bits, so a plain SHA-256 stores it safely, exactly as API token secrets are stored
/// (``TokenSecret``).
public struct SessionSecret: Sendable, Hashable {
    /// The secret as the browser sends it.
    public let value: String

    /// Wraps a secret received from a browser.
    public init(_ value: String) { self.value = value }

    /// A new random secret: 64 hex digits.
    public static func generate() -> SessionSecret {
        SessionSecret(randomHex(bytes: 32))
    }

    /// SHA-256 of the secret: what the database keeps.
    var hash: [UInt8] { Array(SHA256.hash(data: Data(value.utf8))) }

    /// `bytes` random bytes from the system's generator, as hex digits (session secrets, CSRF
    /// tokens).
    public static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }.hexString
    }
}
