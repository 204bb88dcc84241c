import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ends long-running work as soon as nobody reads standard output any more, even while the work
/// has nothing to print: `opsline watch | head -3` ends when `head` does, not at the next event.
///
/// A thread of its own waits in `poll(2)` on standard output, asking for no event: a pipe whose
/// reader has closed reports `POLLERR`, a terminal or socket that hung up `POLLHUP`. A file or
/// `/dev/null` reports neither, and the work runs as usual.
enum ReaderDeparture {
    /// Runs `body`, cancelling it when standard output's reader leaves.
    /// - Returns: What `body` returns.
    /// - Throws: ``OutputError/readerGone`` once the reader has left, whatever the cancelled
    ///   `body` threw; otherwise what `body` throws.
    static func ending<Value: Sendable>(
        _ body: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        let work = Task { try await body() }
        let watch = StandardOutputWatch { work.cancel() }
        defer { watch.stop() }
        do {
            return try await withTaskCancellationHandler {
                try await work.value
            } onCancel: {
                work.cancel()
            }
        } catch  where watch.readerLeft {
            throw OutputError.readerGone
        }
    }
}

/// The thread that waits for standard output's reader to leave, until it is stopped.
private final class StandardOutputWatch: Sendable {
    /// The write end of the pipe that stops the thread: closing it wakes the `poll`.
    private let stopper: Mutex<Int32?>
    private let left = Mutex(false)

    /// Starts watching; `onDeparture` runs on the watching thread when the reader leaves.
    init(onDeparture: @escaping @Sendable () -> Void) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            // No descriptors to spare: the work still ends at its next write.
            stopper = Mutex(nil)
            return
        }
        stopper = Mutex(ends[1])
        let wake = ends[0]
        Thread.detachNewThread { [self] in
            if Self.waitForDeparture(stoppedBy: wake) {
                left.withLock { $0 = true }
                onDeparture()
            }
            close(wake)
        }
    }

    /// Whether the reader has left.
    var readerLeft: Bool {
        left.withLock { $0 }
    }

    /// Stops the thread; calling it again does nothing.
    func stop() {
        stopper.withLock { descriptor in
            if let open = descriptor { close(open) }
            descriptor = nil
        }
    }

    /// Blocks until standard output reports an error or a hang-up (`true`) or `wake` is closed
    /// (`false`).
    private static func waitForDeparture(stoppedBy wake: Int32) -> Bool {
        var watched = [
            pollfd(fd: STDOUT_FILENO, events: 0, revents: 0),
            pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            for index in watched.indices { watched[index].revents = 0 }
            guard poll(&watched, nfds_t(watched.count), -1) >= 0 else {
                if errno == EINTR { continue }
                return false
            }
            if watched[1].revents != 0 { return false }
            let events = Int32(watched[0].revents)
            if events & (Int32(POLLERR) | Int32(POLLHUP)) != 0 { return true }
            // Standard output is not open at all: only wait to be stopped.
            if events & Int32(POLLNVAL) != 0 { watched[0].fd = -1 }
        }
    }
}
