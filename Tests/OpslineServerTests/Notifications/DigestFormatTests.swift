import Foundation
import Testing

@testable import OpslineServer
@testable import OpslineStore
@testable import Workflow

/// A digest's content as each chat channel gets it: counts with the lists capped, and messages
/// that stay within what the robots accept.
@Suite struct DigestFormatTests {
    /// A digest whose breach list holds `rows` of `count` breaches.
    static func content(rows: Int, count: Int, title: String = "Checkout down") -> DigestContent {
        let breaches = DigestContent.Section(
            title: "Open breaches", count: count, columns: ["Task", "Title", "Policy", "Breached at", "Team"],
            rows: (1...rows).map { number in
                DigestContent.Row(
                    cells: ["DSK-\(number)", title, "resolution", "2026-12-02 14:00", "support"],
                    link: "https://ops.example.com/ui/tasks/DSK-\(number)")
            }, empty: "No open breaches.")
        let compliance = DigestContent.Section(
            title: "SLA compliance 2026-12-02", count: 1, columns: ["Team", "Met", "Breached", "Compliance"],
            rows: [DigestContent.Row(cells: ["support", "3", "1", "75.0%"])], empty: "None.", labelsCells: true)
        let quiet = DigestContent.Section(
            title: "At risk by 2026-12-04 09:00", count: 0, columns: ["Task"], rows: [],
            empty: "Nothing falls due before the next digest.")
        return DigestContent(
            title: "Daily digest support-morning: 2026-12-03", subtitle: "Teams support · times in Asia/Shanghai",
            sections: [breaches, quiet, compliance])
    }

    static func body(_ channel: ChannelKind, _ content: DigestContent) throws -> JSONValue {
        try JSONValue.parse(ChannelBody.renderDigest(channel, content: content, report: ["type": "digest"]))
    }

    @Test func aCappedListSaysHowManyItLeftOut() throws {
        let content = Self.content(rows: 20, count: 23)
        #expect(content.plainText.contains("Open breaches (23)"))
        #expect(content.plainText.contains("- DSK-20 · Checkout down · resolution · 2026-12-02 14:00 · support"))
        #expect(content.plainText.contains("and 3 more"))
        #expect(content.plainText.contains("Nothing falls due before the next digest."))
        #expect(content.plainText.contains("- support · met 3 · breached 1 · compliance 75.0%"))
        let slack = try Self.body(.slack, content)
        let sections = (slack["blocks"]?.arrayValue ?? []).compactMap { $0["text"]?["text"]?.stringValue }
        let breaches = try #require(sections.first { $0.hasPrefix("*Open breaches: 23*") })
        #expect(breaches.contains("• <https://ops.example.com/ui/tasks/DSK-1|DSK-1> · Checkout down"))
        #expect(breaches.hasSuffix("and 3 more"))
        let wecom = try Self.body(.wecom, content)
        let markdown = try #require(wecom["markdown"]?["content"]?.stringValue)
        #expect(markdown.hasPrefix("**Daily digest support-morning: 2026-12-03**"))
        #expect(markdown.contains("- [DSK-1](https://ops.example.com/ui/tasks/DSK-1) · Checkout down"))
        #expect(markdown.contains("and 3 more"))
        let dingtalk = try Self.body(.dingtalk, content)
        #expect(dingtalk["markdown"]?["title"] == "Daily digest support-morning: 2026-12-03")
        let feishu = try Self.body(.feishu, content)
        #expect(feishu["msg_type"] == "text")
        #expect(feishu["content"]?["text"]?.stringValue?.contains("Open breaches (23)") == true)
        #expect(try Self.body(.webhook, content) == ["type": "digest"])
    }

    @Test func longTitlesStayWithinTheRobotsLimits() throws {
        let content = Self.content(rows: 20, count: 20, title: String(repeating: "结账页面无法打开", count: 30))
        let wecom = try Self.body(.wecom, content)
        let markdown = try #require(wecom["markdown"]?["content"]?.stringValue)
        #expect(markdown.utf8.count <= 4096, "\(markdown.utf8.count)")
        #expect(markdown.contains("more lines"))
        let slack = try Self.body(.slack, content)
        for block in slack["blocks"]?.arrayValue ?? [] {
            #expect((block["text"]?["text"]?.stringValue?.count ?? 0) <= 3000)
        }
    }
}
