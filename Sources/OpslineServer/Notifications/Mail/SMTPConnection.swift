import NIOCore
import NIOPosix
import NIOSSL

/// One connection to an SMTP relay: commands out, replies in, in turn; TLS from the start
/// (`smtps`) or after STARTTLS; a deadline for the whole attempt, after which every waiting reply
/// fails with ``SMTPError/timedOut`` and the connection closes.
struct SMTPConnection: Sendable {
    let channel: any Channel
    private let deadline: Scheduled<Void>
    /// Why the connection failed, once it has.
    private let failure: SMTPFailure

    /// Connects to `url`'s relay and reads its greeting, all before `timeout` has passed.
    static func open(
        _ url: SMTPURL, tls: NIOSSLContext, timeout: Duration
    ) async throws(SMTPError) -> (SMTPConnection, greeting: SMTPReply) {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let greeting = loop.makePromise(of: SMTPReply.self)
        let time = TimeAmount.nanoseconds(
            timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
        let ends = NIODeadline.now() + time
        let implicitTLS = url.security == .implicitTLS
        let serverName = Self.serverName(url.host)
        let failure = SMTPFailure()
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: loop)
                .connectTimeout(time)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if implicitTLS {
                            try channel.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: tls, serverHostname: serverName))
                        }
                        try channel.pipeline.syncOperations.addHandler(
                            SMTPReplyHandler(greeting: greeting, failure: failure))
                    }
                }
                .connect(host: url.host, port: url.port).get()
        } catch {
            let failure = Self.connectionError(error, url)
            greeting.fail(failure)
            throw failure
        }
        let deadline = channel.eventLoop.scheduleTask(deadline: ends) {
            channel.pipeline.fireErrorCaught(SMTPError.timedOut)
        }
        let connection = SMTPConnection(channel: channel, deadline: deadline, failure: failure)
        do {
            return (connection, try await greeting.futureResult.get())
        } catch {
            await connection.close()
            throw error as? SMTPError ?? .connection("\(error)")
        }
    }

    /// Sends `command` and a CRLF, and returns the reply.
    func send(_ command: String) async throws(SMTPError) -> SMTPReply {
        try await send(bytes: ByteBuffer(string: command + "\r\n"))
    }

    /// Sends `bytes` as they are, and returns the reply.
    func send(bytes: ByteBuffer) async throws(SMTPError) -> SMTPReply {
        let reply = channel.eventLoop.makePromise(of: SMTPReply.self)
        let written = channel.eventLoop.makePromise(of: Void.self)
        // A write that never reaches the handler (the connection closed) fails the reply here.
        written.futureResult.whenFailure { [failure] error in
            reply.fail(error as? SMTPError ?? failure.error ?? .connection("the relay closed the connection"))
        }
        channel.writeAndFlush(SMTPExchange(command: bytes, reply: reply), promise: written)
        do {
            return try await reply.futureResult.get()
        } catch {
            throw error as? SMTPError ?? .connection("\(error)")
        }
    }

    /// Puts TLS under the connection, after the relay's `220` to `STARTTLS`: the next command
    /// goes out once the handshake has verified the relay's certificate.
    func startTLS(_ tls: NIOSSLContext, host: String) async throws(SMTPError) {
        let serverName = Self.serverName(host)
        do {
            try await channel.eventLoop.submit { [channel] in
                try channel.pipeline.syncOperations.addHandler(
                    NIOSSLClientHandler(context: tls, serverHostname: serverName), position: .first)
            }.get()
        } catch {
            // The connection closed first (a reply slipped in after the go-ahead): say why.
            throw failure.error ?? .connection("TLS failed (\(String(describing: error).prefix(200)))")
        }
    }

    /// Closes the connection, if it is not closed.
    func close() async {
        deadline.cancel()
        try? await channel.close()
    }

    /// The name to check the certificate against and send as SNI; `nil` for an IP address, whose
    /// certificate is checked against the address itself.
    private static func serverName(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    private static func connectionError(_ error: any Error, _ url: SMTPURL) -> SMTPError {
        if let error = error as? ChannelError, case .connectTimeout = error { return .timedOut }
        return .connection("could not connect to \(url.host):\(url.port) (\(String(describing: error).prefix(160)))")
    }
}
