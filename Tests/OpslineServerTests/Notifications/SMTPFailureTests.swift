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
}
