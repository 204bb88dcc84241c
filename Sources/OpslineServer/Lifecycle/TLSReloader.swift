import Logging
import ServiceLifecycle
import UnixSignals

/// Reads the certificate and key again on each `SIGHUP` (``TLSCertificates/reload()``): a
/// certificate renewed on disk is served to new connections without a restart. A file that
/// cannot be used is logged and the old certificate kept. Without TLS, `SIGHUP` is only logged:
/// a `systemctl reload` must not stop a server (`SIGHUP`'s default is to end the process).
struct TLSReloader: Service {
    let certificates: TLSCertificates?
    /// `SIGHUP`, trapped from the reloader's creation on, before the server listens.
    let hangups: UnixSignalsSequence
    let logger: Logger

    /// Traps `SIGHUP` now: a reload sent as soon as the server answers is not the end of it.
    init(certificates: TLSCertificates?, logger: Logger) async {
        self.certificates = certificates
        self.hangups = await UnixSignalsSequence(trapping: .sighup)
        self.logger = logger
    }

    func run() async throws {
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
