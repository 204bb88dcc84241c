import NIOCore
import NIOSSL
import Synchronization

/// A command on its way to the relay with the promise of the relay's reply; no command waits for
/// a reply the relay sends unasked (none does, but the greeting, which the handler awaits from
/// the start).
struct SMTPExchange: Sendable {
    let command: ByteBuffer
    let reply: EventLoopPromise<SMTPReply>
}

/// The first failure of a connection, for those outside its event loop: a command written after
/// the connection closed learns why it closed.
final class SMTPFailure: Sendable {
    private let first = Mutex<SMTPError?>(nil)

    /// The failure, if there was one.
    var error: SMTPError? { first.withLock { $0 } }

    func record(_ error: SMTPError) {
        first.withLock { $0 = $0 ?? error }
    }
}

/// Pairs each command with its reply, in order, on the connection's event loop. A reply nobody
/// asked for — bytes left after the last awaited reply — breaks the protocol: it is how a man in
/// the middle would slip a reply in before STARTTLS takes effect, so the connection is closed.
/// Any failure fails every waiting reply and every later command.
final class SMTPReplyHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = SMTPExchange
    typealias OutboundOut = ByteBuffer

    private var buffer = ByteBuffer()
    private var parser = SMTPReplyParser()
    private var waiting = CircularBuffer<EventLoopPromise<SMTPReply>>()
    private var failure: SMTPError?
    private let shared: SMTPFailure

    /// A handler that awaits the relay's greeting with `greeting`, and records its failure in
    /// `shared`.
    init(greeting: EventLoopPromise<SMTPReply>, failure shared: SMTPFailure) {
        waiting.append(greeting)
        self.shared = shared
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        guard failure == nil else { return }
        buffer.writeBuffer(&bytes)
        do {
            while let reply = try parser.next(&buffer) {
                guard let promise = waiting.popFirst() else {
                    throw SMTPError.protocolViolation("it answered out of turn")
                }
                promise.succeed(reply)
            }
            if waiting.isEmpty && buffer.readableBytes > 0 {
                throw SMTPError.protocolViolation("it sent more than the reply asked for")
            }
            buffer.discardReadBytes()
        } catch {
            fail(error, context: context)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = unwrapOutboundIn(data)
        if let failure {
            exchange.reply.fail(failure)
            promise?.fail(failure)
            return
        }
        waiting.append(exchange.reply)
        context.write(wrapOutboundOut(exchange.command), promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(SMTPError.connection("the relay closed the connection"), context: context)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error, context: context)
    }

    /// Fails what waits and what comes, with the first failure, and closes the connection.
    private func fail(_ error: any Error, context: ChannelHandlerContext) {
        guard failure == nil else { return }
        let failure = Self.smtpError(error)
        self.failure = failure
        shared.record(failure)
        while let promise = waiting.popFirst() { promise.fail(failure) }
        context.close(promise: nil)
    }

    private static func smtpError(_ error: any Error) -> SMTPError {
        switch error {
        case let error as SMTPError: error
        case let error as NIOSSLError: .connection("TLS failed (\(String(describing: error).prefix(200)))")
        case let error as BoringSSLError: .connection("TLS failed (\(String(describing: error).prefix(200)))")
        case let error as NIOSSLExtraError: .connection("TLS failed (\(String(describing: error).prefix(200)))")
        default: .connection("the connection failed (\(String(describing: error).prefix(200)))")
        }
    }
}
