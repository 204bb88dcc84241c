import HummingbirdCore
import Logging
import NIOCore
import NIOSSL

/// Serves `base` (the HTTP/1 channel with its deadline and error-line handlers) over TLS, with the
/// certificate current when each connection opens (``TLSCertificates``).
///
/// HummingbirdTLS's `TLSChannel` fixes its `NIOSSLContext` when the server is built; this one
/// reads it per connection, so that `SIGHUP` can swap the certificate without a restart.
struct ReloadingTLSChannel<Base: HTTPChannelHandler>: HTTPChannelHandler {
    typealias Value = Base.Value
    let base: Base
    let certificates: TLSCertificates

    var responder: HTTPChannelHandler.Responder { base.responder }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: certificates.current))
        }.flatMap {
            base.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
