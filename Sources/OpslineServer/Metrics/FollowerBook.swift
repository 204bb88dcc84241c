import Synchronization

/// The followed event streams open in this process, and how far each has read: the count and
/// lag gauges of `/metrics`.
///
/// A follower notes, after each read of the log to its end, the position it reached and the
/// event signal's generation it read before (every commit signalled up to then is read). A
/// follower whose generation is the signal's current one is caught up (lag 0); one behind has
/// commits to read, and its lag is the log head less its position, in events. For a follower
/// with a filter that bound is loose: it counts the events the filter skips, too.
final class FollowerBook: Sendable {
    private struct Entry {
        var position: Int64
        var generation: UInt64
    }

    private struct State {
        var entries: [UInt64: Entry] = [:]
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    /// A follower that starts at `position`, having read every commit of `generation`.
    func register(position: Int64, generation: UInt64) -> UInt64 {
        state.withLock { state in
            state.nextID &+= 1
            state.entries[state.nextID] = Entry(position: position, generation: generation)
            return state.nextID
        }
    }

    /// Follower `id` read the log to its end at `position`, every commit of `generation` included.
    func update(_ id: UInt64, position: Int64, generation: UInt64) {
        state.withLock { $0.entries[id] = Entry(position: position, generation: generation) }
    }

    /// Follower `id` stopped.
    func remove(_ id: UInt64) {
        _ = state.withLock { $0.entries.removeValue(forKey: id) }
    }

    /// How many follow, and the largest lag in events given the log head and the signal's
    /// current generation.
    func snapshot(logHead: Int64, generation: UInt64) -> (count: Int, maximumLag: Int64) {
        state.withLock { state in
            let lags = state.entries.values.map { entry in
                entry.generation >= generation ? 0 : max(0, logHead - entry.position)
            }
            return (state.entries.count, lags.max() ?? 0)
        }
    }
}
