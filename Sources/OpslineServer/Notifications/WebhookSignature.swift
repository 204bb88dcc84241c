import Crypto
import Foundation

/// Signs a webhook the way the Standard Webhooks specification says (standardwebhooks.com):
/// `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed with the secret's
/// bytes (a `whsec_` prefix dropped, the rest base64-decoded).
struct WebhookSignature {
    private let key: SymmetricKey

    /// The signer of `secret`; `nil` when it is not `whsec_` and base64.
    init?(secret: String) {
        let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
        guard let bytes = Data(base64Encoded: encoded), !bytes.isEmpty else { return nil }
        key = SymmetricKey(data: bytes)
    }

    /// The `webhook-signature` header's value for one attempt.
    /// - Parameters:
    ///   - id: The delivery id (`webhook-id`), the same on every attempt.
    ///   - timestamp: The attempt's time in whole seconds since 1970 (`webhook-timestamp`).
    ///   - body: The exact bytes sent.
    func header(id: String, timestamp: Int64, body: Data) -> String {
        var signed = Data("\(id).\(timestamp).".utf8)
        signed.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: key)
        return "v1," + Data(mac).base64EncodedString()
    }
}
