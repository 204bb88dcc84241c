import Foundation
import Logging
import Synchronization

/// Where the servers that tests run log: a file, `tests-PID.log` in ``folder``, rather than the
/// test output, where a test that provokes an outage on purpose would print warnings and errors
/// into a passing run.
public enum TestLogging {
    /// Where every server of a test run logs (this process's, and the `opsline serve` processes
    /// tests start): `OPSLINE_TEST_LOG_DIR` when set (deploy/test.sh sets it, then checks the
    /// folder for secrets with Tests/logs/check-secrets.sh), else `.build/test-logs`.
    public static let folder: URL = {
        let folder =
            ProcessInfo.processInfo.environment["OPSLINE_TEST_LOG_DIR"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/test-logs")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()

    /// Whether the logs are kept for a check after the run (`OPSLINE_TEST_LOG_DIR` is set).
    public static var keepsLogs: Bool { ProcessInfo.processInfo.environment["OPSLINE_TEST_LOG_DIR"] != nil }

    /// The file this process logs to.
    public static let file: URL = folder.appendingPathComponent("tests-\(getpid()).log")

    private static let bootstrapped: Bool = {
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let sink = FileLogSink(handle: FileHandle(forWritingAtPath: file.path) ?? .standardError)
        LoggingSystem.bootstrap { label in FileLogHandler(label: label, sink: sink) }
        return true
    }()

    /// Sends every logger made from now on to ``file``; later calls do nothing.
    public static func bootstrap() {
        _ = bootstrapped
    }
}

/// One file that log lines are appended to, a line at a time.
final class FileLogSink: Sendable {
    private let handle: Mutex<FileHandle>

    init(handle: FileHandle) {
        self.handle = Mutex(handle)
    }

    func write(_ line: String) {
        handle.withLock { $0.write(Data(line.utf8)) }
    }
}

/// Writes `time level label: message metadata` lines to a ``FileLogSink``.
struct FileLogHandler: LogHandler {
    let label: String
    let sink: FileLogSink
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let details =
            all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0)=\($1)" }.joined(separator: " ")
        sink.write("\(Date()) \(event.level) \(label): \(event.message)\(details)\n")
    }
}
