import Foundation
import OpslineStore

/// One attempt of a delivery as it goes on the wire: where, with which headers, which bytes.
///
/// The body a delivery sends is fixed at its first attempt (``DeliveryQueue/keepBodies(_:)``);
/// what changes per attempt is only what the channel signs with the attempt's time: a webhook's
/// `webhook-timestamp` and `webhook-signature`, DingTalk's `timestamp` and `sign` in the URL,
/// Feishu's `timestamp` and `sign` in the body.
struct OutgoingMessage: Sendable {
    var url: String
    var headers: [(String, String)]
    var body: Data

    /// The attempt of `delivery` at `now`, sending `body`.
    static func attempt(of delivery: ClaimedDelivery, body: String, at now: Date) -> OutgoingMessage {
        let url = delivery.url ?? ""
        var message = OutgoingMessage(url: url, headers: [("content-type", "application/json")], body: Data(body.utf8))
        let seconds = Int64(now.timeIntervalSince1970.rounded(.down))
        switch delivery.channel {
        case .webhook:
            message.headers += [("webhook-id", delivery.id), ("webhook-timestamp", String(seconds))]
            if let signer = delivery.secret.flatMap(WebhookSignature.init(secret:)) {
                message.headers.append(
                    ("webhook-signature", signer.header(id: delivery.id, timestamp: seconds, body: message.body)))
            }
        case .dingtalk:
            if let secret = delivery.secret {
                message.url = RobotSignature.dingTalkURL(url, secret: secret, milliseconds: seconds * 1000)
            }
        case .feishu:
            if let secret = delivery.secret {
                message.body = RobotSignature.feishuBody(message.body, secret: secret, seconds: seconds)
            }
        case .slack, .wecom, .email:
            break
        }
        return message
    }
}
