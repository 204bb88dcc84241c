import Foundation

/// A throwaway certificate authority and a server certificate it signed for `127.0.0.1`, made
/// with the `openssl` command in a folder of their own, for tests that serve HTTPS.
struct TestCertificates {
    /// The authority's certificate: what a client passes as `--ca-file`.
    let authority: String
    /// The server's certificate (PEM).
    let certificate: String
    /// The server's private key (PEM).
    let key: String

    /// Makes a fresh authority named `name` and a server certificate for 127.0.0.1 and localhost.
    init(in folder: URL, name: String) throws {
        let directory = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        authority = directory.appendingPathComponent("ca.pem").path
        certificate = directory.appendingPathComponent("server.pem").path
        key = directory.appendingPathComponent("server.key").path
        let authorityKey = directory.appendingPathComponent("ca.key").path
        let request = directory.appendingPathComponent("server.csr").path
        let extensions = directory.appendingPathComponent("server.ext").path
        try """
        subjectAltName=IP:127.0.0.1,DNS:localhost
        basicConstraints=CA:FALSE
        keyUsage=digitalSignature
        extendedKeyUsage=serverAuth
        """.write(toFile: extensions, atomically: true, encoding: .utf8)
        let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
        try Self.openssl(
            ["req", "-x509"] + curve + [
                "-keyout", authorityKey, "-out", authority, "-days", "2", "-subj", "/CN=Opsline test CA \(name)",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ])
        try Self.openssl(["req"] + curve + ["-keyout", key, "-out", request, "-subj", "/CN=127.0.0.1"])
        try Self.openssl([
            "x509", "-req", "-in", request, "-CA", authority, "-CAkey", authorityKey, "-CAcreateserial",
            "-out", certificate, "-days", "2", "-extfile", extensions,
        ])
    }

    /// Runs `openssl ARGUMENTS…`; throws with its output when it fails.
    @discardableResult
    static func openssl(_ arguments: [String], input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CertificateFailure(description: "openssl \(arguments.joined(separator: " ")) failed:\n\(text)")
        }
        return text
    }

    struct CertificateFailure: Error, CustomStringConvertible {
        let description: String
    }
}
