import Foundation
import NIOCore
import TestSupport
import Testing

@testable import OpslineServer

/// What goes on the wire to an SMTP relay, read back the way a mail reader and a relay read it.
@Suite struct MailFormatTests {
    static let summary = NotificationSummary(
        headline: "SLA breached: resolution of CMP-12 at 2026-11-28 23:30 (Asia/Shanghai)",
        details: [("Task", "CMP-12"), ("Title", "退款未到账 <b>加急</b> & \"VIP\"")],
        link: "https://ops.example.com/ui/tasks/CMP-12?x=1&y=2")

    static func message(subject: String? = nil) throws -> MailMessage {
        var content = MailContent(summary: summary)
        if let subject { content.subject = subject }
        return MailMessage(
            id: "msg_0123abcd", date: Date(timeIntervalSince1970: 1_795_000_000),
            from: try MailAddress("Opsline 运维 <opsline@example.com>"), to: ["a@example.com", "b@example.com"],
            content: content)
    }

    @Test func aMessageIsMultipartAlternativeWithBothPartsInUTF8AndAnEncodedSubject() throws {
        let raw = try Self.message().rendered
        #expect(raw.unicodeScalars.allSatisfy { $0.isASCII }, "only ASCII on the wire")
        let mail = ParsedMail(raw)
        #expect(mail.linesAreWellFormed)
        #expect(mail.header("Subject") == "\(Self.summary.headline) — 退款未到账 <b>加急</b> & \"VIP\"")
        #expect(mail.header("Message-ID") == "<msg_0123abcd@example.com>")
        #expect(mail.header("From") == "Opsline 运维 <opsline@example.com>")
        #expect(mail.header("To") == "a@example.com, b@example.com")
        #expect(mail.header("Date") == "Wed, 18 Nov 2026 11:06:40 +0000")
        #expect(mail.header("Content-Type")?.hasPrefix("multipart/alternative") == true)
        let text = try #require(mail.part("text/plain"))
        #expect(text.contains("Title: 退款未到账 <b>加急</b> & \"VIP\""), "\(text)")
        #expect(text.contains("https://ops.example.com/ui/tasks/CMP-12?x=1&y=2"))
        let html = try #require(mail.part("text/html"))
        #expect(html.contains("<td>退款未到账 &lt;b&gt;加急&lt;/b&gt; &amp; &quot;VIP&quot;</td>"), "\(html)")
        #expect(html.contains(#"<a href="https://ops.example.com/ui/tasks/CMP-12?x=1&amp;y=2">"#))
        #expect(!html.contains("<b>"), "nothing of the task's reaches the HTML unescaped")
    }

    @Test func aLongChineseSubjectIsSplitIntoEncodedWordsOfAtMost75Characters() throws {
        let subject = String(repeating: "客户投诉升级处理超时", count: 12)
        let raw = try Self.message(subject: subject).rendered
        let lines = raw.components(separatedBy: "\r\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("Subject: ") })
        let folded = lines[start...].prefix { $0 == lines[start] || $0.hasPrefix(" ") }
        #expect(folded.count > 1)
        #expect(folded.allSatisfy { $0.count <= 78 })
        for word in raw.matches(of: /=\?UTF-8\?B\?[^?]*\?=/) { #expect(word.output.count <= 75) }
        #expect(ParsedMail(raw).header("Subject") == subject, "each word holds whole characters")
    }

    @Test func dataIsDotStuffedWithCRLFLineEndsAndEndsWithALoneDot() {
        var buffer = SMTPClient.data("Subject: x\n\n.hidden\r\n..two\nlast.\n")
        #expect(
            buffer.readString(length: buffer.readableBytes) == "Subject: x\r\n\r\n..hidden\r\n...two\r\nlast.\r\n.\r\n")
    }

    @Test func repliesAreReadAcrossLinesAndReads() throws {
        var parser = SMTPReplyParser()
        var buffer = ByteBuffer(string: "250-sink.test\r\n250-STARTTLS\r\n250-AUTH PLAIN LO")
        #expect(try parser.next(&buffer) == nil)
        buffer.writeString("GIN\r\n250 8BITMIME\r\n354 go on\n")
        let hello = try #require(try parser.next(&buffer))
        #expect(hello.code == 250 && hello.lines.count == 4)
        #expect(hello.extensions["STARTTLS"] == [] && hello.extensions["AUTH"] == ["PLAIN", "LOGIN"])
        #expect(try parser.next(&buffer) == SMTPReply(code: 354, lines: ["go on"]))
        var garbage = ByteBuffer(string: "HTTP/1.1 200 OK\r\n")
        #expect(throws: SMTPError.self) { try parser.next(&garbage) }
    }

    @Test func theURLReadsItsPartsAndNeverShowsItsPassword() throws {
        let url = try SMTPURL("smtp://ops%40example.com:p%40ss%20w0rd@mail.example.com?starttls=required")
        #expect(url.host == "mail.example.com" && url.port == 587 && url.security == .startTLSRequired)
        #expect(url.user == "ops@example.com" && url.password == "p@ss w0rd")
        #expect(url.redacted == "smtp://ops%40example.com:***@mail.example.com:587?starttls=required")
        #expect(!"\(url)".contains("w0rd") && !String(reflecting: url).contains("w0rd"))
        let secure = try SMTPURL("smtps://relay.example.com")
        #expect(secure.port == 465 && secure.security == .implicitTLS && secure.user == nil)
        for bad in ["http://x.example.com", "smtp://", "smtp://u:secretpw@h?tls=yes", "smtps://h?starttls=required"] {
            do {
                _ = try SMTPURL(bad)
                Issue.record("\(bad) was taken")
            } catch {
                #expect(!"\(error)".contains("secretpw"), "\(error)")
            }
        }
    }

    @Test func senderAddressesReadWithOrWithoutAName() throws {
        #expect(
            try MailAddress("Opsline <opsline@example.com>") == (try MailAddress("\"Opsline\" <opsline@example.com>")))
        #expect(try MailAddress("opsline@example.com").name == nil)
        #expect(try MailAddress("Opsline <opsline@example.com>").header == "Opsline <opsline@example.com>")
        for bad in ["opsline", "a@b", "x <y@example.com", "a@example.com\r\nBcc: c@example.com", "运维@example.com"] {
            #expect(throws: MailAddressError.self, "\(bad)") { try MailAddress(bad) }
        }
    }
}
