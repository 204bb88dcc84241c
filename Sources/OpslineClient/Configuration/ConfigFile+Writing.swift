import Foundation
import Workflow

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ConfigFile {
    /// The file's YAML: `server:` and `token:` lines, values double-quoted, unset keys left out.
    public var text: String {
        var lines = ["# Written by `opsline login`. Holds a bearer token: keep it private (mode 0600)."]
        if let server { lines.append("server: " + JSONValue.string(server).compactText) }
        if let token { lines.append("token: " + JSONValue.string(token).compactText) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes ``text`` to `path`, replacing the file there.
    ///
    /// Missing folders are created with mode 0700. The file is written to a temporary file of mode
    /// 0600 in the same folder and renamed into place, so the token is never readable by others,
    /// not even for a moment, and a crash leaves the old file or the new one, never half of one.
    /// - Parameter path: Where to write, usually ``path(environment:)``.
    /// - Throws: ``ConfigurationError`` naming the path when the file cannot be written.
    public func write(to path: String) throws(ConfigurationError) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw ConfigurationError("cannot create \(folder): \(error.localizedDescription)")
        }
        let temporary = folder + "/.config.yaml.\(getpid()).tmp"
        unlink(temporary)  // a leftover of a crashed run would keep its own mode
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw Self.failure(writing: path, errno) }
        var failure: Int32? = writeAll(Array(text.utf8), to: descriptor) ? nil : errno
        if failure == nil, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = errno }
        if let failure {
            unlink(temporary)
            throw Self.failure(writing: path, failure)
        }
    }

    private static func failure(writing path: String, _ code: Int32) -> ConfigurationError {
        ConfigurationError("cannot write \(path): \(String(cString: strerror(code)))")
    }
}

/// Writes every byte to `descriptor`, resuming after short writes and interruptions.
private func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
    var offset = 0
    while offset < bytes.count {
        let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if count < 0, errno == EINTR { continue }
        guard count > 0 else { return false }
        offset += count
    }
    return true
}
