import Logging
import ServiceLifecycle
import UnixSignals

/// Reads the certificate and key again on each `SIGHUP` (``TLSCertificates/reload()``): a
/// certificate renewed on disk is served to new connections without a restart. A file that
/// cannot be used is logged and the old certificate kept. Without TLS, `SIGHUP` is only logged:
/// a `systemctl reload` must not stop a server (`SIGHUP`'s default is to end the process).
struct TLSReloader: Service {
    let certificates: TLSCertificates?
    let logger: Logger

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            guard let certificates else {
                logger.info("SIGHUP: nothing to reload (no --tls-cert)")
                continue
            }
            do {
                try certificates.reload()
                logger.info(
                    "reloaded the TLS certificate", metadata: ["certificate": "\(certificates.certificatePath)"])
            } catch {
                logger.error("kept the previous TLS certificate: \(error)")
            }
        }
    }
}
