import AsyncHTTPClient
import Foundation
import NIOSSL
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// `opsline serve --tls-cert --tls-key` as people run it, and the CLI checking the certificate.
@Suite struct TLSServeTests {
    static let secret = "tls-admin-secret"

    /// Runs `body` with an HTTP client that trusts `authority` only, and shuts it down.
    static func withClient<Value>(
        trusting authority: String, _ body: (HTTPClient) async throws -> Value
    ) async throws -> Value {
        var configuration = HTTPClient.Configuration()
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .file(authority)
        configuration.tlsConfiguration = tls
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let value = try await body(client)
            try await client.shutdown()
            return value
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    @Test func theCLITrustsTheCAItIsGivenAndSIGHUPSwapsTheCertificate() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opsline-tls-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try TestCertificates(in: folder, name: "first")
        let second = try TestCertificates(in: folder, name: "second")
        // The files the server is told about; a renewal overwrites them.
        let certificate = folder.appendingPathComponent("live.pem").path
        let key = folder.appendingPathComponent("live.key").path
        try FileManager.default.copyItem(atPath: first.certificate, toPath: certificate)
        try FileManager.default.copyItem(atPath: first.key, toPath: key)
        let databaseURL = try await TestCluster.shared.makeDatabase()
        let server = try await Self.withClient(trusting: first.authority) { probe in
            let server = try ServerReplica(
                name: "tls", database: .url(databaseURL),
                workflows: LiveServer.repositoryRoot.appendingPathComponent("workflows"), adminSecret: Self.secret,
                arguments: ["--tls-cert", certificate, "--tls-key", key], scheme: "https", probeClient: probe)
            try await server.waitUntilReady()
            return server
        }
        #expect(server.baseURL.hasPrefix("https://"))
        #expect(!server.log.contains("without TLS"), "no warning on loopback, and none with TLS")

        let cli = try CLIProcess(serverURL: server.baseURL, token: Self.secret)
        let trusted = try await cli.run("whoami", "--ca-file", first.authority)
        #expect(trusted.status == 0, "\(trusted)")
        let fromEnvironment = try await cli.with(environment: ["OPSLINE_CA_FILE": first.authority]).run("whoami")
        #expect(fromEnvironment.status == 0, "\(fromEnvironment)")
        // Without the authority: refused, and the message says what to do.
        let untrusted = try await cli.run("whoami")
        #expect(untrusted.status == 7, "\(untrusted)")
        #expect(untrusted.stderr.contains("not trusted"), "\(untrusted)")
        #expect(untrusted.stderr.contains("--ca-file"), "\(untrusted)")

        // A renewed certificate on disk, and SIGHUP: the next connection gets it.
        try Self.replace(certificate, with: second.certificate)
        try Self.replace(key, with: second.key)
        server.signal(SIGHUP)
        try await server.waitForLog("reloaded the TLS certificate")
        let renewed = try await cli.run("whoami", "--ca-file", second.authority)
        #expect(renewed.status == 0, "\(renewed)")
        let old = try await cli.run("whoami", "--ca-file", first.authority)
        #expect(old.status == 7, "the old authority no longer vouches for the server: \(old)")

        // A broken file on reload: logged, and the certificate in use stays.
        try "not a certificate".write(toFile: certificate, atomically: true, encoding: .utf8)
        server.signal(SIGHUP)
        try await server.waitForLog("kept the previous TLS certificate")
        let kept = try await cli.run("whoami", "--ca-file", second.authority)
        #expect(kept.status == 0, "\(kept)")
        #expect(server.isRunning)

        // The HTTP/1 handlers work behind TLS: a request line that does not parse gets a 400
        // with an error line.
        let port = String(server.baseURL.split(separator: ":").last!)
        let garbled = try TestCertificates.openssl(
            ["s_client", "-connect", "127.0.0.1:\(port)", "-CAfile", second.authority, "-quiet", "-ign_eof"],
            input: "NOT HTTP AT ALL\r\n\r\n")
        #expect(garbled.contains("400"), "\(garbled)")
        #expect(garbled.contains(#""error""#), "\(garbled)")

        try await server.terminate()
        #expect(server.ending == "exit 0", "\(server)")
    }

    @Test func sessionCookiesAreSecureOverTLS() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opsline-tls-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let authority = try TestCertificates(in: folder, name: "cookies")
        let databaseURL = try await TestCluster.shared.makeDatabase()
        try await Self.withClient(trusting: authority.authority) { probe in
            let server = try ServerReplica(
                name: "tls-cookies", database: .url(databaseURL),
                workflows: LiveServer.repositoryRoot.appendingPathComponent("workflows"), adminSecret: Self.secret,
                arguments: ["--tls-cert", authority.certificate, "--tls-key", authority.key], scheme: "https",
                probeClient: probe)
            try await server.waitUntilReady()
            // The sign-in form sets its CSRF cookie: Secure, though no proxy said https.
            let response = try await probe.execute(
                HTTPClientRequest(url: "\(server.baseURL)/ui/login"), timeout: .seconds(60))
            let cookies = response.headers["Set-Cookie"]
            #expect(!cookies.isEmpty)
            #expect(cookies.allSatisfy { $0.contains("Secure") }, "\(cookies)")
            try await server.terminate()
        }
    }

    @Test func listeningBeyondLoopbackWithoutTLSWarnsAndHalfATLSPairIsRefused() async throws {
        let server = try ServerReplica(
            name: "no-tls", database: .url(try await TestCluster.shared.makeDatabase()),
            workflows: LiveServer.repositoryRoot.appendingPathComponent("workflows"), adminSecret: Self.secret,
            arguments: ["--listen", "0.0.0.0:\(try FreePort.pick())"])
        try await server.waitForLog("without TLS")
        server.kill()

        let cli = try CLIProcess()
        let half = try await cli.run(
            "serve", "--workflows", LiveServer.repositoryRoot.appendingPathComponent("workflows").path,
            "--tls-cert", "/nonexistent/cert.pem")
        #expect(half.status == 1, "\(half)")
        #expect(half.stderr.contains("--tls-cert and --tls-key go together"), "\(half)")

        // A key that is not the certificate's: refused at start, naming the file.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opsline-tls-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (first, second) = (try TestCertificates(in: folder, name: "a"), try TestCertificates(in: folder, name: "b"))
        let mismatched = try await cli.run(
            "serve", "--workflows", LiveServer.repositoryRoot.appendingPathComponent("workflows").path,
            "--tls-cert", first.certificate, "--tls-key", second.key)
        #expect(mismatched.status == 1, "\(mismatched)")
        #expect(mismatched.stderr.contains("\(second.key): does not fit the certificate"), "\(mismatched)")
    }

    @Test func sighupWithoutTLSIsLoggedAndTheServerGoesOn() async throws {
        let server = try ServerReplica(
            name: "hangup", database: .url(try await TestCluster.shared.makeDatabase()),
            workflows: LiveServer.repositoryRoot.appendingPathComponent("workflows"), adminSecret: Self.secret)
        try await server.waitUntilReady()
        server.signal(SIGHUP)
        try await server.waitForLog("nothing to reload")
        #expect(server.isRunning, "\(server)")
        try await server.waitUntilReady()
        try await server.terminate()
        #expect(server.ending == "exit 0", "\(server)")
    }

    /// Overwrites `path` with the contents of `source`, as a renewal would.
    static func replace(_ path: String, with source: String) throws {
        try Data(contentsOf: URL(fileURLWithPath: source)).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
