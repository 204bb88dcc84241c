import NIOCore
import NIOPosix
import Synchronization

/// An SMTP relay on 127.0.0.1 that answers from a script, for the conversations aiosmtpd will not
/// have: one that does not know EHLO, one that slips a reply in after its `220` to STARTTLS.
/// It greets with `greeting`, then answers each command line with the reply of its verb (`EHLO`,
/// `MAIL`, `.` for the end of the data); other lines (the message) get no answer.
final class ScriptedRelay: Sendable {
    let port: Int
    private let log: Log

    /// The command lines received so far.
    var received: [String] { log.lines.withLock { $0 } }

    private init(port: Int, log: Log) {
        self.port = port
        self.log = log
    }

    static func with<Value: Sendable>(
        greeting: String, replies: [String: String], _ body: @Sendable (ScriptedRelay) async throws -> Value
    ) async throws -> Value {
        let log = Log()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(
                        Handler(greeting: greeting, replies: replies, log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let relay = ScriptedRelay(port: channel.localAddress?.port ?? 0, log: log)
        defer { channel.close(promise: nil) }
        return try await body(relay)
    }

    final class Log: Sendable {
        let lines = Mutex<[String]>([])
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let greeting: String
        let replies: [String: String]
        let log: Log
        var buffer = ByteBuffer()

        init(greeting: String, replies: [String: String], log: Log) {
            self.greeting = greeting
            self.replies = replies
            self.log = log
        }

        func channelActive(context: ChannelHandlerContext) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: greeting)), promise: nil)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var bytes = unwrapInboundIn(data)
            buffer.writeBuffer(&bytes)
            while let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                let line =
                    buffer.readString(length: newline - buffer.readerIndex + 1)?
                    .trimmingCharacters(in: .newlines) ?? ""
                let verb = line == "." ? "." : String(line.prefix { $0 != " " && $0 != ":" }).uppercased()
                guard let reply = replies[verb], line == "." || line.uppercased().hasPrefix(verb) else { continue }
                log.lines.withLock { $0.append(line) }
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: reply)), promise: nil)
            }
            buffer.discardReadBytes()
        }
    }
}
