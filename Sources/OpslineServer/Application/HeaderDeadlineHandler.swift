import NIOCore
import NIOHTTPTypes

/// Closes a connection that does not deliver a complete request head in time, so a slowloris
/// client — one that drips a header byte now and then — cannot hold a connection, and thousands
/// of them cannot exhaust the server's file descriptors.
///
/// The deadline counts from when the connection opened and, on a keep-alive connection, from
/// when the previous response was written out: it is also the limit on how long an idle
/// keep-alive connection is kept (nginx's `client_header_timeout` and `keepalive_timeout` in
/// one). While a request is being processed or its response written — a followed event stream
/// may be written for hours — no deadline applies. Bytes arriving do not push the deadline back;
/// only a whole head does.
///
/// It sits after HTTP decoding (`HTTP1Channel.Configuration.additionalChannelHandlers`), where a
/// head is one `HTTPRequestPart.head`, only once the decoder has read all of it.
final class HeaderDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// How long a connection has to deliver the next request head.
    private let timeout: TimeAmount
    /// Requests whose head has arrived but whose response has not been written out yet; more
    /// than one when a client pipelines.
    private var requestsInProgress = 0
    /// The pending close, while the connection waits for a head.
    private var deadline: Scheduled<Void>?
    /// False once the handler left the pipeline: a response finishing later arms nothing.
    private var isInPipeline = true

    /// - Parameter timeout: How long a connection has to deliver the next request head.
    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { armDeadline(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        isInPipeline = false
        cancelDeadline()
    }

    func channelActive(context: ChannelHandlerContext) {
        armDeadline(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelDeadline()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) {
            requestsInProgress += 1
            cancelDeadline()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        requestsInProgress = max(requestsInProgress - 1, 0)
        // The wait for the next head starts once the response has left, not when the last part
        // was queued behind a slow reader.
        let written = promise ?? context.eventLoop.makePromise(of: Void.self)
        written.futureResult.assumeIsolated().whenSuccess { [self] in
            if requestsInProgress == 0, isInPipeline, context.channel.isActive { armDeadline(context: context) }
        }
        context.write(data, promise: written)
    }

    /// Schedules the close, replacing any pending one.
    private func armDeadline(context: ChannelHandlerContext) {
        cancelDeadline()
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            deadline = nil
            guard requestsInProgress == 0 else { return }
            context.close(promise: nil)
        }
    }

    /// Cancels the pending close, if any.
    private func cancelDeadline() {
        deadline?.cancel()
        deadline = nil
    }
}

@available(*, unavailable)
extension HeaderDeadlineHandler: Sendable {}
