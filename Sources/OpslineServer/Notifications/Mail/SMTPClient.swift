import Foundation
import NIOCore
import NIOSSL

/// One SMTP session that sends one message (RFC 5321): the greeting, `EHLO` (`HELO` when the
/// relay does not speak ESMTP), `STARTTLS` when offered (or required), `AUTH PLAIN` (or `LOGIN`)
/// with the URL's user and password — only over TLS — then `MAIL FROM`, one `RCPT TO` per
/// recipient, `DATA` with the message dot-stuffed, and `QUIT`.
struct SMTPClient: Sendable {
    let url: SMTPURL
    let tls: NIOSSLContext
    /// How long the whole session may take, connection included.
    let timeout: Duration
    /// The name this host gives in `EHLO`.
    var hostname = SMTPClient.localName

    /// Sends `message`.
    /// - Returns: The relay's reply to the message's data: `250` when it took the message, or
    ///   the `4xx`/`5xx` it answered instead.
    /// - Throws: ``SMTPError``: ``SMTPError/refused(_:)`` with the reply of a step before the data
    ///   that the relay refused (every recipient refused: the last refusal).
    func send(_ message: MailMessage) async throws(SMTPError) -> SMTPReply {
        let (connection, greeting) = try await SMTPConnection.open(url, tls: tls, timeout: timeout)
        do throws(SMTPError) {
            guard greeting.code == 220 else { throw SMTPError.refused(greeting) }
            try await prepare(connection)
            let reply = try await transfer(message, on: connection)
            _ = try? await connection.send("QUIT")
            await connection.close()
            return reply
        } catch {
            await connection.close()
            throw error
        }
    }

    /// `EHLO`, TLS, `AUTH`: ready for a message.
    private func prepare(_ connection: SMTPConnection) async throws(SMTPError) {
        var hello = try await connection.send("EHLO \(hostname)")
        if !hello.isPositive {
            // A relay that does not know EHLO: no extensions, so no STARTTLS and no AUTH.
            let helo = try await connection.send("HELO \(hostname)")
            guard helo.isPositive else { throw .refused(helo) }
            hello = SMTPReply(code: helo.code, lines: helo.lines.prefix(1).map { $0 })
        }
        var encrypted = url.security == .implicitTLS
        if !encrypted && hello.extensions["STARTTLS"] != nil {
            let ready = try await connection.send("STARTTLS")
            guard ready.code == 220 else { throw .refused(ready) }
            try await connection.startTLS(tls, host: url.host)
            encrypted = true
            // RFC 3207: forget what was said before TLS and ask again.
            hello = try await connection.send("EHLO \(hostname)")
            guard hello.isPositive else { throw .refused(hello) }
        } else if !encrypted && url.security == .startTLSRequired {
            throw .startTLSNotOffered
        }
        guard let user = url.user, let password = url.password else { return }
        guard encrypted else { throw .credentialsInTheClear }
        let mechanisms = hello.extensions["AUTH"] ?? []
        let done: SMTPReply
        if mechanisms.contains("PLAIN") {
            done = try await connection.send("AUTH PLAIN " + Self.base64("\0\(user)\0\(password)"))
        } else if mechanisms.contains("LOGIN") {
            let askUser = try await connection.send("AUTH LOGIN")
            guard askUser.code == 334 else { throw .refused(askUser) }
            let askPassword = try await connection.send(Self.base64(user))
            guard askPassword.code == 334 else { throw .refused(askPassword) }
            done = try await connection.send(Self.base64(password))
        } else {
            throw .noAuthMechanism(offered: mechanisms)
        }
        guard done.isPositive else { throw .refused(done) }
    }

    /// The envelope and the data.
    private func transfer(_ message: MailMessage, on connection: SMTPConnection) async throws(SMTPError) -> SMTPReply {
        let sender = try await connection.send("MAIL FROM:<\(message.from.address)>")
        guard sender.isPositive else { throw .refused(sender) }
        var accepted = 0
        var refusal: SMTPReply?
        for recipient in message.to {
            let reply = try await connection.send("RCPT TO:<\(recipient)>")
            if reply.isPositive { accepted += 1 } else { refusal = reply }
        }
        if accepted == 0, let refusal {
            _ = try? await connection.send("RSET")
            throw .refused(refusal)
        }
        let go = try await connection.send("DATA")
        guard go.code == 354 else { throw .refused(go) }
        return try await connection.send(bytes: Self.data(message.rendered))
    }

    /// `text` as `DATA` sends it: CRLF line ends, a line that starts with `.` given another one
    /// (RFC 5321 4.5.2), and the `.` line that ends it.
    static func data(_ text: String) -> ByteBuffer {
        // Bytes, not characters: to Swift "\r\n" is one character, which no "\n" matches.
        var lines = Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
            line in line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(text.utf8.count + lines.count + 8)
        for line in lines {
            if line.first == UInt8(ascii: ".") { buffer.writeInteger(UInt8(ascii: ".")) }
            buffer.writeBytes(line)
            buffer.writeString("\r\n")
        }
        buffer.writeString(".\r\n")
        return buffer
    }

    private static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    /// This host's name, when it is one EHLO may carry; else `localhost`.
    static let localName: String = {
        let name = ProcessInfo.processInfo.hostName
        return name.wholeMatch(of: /[A-Za-z0-9]([A-Za-z0-9.-]{0,252})/) != nil ? name : "localhost"
    }()
}
