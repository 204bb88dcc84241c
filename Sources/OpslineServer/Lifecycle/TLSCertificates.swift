import Foundation
import NIOConcurrencyHelpers
import NIOSSL

/// The server's certificate chain and private key (`--tls-cert`, `--tls-key`, PEM), read again
/// on `SIGHUP` (``TLSReloader``).
///
/// Each new connection takes the context current when it opens; a connection keeps the context
/// it began with, so a reload never disturbs an open one. A reload that fails (a missing file,
/// a bad PEM, a key that does not match the certificate) keeps the old context.
public final class TLSCertificates: Sendable {
    /// The certificate chain's file.
    public let certificatePath: String
    /// The private key's file.
    public let keyPath: String
    private let context: NIOLockedValueBox<NIOSSLContext>

    /// Reads both files; throws ``TLSFileError`` when they cannot be used.
    public init(certificatePath: String, keyPath: String) throws(TLSFileError) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.context = NIOLockedValueBox(try Self.load(certificatePath: certificatePath, keyPath: keyPath))
    }

    /// The context new connections are served with.
    var current: NIOSSLContext { context.withLockedValue { $0 } }

    /// Reads the files again; on success new connections get the new certificate, on failure
    /// (thrown) the old one stays.
    public func reload() throws(TLSFileError) {
        let fresh = try Self.load(certificatePath: certificatePath, keyPath: keyPath)
        context.withLockedValue { $0 = fresh }
    }

    private static func load(certificatePath: String, keyPath: String) throws(TLSFileError) -> NIOSSLContext {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMBytes(
                Array(try Data(contentsOf: URL(fileURLWithPath: certificatePath))))
        } catch {
            throw TLSFileError(path: certificatePath, reason: "not a readable PEM certificate (\(error))")
        }
        guard !chain.isEmpty else { throw TLSFileError(path: certificatePath, reason: "holds no PEM certificate") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: keyPath))), format: .pem)
        } catch {
            throw TLSFileError(path: keyPath, reason: "not a readable PEM private key (\(error))")
        }
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            // BoringSSL refuses a key that does not belong to the certificate here.
            throw TLSFileError(path: keyPath, reason: "does not fit the certificate in \(certificatePath) (\(error))")
        }
    }
}

/// A certificate or key file that cannot be served with.
public struct TLSFileError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public let path: String
    /// What is wrong with it.
    public let reason: String

    /// `path: reason`.
    public var description: String { "\(path): \(reason)" }
}
