import Crypto
import Foundation
import Testing

@testable import OpslineServer
@testable import OpslineStore
@testable import Workflow

/// What each chat channel's receiver gets: the shapes their documentation gives, and the robots'
/// optional signatures recomputed here from the documented recipe.
@Suite struct ChannelFormatTests {
    static let summary = NotificationSummary(
        headline: "SLA breached: resolution of CMP-12 at 2026-11-28 23:30 (Asia/Shanghai)",
        details: [("Task", "CMP-12"), ("Title", "Refund <missing> & late")],
        link: "https://ops.example.com/ui/tasks/CMP-12")

    static func body(_ channel: ChannelKind) throws -> JSONValue {
        try JSONValue.parse(ChannelBody.render(channel, summary: summary, event: ["type": "sla_breached"], task: nil))
    }

    @Test func slackGetsTextAndBlocksWithItsCharactersEscaped() throws {
        let message = try Self.body(.slack)
        #expect(message["text"] == .string(Self.summary.headline))
        let blocks = try #require(message["blocks"]?.arrayValue)
        #expect(blocks.first?["type"] == "section")
        let fields = try #require(blocks[1]["fields"]?.arrayValue)
        #expect(fields[1]["text"] == "*Title*\nRefund &lt;missing&gt; &amp; late")
        #expect(
            blocks.last?["elements"]?.arrayValue?.first?["text"]
                == "<https://ops.example.com/ui/tasks/CMP-12|Open in Opsline>")
    }

    @Test func theChineseRobotsGetTheirOwnMessageTypes() throws {
        let wecom = try Self.body(.wecom)
        #expect(wecom["msgtype"] == "markdown")
        #expect(wecom["markdown"]?["content"]?.stringValue?.hasPrefix("**SLA breached") == true)
        let dingtalk = try Self.body(.dingtalk)
        #expect(dingtalk["msgtype"] == "markdown" && dingtalk["markdown"]?["title"] == .string(Self.summary.headline))
        let feishu = try Self.body(.feishu)
        #expect(feishu["msg_type"] == "text")
        #expect(feishu["content"]?["text"]?.stringValue?.contains("Task: CMP-12") == true)
    }

    @Test func dingTalkSignsTheURLAndFeishuTheBody() throws {
        let secret = "SEC0123456789abcdef"
        let url = RobotSignature.dingTalkURL(
            "https://oapi.dingtalk.com/robot/send?access_token=abc", secret: secret, milliseconds: 1_700_000_000_000)
        let components = try #require(URLComponents(string: url))
        let query = Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        #expect(query["access_token"] == "abc" && query["timestamp"] == "1700000000000")
        let expected = HMAC<SHA256>.authenticationCode(
            for: Data("1700000000000\n\(secret)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        #expect(query["sign"] == Data(expected).base64EncodedString(), "the sign, URL-decoded, is the base64 HMAC")
        let rawSign = try #require(url.split(separator: "sign=").last)
        #expect(!rawSign.contains(where: { "+/=".contains($0) }), "base64's +, / and = are percent-encoded: \(url)")

        let signed = RobotSignature.feishuBody(
            Data(#"{"msg_type":"text"}"#.utf8), secret: secret, seconds: 1_700_000_000)
        let object = try JSONValue.parse(signed)
        let key = SymmetricKey(data: Data("1700000000\n\(secret)".utf8))
        #expect(object["timestamp"] == "1700000000")
        #expect(
            object["sign"]
                == .string(Data(HMAC<SHA256>.authenticationCode(for: Data(), using: key)).base64EncodedString()))
        #expect(object["msg_type"] == "text")
    }
}
