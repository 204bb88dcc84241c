import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// write(2), out of reach of `LogOutput.write(_:)`'s own name.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
    #else
        Darwin.write(descriptor, bytes, count)
    #endif
}

/// A `LogHandler` that writes each entry as one line (``LogLine``), JSON or text, to a
/// ``LogOutput``: what `opsline serve` logs with (`--log-format`, `--log-level`).
public struct LineLogHandler: LogHandler {
    /// The logger's label, written in every line.
    public let label: String
    /// How lines are written.
    public let format: LogFormat
    private let output: LogOutput
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    /// A handler for `label` writing lines in `format` from `level` up to `output`.
    public init(
        label: String, format: LogFormat, level: Logger.Level, output: LogOutput = .standardError,
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        self.label = label
        self.format = format
        self.logLevel = level
        self.output = output
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty { all.merge(provided) { $1 } }
        if let own = event.metadata, !own.isEmpty { all.merge(own) { $1 } }
        if let error = event.error { all["error"] = .string(String(describing: error)) }
        let line = LogLine(
            timestamp: Date(), level: event.level, label: label, message: event.message.description, metadata: all,
            source: event.source)
        output.write(line.rendered(format))
    }
}

/// Where log lines go: a file descriptor written a whole line at a time under a lock, so lines of
/// concurrent requests never interleave.
public final class LogOutput: Sendable {
    private let descriptor: Mutex<Int32>

    /// Lines to the file descriptor `descriptor` (never closed).
    public init(descriptor: Int32) {
        self.descriptor = Mutex(descriptor)
    }

    /// The process's standard error.
    public static let standardError = LogOutput(descriptor: 2)

    func write(_ line: String) {
        var line = line
        line.withUTF8 { bytes in
            descriptor.withLock { descriptor in
                var offset = 0
                while offset < bytes.count {
                    let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return
                    }
                    offset += written
                }
            }
        }
    }
}
