import Foundation
import OpslineStore
import Workflow

extension ChannelBody {
    /// Text the robots accept in one message: WeCom's markdown takes 4,096 bytes, and the others'
    /// limits are larger; a digest that would not fit names how many lines it left out.
    static let digestTextBudget = 3_800
    /// Slack's limit for a section's text is 3,000 characters.
    static let slackSectionBudget = 2_900

    /// A digest's body in `channel`'s format: the webhook's is `report`'s JSON, signed like an
    /// event's; the chat channels' is `content` as text; e-mail's is ``MailContent`` (text and
    /// HTML) as a delivery keeps it.
    static func renderDigest(_ channel: ChannelKind, content: DigestContent, report: JSONValue) -> String {
        let body: JSONValue
        switch channel {
        case .webhook:
            body = report
        case .slack:
            body = slackDigest(content)
        case .wecom:
            body = ["msgtype": "markdown", "markdown": ["content": .string(markdownDigest(content))]]
        case .dingtalk:
            body = [
                "msgtype": "markdown",
                "markdown": ["title": .string(content.title), "text": .string(markdownDigest(content))],
            ]
        case .feishu:
            body = ["msg_type": "text", "content": ["text": .string(fitted(content.plainText))]]
        case .email:
            return MailContent(digest: content).json
        }
        return body.jsonText
    }

    /// A Slack message: the title as `text`, then a block per section, each a list of lines.
    private static func slackDigest(_ content: DigestContent) -> JSONValue {
        var blocks: [JSONValue] = [
            ["type": "header", "text": ["type": "plain_text", "text": .string(String(content.title.prefix(150)))]],
            ["type": "context", "elements": [["type": "mrkdwn", "text": .string(escape(content.subtitle))]]],
        ]
        for section in content.sections {
            let head = "*\(escape(section.title)): \(section.count)*"
            let lines = section.rows.map { row -> String in
                var cells = row.cells
                let first = cells.isEmpty ? "" : cells.removeFirst()
                let lead = row.link.map { "<\($0)|\(escape(first))>" } ?? escape(first)
                let rest = DigestContent.line(DigestContent.Row(cells: [""] + cells), in: section)
                return "• " + lead + (rest.isEmpty ? "" : " · " + escape(rest))
            }
            let text = lines.isEmpty ? [head, escape(section.empty)] : [head] + lines
            blocks.append([
                "type": "section",
                "text": [
                    "type": "mrkdwn", "text": .string(joined(text, budget: slackSectionBudget, more: section.more)),
                ],
            ])
        }
        return ["text": .string(content.title), "blocks": .array(blocks)]
    }

    /// Markdown as WeCom and DingTalk robots render it.
    private static func markdownDigest(_ content: DigestContent) -> String {
        var lines = ["**\(content.title)**", "> \(content.subtitle)"]
        for section in content.sections {
            lines.append("")
            lines.append("**\(section.title): \(section.count)**")
            if section.rows.isEmpty { lines.append(section.empty) }
            lines += section.rows.map { row in
                var cells = row.cells
                let first = cells.isEmpty ? "" : cells.removeFirst()
                let lead = row.link.map { "[\(first)](\($0))" } ?? first
                let rest = DigestContent.line(DigestContent.Row(cells: [""] + cells), in: section)
                return "- " + lead + (rest.isEmpty ? "" : " · " + rest)
            }
            if let text = section.moreText { lines.append(text) }
        }
        return fitted(lines.joined(separator: "\n"))
    }

    /// `lines` joined, as many as fit `budget` UTF-8 bytes, then `and N more` for the rest.
    private static func joined(_ lines: [String], budget: Int, more: Int) -> String {
        var kept: [String] = []
        var used = 0
        for (index, line) in lines.enumerated() {
            let left = lines.count - index + more
            if used + line.utf8.count + 1 > budget - 40 {
                kept.append("and \(left) more")
                return kept.joined(separator: "\n")
            }
            kept.append(line)
            used += line.utf8.count + 1
        }
        if more > 0 { kept.append("and \(more) more") }
        return kept.joined(separator: "\n")
    }

    /// `text` cut at a line so that it fits ``digestTextBudget`` bytes, saying how many lines
    /// it left out.
    private static func fitted(_ text: String) -> String {
        guard text.utf8.count > digestTextBudget else { return text }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var kept: [String] = []
        var used = 0
        for (index, line) in lines.enumerated() {
            if used + line.utf8.count + 1 > digestTextBudget - 60 {
                kept.append("… \(lines.count - index) more lines; see opsline sla breaches and opsline sla at-risk")
                break
            }
            kept.append(line)
            used += line.utf8.count + 1
        }
        return kept.joined(separator: "\n")
    }
}
