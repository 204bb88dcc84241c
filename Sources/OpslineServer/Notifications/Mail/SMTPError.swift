/// Why an SMTP attempt ended without the relay's answer to the message. None of them holds the
/// password.
enum SMTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The relay answered something that is not SMTP, or out of turn.
    case protocolViolation(String)
    /// The URL requires STARTTLS and the relay does not offer it.
    case startTLSNotOffered
    /// The URL has a user and password and the relay offers no mechanism to use them with.
    case noAuthMechanism(offered: [String])
    /// The URL has a user and password and the connection is not encrypted: they are not sent.
    case credentialsInTheClear
    /// A step the relay refused (a reply that is not 2xx or 3xx where one was due): its reply
    /// decides what becomes of the delivery.
    case refused(SMTPReply)
    /// The connection could not be made, or closed, or TLS failed.
    case connection(String)
    /// The attempt took longer than its time-out.
    case timedOut

    var description: String {
        switch self {
        case .protocolViolation(let problem): "the relay broke the SMTP protocol: \(problem)"
        case .startTLSNotOffered: "the relay does not offer STARTTLS, which the SMTP URL requires"
        case .noAuthMechanism(let offered):
            "the relay offers no AUTH mechanism Opsline speaks (PLAIN, LOGIN)"
                + (offered.isEmpty ? "" : "; it offers \(offered.joined(separator: " "))")
        case .credentialsInTheClear:
            "the relay does not offer STARTTLS: Opsline does not send the SMTP password in the clear"
        case .refused(let reply): "the relay answered \(reply.line)"
        case .connection(let problem): problem
        case .timedOut: "no answer within the time-out"
        }
    }
}
