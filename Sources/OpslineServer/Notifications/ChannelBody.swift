import Foundation
import OpslineStore
import Workflow

/// The body each channel's receiver accepts as it is; for e-mail, the message's content
/// (``MailContent``), which each attempt wraps in the same MIME message.
enum ChannelBody {
    /// The JSON a first attempt sends; later attempts send the same.
    /// - Parameters:
    ///   - channel: The subscription's channel.
    ///   - summary: What the message says.
    ///   - event: The event line (webhooks carry it whole), or `{"type":"test",…}`.
    ///   - task: The task line, for webhooks.
    static func render(
        _ channel: ChannelKind, summary: NotificationSummary, event: JSONValue, task: JSONValue?
    ) -> String {
        let body: JSONValue
        switch channel {
        case .webhook:
            body = ["type": event["type"] ?? "test", "event": event, "task": task ?? .null]
        case .slack:
            body = slack(summary)
        case .wecom:
            body = ["msgtype": "markdown", "markdown": ["content": .string(markdown(summary))]]
        case .dingtalk:
            body = [
                "msgtype": "markdown",
                "markdown": ["title": .string(summary.headline), "text": .string(markdown(summary))],
            ]
        case .feishu:
            body = ["msg_type": "text", "content": ["text": .string(summary.plainText)]]
        case .email:
            return MailContent(summary: summary).json
        }
        return body.jsonText
    }

    /// A Slack incoming-webhook message: `text` (shown in notifications, and all that
    /// Mattermost and Rocket.Chat need) and Block Kit blocks with the details and the link.
    private static func slack(_ summary: NotificationSummary) -> JSONValue {
        var blocks: [JSONValue] = [
            ["type": "section", "text": ["type": "mrkdwn", "text": .string("*\(escape(summary.headline))*")]]
        ]
        if !summary.details.isEmpty {
            let fields = summary.details.prefix(10).map { label, value -> JSONValue in
                ["type": "mrkdwn", "text": .string("*\(escape(label))*\n\(escape(value))")]
            }
            blocks.append(["type": "section", "fields": .array(fields)])
        }
        if let link = summary.link {
            blocks.append([
                "type": "context", "elements": [["type": "mrkdwn", "text": .string("<\(link)|Open in Opsline>")]],
            ])
        }
        return ["text": .string(summary.headline), "blocks": .array(blocks)]
    }

    /// Markdown as WeCom and DingTalk robots render it.
    private static func markdown(_ summary: NotificationSummary) -> String {
        var lines = ["**\(summary.headline)**"]
        lines += summary.details.map { "> \($0.0): \($0.1)" }
        if let link = summary.link { lines.append("[Open in Opsline](\(link))") }
        return lines.joined(separator: "\n")
    }

    /// Slack's three control characters in text.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
