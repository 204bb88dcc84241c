import Foundation
import NIOCore
import NIOPosix
import TestSupport
import Testing

@testable import OpslineServer

/// Relays that cannot be trusted or do not answer: nothing is sent, and the attempt ends as one
/// to try again (`unreachable`), with a reason that names no password.
@Suite struct SMTPFailureTests {
    static func message() throws -> MailMessage {
        MailMessage(
            id: "msg_failure", date: Date(), from: try MailAddress("Opsline <opsline@example.com>"),
            to: ["oncall@example.com"], content: MailContent(subject: "s", text: "t", html: "h"))
    }

    @Test func aRelayWhoseCertificateIsNotTrustedGetsNothing() async throws {
        for (mode, scheme) in [(SMTPSink.Mode.startTLS, "smtp"), (.implicitTLS, "smtps")] {
            try await SMTPSink.with(SMTPSink.Options(mode: mode, login: ("u", "untrusted-pw"))) { sink in
                // No --smtp-ca-file: the sink's self-signed certificate is not trusted.
                let settings = try MailSettings(
                    url: SMTPURL(sink.url(scheme: scheme, user: "u", password: "untrusted-pw")),
                    from: MailAddress("opsline@example.com"))
                let answer = await Mailer(settings: settings, timeout: .seconds(30)).send(try Self.message())
                guard case .unreachable(let reason) = answer else {
                    Issue.record("\(scheme): \(answer)")
                    return
                }
                #expect(reason.contains("TLS failed") && !reason.contains("untrusted-pw"), "\(reason)")
                #expect(sink.received.isEmpty)
            }
        }
    }

    @Test func aRelayThatNeverAnswersTimesOut() async throws {
        // Accepts connections and says nothing, not even a greeting.
        let silent = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(silent.localAddress?.port)
        let settings = try MailSettings(
            url: SMTPURL("smtp://127.0.0.1:\(port)"), from: MailAddress("opsline@example.com"))
        let answer = await Mailer(settings: settings, timeout: .milliseconds(300)).send(try Self.message())
        #expect(answer == .unreachable("no answer within the time-out (127.0.0.1:\(port))"))
        try await silent.close()
    }

    @Test func aSettingsFileThatIsNoCertificateStopsTheStart() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-ca-\(UUID().uuidString).pem")
        try "not a certificate".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: MailSettingsError.self) {
            try MailSettings(
                url: SMTPURL("smtp://mail.example.com"), from: MailAddress("opsline@example.com"), caFile: file.path)
        }
    }

    @Test func aRelayThatDoesNotKnowEHLOIsGreetedWithHELO() async throws {
        let replies = [
            "EHLO": "502 5.5.1 Command not recognized\r\n", "HELO": "250 old.relay.test\r\n", "MAIL": "250 OK\r\n",
            "RCPT": "250 OK\r\n", "DATA": "354 Go ahead\r\n", ".": "250 Queued as 42\r\n", "QUIT": "221 Bye\r\n",
        ]
        try await ScriptedRelay.with(greeting: "220 old.relay.test ready\r\n", replies: replies) { relay in
            let settings = try MailSettings(
                url: SMTPURL("smtp://127.0.0.1:\(relay.port)"), from: MailAddress("opsline@example.com"))
            let answer = await Mailer(settings: settings, timeout: .seconds(30)).send(try Self.message())
            #expect(answer == .reply(250, "250 Queued as 42"))
            #expect(relay.received.map { String($0.prefix(4)) }.prefix(5) == ["EHLO", "HELO", "MAIL", "RCPT", "DATA"])
        }
    }

    @Test func aReplySlippedInAfterTheGoAheadForSTARTTLSEndsTheSession() async throws {
        // A man in the middle answering for the relay before TLS starts: whatever follows the
        // 220 in the clear must not be taken as the reply to a command sent under TLS.
        let replies = [
            "EHLO": "250-relay.test\r\n250 STARTTLS\r\n", "STARTTLS": "220 Go ahead\r\n250 injected\r\n",
        ]
        try await ScriptedRelay.with(greeting: "220 relay.test ready\r\n", replies: replies) { relay in
            let settings = try MailSettings(
                url: SMTPURL("smtp://127.0.0.1:\(relay.port)"), from: MailAddress("opsline@example.com"))
            let answer = await Mailer(settings: settings, timeout: .seconds(30)).send(try Self.message())
            guard case .unreachable(let reason) = answer else {
                Issue.record("\(answer)")
                return
            }
            #expect(reason.contains("broke the SMTP protocol"), "\(reason)")
            #expect(!relay.received.contains { $0.hasPrefix("MAIL") })
        }
    }
}
