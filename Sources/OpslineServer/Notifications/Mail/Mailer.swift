import Foundation
import NIOSSL
import OpslineStore

/// How the server sends e-mail (`opsline serve --smtp-url … --smtp-from … [--smtp-ca-file …]`).
public struct MailSettings: Sendable {
    /// The relay, with its login.
    public let url: SMTPURL
    /// The sender: `From:`, `MAIL FROM` and the domain of `Message-ID`s.
    public let from: MailAddress
    /// TLS as the relay's certificate is checked: the system's roots, and `--smtp-ca-file`'s.
    let tls: NIOSSLContext

    /// Settings; the certificates are read now, so a bad file stops the server at start.
    /// - Parameter caFile: A PEM file of CA certificates trusted besides the system's, for a
    ///   private relay.
    /// - Throws: ``MailSettingsError``.
    public init(url: SMTPURL, from: MailAddress, caFile: String? = nil) throws(MailSettingsError) {
        self.url = url
        self.from = from
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile {
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(caFile)
                guard !certificates.isEmpty else { throw MailSettingsError.caFile("\(caFile) holds no certificate") }
                configuration.additionalTrustRoots = [.certificates(certificates)]
            } catch let error as MailSettingsError {
                throw error
            } catch {
                throw .caFile("could not read \(caFile) as PEM certificates (\(error))")
            }
        }
        do {
            tls = try NIOSSLContext(configuration: configuration)
        } catch {
            throw .caFile("could not set up TLS (\(error))")
        }
    }
}

/// Settings that cannot work.
public enum MailSettingsError: Error, Sendable, CustomStringConvertible {
    case caFile(String)

    public var description: String {
        switch self {
        case .caFile(let problem): problem
        }
    }
}

/// Sends e-mail through the configured relay, one SMTP session a message, and says what the
/// relay did in the terms of the retry policy: its reply to the message (`250`, `451`, `550`),
/// the reply of the step it refused, or why there was none.
///
/// Digests and notifications alike: build a ``MailMessage`` (``MailContent`` renders one) and
/// ``send(_:)`` it.
public struct Mailer: Sendable {
    public let settings: MailSettings
    /// How long one attempt may take, connection included (`--webhook-timeout`).
    public let timeout: Duration

    public init(settings: MailSettings, timeout: Duration) {
        self.settings = settings
        self.timeout = timeout
    }

    /// Sends `message`. `.reply` carries the relay's code and reply line; `.unreachable` a
    /// connection, TLS, protocol or time-out failure (the password never in it).
    public func send(_ message: MailMessage) async -> DeliveryRetryPolicy.Answer {
        let client = SMTPClient(url: settings.url, tls: settings.tls, timeout: timeout)
        do {
            let reply = try await client.send(message)
            return .reply(reply.code, reply.line)
        } catch .refused(let reply) {
            return .reply(reply.code, reply.line)
        } catch {
            return .unreachable("\(error) (\(settings.url.host):\(settings.url.port))")
        }
    }

    /// The message of `delivery`, from the content its first attempt kept: `Message-ID` from the
    /// delivery's id and `Date` from its queuing, so every attempt sends the same bytes.
    public func message(of delivery: ClaimedDelivery, body: String) -> MailMessage? {
        guard let content = MailContent(json: body) else { return nil }
        return MailMessage(
            id: delivery.id, date: delivery.createdAt, from: settings.from, to: delivery.recipients, content: content)
    }

    /// Sends `delivery`'s message.
    func send(_ delivery: ClaimedDelivery, body: String) async -> DeliveryRetryPolicy.Answer {
        guard let message = message(of: delivery, body: body) else {
            return .refused("the kept message is not an e-mail's content")
        }
        return await send(message)
    }
}
